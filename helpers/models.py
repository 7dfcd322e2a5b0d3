"""Keras models from the slides, the course's fast recipes, and training callbacks.

Builders return uncompiled ``keras.Model`` objects with the layer sizes of the
slides (the tests check every parameter count).  The lessons write Keras'
``compile`` and ``fit`` out themselves, with two callbacks from here:
``TimeBudget`` (stop after N seconds) and ``TimeEstimate`` (print what a fit
will cost on this machine).  ``compile_model``, ``train`` and the ``fit_*``
recipes do the same for the benchmarks and the tests:

- Keras' progress bar for a person, one compact line per epoch under CI and
  in fast mode (``config.keras_verbose``);
- early stopping on a validation split, never on the test set;
- seeds fixed by ``config.set_seed``;
- a time budget in real seconds, or in fast mode on a clock estimated from
  the model's multiply-adds, so that a run's numbers repeat exactly;
- on a machine with more than one GPU, models are built and trained under
  ``tf.distribute.MirroredStrategy``; on one device nothing changes.
"""

from __future__ import annotations

import time

import numpy as np

from . import config, validate

config.quiet_tensorflow()
import keras  # noqa: E402  (after TensorFlow's quiet import)
from keras import layers  # noqa: E402

# ---------------------------------------------------------------- the slides' models


def mnist_slide_model() -> keras.Model:
    """The slides' MNIST convnet: 93,322 parameters.

    Conv2D 32 3x3 relu (320) -> MaxPool 2 -> Conv2D 64 3x3 relu (18,496) -> MaxPool 2
    -> Conv2D 64 3x3 relu (36,928) -> Flatten (3*3*64 = 576) -> Dense 64 relu (36,928)
    -> Dense 10 softmax (650).  Input (28, 28, 1).
    """
    return keras.Sequential(
        [
            keras.Input((28, 28, 1)),
            layers.Conv2D(32, 3, activation="relu", name="conv1"),
            layers.MaxPooling2D(2, name="pool1"),
            layers.Conv2D(64, 3, activation="relu", name="conv2"),
            layers.MaxPooling2D(2, name="pool2"),
            layers.Conv2D(64, 3, activation="relu", name="conv3"),
            layers.Flatten(name="flatten"),
            layers.Dense(64, activation="relu", name="dense"),
            layers.Dense(10, activation="softmax", name="output"),
        ],
        name="mnist_slide_model",
    )


def mnist_25_50_model() -> keras.Model:
    """The deck's "25 then 50 filters" model: 25 3x3 filters (250) -> MaxPool ->
    50 3x3x25 filters (11,300) -> MaxPool -> Flatten (5*5*50 = 1,250) -> Dense 10."""
    return keras.Sequential(
        [
            keras.Input((28, 28, 1)),
            layers.Conv2D(25, 3, activation="relu", name="conv25"),
            layers.MaxPooling2D(2, name="pool1"),
            layers.Conv2D(50, 3, activation="relu", name="conv50"),
            layers.MaxPooling2D(2, name="pool2"),
            layers.Flatten(name="flatten"),
            layers.Dense(10, activation="softmax", name="output"),
        ],
        name="mnist_25_50_model",
    )


def chollet_listing_8_1() -> keras.Model:
    """The functional-API convnet of Chollet's *Deep Learning with Python* (2nd ed.),
    listing 8.1: 32/64/128 filters of 3x3 with 2x2 pooling between, Flatten, Dense 10.
    104,202 parameters."""
    inputs = keras.Input(shape=(28, 28, 1))
    x = layers.Conv2D(32, 3, activation="relu")(inputs)
    x = layers.MaxPooling2D(2)(x)
    x = layers.Conv2D(64, 3, activation="relu")(x)
    x = layers.MaxPooling2D(2)(x)
    x = layers.Conv2D(128, 3, activation="relu")(x)
    x = layers.Flatten()(x)
    outputs = layers.Dense(10, activation="softmax")(x)
    return keras.Model(inputs=inputs, outputs=outputs, name="chollet_listing_8_1")


def dense_baseline(input_shape=(28, 28, 1), hidden=30, classes=10) -> keras.Model:
    """A network with no convolution: Flatten -> Dense ``hidden`` (sigmoid; the
    deck does not name the activation) -> Dense ``classes`` softmax.  For MNIST: 784-30-10, 23,860 parameters."""
    return keras.Sequential(
        [
            keras.Input(input_shape),
            layers.Flatten(name="flatten"),
            layers.Dense(hidden, activation="sigmoid", name="hidden"),
            layers.Dense(classes, activation="softmax", name="output"),
        ],
        name="dense_baseline",
    )


def lenet5() -> keras.Model:
    """LeNet-5 (LeCun et al., 1998) as a reference architecture, for its shapes and
    parameters: 32x32x1 -> C1 6@5x5 (156) -> S2 avg-pool -> C3 16@5x5 (2,416) -> S4
    avg-pool -> C5 120@5x5 (48,120) -> F6 84 (10,164) -> 10 (850): 61,706 parameters.
    (C3 here connects to all 6 maps; the original used a sparse table.)"""
    return keras.Sequential(
        [
            keras.Input((32, 32, 1)),
            layers.Conv2D(6, 5, activation="tanh", name="C1"),
            layers.AveragePooling2D(2, name="S2"),
            layers.Conv2D(16, 5, activation="tanh", name="C3"),
            layers.AveragePooling2D(2, name="S4"),
            layers.Conv2D(120, 5, activation="tanh", name="C5"),
            layers.Flatten(name="flatten"),
            layers.Dense(84, activation="tanh", name="F6"),
            layers.Dense(10, activation="softmax", name="output"),
        ],
        name="lenet5",
    )


# ---------------------------------------------------------------- the course's recipes


def _conv_bn_relu(x, filters, name):
    # Batch norm keeps a moving average of each channel's mean and variance for
    # prediction.  With Keras' default momentum (0.99) that average needs about
    # a thousand steps to forget the first, untrained batches; a short run (a
    # few epochs of a few thousand images) then predicts with stale statistics
    # (MNIST recipe, 4 epochs: 11-19% test accuracy at 0.99, 59-60% at 0.9).
    # 0.9 settles within a few hundred steps; the full recipes reach the same
    # accuracy with either.
    x = layers.Conv2D(filters, 3, padding="same", use_bias=False, name=f"{name}_conv")(x)
    x = layers.BatchNormalization(momentum=0.9, name=f"{name}_bn")(x)
    return layers.ReLU(name=f"{name}_relu")(x)


def mnist_fast_model(shift=0.1) -> keras.Model:
    """The course's fast MNIST recipe network (see ``fit_mnist_fast``): the
    slides' convnet (``mnist_slide_model``, 93,322 parameters) behind one
    ``RandomTranslation`` layer that shifts every training digit by up to
    ``shift`` of its size (10% = 2.8 pixels) in each direction, new each
    epoch.  The shift is active in training only; ``predict`` sees the digit
    as it is.  The shift layer has no parameters."""
    shift = validate.as_number(shift, "shift", minimum=0, maximum=1)
    slide = mnist_slide_model()
    return keras.Sequential(
        [
            keras.Input((28, 28, 1)),
            layers.RandomTranslation(shift, shift, fill_mode="constant", name="shift"),
            *slide.layers,
        ],
        name="mnist_fast_model",
    )


def cifar10_convnet(width=32, augment=True, dropout=0.3) -> keras.Model:
    """The course's CIFAR-10 convnet: flips and shifts while training; three
    blocks of two 3x3 conv + batch-norm + ReLU (``width``, ``2*width``,
    ``4*width`` filters), each followed by 2x2 max pooling; global average
    pooling; dropout; Dense 10 softmax.  Input (32, 32, 3) with pixels in 0..1."""
    inputs = keras.Input((32, 32, 3))
    x = inputs
    if augment:
        x = layers.RandomFlip("horizontal", name="flip")(x)
        x = layers.RandomTranslation(0.1, 0.1, fill_mode="reflect", name="shift")(x)
    for block, filters in enumerate((width, 2 * width, 4 * width), start=1):
        x = _conv_bn_relu(x, filters, f"block{block}a")
        x = _conv_bn_relu(x, filters, f"block{block}b")
        x = layers.MaxPooling2D(2, name=f"pool{block}")(x)
    x = layers.GlobalAveragePooling2D(name="global_pool")(x)
    x = layers.Dropout(dropout, name="dropout")(x)
    outputs = layers.Dense(10, activation="softmax", name="output")(x)
    return keras.Model(inputs, outputs, name="cifar10_convnet")


# ---------------------------------------------------------------- training


def distribution_strategy():
    """``MirroredStrategy`` over all GPUs when there are two or more, else the
    default strategy (which changes nothing)."""
    import tensorflow as tf

    gpus = tf.config.list_logical_devices("GPU")
    if len(gpus) > 1:
        return tf.distribute.MirroredStrategy()
    return tf.distribute.get_strategy()


def compile_model(
    builder, optimizer="rmsprop", loss="sparse_categorical_crossentropy", metrics=("accuracy",), **kwargs
):
    """Build ``builder(**kwargs)`` and compile it, inside the distribution strategy's scope."""
    with distribution_strategy().scope():
        model = builder(**kwargs)
        model.compile(optimizer=optimizer, loss=loss, metrics=list(metrics))
    return model


# The training speed of the course's reference machine (2 CPU cores), in
# multiply-adds per second: fast mode's budget clock charges each epoch by it.
# Measured with Keras on a 2-core AMD EPYC with AVX2 at 2.45 GHz: lesson 6's
# dense network trains at about 1.5e10 multiply-adds per second and its small
# convnet at 1.3e10-1.6e10, so 15 s of budget buy 21 and 4 epochs there and
# take about 15 s of real time.  A faster machine trains the same epochs sooner.
REFERENCE_MACS_PER_SECOND = 1.5e10


def multiply_adds(model) -> int:
    """Multiply-adds of one forward pass of ``model`` for one example (built model).

    Every layer with a ``kernel`` (Dense, Conv1D/2D/3D, DepthwiseConv2D, ...)
    costs ``kernel.size`` multiply-adds per output position; every other layer
    one operation per output value (ReLU, pooling, batch norm, ...).  Nested
    models are counted layer by layer; a layer used more than once counts
    its parameters.  An estimate to compare models, not a profiler.
    """
    total = 0
    for layer in model.layers:
        if hasattr(layer, "layers") and layer.layers:
            total += multiply_adds(layer)
            continue
        try:
            shape = tuple(layer.output.shape[1:])
        except (AttributeError, ValueError):  # a layer called more than once: no single output
            total += layer.count_params()
            continue
        positions = int(np.prod([d or 1 for d in shape[:-1]])) if shape else 1
        kernel = getattr(layer, "kernel", None)
        if kernel is not None and len(kernel.shape) >= 2:
            total += positions * int(np.prod(kernel.shape))
        else:
            total += positions * int(shape[-1] or 1) if shape else 1
    return total


def estimated_epoch_seconds(model, train_examples, validation_examples=0) -> float:
    """Seconds one epoch takes on the reference machine, by ``multiply_adds``:
    training costs 3 forward passes per example (forward + backward), the
    validation pass one."""
    work = multiply_adds(model) * (3 * train_examples + validation_examples)
    return work / REFERENCE_MACS_PER_SECOND


class TimeBudget(keras.callbacks.Callback):
    """Stop training at the end of the first epoch that ends after ``seconds``.

    ``clock="wall"`` measures real seconds.  ``clock="estimated"`` charges
    every epoch ``estimated_epoch_seconds`` instead (``train_examples`` and
    ``validation_examples`` are then needed): the same budget always buys
    the same number of epochs, on any machine and under any load, so two runs
    give identical numbers.  ``clock="auto"`` (the default) is the wall clock
    for a person, and in fast mode (CI, the tests) the estimated clock when
    ``train_examples`` is given (a budget far above a fast run's seconds,
    such as lesson 5's safety limit, needs no estimate: it never ends one).
    """

    def __init__(self, seconds, clock="auto", train_examples=None, validation_examples=0):
        super().__init__()
        if clock not in ("auto", "wall", "estimated"):
            raise ValueError(f"clock must be 'auto', 'wall' or 'estimated', got {clock!r}")
        self.seconds = validate.as_number(seconds, "seconds", minimum=0)
        if clock == "auto":
            clock = "estimated" if config.fast_mode() and train_examples is not None else "wall"
        self.clock = clock
        if self.clock == "estimated" and train_examples is None:
            raise ValueError("the estimated clock needs train_examples, the number of training examples")
        self.train_examples = train_examples
        self.validation_examples = validation_examples

    def on_train_begin(self, logs=None):
        self._start = time.perf_counter()
        self.spent = 0.0

    def on_epoch_end(self, epoch, logs=None):
        if self.clock == "wall":
            self.spent = time.perf_counter() - self._start
        else:
            self.spent += estimated_epoch_seconds(self.model, self.train_examples, self.validation_examples)
        if self.spent > self.seconds:
            self.model.stop_training = True


def duration(seconds) -> str:
    """``seconds`` for a person: "850 ms", "42 s", "6.5 min", "1.2 h"."""
    seconds = validate.as_number(seconds, "seconds", minimum=0)
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms"
    if seconds < 100:
        return f"{seconds:.0f} s"
    if seconds < 6000:
        return f"{seconds / 60:.1f} min"
    return f"{seconds / 3600:.1f} h"


class TimeEstimate(keras.callbacks.Callback):
    """Print, early in ``fit``, what the whole fit will cost on *this* machine.

    The first ``skip`` batches build the graph and are slow; the next
    ``measure`` batches are timed.  Then

        seconds per epoch = seconds per batch x batches per epoch
        seconds in all    = seconds per epoch x epochs

    Validation passes are not included (they add a forward pass over the
    validation set per epoch, about a tenth more for a sixth held out).
    With fewer than ``skip + measure`` batches in an epoch, the second
    epoch is timed whole instead.  ``note`` is added to the printed line.
    """

    def __init__(self, skip=2, measure=10, note=""):
        super().__init__()
        self.skip = validate.as_int(skip, "skip", minimum=1)
        self.measure = validate.as_int(measure, "measure", minimum=1)
        self.note = note
        self.seconds_per_epoch = None

    def on_train_begin(self, logs=None):
        self.seconds_per_epoch = None
        self._epoch = 0

    def on_epoch_begin(self, epoch, logs=None):
        self._epoch = epoch
        self._epoch_start = time.perf_counter()

    def on_train_batch_end(self, batch, logs=None):
        if self._epoch != 0 or self.seconds_per_epoch is not None:
            return
        steps = self.params.get("steps")
        if not steps or steps < self.skip + self.measure:
            return
        if batch + 1 == self.skip:
            self._start = time.perf_counter()
        elif batch + 1 == self.skip + self.measure:
            self._report((time.perf_counter() - self._start) / self.measure * steps)

    def on_epoch_end(self, epoch, logs=None):
        if epoch == 1 and self.seconds_per_epoch is None:
            self._report(time.perf_counter() - self._epoch_start)

    def _report(self, seconds_per_epoch):
        self.seconds_per_epoch = seconds_per_epoch
        epochs = self.params.get("epochs") or 1
        line = (
            f"Measured on this machine: about {duration(seconds_per_epoch)} per epoch, "
            f"{duration(seconds_per_epoch * epochs)} for {epochs} epoch{'s' if epochs != 1 else ''}"
        )
        print(line + (f" ({self.note})" if self.note else "") + ".", flush=True)


def train(
    model,
    x,
    y,
    epochs,
    batch_size=128,
    validation_split=None,
    validation_data=None,
    patience=None,
    verbose=None,
    time_budget=None,
):
    """``model.fit`` the course's way; returns ``(history, seconds)``.

    - ``patience``: stop when the validation loss has not improved for this
      many epochs and restore the best weights (needs a validation split or
      validation data, never the test set);
    - ``verbose``: default ``config.keras_verbose()`` (a progress bar for a
      person, one line per epoch under CI / fast mode);
    - ``time_budget``: seconds; training stops after the epoch that passes it
      (to compare models on the same time budget).  A person's run counts
      real seconds.  In fast mode (CI, the tests) the wall clock would make
      the number of epochs, and so every number after it, differ from run to
      run; there each epoch is charged its ``estimated_epoch_seconds`` on the
      reference machine instead (``TimeBudget(clock="estimated")``).
    """
    callbacks = []
    if patience is not None:
        if validation_split is None and validation_data is None:
            raise ValueError("patience needs validation_split or validation_data (early stopping watches val_loss)")
        callbacks.append(
            keras.callbacks.EarlyStopping(monitor="val_loss", patience=patience, restore_best_weights=True)
        )
    if time_budget is not None:
        if config.fast_mode():
            n = len(x)
            n_val = len(validation_data[0]) if validation_data is not None else 0
            if validation_split:  # Keras keeps the first (1 - split) of the examples for training
                n_train = int(n * (1 - validation_split))
                n, n_val = n_train, n_val + n - n_train
            callbacks.append(TimeBudget(time_budget, clock="estimated", train_examples=n, validation_examples=n_val))
        else:
            callbacks.append(TimeBudget(time_budget))
    start = time.perf_counter()
    history = model.fit(
        x,
        y,
        epochs=epochs,
        batch_size=batch_size,
        validation_split=validation_split,
        validation_data=validation_data,
        callbacks=callbacks,
        verbose=config.keras_verbose() if verbose is None else verbose,
    )
    return history, time.perf_counter() - start


def one_cycle(peak_lr, steps, warmup_fraction=0.1):
    """A one-cycle learning rate over ``steps`` optimizer steps: it rises in a
    straight line from 0 to ``peak_lr`` over the first ``warmup_fraction`` of
    the steps, then falls along half a cosine to 1% of ``peak_lr`` at the last
    step.  Small steps while the weights are random, big ones in the middle,
    small ones again to settle: fast, stable training in few epochs."""
    steps = validate.as_int(steps, "steps", minimum=2)
    warmup = max(1, int(steps * warmup_fraction))
    return keras.optimizers.schedules.CosineDecay(
        0.0, steps - warmup, alpha=0.01, warmup_target=peak_lr, warmup_steps=warmup
    )


def fit_mnist_fast(x_train, y_train, epochs=20, batch_size=128, peak_lr=5e-3, verbose=None):
    """The course's fast MNIST recipe.  ``x_train`` uint8 (N, 28, 28), ``y_train`` (N,).

    Returns ``(model, history, seconds)``.  The slides' convnet, random
    shifts of the training digits (``mnist_fast_model``) and Adam with a
    one-cycle schedule (``one_cycle``): 98.3-98.4% on the 10,000 test images
    from the first 3,009 training images in about 25 s on 2 cores (lesson 5
    writes the same calls out; docs/benchmarks.md has the figures).
    """
    x = np.asarray(x_train, dtype="float32")[..., None] / 255
    steps = epochs * int(np.ceil(len(x) / batch_size))
    model = compile_model(mnist_fast_model, optimizer=keras.optimizers.Adam(one_cycle(peak_lr, steps)))
    history, seconds = train(model, x, np.asarray(y_train), epochs=epochs, batch_size=batch_size, verbose=verbose)
    return model, history, seconds


def fit_cifar10(
    x_train, y_train, epochs=10, batch_size=64, width=32, peak_lr=3e-3, validation_data=None, verbose=None, augment=True
):
    """The course's CIFAR-10 recipe.  ``x_train`` uint8 (N, 32, 32, 3), ``y_train`` (N,) or (N, 1);
    ``augment=False`` trains the same convnet without its flip-and-shift augmentation.

    Returns ``(model, history, seconds)``.
    """
    x = np.asarray(x_train, dtype="float32") / 255
    steps = epochs * int(np.ceil(len(x) / batch_size))
    augment = validate.as_bool(augment, "augment")
    model = compile_model(
        cifar10_convnet, optimizer=keras.optimizers.Adam(one_cycle(peak_lr, steps)), width=width, augment=augment
    )
    if validation_data is not None:
        validation_data = (
            np.asarray(validation_data[0], dtype="float32") / 255,
            np.asarray(validation_data[1]).reshape(-1),
        )
    history, seconds = train(
        model,
        x,
        np.asarray(y_train).reshape(-1),
        epochs=epochs,
        batch_size=batch_size,
        validation_data=validation_data,
        verbose=verbose,
    )
    return model, history, seconds
