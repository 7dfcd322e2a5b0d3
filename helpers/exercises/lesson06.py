"""Answer key of lesson 6 (Keras on CIFAR-10): the back of the book, read it after trying.

6.1 and 6.2 are a first Conv2D layer on colour photos (16 filters of
5 x 5 x 3; then the output width of 7 x 7 filters, a size the lesson does not
print), 6.3 writes the per-class precision, the other way round from the
per-class accuracy of the lesson's bar chart.
6.4-6.6 read training runs: a pair of curves as over- or underfitting, the
change that helps a run that underfits, and which of two runs had augmentation,
from the gap between training and validation accuracy (then compared with
section 5's experiment, whose check holds the same in both modes).
"""

import numpy as np

from .. import checks
from ._registry import Exercise, conv_params_exercise, function_exercise, size_exercise

conv_params_exercise("6.1", "a Conv2D layer's parameters (16 filters of 5x5 on RGB photos)", f=5, d=3, k=16, out=28)

size_exercise(
    "6.2",
    "the output width of 7x7 filters (no padding, stride 1)",
    w=32,
    f=7,
    mistakes=[(28, "That is the width for exercise 1's 5 x 5 filters; these are 7 x 7.")],
)


def per_class_precision(true, predicted):
    """For each class c = 0..9: of the images predicted c, the fraction whose true label is c."""
    true, predicted = np.asarray(true), np.asarray(predicted)
    return [float(np.mean(true[predicted == c] == c)) for c in range(10)]


def _cases(seed=6):
    """Every class once or twice first (all right, then shifted by one), then random
    labels with every class both present and predicted, predictions right about half the time."""
    cases = [(np.arange(20) % 10, np.arange(20) % 10), (np.arange(10), (np.arange(10) + 1) % 10)]
    rng = np.random.default_rng(seed)
    for n in (15, 30, 100):
        true = np.concatenate([np.arange(10), rng.integers(0, 10, n - 10)])
        guess = rng.integers(0, 10, n)
        predicted = np.where(rng.random(n) < 0.5, true, guess)
        predicted[:10] = rng.permutation(10)  # every class predicted at least once
        cases.append((true, predicted))
    return cases


function_exercise(
    "6.3",
    "my_per_class(true, predicted)",
    reference=per_class_precision,
    cases=_cases(),
    what="my_per_class",
    mistakes=[
        (
            lambda true, predicted: [
                float(np.mean(np.asarray(predicted)[np.asarray(true) == c] == c)) for c in range(10)
            ],
            "That groups the photos by their *true* label (the per-class accuracy of the lesson's chart); "
            "precision groups them by the label the network *predicted*.",
        ),
        (
            lambda true, predicted: [float(np.mean(np.asarray(true) == np.asarray(predicted)))] * 10,
            "That is the overall accuracy, 10 times; count each class on its own photos.",
        ),
        (
            lambda true, predicted: [
                int(np.sum((np.asarray(predicted) == c) & (np.asarray(true) == c))) for c in range(10)
            ],
            "Divide by the number of photos predicted as that class: a fraction, not a count.",
        ),
        (
            lambda true, predicted: [
                float(np.sum((np.asarray(predicted) == c) & (np.asarray(true) == c)) / len(true)) for c in range(10)
            ],
            "Divide by the number of photos *predicted as that class*, not by all the photos.",
        ),
    ],
)


# ---------------------------------------------------------------- reading a training run


def _word_exercise(name, title, right, choices, mistakes):
    """An answer that is one of a few words (``choices``, as the question spells them);
    ``mistakes`` pairs each likely wrong answer with its hint.  Case, spaces, a
    leading "the" and a trailing ")" or "." do not matter."""

    def plain(word):
        return word.strip().strip(".)").strip().lower().removeprefix("the ")

    hints = {plain(word): hint for word, hint in mistakes}
    quoted = [f'"{choice}"' for choice in choices]
    spelled = ", ".join(quoted[:-1]) + " or " + quoted[-1]

    def checker(answer):
        if answer is None:
            return checks._verdict(None, f"Replace None with {spelled}.")
        word = plain(answer) if isinstance(answer, str) else None
        if word == right:
            return checks._verdict(True, "")
        if word in hints:
            return checks._verdict(False, hints[word])
        return checks._verdict(False, f"Answer with one of {spelled} (a string, in quotes).")

    return Exercise(
        name,
        title,
        checker,
        wrong=list(mistakes) + [("maybe", "Answer with one of")],
        right=[right, right.upper(), f" {right.capitalize()}. "],
    )


_word_exercise(
    "6.4",
    "a made-up run: overfitting or underfitting?",
    right="overfitting",
    choices=["overfitting", "underfitting"],
    mistakes=[
        (
            "underfitting",
            "Underfitting means the network has not learnt even its training photos. Here the training "
            "accuracy climbs to 0.88 while the validation accuracy stops near 0.52: the gap between "
            "them widens, the network is learning its training photos by heart.",
        ),
        (
            "neither",
            "The validation accuracy has hardly fallen, but it stopped improving while the training "
            "accuracy went on up: a gap that widens every epoch is overfitting, even before "
            "validation gets worse.",
        ),
    ],
)

_word_exercise(
    "6.5",
    "another made-up run: which change helps it most?",
    right="c",
    choices=["a", "b", "c"],
    mistakes=[
        (
            "a",
            "Dropout fights learning by heart and makes training harder. These curves have no gap: "
            "the network has not even learnt its training photos (underfitting), so it needs more "
            "capacity or more training, not more regularisation.",
        ),
        (
            "b",
            "More augmentation makes the training photos harder to learn by heart, which helps when "
            "training runs ahead of validation. Here there is no gap: the training accuracy itself "
            "is low (underfitting).",
        ),
    ],
)

_word_exercise(
    "6.6",
    "two made-up runs: which one had augmentation?",
    right="b",
    choices=["A", "B"],
    mistakes=[
        (
            "A",
            "Run A's training accuracy is 34 points above its validation accuracy: it learnt its "
            "training photos by heart. Augmentation shows a new variant of every photo at every step, "
            "which makes learning them by heart harder: look for the run with the narrower gap.",
        ),
        (
            "both",
            "Only one of the runs had augmentation. Compare each run's gap between training and "
            "validation accuracy: augmentation is there to narrow it.",
        ),
    ],
)
