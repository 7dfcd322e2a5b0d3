"""The course's training recipes, measured: one JSON line per result.

    COURSE_DATA_DIR=../shared/datasets .venv/bin/python -m benchmarks.bench_recipes [mnist] [cifar10]

Fields: task, examples (training images), epochs, train_seconds (model.fit
only), test_accuracy, test_examples, images_per_second (training images
processed per second, epochs included), machine.

Targets (issue 15), on a 2-core CPU:
- MNIST, trained on the 3,009-image real subset: >= 98.0% on the 10,000 test
  images within 30 s of training (lesson 5, section 7: the slides' convnet,
  random shifts, a one-cycle Adam, 20 epochs);
- CIFAR-10: lesson 6's better convnet at its full-mode width (16), trained on
  the 4,660-image subset for as many steps as the lesson's 3 epochs of
  45,000 photos (29 epochs of 73 steps): the lesson's estimate of its
  full-data accuracy, and its photos per second, from which the lesson's
  full-mode time is estimated.  It takes about 4 minutes; run it on its
  own (``cifar10``).
"""

import sys

from helpers import config, data, models

from .common import machine, record

BUDGET_S = {"mnist": 30}
MNIST_TARGET = 0.98


def _line(task, examples, epochs, seconds, accuracy, test_examples, target=None, meets=None):
    return record(
        "recipes",
        task,
        round(float(accuracy), 4),
        "test accuracy",
        target=target,
        meets=meets,
        examples=examples,
        epochs=epochs,
        train_seconds=round(seconds, 1),
        test_examples=test_examples,
        images_per_second=round(examples * epochs / seconds),
        **machine(),
    )


def mnist(seed=0, epochs=20):
    (x_train, y_train), (x_test, y_test) = data.load_mnist(verbose=False)
    x_train, y_train = x_train[:3009], y_train[:3009]
    config.set_seed(seed)
    model, _, seconds = models.fit_mnist_fast(x_train, y_train, epochs=epochs, verbose=0)
    accuracy = model.evaluate(x_test[..., None] / 255.0, y_test, verbose=0, batch_size=1000)[1]
    meets = accuracy >= MNIST_TARGET and seconds <= BUDGET_S["mnist"]
    return _line(
        f"MNIST recipe on {len(x_train):,} images",
        len(x_train),
        epochs,
        seconds,
        accuracy,
        len(x_test),
        target=f">= {MNIST_TARGET} within {BUDGET_S['mnist']} s",
        meets=meets,
    )


def cifar10(seed=0, epochs=29, width=16):
    """Lesson 6's network and schedule (``models.fit_cifar10`` builds the same
    network as the lesson's ``better_convnet``), test accuracy on the subset's
    846 test photos."""
    (x_train, y_train), (x_test, y_test) = data.load_cifar10(verbose=False)
    config.set_seed(seed)
    model, _, seconds = models.fit_cifar10(x_train, y_train, epochs=epochs, width=width, verbose=0)
    accuracy = model.evaluate(x_test / 255.0, y_test.reshape(-1), verbose=0, batch_size=500)[1]
    return _line(
        f"CIFAR-10 lesson 6 network on {len(x_train):,} images",
        len(x_train),
        epochs,
        seconds,
        accuracy,
        len(x_test),
        target="the full-data estimate",
        meets=None,
    )


if __name__ == "__main__":
    tasks = sys.argv[1:] or ["mnist"]
    for task in tasks:
        {"mnist": mnist, "cifar10": cifar10}[task]()
