"""The kernels from the slides, as NumPy arrays.

Kernels are written the way a CNN applies them (correlation, no flip):
``out[i, j] = sum_{u,v} image[i+u, j+v] * kernel[u, v]``.
"""

from __future__ import annotations

import numpy as np

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


def oriented_bank(size=7, n_orientations=4, sigma=1.5):
    """A small bank of oriented edge filters (derivative-of-Gaussian), one per angle.

    Each filter is ``size x size``, responds to edges at angle
    ``k * 180 / n_orientations`` degrees (k = 0, ...), has weights summing
    to 0 (a flat patch gives 0) and unit L1 norm.  Returns
    ``(filters (n_orientations, size, size), angle names)``.
    """
    if size % 2 != 1 or size < 3:
        raise ValueError(f"size must be an odd integer >= 3, got {size!r}")
    r = np.arange(size) - size // 2
    yy, xx = np.meshgrid(r, r, indexing="ij")
    filters, names = [], []
    for k in range(n_orientations):
        theta = np.pi * k / n_orientations
        # coordinate across the edge direction
        across = xx * np.cos(theta) + yy * np.sin(theta)
        f = -across * np.exp(-(xx**2 + yy**2) / (2 * sigma**2))
        f -= f.mean()
        filters.append(f / np.abs(f).sum())
        names.append(f"{round(np.degrees(theta))}°")
    return np.stack(filters), names
