"""Every notebook: it runs, its numbers repeat, and every cell survives a second run.

A pytest plugin, loaded by the top-level ``conftest.py``.  It takes two
executions of each notebook, in one kernel, to prove three things:

1. **run A is nbval's own run** (``--nbval-lax``): one kernel executes every
   code cell in order; a cell that raises (an ``assert`` included) fails.
   After each cell this plugin also records, from that same run,

   - the cell's text output: stdout/stderr and the ``text/plain`` of results
     and displays (pictures and widget data are left out), with timings
     masked (``mask_timings``);
   - a digest of every value that an ``assert`` of the cell reads through a
     name, an attribute or an index (``accuracy``, ``history.history["loss"]``,
     ``explorer.all_maps["conv1"]``; expressions with a call are left out, so
     that nothing runs twice) and that holds numbers: ints, floats, bools,
     NumPy scalars and arrays, and lists, tuples and dicts of those (floats
     by ``repr``, so they compare exactly; arrays by shape, dtype and the
     SHA-256 of their bytes).  ``tests/kernel_digest.py`` computes it in the
     kernel (``user_expressions`` of a silent request): nothing is printed
     and nothing lands in the notebook but one hidden name.

2. **run B, re-running**: after nbval's last cell, one more test item (named
   "repeat and re-run") executes every code cell a second time, in order, in
   nbval's kernel, which is still alive, as a student does who runs the
   notebook again without restarting.  No cell may fail (its asserts
   included): no duplicated layers, no state that breaks.  Widgets are built
   live in run B (``COURSE_WIDGETS=live``, as in JupyterLab; run A draws
   static pictures), so their live code paths run too.  Run A draws every
   Matplotlib figure to PNG, as a notebook front end shows it; run B does
   not (``NO_FIGURE_PICTURES``): a figure still appears, as its text
   ``<Figure size ... with N Axes>``, which is compared, and every plotting
   call still runs; only the drawing into pixels, done and checked by run A,
   is not repeated (it is 15-20% of lessons 1 and 2's time).

3. **repeatability**: runs A and B must agree on every digest and every
   printed line, timings aside.  A number drawn without a seed, a seed set
   in the wrong cell, state that one run leaves for the next: each shows as
   a difference.  Run B runs in the same process as run A, so what differs
   only between processes (the order of a set of strings under Python's
   hash randomisation) is not caught; the fresh-kernel run B that this
   replaced never found such a difference in the course's notebooks.  (Until
   issue 16, run B was a third execution, in a fresh kernel; comparing the
   second execution instead saves a third of the suite's notebook work.)

The extra item is added only in fast mode (``COURSE_FAST=1``, as every
``make`` target but ``test-full`` sets: full mode counts lesson 6's time
budget on the wall clock, so two runs differ by design) and only when every
code cell of the notebook was collected (not for ``pytest "nb.ipynb::Cell 3"``).
Cells that nbval skips (``nbval-skip``) are skipped by it too; cells that
nbval expects to raise (``raises-exception``) may raise.
``--no-repeat-notebooks`` leaves out the extra item (nbval only: ``make check``);
``--no-repeat-for NAME`` leaves it out for one notebook (``make test`` does so for
the three lessons that train networks, 05, 06 and 08, whose run B is most of the
suite's time; ``make test-repeat``, which ``.ci/run`` calls, runs them with it).
The worked solutions (``solutions/``) get nbval's run only: they print no
measured numbers.
The extra item belongs to the notebook's file, so pytest-xdist's
``--dist loadfile`` keeps it on the worker that ran nbval's cells, right after
them (``tests/parallel.py``).
"""

from __future__ import annotations

import ast
import json
import os
import re
import tempfile
from pathlib import Path

import pytest

# Each pytest process (each xdist worker) gives the kernels it starts an IPython
# folder of their own: kernels of other processes then never share IPython's
# history database, whose lock once printed "The history saving thread hit an
# unexpected error (OperationalError('database is locked'))" into a cell's
# output in run B, and the comparison failed on that line.
os.environ["IPYTHONDIR"] = tempfile.mkdtemp(prefix="course-ipython-")

CELL_TIMEOUT = 600  # seconds per cell in run B (the slowest fast-mode cell takes under a minute)


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
# - memory addresses ("<... object at 0x7f3a...>");
# - Matplotlib's font warnings ("findfont: Font family [...] not found"): they
#   say what this machine's font cache holds, once per process, so run B (the
#   same process) does not repeat them.

TIMING = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?:e[-+]?\d+)?\s?(?:s|ms|us|µs|min|h)(?:/step)?(?![\w/])")
FREE_DISK = re.compile(r"(free disk: )\d+(?:\.\d+)? [KMGT]B")
FINDFONT = re.compile(r"^findfont: .*\n?", re.MULTILINE)
ADDRESS = re.compile(r"\b0x[0-9a-fA-F]{6,}\b")


def mask_timings(text: str) -> str:
    """``text`` with every timing (number and unit) replaced by ``<time>``,
    the free disk space by ``<free>`` and memory addresses by ``0x<address>``;
    Matplotlib's font warnings left out."""
    text = FINDFONT.sub("", text)
    text = TIMING.sub("<time>", text)
    text = FREE_DISK.sub(r"\1<free>", text)
    return ADDRESS.sub("0x<address>", text)


TIMING_NAME = re.compile(r"^(?:t\d|start|elapsed|seconds|duration)$|(?:_time|_s|_ms|_seconds)$")


def is_timing_name(name: str) -> bool:
    """Variables whose values are timings: ``t0``, ``start``, ``elapsed``,
    ``seconds``, ``duration`` and names ending in ``_time``, ``_s``, ``_ms``,
    ``_seconds`` (``fit_time``, ``total_ms``, ``dense_seconds``)."""
    return bool(TIMING_NAME.search(name.lower()))


def _base_name(node) -> str | None:
    """``a`` for ``a``, ``a.b``, ``a["k"][0]``; None when a call is part of it."""
    while isinstance(node, (ast.Attribute, ast.Subscript)):
        if isinstance(node, ast.Subscript) and any(isinstance(n, ast.Call) for n in ast.walk(node.slice)):
            return None
        node = node.value
    return node.id if isinstance(node, ast.Name) else None


def assert_names(source: str) -> list[str]:
    """What the ``assert`` statements of a cell read: every name, and every
    attribute or index chain on a name that contains no call (as source text,
    sorted; timings left out).  ``assert h.history["loss"][-1] < h0`` reads
    ``h``, ``h.history``, ``h.history["loss"]`` and ``h.history["loss"][-1]``."""
    try:
        tree = ast.parse(source)
    except SyntaxError:  # IPython magics: such a cell has no plain-Python asserts to read
        return []
    found = set()
    for statement in ast.walk(tree):
        if not isinstance(statement, ast.Assert):
            continue
        for node in ast.walk(statement):
            if isinstance(node, (ast.Name, ast.Attribute, ast.Subscript)) and isinstance(
                getattr(node, "ctx", None), ast.Load
            ):
                base = _base_name(node)
                if base is not None and not is_timing_name(base):
                    found.add(ast.unparse(node))
    return sorted(found)


def text_of(outputs) -> dict[str, str]:
    """The text a cell showed, by channel: stdout, stderr (each one text: how
    a stream is cut into messages depends on when it is flushed) and the
    ``text/plain`` of results and displays, in order (pictures and widget data
    are left out).  ``outputs``: nbformat outputs, or nbval's."""
    channels = {"stdout": "", "stderr": "", "display": ""}
    for out in outputs:
        kind = out.get("output_type")
        if kind == "stream":
            channels[out["name"]] = channels.get(out["name"], "") + out["text"]
        elif kind in ("execute_result", "display_data"):
            if "text/plain" in out.get("data", {}):
                channels["display"] += f"[{kind}] {out['data']['text/plain']}\n"
        elif kind == "error":
            channels["display"] += f"[error] {out['ename']}: {out['evalue']}\n"
    return channels


def first_difference(a: dict, b: dict, nb_name: str) -> list[str]:
    """For each cell where runs A and B differ: its first differing output
    line (per channel) or asserted variable.  ``a``, ``b``: {cell index:
    (masked text by channel, digests)}."""
    problems = []
    for index in sorted(set(a) | set(b)):
        texts_a, digests_a = a.get(index, ({}, {}))
        texts_b, digests_b = b.get(index, ({}, {}))
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
                    f"{nb_name} cell {index}: asserted value {name!r} differs:\n"
                    f"    run A: {digests_a.get(name)}\n    run B: {digests_b.get(name)}"
                )
    return problems


# ----------------------------------------------------------------- the kernel side
#
# tests/kernel_digest.py, run once, silently, in each kernel as a module of its
# own (in a fresh namespace: its imports and helpers do not land among the
# notebook's names), of which the kernel keeps one function under one hidden
# name.  ``digests_of`` calls it after each cell on the names the cell's
# asserts read, with the notebook's globals.

KERNEL_MODULE = Path(__file__).with_name("kernel_digest.py")  # read, not imported: NumPy is the kernel's
DIGEST_FUNCTION = "_course_rerun_digest_"
DIGEST_SOURCE = (
    f"{DIGEST_FUNCTION} = {{'__name__': 'kernel_digest'}}\n"
    f"exec({KERNEL_MODULE.read_text(encoding='utf-8')!r}, {DIGEST_FUNCTION})\n"
    f"{DIGEST_FUNCTION} = {DIGEST_FUNCTION}['digests_json']\n"
)


def hidden(kc, code: str, expression: str | None = None, timeout: float = CELL_TIMEOUT) -> str | None:
    """Run ``code`` silently in the kernel of client ``kc`` (no output, no
    history, no execution count); return the ``repr`` of ``expression``
    evaluated afterwards.  Only the shell channel is read: the kernel's
    busy/idle messages on iopub belong to this request, which nbval and
    ``execute_interactive`` (run B) skip."""
    expressions = {"value": expression} if expression else {}
    msg_id = kc.execute(code, silent=True, store_history=False, user_expressions=expressions, allow_stdin=False)
    while True:
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    content = reply["content"]
    if content["status"] != "ok":
        raise RuntimeError(f"hidden snippet failed: {content.get('ename')}: {content.get('evalue')}")
    if expression is None:
        return None
    value = content["user_expressions"]["value"]
    if value["status"] != "ok":
        raise RuntimeError(f"hidden expression failed: {value.get('ename')}: {value.get('evalue')}")
    return value["data"]["text/plain"]


def digests_of(kc, source: str) -> dict:
    """Digests of the numbers the asserts of ``source`` name, from the kernel of ``kc``."""
    names = assert_names(source)
    if not names:
        return {}
    return json.loads(ast.literal_eval(hidden(kc, "", f"{DIGEST_FUNCTION}({names!r}, globals())")))


# Figures as text only: Matplotlib's inline back end shows each figure as a
# display with no picture, just its text/plain "<Figure size 640x480 with 1 Axes>".
NO_FIGURE_PICTURES = "%config InlineBackend.figure_formats = set()"


# ----------------------------------------------------------------- run A: nbval's run, recorded


class Record:
    """What run A (nbval) showed and asserted, per code cell, in order."""

    def __init__(self, notebook):
        self.notebook = notebook  # nbval's IPyNbFile
        self.cells: dict[int, tuple[dict, dict]] = {}
        self.failed: list[str] = []
        self.digest_defined = False


def _with_history(kernel) -> None:
    """Make nbval's kernel execute cells as a notebook front end does, with
    ``store_history=True`` (nbval sends False).  IPython decides whether a
    trailing ``;`` hides a cell's result from the history: without it, ``;``
    is ignored and nbval shows results that JupyterLab and nbclient hide."""
    if getattr(kernel, "course_history", False):
        return

    def execute_cell_input(cell_input, allow_stdin=None):
        return kernel.kc.execute(cell_input, store_history=True, allow_stdin=allow_stdin, stop_on_error=False)

    kernel.execute_cell_input = execute_cell_input
    kernel.course_history = True


def _recorded(item, record: Record):
    """``item.runtest`` (an nbval cell), also recording its texts and digests."""
    original = item.runtest

    def runtest():
        if item.options.get("skip"):  # an nbval-skip cell: nbval skips it, nothing to record
            return original()
        _with_history(item.parent.kernel)
        try:
            original()
        except BaseException:
            record.failed.append(item.name)
            raise
        kc = item.parent.kernel.kc
        if not record.digest_defined:
            hidden(kc, DIGEST_SOURCE)
            record.digest_defined = True
        texts = {channel: mask_timings(text) for channel, text in text_of(item.test_outputs or []).items()}
        record.cells[item.cell_num] = (texts, digests_of(kc, item.cell.source))

    return runtest


# ----------------------------------------------------------------- run B: every cell again, in run A's kernel

# Before run B: widgets are built live from now on, as in JupyterLab (run A
# drew them as pictures; ``display.widget_frontend_expected`` reads this at
# each call), and figures are shown as text only.
RUN_B_SETUP = f"import os as _os; _os.environ['COURSE_WIDGETS'] = 'live'; del _os\n{NO_FIGURE_PICTURES}"


def outputs_of(kc, source: str) -> tuple[dict, list]:
    """Execute ``source`` in the kernel of ``kc`` as nbval executes a cell
    (``store_history=True``); return the execute reply's content and the
    cell's outputs, collected as nbval collects them (streams, displays,
    results and errors; ``clear_output`` ignored; streams coalesced)."""
    import nbformat
    from nbval.plugin import coalesce_streams

    outputs = []

    def keep(msg):
        if msg["msg_type"] in ("stream", "display_data", "execute_result", "error"):
            outputs.append(nbformat.v4.output_from_msg(msg))

    reply = kc.execute_interactive(
        source, store_history=True, allow_stdin=False, timeout=CELL_TIMEOUT, output_hook=keep
    )
    return reply["content"], coalesce_streams(outputs)


def run_b(notebook) -> tuple[dict[int, tuple[dict, dict]], list[str]]:
    """Execute every code cell of nbval's notebook ``notebook`` once more, in
    order, in its kernel (run B); return {code cell number: (masked texts by
    channel, digests)} and a description of the first cell that failed, if
    any (a cell nbval expects to raise may raise)."""
    kc = notebook.kernel.kc
    hidden(kc, RUN_B_SETUP)
    records = {}
    for item in notebook.cell_items:
        if item.options.get("skip"):
            continue
        reply, outputs = outputs_of(kc, item.cell.source)
        if reply["status"] != "ok" and not item.options.get("check_exception"):
            error = next((o for o in outputs if o.get("output_type") == "error"), reply)
            trace = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(error.get("traceback", [])))  # no terminal colours
            return records, [
                f"{notebook.path.name} code cell {item.cell_num} fails when run a second time: "
                f"{error.get('ename')}: {error.get('evalue')}\n{trace}"
            ]
        texts = {channel: mask_timings(text) for channel, text in text_of(outputs).items()}
        records[item.cell_num] = (texts, digests_of(kc, item.cell.source))
    return records, []


class RepeatAndRerun(pytest.Item):
    """After nbval's last cell of a notebook: run B (every cell again, in
    nbval's kernel), compared with run A."""

    def __init__(self, *, record: Record, **kwargs):
        super().__init__(**kwargs)
        self.record = record

    def runtest(self):
        notebook = self.record.notebook
        if self.record.failed:
            pytest.skip(f"run A failed (nbval: {', '.join(self.record.failed)}): nothing to repeat")
        missing = [
            i.cell_num for i in notebook.cell_items if not i.options.get("skip") and i.cell_num not in self.record.cells
        ]
        if missing:
            pytest.skip(f"run A did not run code cells {missing} (deselected?): nothing to compare")
        assert notebook.kernel is not None and notebook.kernel.is_alive(), "nbval's kernel died after the last cell"
        try:
            second, problems = run_b(notebook)
        finally:
            notebook.kernel.stop()  # its models and data are not needed any more
        reached = {i: self.record.cells[i] for i in second}  # the cells before a failure, if one failed
        problems = first_difference(reached, second, notebook.path.name) + problems
        assert not problems, "\n".join(problems)

    def reportinfo(self):
        return self.path, 0, f"{self.path.name}: repeat and re-run"


# ----------------------------------------------------------------- hooks


def pytest_addoption(parser):
    parser.addoption(
        "--no-repeat-notebooks",
        action="store_true",
        default=False,
        help="nbval only: skip the second run of each notebook and of each cell (tests/notebook_runs.py)",
    )
    parser.addoption(
        "--no-repeat-for",
        action="append",
        default=[],
        metavar="NAME",
        help="nbval only for the notebook named NAME (its file name without .ipynb; may be given again): "
        "`make test` leaves out the training lessons' run B, `make test-repeat` runs it",
    )


def pytest_collection_modifyitems(session, config, items):
    from nbval.plugin import IPyNbCell

    notebooks = {}  # IPyNbFile -> its cell items, in collection order
    for item in items:
        if isinstance(item, IPyNbCell):
            notebooks.setdefault(item.parent, []).append(item)
    if not notebooks:
        return
    from helpers.config import fast_mode

    repeat = not config.getoption("--no-repeat-notebooks") and fast_mode()
    elsewhere = set(config.getoption("--no-repeat-for"))
    extra = {}
    for notebook, cells in notebooks.items():
        notebook.cell_items = cells
        every_cell = len(cells) == sum(c.cell_type == "code" for c in notebook.nb.cells)
        wanted = notebook.path.parent.name != "solutions" and notebook.path.stem not in elsewhere
        if repeat and every_cell and wanted:
            record = Record(notebook)
            for cell in cells:
                cell.runtest = _recorded(cell, record)
            extra[cells[-1]] = RepeatAndRerun.from_parent(notebook, name="repeat and re-run", record=record)
    if extra:
        result = []
        for item in items:
            result.append(item)
            if item in extra:
                result.append(extra[item])
        items[:] = result
