"""Figures the lessons share, drawn from the lesson's own arrays (a package, one module per topic).

- ``basics``: images, grids, slide-style matrices and kernels, bars, curves,
  confusion matrices; the white background and the colour conventions;
- ``steps``: a window sliding over an image, step by step (lesson 0);
- ``history``: the timeline of the ideas and the biological neuron (lesson 0);
- ``geometry``: padding, stride, depth, 1x1 convolution and im2col drawn (lesson 3);
- ``pipeline``: the X/O convnet's whole pipeline, and local against full connections (lesson 2);
- ``maps``: invariance and equivariance, and maps compared on one colour scale (lessons 4 and 7);
- ``channels``: colour channels, volumetric filters, the maps of deeper layers (lessons 5 and 6);
- ``experiments``: the measured claims of lesson 8 (curves against a knob);
- ``describe``: every figure's text alternative, read from what it draws, for
  screen readers (attached to the figure's output when helpers load in IPython).

Every name is reachable as ``plotting.<name>``: the lessons write
``plotting.show_matrix(...)`` without knowing which module draws it.
"""

from .basics import *  # noqa: F403
from .channels import *  # noqa: F403
from .describe import *  # noqa: F403
from .experiments import *  # noqa: F403
from .geometry import *  # noqa: F403
from .history import *  # noqa: F403
from .maps import *  # noqa: F403
from .pipeline import *  # noqa: F403
from .steps import *  # noqa: F403

install()  # noqa: F405  (inside IPython: every figure's output carries its alt text)
