"""The kernel explorer: filter a photo with a kernel you pick or type, live."""

from __future__ import annotations

import time
from fractions import Fraction

import numpy as np

from .. import kernels, ops, plotting
from ..validate import as_int, as_numeric_array
from .display import Controls, InteractiveTool, image_html, status_html, to_jpeg, warning_html


def parse_number(text: str) -> float:
    """Read one kernel cell: an integer, a decimal or a fraction ("1/9").

    Raises ValueError with a sentence for the student for anything else
    (empty cells, words, NaN, infinity).
    """
    if not isinstance(text, str):
        raise TypeError(f"a kernel cell must be text, got {type(text).__name__}")
    cleaned = text.strip()
    if not cleaned:
        raise ValueError("is empty: type a number such as 0, -1, 0.5 or 1/9")
    try:
        # Fraction reads "3", "-0.25", "1/9" and "2e-3" exactly, and refuses
        # "nan" and "inf", which is what we want here.
        return float(Fraction(cleaned))
    except (ValueError, ZeroDivisionError):
        hint = " (use a dot for decimals)" if "," in cleaned else ""
        raise ValueError(f"{cleaned!r} is not a number{hint}: type e.g. 0, -1, 0.5 or 1/9") from None
    except OverflowError:  # "1e400": a number, but too large for a float
        raise ValueError(f"{cleaned!r} is too large a number: type e.g. 0, -1, 0.5 or 1/9") from None


def default_scaling(kernel) -> str:
    """The grey-level view that fits a kernel, from the sum of its weights.

    - weights summing to 1 (identity, sharpen, Gaussian, box, a shifted 1)
      keep the photo's brightness: ``"clip"``, the response drawn as a photo
      (grey levels 0..255);
    - weights summing to 0 (h_x, h_y, the edge detector) answer 0 on flat
      areas, with both signs at edges: ``"symmetric"``, 0 = mid-grey;
    - any other sum scales the brightness: ``"min-max"``, darkest black,
      brightest white.

    "Summing to" allows a rounding error of 1e-6 (1/9 typed nine times).
    """
    kernel = as_numeric_array(kernel, "kernel", ndim=2, shape_hint="(F, F)")
    total = float(np.sum(kernel, dtype=np.float64))
    if abs(total - 1) < 1e-6:
        return "clip"
    if abs(total) < 1e-6:
        return "symmetric"
    return "min-max"


class KernelExplorer(InteractiveTool):
    """Filter a photo with a kernel you pick or type, and see the result live.

    - ``image``: a grey-scale photo (H, W).
    - ``kernel``: a preset name from ``kernels.GALLERY`` or a square array.
    - ``scaling``: how the response is turned into grey levels, one of
      ``plotting.SCALINGS`` (see ``plotting.scale_for_display``).  By default
      (None) it follows the kernel, ``default_scaling``: a kernel whose
      weights sum to 1 is drawn as a photo (``"clip"``), one whose weights sum
      to 0 symmetric about 0.  A scaling chosen (here or with
      ``set_scaling``, or in the widget's menu) is kept for every kernel after.

    The response is ``ops.correlate2d(image, kernel, padding="same")``, so the
    output has the photo's size.  State after each call: ``kernel`` (the last
    good kernel), ``cells`` (the texts in the grid), ``output`` (float
    response), ``shown`` (uint8 grey levels), ``scaling`` (the view in use),
    ``scaling_chosen`` (False while the view follows the kernel), ``message``
    (empty, or what is wrong with the typed kernel; the last good image stays
    on screen), ``last_update_ms`` (time of the last recomputation).
    """

    def __init__(self, image, kernel="vertical edge (h_x)", scaling=None):
        self.image = as_numeric_array(image, "image", ndim=2, shape_hint="(H, W)").astype(np.float32)
        if scaling is not None and (not isinstance(scaling, str) or scaling not in plotting.SCALINGS):
            raise ValueError(f"scaling must be None (follow the kernel) or one of {plotting.SCALINGS}, got {scaling!r}")
        self.scaling_chosen = scaling is not None
        self.scaling = scaling if scaling is not None else "symmetric"
        self.message = ""
        self.preset = None
        if isinstance(kernel, str):
            self.choose_preset(kernel)
        else:
            self.set_kernel(kernel)

    # ---- logic (no widgets involved) ---------------------------------------

    def choose_preset(self, name: str) -> None:
        """Load a kernel from the gallery by name."""
        if not isinstance(name, str) or name not in kernels.GALLERY:
            raise ValueError(f"preset must be one of {list(kernels.GALLERY)}, got {name!r}")
        self.preset = name
        self._accept(kernels.GALLERY[name])

    def set_kernel(self, kernel) -> None:
        """Use an explicit square kernel (F x F, F odd, values finite)."""
        kernel = as_numeric_array(kernel, "kernel", ndim=2, shape_hint="(F, F)").astype(np.float64)
        if kernel.shape[0] != kernel.shape[1] or kernel.shape[0] % 2 == 0:
            raise ValueError(f"kernel must be square with an odd size (3x3, 5x5, ...), got shape {kernel.shape}")
        self.preset = None
        self._accept(kernel)

    def set_cell(self, row: int, col: int, text: str) -> bool:
        """Type ``text`` into cell (row, col) of the kernel grid.

        If every cell then reads as a number, the kernel changes and the
        output is recomputed (returns True).  Otherwise ``message`` says which
        cell is wrong and why, and the last good kernel and image are kept
        (returns False).
        """
        size = len(self.cells)
        row, col = as_int(row, "row"), as_int(col, "col")
        if not (0 <= row < size and 0 <= col < size):
            raise ValueError(f"cell (row={row}, col={col}) is outside the {size}x{size} kernel")
        self.cells[row][col] = text
        values = np.zeros((size, size))
        for r in range(size):
            for c in range(size):
                try:
                    values[r, c] = parse_number(self.cells[r][c])
                except (TypeError, ValueError) as err:
                    self.message = f"Row {r + 1}, column {c + 1} {err}. Showing the last good result."
                    self._notify()
                    return False
        # typing a gallery kernel by hand selects its name again
        self.preset = next(
            (name for name, k in kernels.GALLERY.items() if k.shape == values.shape and np.allclose(k, values)), None
        )
        self._accept(values, keep_cells=True)
        return True

    def set_scaling(self, mode: str) -> None:
        """Change how the response is drawn (see ``plotting.scale_for_display``)."""
        if not isinstance(mode, str) or mode not in plotting.SCALINGS:
            raise ValueError(f"scaling must be one of {plotting.SCALINGS}, got {mode!r}")
        self.scaling = mode
        self.scaling_chosen = True  # a person's (or the lesson's) choice: kept from now on
        self.shown = plotting.scale_for_display(self.output, self.scaling)
        self._notify()

    def _accept(self, kernel: np.ndarray, keep_cells: bool = False) -> None:
        self.kernel = kernel
        if not self.scaling_chosen:
            self.scaling = default_scaling(kernel)
        if not keep_cells:
            self.cells = plotting.kernel_labels(kernel)
        self.message = ""
        self.update()
        self._notify()

    def update(self) -> None:
        """Recompute the response and its grey levels; time it."""
        start = time.perf_counter()
        self.output = ops.correlate2d(self.image, self.kernel.astype(np.float32), padding="same")
        self.shown = plotting.scale_for_display(self.output, self.scaling)
        self.last_update_ms = (time.perf_counter() - start) * 1000

    def response_text(self) -> str:
        """The response in words, for a reader who cannot see the picture:
        the kernel, the view, and the response's size and range."""
        h, w = self.output.shape
        low, high, mean = (float(f(self.output)) + 0.0 for f in (np.min, np.max, np.mean))  # + 0.0: no "-0"
        return (
            f"response of {self.preset or 'your kernel'} ({h}x{w}, drawn {self.scaling}): "
            f"min {low:.4g}, max {high:.4g}, mean {mean:.4g}"
        )

    def _label(self) -> str:
        return f"KernelExplorer({self.preset or 'custom kernel'}, scaling={self.scaling!r})"

    def static_figure(self):
        """A Matplotlib figure of the current state: photo -> kernel -> response."""
        title = self.preset or "your kernel"
        return plotting.show_filtering(
            self.image,
            self.kernel,
            self.output,
            titles=("photo", title, f"response ({self.scaling})"),
            scaling=self.scaling,
        )


class _KernelExplorerUI(Controls, tool=KernelExplorer):
    """The photo, the kernel's grid of weights with a preset menu, the response.

    Every user action calls the explorer's logic; the logic then calls
    ``refresh`` so the controls show its state (``Controls``).
    """

    def layout(self, w, explorer):
        self.w = w
        width = "360px"
        self.preset = w.Dropdown(options=[*kernels.GALLERY, "(custom)"], description="kernel")
        self.scaling = w.Dropdown(options=list(plotting.SCALINGS), description="scaling")
        self.grid = w.GridBox(layout=w.Layout(grid_gap="2px"))
        self.cell_boxes = []
        self.message = w.HTML()
        self.timing = w.HTML()
        self.status = w.HTML()  # the response in words (a live region)
        # pictures as <img> with their text alternative (what a screen reader says)
        self.photo = w.HTML(
            image_html(
                to_jpeg(plotting.scale_for_display(explorer.image, "clip")),
                "the photo: a {} x {} grey image".format(*explorer.image.shape[:2]),
                width,
            )
        )
        self.result = w.HTML()
        self._width = width
        self.on_change(self.preset, self._choose_preset)
        self.on_change(self.scaling, explorer.set_scaling)
        # a fixed width keeps the layout still when a message appears
        controls = w.VBox(
            [
                self.preset,
                w.HTML("<b>kernel weights</b> (press Enter to apply)"),
                self.grid,
                self.scaling,
                self.message,
                self.status,
                self.timing,
            ],
            layout=w.Layout(width="330px", margin="0 12px"),
        )
        return w.HBox(
            [w.VBox([w.HTML("<b>photo</b>"), self.photo]), controls, w.VBox([w.HTML("<b>response</b>"), self.result])]
        )

    def _choose_preset(self, name):
        if name != "(custom)":  # what typed weights show: choosing it changes nothing
            self.tool.choose_preset(name)

    def _build_grid(self, size):
        w = self.w
        self.cell_boxes = []
        for r in range(size):
            for c in range(size):
                # the description names the field for a screen reader; 0 px wide, it takes no room
                box = w.Text(
                    description=f"weight row {r + 1}, column {c + 1}",
                    continuous_update=False,
                    style={"description_width": "0px"},
                    layout=w.Layout(width="58px"),
                )
                self.on_change(box, lambda text, r=r, c=c: self.tool.set_cell(r, c, text))
                self.cell_boxes.append(box)
        self.grid.layout.grid_template_columns = f"repeat({size}, 60px)"
        self.grid.children = self.cell_boxes

    def show(self, ex):
        size = len(ex.cells)
        if len(self.cell_boxes) != size * size:
            self._build_grid(size)
        for box, text in zip(self.cell_boxes, [t for row in ex.cells for t in row]):
            box.value = text
        self.preset.value = ex.preset if ex.preset is not None else "(custom)"
        self.scaling.value = ex.scaling
        self.result.value = image_html(to_jpeg(ex.shown), ex.response_text(), self._width)
        self.message.value = warning_html(ex.message) if ex.message else ""
        self.status.value = status_html(ex.response_text())
        self.timing.value = f"<small>last update: {ex.last_update_ms:.1f} ms</small>"
