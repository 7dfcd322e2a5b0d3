"""The kernels from the slides, as NumPy arrays.

Kernels are written the way a CNN applies them (correlation, no flip):
``out[i, j] = sum_{u,v} image[i+u, j+v] * kernel[u, v]``.
"""

from __future__ import annotations

import numpy as np

from .validate import as_number

IDENTITY = np.array([[0, 0, 0], [0, 1, 0], [0, 0, 0]], dtype=float)

# "Vertical edge detection": h_x on the slides.  The response at a pixel is
# (right neighbour - pixel): large where brightness jumps from left to right.
VERTICAL_EDGE = np.array([[0, 0, 0], [0, -1, 1], [0, 0, 0]], dtype=float)

# The same idea turned by 90 degrees: (pixel below - pixel), h_y.
HORIZONTAL_EDGE = VERTICAL_EDGE.T.copy()

# Edge detector (a Laplacian-like kernel): 8 x centre - the 8 neighbours.
EDGE_DETECTOR = np.array([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]], dtype=float)

# Sharpening: centre 9.  It equals IDENTITY + EDGE_DETECTOR.
SHARPEN = np.array([[-1, -1, -1], [-1, 9, -1], [-1, -1, -1]], dtype=float)

# The slides' 5x5 Gaussian, normalised by the sum of its weights (74) so the
# average brightness is kept.
GAUSSIAN_5X5_WEIGHTS = np.array(
    [[1, 2, 3, 2, 1], [2, 4, 5, 4, 2], [3, 5, 6, 5, 3], [2, 4, 5, 4, 2], [1, 2, 3, 2, 1]], dtype=float
)
GAUSSIAN_5X5 = GAUSSIAN_5X5_WEIGHTS / GAUSSIAN_5X5_WEIGHTS.sum()

# Box smoothing: the plain average of the 3x3 neighbourhood.
BOX_3X3 = np.full((3, 3), 1 / 9)

GALLERY = {
    "vertical edge (h_x)": VERTICAL_EDGE,
    "horizontal edge (h_y)": HORIZONTAL_EDGE,
    "edge detector": EDGE_DETECTOR,
    "sharpen": SHARPEN,
    "Gaussian 5x5 (/74)": GAUSSIAN_5X5,
    "box 3x3 (/9)": BOX_3X3,
    "identity": IDENTITY,
}

# What each kernel of the gallery does, in words (a figure's text alternative names it).
ROLES = {
    "vertical edge (h_x)": "finds vertical edges: the right neighbour minus the pixel",
    "horizontal edge (h_y)": "finds horizontal edges: the pixel below minus the pixel",
    "edge detector": "finds edges in every direction: 8 times the pixel minus its 8 neighbours",
    "sharpen": "sharpens: the pixel plus the edge detector",
    "Gaussian 5x5 (/74)": "blurs: a weighted average, heaviest at the centre",
    "box 3x3 (/9)": "blurs: the plain average of the 3 x 3 neighbourhood",
    "identity": "keeps the image as it is",
}
_SHORT_NAMES = {"h_x": "vertical edge (h_x)", "h_y": "horizontal edge (h_y)"}


def role(name: str, shape: tuple[int, int] | None = None) -> str | None:
    """What the gallery kernel called ``name`` does ("sharpen" -> "sharpens: ..."), or None
    (also when ``shape`` is given and is not that kernel's shape: another matrix of that name)."""
    if not isinstance(name, str):
        raise TypeError(f"name must be a kernel's name (a string), got {name!r}")
    name = _SHORT_NAMES.get(name.strip(), name.strip())
    if name not in ROLES or (shape is not None and tuple(shape) != GALLERY[name].shape):
        return None
    return ROLES[name]


def oriented_bank(size=7, n_orientations=4, sigma=1.5):
    """A small bank of oriented edge filters (derivative-of-Gaussian), one per angle.

    Filter k compares the two sides of a line at ``k * 180 / n_orientations``
    degrees (counter-clockwise from horizontal, as the picture looks): it
    responds to edges along that line.  Each filter is ``size x size``, its
    weights sum to 0 (a flat patch gives 0) and their absolute values to 1.

    Returns ``(filters (n_orientations, size, size), names)``; the names give
    the edge direction, e.g. ``"— 0°"``, ``"/ 45°"``, ``"| 90°"``, ``"\\ 135°"``.
    ``size`` is odd, 3 to 99; ``n_orientations`` 1 to 180; ``sigma`` (the
    Gaussian's width in pixels) 0.1 to 100.
    """
    if isinstance(size, bool) or not isinstance(size, int) or size % 2 != 1 or not 3 <= size <= 99:
        raise ValueError(f"size must be an odd integer >= 3 (and <= 99), got {size!r}")
    if isinstance(n_orientations, bool) or not isinstance(n_orientations, int) or not 1 <= n_orientations <= 180:
        raise ValueError(f"n_orientations must be an integer >= 1 (and <= 180), got {n_orientations!r}")
    # a much narrower Gaussian leaves only the centre weight, and the filter is all zeros
    sigma = as_number(sigma, "sigma", minimum=0.1, maximum=100)
    r = np.arange(size) - size // 2
    rows, cols = np.meshgrid(r, r, indexing="ij")
    up = -rows  # image rows grow downwards; "up" makes angles read as on paper
    symbols = {0: "—", 45: "/", 90: "|", 135: "\\"}
    filters, names = [], []
    for k in range(n_orientations):
        edge = np.pi * k / n_orientations  # direction of the edge line
        # signed distance from the edge line: one side positive, the other negative
        across = -cols * np.sin(edge) + up * np.cos(edge)
        f = across * np.exp(-(rows**2 + cols**2) / (2 * sigma**2))
        f -= f.mean()
        filters.append(f / np.abs(f).sum())
        degrees = round(np.degrees(edge))
        names.append(f"{symbols.get(degrees, '')} {degrees}°".strip())
    return np.stack(filters), names
