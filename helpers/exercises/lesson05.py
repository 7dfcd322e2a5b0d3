"""Answer key of lesson 5 (Keras on MNIST): the back of the book, read it after trying.

5.1 counts a Conv2D layer's parameters, 5.2 is the relative error reduction,
5.3 follows a width through the slides' layers, 5.4 writes the top-2
accuracy from predicted probabilities.  5.5 and 5.6 run early stopping by
hand on a logged history (when it stops, which weights it keeps); 5.7 and
5.8 read three pairs of training and validation curves (which run overfits,
which underfits).
"""

import numpy as np

from .. import arithmetic
from ._registry import choice_exercise, conv_params_exercise, function_exercise, number_exercise

conv_params_exercise("5.1", "a Conv2D layer's parameters (64 filters of 5x5 on 32 channels)", f=5, d=32, k=64)

number_exercise(
    "5.2",
    "the relative error reduction from 4% to 1% errors",
    correct=(0.04 - 0.01) / 0.04,
    what="the relative error reduction",
    mistakes=[
        (0.04 - 0.01, "That is the absolute drop (4% - 1% = 3 points); relative means divided by the old error."),
        ((0.04 - 0.01) / 0.01, "Divide by the old error (the dense net's 4%), not the new one."),
        (100 * (0.04 - 0.01) / 0.04, "Give it as a fraction (e.g. 0.5), not as a percentage."),
        (0.01 / 0.04, "That is the fraction of errors that is left; the reduction is the fraction removed."),
    ],
    hint="Relative reduction = (old error - new error) / old error.",
)

# conv 3x3 (valid) -> pool 2x2 -> conv -> pool -> conv, from 32 pixels.
_width = 32
for _layer in ("conv", "pool", "conv", "pool", "conv"):
    _width = arithmetic.output_size(_width, 3) if _layer == "conv" else _width // 2

number_exercise(
    "5.3",
    "the third conv layer's width for 32x32 inputs",
    correct=_width,
    what="the width",
    mistakes=[
        (32 - 3 * 2, "You forgot the two pooling layers: each halves the width (rounding down)."),
        (3, "That is the slides' 28 x 28 input (28 -> 26 -> 13 -> 11 -> 5 -> 3); start from 32."),
        (5, "After conv2 the width is odd: 2x2 pooling rounds down (a window must fit whole), it does not round up."),
        (6, "After the second pooling comes the third conv layer: one more 3x3 filter, no padding."),
    ],
    hint="Apply each layer in turn: a 3x3 conv without padding takes 2 off, a 2x2 pool halves (rounding down).",
    tolerance=0,
)


def top2_accuracy(labels, probabilities):
    """The fraction of images whose true label is one of their two most probable classes.

    labels: (N,) ints 0-9; probabilities: (N, 10), each row sums to 1.
    """
    top2 = np.argsort(probabilities, axis=1)[:, -2:]
    return float(np.mean((top2 == np.asarray(labels)[:, None]).any(axis=1)))


def _top1(labels, probabilities):
    return float(np.mean(np.argmax(probabilities, axis=1) == np.asarray(labels)))


def _cases(seed=5):
    """First four images whose labels are the most probable class (two of them), the
    second most probable (one) and the third (one), so that top-1, top-2 and the two
    least probable classes all give different fractions; then random softmax outputs
    for 10 classes, with labels (no ties)."""
    rng = np.random.default_rng(seed)
    shares = np.array([0.40, 0.25, 0.12, 0.08, 0.05, 0.04, 0.03, 0.015, 0.01, 0.005])
    probabilities = np.array([shares[rng.permutation(10)] for _ in range(4)])
    ranks = np.argsort(-probabilities, axis=1)  # classes, most probable first
    labels = np.array([ranks[0, 0], ranks[1, 0], ranks[2, 1], ranks[3, 2]])
    cases = [(labels, probabilities)]
    for n in (1, 4, 6, 40):
        logits = rng.normal(size=(n, 10)) * 3
        probabilities = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
        cases.append((rng.integers(0, 10, n), probabilities))
    return cases


function_exercise(
    "5.4",
    "my_top2_accuracy(labels, probabilities)",
    reference=top2_accuracy,
    cases=_cases(),
    what="my_top2_accuracy",
    mistakes=[
        (
            _top1,
            "That is the ordinary (top-1) accuracy: an image also counts when its label is the second most probable class.",
        ),
        (
            lambda labels, probabilities: int(
                np.sum((np.argsort(probabilities, axis=1)[:, -2:] == np.asarray(labels)[:, None]).any(axis=1))
            ),
            "Divide by the number of images: the top-2 accuracy is a fraction, not a count.",
        ),
        (
            lambda labels, probabilities: float(
                np.mean((np.argsort(probabilities, axis=1)[:, :2] == np.asarray(labels)[:, None]).any(axis=1))
            ),
            "np.argsort sorts from the smallest probability up: the two most probable classes are the last two columns.",
        ),
        (
            lambda labels, probabilities: 100 * top2_accuracy(labels, probabilities),
            "Give a fraction (0 to 1), as Keras prints it, not a percentage.",
        ),
    ],
)


# ---------------------------------------------------------------- early stopping, by hand

# 5.5 and 5.6: a run without early stopping logged these validation losses
# (epoch 1 first).  Traps: the first rise (epoch 4) is followed by a new best;
# epoch 8 only equals the best (0.30), which is no improvement; the lowest
# loss of the table (epoch 13) comes after the run has stopped.
VAL_LOSS = [0.60, 0.42, 0.35, 0.36, 0.32, 0.30, 0.31, 0.30, 0.33, 0.34, 0.31, 0.29, 0.28, 0.30, 0.33]
PATIENCE = 3


def early_stopping(val_losses, patience, equal_is_better=False, reset=True):
    """(the epoch after which ``fit`` stops, the epoch whose weights it keeps), counted
    from 1 as Keras' log counts, for ``EarlyStopping(patience=..., restore_best_weights=True)``
    with Keras' defaults (min_delta=0: a new best must be strictly lower).  Without a stop,
    the first number is the last epoch.  ``equal_is_better`` and ``reset=False`` are two
    usual misreadings (an equal loss counts as a new best; the count never restarts)."""
    best, best_epoch, wait = float("inf"), 0, 0
    for epoch, loss in enumerate(val_losses, start=1):
        if loss < best or (equal_is_better and loss == best):
            best, best_epoch = loss, epoch
            wait = 0 if reset else wait
        else:
            wait += 1
        if wait >= patience and epoch > 1:
            return epoch, best_epoch
    return len(val_losses), best_epoch


_stop, _kept = early_stopping(VAL_LOSS, PATIENCE)
_lowest = int(np.argmin(VAL_LOSS)) + 1  # the table's lowest loss, which the run never reaches
_first_rise = next(e for e in range(2, len(VAL_LOSS) + 1) if VAL_LOSS[e - 1] > VAL_LOSS[e - 2])

number_exercise(
    "5.5",
    "after which epoch early stopping ends the run (patience=3)",
    correct=_stop,
    what="the epoch",
    mistakes=[
        (
            _kept,
            "The callback cannot know at a good epoch that no lower loss follows: "
            "it stops only after 3 more epochs without a new lowest loss.",
        ),
        (_stop + 1, "One epoch too many: it stops at the end of the third epoch without a new lowest loss."),
        (
            early_stopping(VAL_LOSS, PATIENCE, reset=False)[0],
            "A new lowest loss starts the count again from zero: count only the epochs since the latest best.",
        ),
        (
            early_stopping(VAL_LOSS, PATIENCE, equal_is_better=True)[0],
            "A loss equal to the best so far is not a new best: Keras needs a strictly lower value (min_delta=0).",
        ),
        (_first_rise, "It does not stop at the first rise: patience=3 gives the run 3 more epochs to find a new best."),
        (
            _lowest,
            "That epoch has the lowest loss of the whole table, but the run never gets there: "
            "go through the epochs in order, as the callback does.",
        ),
        (
            _lowest + PATIENCE,
            "The table's lowest loss comes too late: the callback, going in order, stops long before.",
        ),
        (len(VAL_LOSS), "Early stopping does end this run before the last epoch of the table."),
    ],
    hint="Go epoch by epoch: keep the lowest loss so far and count the epochs since it; stop when the count reaches 3.",
    tolerance=0,
)

number_exercise(
    "5.6",
    "which epoch's weights the model keeps (restore_best_weights=True)",
    correct=_kept,
    what="the epoch",
    mistakes=[
        (
            _stop,
            "Those are the last epoch's weights, what you would keep without restore_best_weights; "
            "with it, fit puts back the weights of the epoch with the lowest validation loss.",
        ),
        (
            early_stopping(VAL_LOSS, PATIENCE, equal_is_better=True)[1],
            "That epoch's loss only equals the best so far; Keras keeps the first epoch that reached it.",
        ),
        (_lowest, "The run stops before that epoch: it can only keep weights it has trained."),
        (len(VAL_LOSS), "That is the last epoch of the table; the run stops earlier and keeps its best epoch."),
        (_kept - 1, "Count the epochs from 1, as Keras' log does (Epoch 1/100 ...), not from 0."),
    ],
    hint="restore_best_weights=True puts back the weights of the epoch with the lowest validation loss among those that ran.",
    tolerance=0,
)

# ---------------------------------------------------------------- reading the curves

# 5.7 and 5.8: training and validation loss of three runs, epochs 1-8 (the
# question prints them as a table).  A overfits (validation turns up after
# epoch 4 while training keeps falling), B underfits (both high, near the
# 2.30 of a uniform guess over 10 classes, and falling together), C fits.
RUNS = {
    "A": ([0.90, 0.52, 0.34, 0.22, 0.14, 0.09, 0.06, 0.04], [0.85, 0.55, 0.42, 0.40, 0.43, 0.49, 0.56, 0.64]),
    "B": ([2.20, 2.05, 1.93, 1.82, 1.73, 1.65, 1.58, 1.52], [2.15, 2.01, 1.89, 1.79, 1.70, 1.62, 1.56, 1.50]),
    "C": ([0.80, 0.41, 0.28, 0.22, 0.19, 0.17, 0.16, 0.15], [0.74, 0.43, 0.31, 0.26, 0.24, 0.23, 0.23, 0.22]),
}

choice_exercise(
    "5.7",
    "which run overfits",
    options=list(RUNS),
    correct="A",
    mistakes={
        "B": "B's two losses are still high and fall together, side by side: its validation loss never turns up. "
        "Overfitting shows as a validation loss that turns up while the training loss keeps falling.",
        "C": "C's two losses level off together, close to each other: that is a good fit. "
        "Overfitting shows as a validation loss that turns up while the training loss keeps falling.",
    },
    why="Its training loss keeps falling while its validation loss turns up after epoch 4: "
    "it learns its own training images, not digits in general. Early stopping would keep epoch 4.",
)

choice_exercise(
    "5.8",
    "which run underfits",
    options=list(RUNS),
    correct="B",
    mistakes={
        "A": "A's training loss falls to 0.04: it is not short of learning. "
        "Underfitting shows as both losses still high and falling together.",
        "C": "C's losses are low and have levelled off: more epochs would change little.",
    },
    why="Both losses are still high (a network that guesses uniformly has a loss of ln 10 = 2.30) and fall together: "
    "more epochs, or a bigger network, would help.",
)
