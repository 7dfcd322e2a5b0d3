"""Helpers for the CNN course: the code the lesson notebooks import.

Modules (one job each):

- ``helpers.config``       fast mode (``COURSE_FAST=1``), seeds, quiet TensorFlow
- ``helpers.validate``     argument checks that give clear error messages
- ``helpers.ops``          numpy reference convolution, pooling and activations
- ``helpers.activations``  ReLU, sigmoid, tanh, leaky ReLU, ELU, softmax
- ``helpers.arithmetic``   output sizes and parameter counts
- ``helpers.loops``        the plain-loop teaching versions of the ops
- ``helpers.data``         MNIST and CIFAR-10 loading, offline-friendly
- ``helpers.environment``  the "is my machine ready?" report

Importing ``helpers`` is cheap: TensorFlow is only imported by the functions
that need it.
"""

import os as _os

# TensorFlow reads this when it is first imported; setting it here (before any
# notebook imports TensorFlow) hides its INFO and WARNING lines.  The notices
# TF prints before its logger starts are handled by config.quiet_tensorflow().
_os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

__version__ = "0.1.0"
