"""The course's training recipes, measured: one JSON line per result.

    COURSE_DATA_DIR=../shared/datasets .venv/bin/python -m benchmarks.bench_recipes [mnist] [cifar10]

Fields: task, examples (training images), epochs, train_seconds (model.fit
only), test_accuracy, test_examples, images_per_second (training images
processed per second, epochs included), machine.

Targets (issue: Keras lessons), on a 2-core CPU:
- MNIST, trained on the 3,009-image real subset: >= 97.5% on the 10,000 test
  images within 30 s of training;
- CIFAR-10 subset: as high as possible within 60 s.
The full-data targets (MNIST >= 99.0% in 30 s, CIFAR-10 >= 80% in 10 min)
are estimated from images_per_second; see the README.
"""

import sys

from helpers import config, data, models

from .common import machine, record

BUDGET_S = {"mnist": 30, "cifar10": 60}
MNIST_TARGET = 0.975


def _line(task, examples, epochs, seconds, accuracy, test_examples, target=None, meets=None):
    return record(
        "recipes", task, round(float(accuracy), 4), "test accuracy", target=target, meets=meets,
        examples=examples, epochs=epochs, train_seconds=round(seconds, 1), test_examples=test_examples,
        images_per_second=round(examples * epochs / seconds), **machine(),
    )


def mnist(seed=0, epochs=18):
    (x_train, y_train), (x_test, y_test) = data.load_mnist(verbose=False)
    x_train, y_train = x_train[:3009], y_train[:3009]
    config.set_seed(seed)
    model, _, seconds = models.fit_mnist_fast(x_train, y_train, epochs=epochs, verbose=0)
    accuracy = model.evaluate(x_test[..., None] / 255.0, y_test, verbose=0, batch_size=1000)[1]
    meets = accuracy >= MNIST_TARGET and seconds <= BUDGET_S["mnist"]
    return _line(f"MNIST recipe on {len(x_train):,} images", len(x_train), epochs, seconds, accuracy, len(x_test),
                 target=f">= {MNIST_TARGET} within {BUDGET_S['mnist']} s", meets=meets)


def cifar10(seed=0, epochs=12, width=24):
    """On the 4,660-image subset: width 24 and 12 epochs fit the 60 s budget here.
    For the full 50,000 images the recipe's default width is 32."""
    (x_train, y_train), (x_test, y_test) = data.load_cifar10(verbose=False)
    config.set_seed(seed)
    model, _, seconds = models.fit_cifar10(x_train, y_train, epochs=epochs, width=width, verbose=0)
    accuracy = model.evaluate(x_test / 255.0, y_test.reshape(-1), verbose=0, batch_size=500)[1]
    return _line(f"CIFAR-10 recipe on {len(x_train):,} images", len(x_train), epochs, seconds, accuracy, len(x_test),
                 target=f"best within {BUDGET_S['cifar10']} s", meets=seconds <= BUDGET_S["cifar10"])


if __name__ == "__main__":
    tasks = sys.argv[1:] or ["mnist", "cifar10"]
    for task in tasks:
        {"mnist": mnist, "cifar10": cifar10}[task]()
