"""Helpers for the CNN course: the code the lesson notebooks import.

One job per module, in layers; a module imports only from the layers below
its own (``make lint`` checks it; ``helpers/ARCHITECTURE.md`` says more).
Lowest first:

0. ``config``       fast mode (``COURSE_FAST=1``), seeds, quiet TensorFlow
1. ``validate``     turn an argument into a number or an array, or raise a clear error
   ``presenter``    presenter mode for a projector
2. ``arithmetic``   output sizes, (W - F + 2P)/S + 1, and parameter counts
   ``activations``  ReLU, sigmoid, tanh, leaky ReLU, ELU, softmax
   ``kernels``      the slides' kernels and an oriented filter bank
3. ``sliding``      the window plumbing: checked arguments, padding, the windows
4. ``backward``     the gradients of conv2d and pooling
5. ``ops``          NumPy convolution and pooling (and layers 2 and 4, passed on)
   ``loops``        the same ops as plain loops, one output pixel at a time
6. ``xo``           the X/O toy convnet worked by hand
7. ``checks``       the student's verdicts: right / not yet (with the mistake's hint) / not answered
   ``plotting``     figures drawn from the lesson's arrays (a package, one module per topic)
   ``data``         MNIST and CIFAR-10 loading, offline-friendly
   ``models``       the slides' Keras models, the recipes, one training helper
   ``attribution``  saliency, Grad-CAM, measured receptive fields
8. ``widgets``      the interactive tools (a package, one module per tool)
   ``exercises``    the exercises: ``exercises.check("3.2", answer)`` and one answer key per lesson
   ``environment``  the "is my machine ready?" report (``python -m helpers doctor``)

Importing ``helpers`` is cheap: TensorFlow is only imported by the modules
and functions that need it (``helpers.models`` imports it on load).
"""

import os as _os

# TensorFlow reads this when it is first imported; setting it here (before any
# notebook imports TensorFlow) hides its INFO and WARNING lines.  The notices
# TF prints before its logger starts are handled by config.quiet_tensorflow().
_os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

__version__ = "0.1.0"
