"""The toy convnet of the slides "A toy ConvNet: X's and O's", worked by hand.

Images are 9 x 9 grids of -1 (background) and +1 (stroke).  The hand-made
network is the slides' pipeline::

    image (9, 9)
      -> filtering with the three 3x3 FEATURES, divided by 9   -> 3 maps (7, 7)
      -> ReLU (negatives to 0)
      -> max pooling, 2 x 2 window, stride 2, partial edge windows -> 3 maps (4, 4)
      -> fully connected vote: each of the 48 values votes for X and for O

"Divided by 9" makes a perfect match score exactly 1 (nine products of
+1 * +1 or -1 * -1), so every value of a feature map is a fraction k/9.
"""

from __future__ import annotations

import numpy as np

from . import ops
from .validate import as_bool, as_int, as_number, as_numeric_array

SIZE = 9
CLASSES = ("X", "O")


def _draw(points) -> np.ndarray:
    image = -np.ones((SIZE, SIZE))
    for r, c in points:
        image[r, c] = 1
    return image


# X: the two diagonals, leaving a 1-pixel background border.
X = _draw([(i, i) for i in range(1, 8)] + [(i, 8 - i) for i in range(1, 8)])

# O: a ring of 16 pixels, 7 pixels across, with the same 1-pixel border.
O = _draw(
    [(1, 3), (1, 4), (1, 5), (7, 3), (7, 4), (7, 5)]  # top and bottom
    + [(3, 1), (4, 1), (5, 1), (3, 7), (4, 7), (5, 7)]  # left and right
    + [(2, 2), (2, 6), (6, 2), (6, 6)]  # the four rounded corners
)

# The three features of the slides, in order: diagonal ↘, the small x, diagonal ↙.
FEATURES = np.array(
    [
        [[1, -1, -1], [-1, 1, -1], [-1, -1, 1]],
        [[1, -1, 1], [-1, 1, -1], [1, -1, 1]],
        [[-1, -1, 1], [-1, 1, -1], [1, -1, -1]],
    ],
    dtype=float,
)
FEATURE_NAMES = ("diagonal ↘", "small x", "diagonal ↙")


def _as_image(image, name="image", shape=None) -> np.ndarray:
    image = as_numeric_array(image, name, ndim=2, shape_hint="(9, 9)").astype(float)
    if shape is not None and image.shape != shape:
        raise ValueError(f"{name} must be {shape[0]}x{shape[1]}, got shape {image.shape}")
    return image


def match(patch, feature) -> float:
    """The slides' "math behind the match": multiply pixel by pixel, add, divide by 9.

    ``patch`` and ``feature`` are 3 x 3; the result is 1.0 for a perfect
    match, -1.0 for a perfect mismatch.
    """
    patch = as_numeric_array(patch, "patch", ndim=2, shape_hint="(3, 3)")
    feature = as_numeric_array(feature, "feature", ndim=2, shape_hint="(3, 3)")
    if patch.shape != feature.shape:
        raise ValueError(f"patch {patch.shape} and feature {feature.shape} must have the same shape")
    return float((patch * feature).sum() / feature.size)


def feature_maps(image, features=FEATURES) -> np.ndarray:
    """Filtering: every 3x3 feature tried at every position, divided by 9.

    ``image`` (H, W) -> (n_features, H - 2, W - 2); for a 9 x 9 image, three 7 x 7 maps.
    ``features`` is (n_features, F, F), F at most the image's size.
    """
    image = _as_image(image)
    features = as_numeric_array(features, "features", ndim=3, shape_hint="(n_features, F, F)")
    if features.shape[1] > image.shape[0] or features.shape[2] > image.shape[1]:
        raise ValueError(f"features are {features.shape[1]}x{features.shape[2]}, larger than the image {image.shape}")
    return np.stack([ops.correlate2d(image, f) / f.size for f in features])


def pooled_features(image, features=FEATURES) -> np.ndarray:
    """Filtering, ReLU, then 2 x 2 max pooling with stride 2 (edge windows partial).

    ``image`` (9, 9) -> (3, 4, 4): the 48 numbers the fully connected layer sees.
    """
    maps = ops.relu(feature_maps(image, features))
    return np.stack([ops.max_pool(m, size=2, stride=2, padding="same") for m in maps])


def vote_weights() -> dict:
    """The fully connected layer's weights, read off the two clean examples.

    Each class's 48 weights are its own pooled features: a value that is high
    for the clean X is a strong vote for X.  (The slides use hand-picked
    weights; these are one simple choice that works the same way.)
    """
    return {"X": pooled_features(X).ravel(), "O": pooled_features(O).ravel()}


def vote(image) -> dict:
    """Every pooled value votes; returns {"X": score, "O": score}.

    ``score_c = sum(v * w_c) / sum(w_c)``: a weighted average of the 48 values
    ``v``, where class c's weights ``w_c`` say how much each value counts.
    A perfect copy of the class's clean example scores highest.
    """
    values = pooled_features(_as_image(image, shape=(SIZE, SIZE))).ravel()
    return {name: float(values @ w / w.sum()) for name, w in vote_weights().items()}


def classify(image) -> str:
    """The hand-made network's answer: the class with the higher vote."""
    scores = vote(image)
    return max(scores, key=scores.get)


def as_printed(values):
    """The slides' way of printing a score: cut (not round) to two decimals.

    Cuts toward zero: 7/9 -> 0.77 (rounding would give 0.78), -5/9 -> -0.55.
    A 1e-9 nudge away from zero keeps values that floating point holds just
    under a printed one (1.0 computed as 0.99999...) from losing a digit.
    Returns an array (a 0-d array for a number).
    """
    values = np.asarray(values, dtype=float)
    return np.trunc(values * 100 + np.sign(values) * 1e-9) / 100


# ---------------------------------------------------------------- trickier cases


def _pair(value, name, what) -> tuple:
    """The two entries of a pair given as a tuple, a list or a 1-D array."""
    if not (
        isinstance(value, (tuple, list)) and len(value) == 2 or isinstance(value, np.ndarray) and value.shape == (2,)
    ):
        raise TypeError(f"{name} must be a pair {what}, got {value!r}")
    return tuple(value)


# The strokes of the two drawings as polylines, (row, col) offsets from the
# centre pixel (4, 4).  Drawn with no change they give exactly X and O above;
# moving, turning or resizing the strokes (not the pixels) keeps lines unbroken.
STROKES = {
    "X": [[(-3, -3), (3, 3)], [(-3, 3), (3, -3)]],
    "O": [
        [
            (-3, -1),
            (-3, 1),
            (-2, 2),
            (-1, 3),
            (1, 3),
            (2, 2),
            (3, 1),
            (3, -1),
            (2, -2),
            (1, -3),
            (-1, -3),
            (-2, -2),
            (-3, -1),
        ]
    ],
}


def draw(label, shift=(0, 0), scale=1.0, angle=0.0, thicken=False, flips=0, rng=None) -> np.ndarray:
    """Draw an X or an O on the 9 x 9 grid, possibly moved, resized, turned, bolder or noisier.

    - ``label``: "X" or "O"; with the defaults the result equals ``X`` / ``O``;
    - ``shift`` (rows, cols): move the drawing down/right by whole pixels (-9 to 9);
    - ``scale``: resize about the centre (0.7 = smaller, 1.3 = bigger; at most 10);
    - ``angle``: turn about the centre, degrees counter-clockwise;
    - ``thicken``: make every stroke one pixel bolder (add its 4 neighbours);
    - ``flips``: change this many random pixels (needs ``rng``, a numpy Generator).

    The strokes are transformed as lines, then every pixel a line passes
    through (sampled every third of a pixel, rounded) is set to +1.
    """
    if not isinstance(label, str) or label not in STROKES:
        raise ValueError(f'label must be "X" or "O", got {label!r}')
    # beyond SIZE pixels the drawing has left the grid entirely
    shift = tuple(as_int(v, "shift", minimum=-SIZE, maximum=SIZE) for v in _pair(shift, "shift", "(rows, cols)"))
    scale = as_number(scale, "scale")
    if not 0 < scale <= 10:
        raise ValueError(f"scale must be a positive number (at most 10), got {scale!r}")
    angle = as_number(angle, "angle (degrees)")
    thicken = as_bool(thicken, "thicken")
    flips = as_int(flips, "flips", minimum=0)
    theta = np.radians(angle)
    # screen rows grow downwards: turn in (col, up) coordinates, then back
    turn = np.array([[np.cos(theta), np.sin(theta)], [-np.sin(theta), np.cos(theta)]])
    centre = (SIZE - 1) / 2
    image = -np.ones((SIZE, SIZE))
    for line in STROKES[label]:
        points = np.array(line, dtype=float) * scale @ turn.T + centre + np.asarray(shift, dtype=float)
        for a, b in zip(points[:-1], points[1:]):
            # a third of a pixel apart: on the grid's own diagonals no sample
            # falls exactly half-way between pixels, where rounding is ambiguous
            steps = int(np.ceil(np.abs(b - a).max() * 3)) + 1
            for t in np.linspace(0, 1, steps):
                r, c = np.round(a + t * (b - a)).astype(int)
                if 0 <= r < SIZE and 0 <= c < SIZE:
                    image[r, c] = 1
    if thicken:
        stroke = image > 0
        grown = stroke.copy()
        grown[1:, :] |= stroke[:-1, :]
        grown[:-1, :] |= stroke[1:, :]
        grown[:, 1:] |= stroke[:, :-1]
        grown[:, :-1] |= stroke[:, 1:]
        image = np.where(grown, 1.0, -1.0)
    if flips:
        if rng is None:
            raise ValueError("flips needs rng, a numpy Generator (np.random.default_rng(seed))")
        if not callable(getattr(rng, "choice", None)):
            raise TypeError(f"rng must be a numpy Generator (np.random.default_rng(seed)), got {rng!r}")
        where = rng.choice(image.size, size=min(flips, image.size), replace=False)
        image.ravel()[where] *= -1
    return image


TRICKY_SETTINGS = {
    "shifted right": dict(shift=(0, 1)),
    "shifted up-left": dict(shift=(-1, -1)),
    "smaller": dict(scale=0.7),
    "bigger": dict(scale=1.25),
    "rotated 15°": dict(angle=15),
    "rotated 45°": dict(angle=45),
    "bold": dict(thicken=True),
    "noisy": dict(flips=4),
}


def tricky_cases(seed=0):
    """The slides' "trickier cases" for both classes, reproducibly.

    Returns a list of ``(description, image (9, 9), label)`` with label "X" or
    "O", one case per entry of ``TRICKY_SETTINGS`` and class.
    """
    rng = np.random.default_rng(as_int(seed, "seed", minimum=0))
    cases = []
    for label in CLASSES:
        for description, settings in TRICKY_SETTINGS.items():
            cases.append((f"{label} {description}", draw(label, rng=rng, **settings), label))
    return cases


MAX_VARIANTS = 50_000


def random_variants(n, seed=0, max_shift=1, scale_range=(0.8, 1.2), max_angle=20, p_thick=0.3, max_flips=3):
    """``n`` random X's and O's for training or testing a network.

    Returns ``(images (n, 9, 9) of -1/+1, labels (n,) with 0 = X, 1 = O)``.
    Each image is a clean X or O (half each), shifted by up to ``max_shift``
    pixels, scaled within ``scale_range``, rotated by up to ``max_angle``
    degrees, made bold with probability ``p_thick`` and with up to
    ``max_flips`` noisy pixels.  At most ``MAX_VARIANTS`` images.
    """
    n = as_int(n, "n", minimum=1, maximum=MAX_VARIANTS)
    rng = np.random.default_rng(as_int(seed, "seed", minimum=0))
    max_shift = as_int(max_shift, "max_shift", minimum=0, maximum=SIZE)
    low, high = (as_number(v, "scale_range") for v in _pair(scale_range, "scale_range", "(smallest, largest)"))
    if not 0 < low <= high <= 10:
        raise ValueError(f"scale_range must have 0 < smallest <= largest <= 10, got {scale_range!r}")
    max_angle = abs(as_number(max_angle, "max_angle", minimum=0))  # abs: -0.0 would give rng.uniform(0.0, -0.0)
    p_thick = as_number(p_thick, "p_thick", minimum=0, maximum=1)
    max_flips = as_int(max_flips, "max_flips", minimum=0, maximum=SIZE * SIZE)
    labels = np.arange(n) % 2
    rng.shuffle(labels)
    images = np.empty((n, SIZE, SIZE))
    for i, label in enumerate(labels):
        images[i] = draw(
            CLASSES[label],
            shift=tuple(rng.integers(-max_shift, max_shift + 1, size=2)),
            scale=rng.uniform(low, high),
            angle=rng.uniform(-max_angle, max_angle),
            thicken=rng.random() < p_thick,
            flips=int(rng.integers(0, max_flips + 1)),
            rng=rng,
        )
    return images, labels
