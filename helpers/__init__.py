"""Helpers for the CNN course: the code the lesson notebooks import.

Modules (one job each):

- ``helpers.config``       fast mode (``COURSE_FAST=1``), seeds, quiet TensorFlow
- ``helpers.validate``     argument checks that give clear error messages
- ``helpers.ops``          numpy reference convolution, pooling and activations
- ``helpers.activations``  ReLU, sigmoid, tanh, leaky ReLU, ELU, softmax
- ``helpers.arithmetic``   output sizes and parameter counts
- ``helpers.loops``        the plain-loop teaching versions of the ops
- ``helpers.data``         MNIST and CIFAR-10 loading, offline-friendly
- ``helpers.environment``  the "is my machine ready?" report (``python -m helpers doctor``)
- ``helpers.kernels``      the slides' kernels and an oriented filter bank
- ``helpers.plotting``     figures: images, slide-style matrices, curves, confusion matrices
- ``helpers.presenter``    presenter mode for a projector
- ``helpers.xo``           the X/O toy convnet worked by hand
- ``helpers.models``       the slides' Keras models, the recipes, one training helper
- ``helpers.exercises``    the exercises: ``exercises.check("3.2", answer)`` and one answer key per lesson
- ``helpers.checks``       the feedback behind it: right / not yet (with the mistake's hint) / not answered
- ``helpers.widgets``      the interactive tools (a package, one module per tool)

Importing ``helpers`` is cheap: TensorFlow is only imported by the modules
and functions that need it (``helpers.models`` imports it on load).
"""

import os as _os

# TensorFlow reads this when it is first imported; setting it here (before any
# notebook imports TensorFlow) hides its INFO and WARNING lines.  The notices
# TF prints before its logger starts are handled by config.quiet_tensorflow().
_os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

__version__ = "0.1.0"
