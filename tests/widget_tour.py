"""The widget tour: every widget of the lessons in one notebook, for the browser test.

``tests/test_browser.py`` proves in JupyterLab and headless Chromium that every
widget renders and reacts.  Running the lessons themselves there would train
lessons 5 and 6 once more, which nbval and the repeat check already do
(``tests/notebook_runs.py``).  So the browser runs this tour instead:

- for each lesson, a short set-up cell that defines the names its widget
  cells use (the same values as the lesson: the cameraman photo, the 6x6 O and
  its filter, the pooling example ...);
- then the lesson's own widget cells, copied from the notebook at test time:
  every code cell that builds a tool (``widgets.SomeTool(``).  A new widget
  in a lesson is therefore in the tour at once; if it needs a name that no
  set-up so far defines, the tour fails with a NameError naming it (the tour
  is one namespace: a name an earlier lesson's set-up defines is found).

Where a lesson shows a *trained* network (the X/O pad's CNN, the feature-map
explorers of lessons 5 and 6), the set-up builds the lesson's architecture
untrained: the browser test proves that a widget renders and reacts, which
does not depend on the weights, and each fit would cost the suite seconds of
tracing.  Training, and the widgets on trained networks, are tested by the
lessons' own runs (``tests/notebook_runs.py`` builds the widgets live).
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"

BUILDS_A_TOOL = re.compile(r"\bwidgets\.[A-Z]\w*\(")

IMPORTS = """\
import numpy as np

from helpers import config, ops, plotting, widgets, xo

config.set_seed(0)
import keras
"""

# What each lesson's widget cells need, as the lesson defines it.
SETUP = {
    "01_edge_kernels": """\
from skimage import data as sample_images

photo = sample_images.camera()
""",
    "02_xo_toy_convnet": """\
o6 = np.array([[0, 0, 1, 1, 0, 0], [0, 1, 0, 0, 1, 0], [1, 0, 0, 0, 0, 1],
               [1, 0, 0, 0, 0, 1], [0, 1, 0, 0, 1, 0], [0, 0, 1, 1, 0, 0]])
filter6 = np.array([[0, 0, 1], [0, 1, 0], [1, 0, 0]])
bias = -2

# the lesson's small CNN, untrained
cnn = keras.Sequential([keras.Input(shape=(9, 9, 1)), keras.layers.Conv2D(8, 3, activation="relu"),
                        keras.layers.MaxPooling2D(2, padding="same"), keras.layers.Flatten(),
                        keras.layers.Dense(2, activation="softmax")])
models = {"CNN": cnn}
""",
    "03_conv_arithmetic": "",
    "04_pooling": """\
fmap = np.array([[3, 13, 17, 11], [5, 3, 1, 23], [7, 1, 2, 3], [11, 17, 1, 4]])
maps = ops.relu(xo.feature_maps(xo.X))
""",
    "05_keras_mnist": """\
from helpers import data, models as course_models

# the slides' convnet, untrained
(x_train, y_train), (x_test, y_test) = data.load_mnist(verbose=False)
x_test_f = x_test.astype("float32")[..., None] / 255
cnn = course_models.mnist_slide_model()
""",
    "06_keras_cifar10": """\
from helpers import data, models as course_models

# the lesson's better convnet at width 8, untrained
(x_train, y_train), (x_test, y_test) = data.load_cifar10(verbose=False)
classes = data.CIFAR10_CLASSES
x_te, y_te = x_test.astype("float32") / 255, y_test.reshape(-1)
better = course_models.cifar10_convnet(width=8)
""",
    "07_inside_the_network": """\
from helpers import data, models as course_models

# the slides' MNIST convnet, untrained as in the lesson (the explorer shows geometry), and the test digits
(x_train, y_train), (x_test, y_test) = data.load_mnist(verbose=False)
digits_test = x_test[..., None].astype("float32") / 255
slides_net = course_models.mnist_slide_model()
""",
}


def widget_cells(notebook: Path) -> list[str]:
    """The sources of the code cells of ``notebook`` that build a tool."""
    nb = nbformat.read(notebook, as_version=4)
    return [c.source for c in nb.cells if c.cell_type == "code" and BUILDS_A_TOOL.search(c.source)]


def lessons_with_widgets() -> dict[str, list[str]]:
    """{lesson stem: its widget cells}, for every lesson that has any."""
    found = {path.stem: widget_cells(path) for path in sorted(NOTEBOOKS.glob("*.ipynb"))}
    return {stem: cells for stem, cells in found.items() if cells}


def build_tour() -> tuple[nbformat.NotebookNode, list[tuple[str, int]]]:
    """The tour notebook, and for each widget cell in it (in order) its
    lesson and its number among that lesson's widget cells."""
    lessons = lessons_with_widgets()
    missing = sorted(set(lessons) - set(SETUP))
    if missing:
        raise KeyError(f"tests/widget_tour.py has no SETUP for {missing}: add what their widget cells need")
    cells = [
        nbformat.v4.new_markdown_cell("# Widget tour (built by tests/widget_tour.py)"),
        nbformat.v4.new_code_cell(IMPORTS),
    ]
    shown = []
    for stem, sources in lessons.items():
        cells.append(nbformat.v4.new_markdown_cell(f"## {stem}"))
        if SETUP[stem]:
            cells.append(nbformat.v4.new_code_cell(SETUP[stem]))
        for k, source in enumerate(sources, start=1):
            cells.append(nbformat.v4.new_code_cell(source))
            shown.append((stem, k))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb, shown


if __name__ == "__main__":  # python tests/widget_tour.py build/widget_tour.ipynb: to open it yourself
    import sys

    target = Path(sys.argv[1] if len(sys.argv) > 1 else "build/widget_tour.ipynb")
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(build_tour()[0], target)
    print("wrote", target)
