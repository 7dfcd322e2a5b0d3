"""Every notebook gives the same numbers twice, and survives running its cells again.

For each notebook, in fast mode (``COURSE_FAST=1``), with widgets drawn as
static pictures and downloads switched off:

1. run A: a fresh kernel executes every code cell in order;
2. run B ("restart and run all"): another fresh kernel does the same;
3. re-run: in run B's kernel, still alive, every code cell runs a second
   time, in order.

After every code cell of runs A and B the test records

- a digest of every variable that an ``assert`` of the cell names and that
  holds numbers: ints, floats, bools, NumPy scalars and arrays, and lists,
  tuples and dicts of those (floats by ``repr``, so they compare exactly;
  arrays by shape, dtype and the SHA-256 of their bytes).  It is computed by
  a hidden snippet in the kernel (``user_expressions`` of an empty, silent
  request): nothing is printed and nothing lands in the notebook;
- the cell's text output: stdout/stderr and the ``text/plain`` of results and
  displays (pictures and widget data are left out).

Runs A and B must agree on every digest and on every printed number except
timings (see ``mask_timings``), and no cell may fail when it runs again (its
asserts included): no duplicated layers, no state that breaks.  Cost: three
executions of each notebook.
"""

from __future__ import annotations

import ast
import json
import os
import re
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
ipykernel_kernelspec = pytest.importorskip("ipykernel.kernelspec")

from jupyter_client.kernelspec import KernelSpecManager  # noqa: E402
from jupyter_client.manager import AsyncKernelManager  # noqa: E402
from nbclient import NotebookClient  # noqa: E402
from nbclient.exceptions import CellExecutionError  # noqa: E402
from nbclient.util import run_sync  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
CELL_TIMEOUT = 600  # seconds per cell: the slowest fast-mode cell takes well under a minute
STARTUP_TIMEOUT = 120

CURRENT_ENV = "course-current-env"


def _shared_datasets() -> Path | None:
    """The real-data subsets, found as tests/test_data.py finds them."""
    env = os.environ.get("COURSE_DATA_DIR")
    if env and (Path(env) / "mnist-subset.npz").exists():
        return Path(env)
    shared = ROOT.parent / "shared" / "datasets"
    return shared if shared.is_dir() else None


# ----------------------------------------------------------------- timings
#
# What the notebooks print that is a measurement of the machine, not a result:
#
# - a timing: a number directly followed by a unit of time, as Keras' epoch
#   lines ("73/73 - 1s - 9ms/step - accuracy: ...", "418us/step") and the
#   notebooks ("(12 s)", "after 15 s of training", "8.1 ms") write them.
#   Only that number and its unit are masked: the rest of the line
#   (accuracies, losses, epoch counts) is still compared;
# - the free disk space of the environment report ("free disk: 79.4 GB");
# - memory addresses ("<... object at 0x7f3a...>").

TIMING = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?:e[-+]?\d+)?\s?(?:s|ms|us|µs)(?:/step)?(?![\w/])")
FREE_DISK = re.compile(r"(free disk: )\d+(?:\.\d+)? [KMGT]B")
ADDRESS = re.compile(r"\b0x[0-9a-fA-F]{6,}\b")


def mask_timings(text: str) -> str:
    """``text`` with every timing (number and unit) replaced by ``<time>``,
    the free disk space by ``<free>`` and memory addresses by ``0x<address>``."""
    text = TIMING.sub("<time>", text)
    text = FREE_DISK.sub(r"\1<free>", text)
    return ADDRESS.sub("0x<address>", text)


TIMING_NAME = re.compile(r"^(?:t\d|start|elapsed|seconds|duration)$|(?:_time|_s|_ms|_seconds)$")


def is_timing_name(name: str) -> bool:
    """Variables whose values are timings: ``t0``, ``start``, ``elapsed``,
    ``seconds``, ``duration`` and names ending in ``_time``, ``_s``, ``_ms``,
    ``_seconds`` (``fit_time``, ``total_ms``, ``dense_seconds``)."""
    return bool(TIMING_NAME.search(name.lower()))


def assert_names(source: str) -> list[str]:
    """Names read inside the ``assert`` statements of a cell (sorted, no timings)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:  # IPython magics: such a cell has no plain-Python asserts to read
        return []
    names = {
        node.id
        for statement in ast.walk(tree)
        if isinstance(statement, ast.Assert)
        for node in ast.walk(statement)
        if isinstance(node, ast.Name)
    }
    return sorted(n for n in names if not is_timing_name(n))


# ----------------------------------------------------------------- the kernel side
#
# Defined once, silently, in each kernel.  It returns a JSON text: for each
# name that is bound and holds numbers, its digest; other values (modules,
# functions, models, widgets, strings, ...) are left out.

DIGEST_FUNCTION = "_course_rerun_digest_"
DIGEST_SOURCE = f'''
def {DIGEST_FUNCTION}(names):
    import hashlib, json, numbers
    import numpy as np

    class Skip(Exception):
        pass

    def digest(value, depth=0):
        if depth > 4:
            raise Skip
        if isinstance(value, (bool, np.bool_)):
            return ["bool", bool(value)]
        if isinstance(value, numbers.Integral):
            return ["int", int(value)]
        if isinstance(value, numbers.Real):
            return [type(value).__name__, repr(float(value))]
        if isinstance(value, numbers.Complex):
            return [type(value).__name__, repr(complex(value))]
        if isinstance(value, np.ndarray):
            if value.dtype.kind not in "biufc":
                raise Skip
            data = np.ascontiguousarray(value)
            return ["ndarray", list(value.shape), str(value.dtype), hashlib.sha256(data.tobytes()).hexdigest(),
                    [repr(v) for v in data.reshape(-1)[:4].tolist()]]
        if isinstance(value, (list, tuple)) and len(value) <= 100_000:
            return [type(value).__name__, [digest(v, depth + 1) for v in value]]
        if isinstance(value, dict) and all(isinstance(k, (str, int)) for k in value):
            return ["dict", [[repr(k), digest(v, depth + 1)] for k, v in value.items()]]
        raise Skip

    namespace = globals()
    result = {{}}
    for name in names:
        if name not in namespace:
            continue
        try:
            result[name] = digest(namespace[name])
        except Skip:
            pass
    return json.dumps(result, sort_keys=True)
'''


def kernel_env() -> dict:
    env = dict(os.environ)
    env.update(COURSE_FAST="1", COURSE_OFFLINE="1", COURSE_WIDGETS="static")
    env.pop("JPY_SESSION_NAME", None)  # a headless run, whatever started pytest
    data = _shared_datasets()
    if data is not None:
        env["COURSE_DATA_DIR"] = str(data)
    return env


class CurrentEnvKernelSpecs(KernelSpecManager):
    """One kernel spec: this very Python (``sys.executable -m ipykernel_launcher``)."""

    def get_kernel_spec(self, kernel_name):
        if kernel_name == CURRENT_ENV:
            return self.kernel_spec_class(
                resource_dir=ipykernel_kernelspec.RESOURCES, **ipykernel_kernelspec.get_kernel_dict()
            )
        return super().get_kernel_spec(kernel_name)


def text_of(outputs) -> dict[str, str]:
    """The text a cell showed, by channel: stdout, stderr (each one text: how
    a stream is cut into messages depends on when it is flushed) and the
    ``text/plain`` of results and displays, in order (pictures and widget data
    are left out)."""
    channels = {"stdout": "", "stderr": "", "display": ""}
    for out in outputs:
        if out.output_type == "stream":
            channels[out.name] = channels.get(out.name, "") + out.text
        elif out.output_type in ("execute_result", "display_data"):
            if "text/plain" in out.get("data", {}):
                channels["display"] += f"[{out.output_type}] {out.data['text/plain']}\n"
        elif out.output_type == "error":
            channels["display"] += f"[error] {out.ename}: {out.evalue}\n"
    return channels


class Run:
    """A notebook executed cell by cell in one fresh kernel."""

    def __init__(self, path: Path):
        self.path = path
        self.nb = nbformat.read(path, as_version=4)
        km = AsyncKernelManager(kernel_name=CURRENT_ENV, kernel_spec_manager=CurrentEnvKernelSpecs())
        self.client = NotebookClient(
            self.nb,
            km=km,
            timeout=CELL_TIMEOUT,
            startup_timeout=STARTUP_TIMEOUT,
            allow_errors=False,
            record_timing=False,
            resources={"metadata": {"path": str(path.parent)}},
        )
        self.code_cells = [(i, c) for i, c in enumerate(self.nb.cells) if c.cell_type == "code"]

    def start(self):
        run_sync(self.client.async_start_new_kernel)(env=kernel_env())
        run_sync(self.client.async_start_new_kernel_client)()
        executable = self.hidden("import sys", "sys.executable")
        assert executable == repr(sys.executable), f"the kernel runs {executable}, not this Python ({sys.executable!r})"
        self.hidden(DIGEST_SOURCE)

    def stop(self):
        if self.client.km is not None:
            run_sync(self.client._async_cleanup_kernel)()

    def hidden(self, code: str, expression: str | None = None) -> str | None:
        """Run ``code`` silently (no output, no history, no execution count);
        return the ``repr`` of ``expression`` evaluated afterwards."""
        expressions = {"value": expression} if expression else {}
        reply = run_sync(self.client.kc.execute_interactive)(
            code, silent=True, store_history=False, user_expressions=expressions,
            timeout=CELL_TIMEOUT, output_hook=lambda msg: None,
        )
        content = reply["content"]
        if content["status"] != "ok":
            raise RuntimeError(f"hidden snippet failed: {content.get('ename')}: {content.get('evalue')}")
        if expression is None:
            return None
        value = content["user_expressions"]["value"]
        if value["status"] != "ok":
            raise RuntimeError(f"hidden expression failed: {value.get('ename')}: {value.get('evalue')}")
        return value["data"]["text/plain"]

    def execute(self, index: int, cell):
        self.client.execute_cell(cell, index)

    def record_all(self) -> dict[int, tuple[dict, dict]]:
        """Execute every code cell once; return {cell index: (masked text by channel, digests)}."""
        records = {}
        for index, cell in self.code_cells:
            self.execute(index, cell)
            names = assert_names(cell.source)
            digests = {}
            if names:
                text = self.hidden("", f"{DIGEST_FUNCTION}({names!r})")
                digests = json.loads(ast.literal_eval(text))
            texts = {channel: mask_timings(text) for channel, text in text_of(cell.outputs).items()}
            records[index] = (texts, digests)
        return records


def first_difference(a: dict, b: dict, nb_name: str) -> list[str]:
    """For each cell where runs A and B differ: its first differing output
    line (per channel) or asserted variable."""
    problems = []
    for index in sorted(a):
        texts_a, digests_a = a[index]
        texts_b, digests_b = b[index]
        for channel in sorted(set(texts_a) | set(texts_b)):
            lines_a = texts_a.get(channel, "").splitlines()
            lines_b = texts_b.get(channel, "").splitlines()
            if lines_a == lines_b:
                continue
            n = max(len(lines_a), len(lines_b))
            lines_a += ["<no line>"] * (n - len(lines_a))
            lines_b += ["<no line>"] * (n - len(lines_b))
            line = next(i for i in range(n) if lines_a[i] != lines_b[i])
            problems.append(
                f"{nb_name} cell {index}: {channel} line {line + 1} differs:\n"
                f"    run A: {lines_a[line]!r}\n    run B: {lines_b[line]!r}"
            )
        for name in sorted(set(digests_a) | set(digests_b)):
            if digests_a.get(name) != digests_b.get(name):
                problems.append(
                    f"{nb_name} cell {index}: asserted variable {name!r} differs:\n"
                    f"    run A: {digests_a.get(name)}\n    run B: {digests_b.get(name)}"
                )
    return problems


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_repeats_and_reruns(path):
    run_a = Run(path)
    run_a.start()
    try:
        first = run_a.record_all()
    finally:
        run_a.stop()

    # The digests really see the asserted numbers (a broken snippet would compare nothing).
    asserted = {name for index, cell in run_a.code_cells for name in assert_names(cell.source)}
    digested = {name for _, digests in first.values() for name in digests}
    assert not asserted or digested, f"{path.name}: no asserted variable could be digested ({sorted(asserted)})"

    run_b = Run(path)
    run_b.start()
    try:
        second = run_b.record_all()
        problems = first_difference(first, second, path.name)
        # Executing any cell a second time: every cell once more, in order, same kernel.
        for index, cell in run_b.code_cells:
            try:
                run_b.execute(index, cell)
            except CellExecutionError as err:
                problems.append(f"{path.name} cell {index} fails when run a second time:\n{err}")
                break
    finally:
        run_b.stop()

    assert not problems, "\n".join(problems)


# ----------------------------------------------------------------- the comparison itself


def test_only_timings_are_masked():
    keras_line = "73/73 - 3s - 39ms/step - accuracy: 0.6343 - loss: 1.0550"
    assert mask_timings(keras_line) == "73/73 - <time> - <time> - accuracy: 0.6343 - loss: 1.0550"
    printed = "convnet: 14 epochs in 62 s, test accuracy 50.2% (8.1 ms, 418us/step)"
    assert mask_timings(printed) == "convnet: 14 epochs in <time>, test accuracy 50.2% (<time>, <time>)"
    # numbers that are results, not timings, stay: sizes, counts, "3 s" is a time but "3 x 3" is not
    assert mask_timings("(4, 28, 28, 6) 93,322 parameters, 3 x 3 kernel") == "(4, 28, 28, 6) 93,322 parameters, 3 x 3 kernel"
    assert is_timing_name("fit_time") and is_timing_name("t0") and not is_timing_name("accuracy")
    assert assert_names("x = 1\nassert x > t0 and y == 2") == ["x", "y"]


def test_a_changed_number_is_reported():
    run_a = {3: ({"stdout": "accuracy 0.91\n"}, {"acc": ["float", "0.91"]})}
    same = {3: ({"stdout": "accuracy 0.91\n"}, {"acc": ["float", "0.91"]})}
    printed = {3: ({"stdout": "accuracy 0.92\n"}, {"acc": ["float", "0.91"]})}
    asserted = {3: ({"stdout": "accuracy 0.91\n"}, {"acc": ["float", "0.9100000000000001"]})}
    assert first_difference(run_a, same, "nb") == []
    assert "stdout line 1 differs" in first_difference(run_a, printed, "nb")[0]
    assert "asserted variable 'acc' differs" in first_difference(run_a, asserted, "nb")[0]
