"""Answer key of lesson 6 (Keras on CIFAR-10): the back of the book, read it after trying.

6.1 and 6.2 are a first Conv2D layer on colour photos (16 filters of
5 x 5 x 3), 6.3 writes the per-class accuracy behind the lesson's bar chart.
"""

import numpy as np

from ._registry import conv_params_exercise, function_exercise, size_exercise

conv_params_exercise("6.1", "a Conv2D layer's parameters (16 filters of 5x5 on RGB photos)", f=5, d=3, k=16, out=28)

size_exercise("6.2", "its output width (no padding, stride 1)", w=32, f=5)


def per_class_accuracy(true, predicted):
    """For each class c = 0..9: of the images whose true label is c, the fraction predicted c."""
    true, predicted = np.asarray(true), np.asarray(predicted)
    return [float(np.mean(predicted[true == c] == c)) for c in range(10)]


def _cases(seed=6):
    """Every class once or twice first (all right, then shifted by one), then random
    labels with every class present and predictions right about half the time."""
    cases = [(np.arange(20) % 10, np.arange(20) % 10), (np.arange(10), (np.arange(10) + 1) % 10)]
    rng = np.random.default_rng(seed)
    for n in (15, 30, 100):
        true = np.concatenate([np.arange(10), rng.integers(0, 10, n - 10)])
        guess = rng.integers(0, 10, n)
        cases.append((true, np.where(rng.random(n) < 0.5, true, guess)))
    return cases


function_exercise(
    "6.3",
    "my_per_class(true, predicted)",
    reference=per_class_accuracy,
    cases=_cases(),
    what="my_per_class",
    mistakes=[
        (
            lambda true, predicted: [
                float(np.mean(np.asarray(true)[np.asarray(predicted) == c] == c)) for c in range(10)
            ],
            "That groups the photos by their *predicted* label (precision); per-class accuracy groups them by the true label.",
        ),
        (
            lambda true, predicted: [float(np.mean(np.asarray(true) == np.asarray(predicted)))] * 10,
            "That is the overall accuracy, 10 times; count each class on its own photos.",
        ),
        (
            lambda true, predicted: [
                int(np.sum((np.asarray(predicted) == c) & (np.asarray(true) == c))) for c in range(10)
            ],
            "Divide by the number of photos of that class: a fraction, not a count.",
        ),
        (
            lambda true, predicted: [
                float(np.sum((np.asarray(predicted) == c) & (np.asarray(true) == c)) / len(true)) for c in range(10)
            ],
            "Divide by the number of photos *of that class*, not by all the photos.",
        ),
    ],
)
