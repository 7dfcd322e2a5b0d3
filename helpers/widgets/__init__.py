"""Interactive tools for the lessons (ipywidgets), built on plain, testable logic.

Each tool is a class whose methods do the work and keep the state;
``widget()`` wraps that logic in ipywidgets controls, and tests drive the
methods directly, no browser needed.  Displaying a tool shows the live widget
in JupyterLab and a static picture of its current state where no widget front
end exists (nbconvert, nbval): see ``helpers.widgets.display``.

- ``KernelExplorer``      lesson 1: filter a photo with a kernel you pick or type
- ``ConvolutionStepper``  lesson 2: walk a kernel over an image one position at a time
- ``XODrawingPad``        lesson 2: draw on a 9 x 9 grid; the toy convnet votes X or O
- ``ConvArithmeticCalculator``  lesson 3: W, F, P, S, D1, K -> output volume and parameters
- ``PoolingExplorer``     lesson 4: window, stride, max/average; which window made each output
- ``FeatureMapExplorer``  lessons 5-6: one image through every layer of a trained convnet
- ``ReceptiveFieldExplorer``  pick a layer and a unit, see the input pixels it depends on
"""

from .arithmetic_calculator import ConvArithmeticCalculator
from .display import figure_png, to_jpeg, widget_frontend_expected
from .feature_maps import FeatureMapExplorer
from .kernel_explorer import KernelExplorer, parse_number
from .pooling_explorer import PoolingExplorer
from .receptive_field import ReceptiveFieldExplorer, layer_geometry
from .stepper import ConvolutionStepper, html_grid
from .xo_pad import XODrawingPad, keras_classifier

__all__ = [
    "ConvArithmeticCalculator",
    "ConvolutionStepper",
    "FeatureMapExplorer",
    "PoolingExplorer",
    "ReceptiveFieldExplorer",
    "KernelExplorer",
    "XODrawingPad",
    "figure_png",
    "html_grid",
    "keras_classifier",
    "layer_geometry",
    "parse_number",
    "to_jpeg",
    "widget_frontend_expected",
]
