"""The kernel side of the repeat check (tests/notebook_runs.py): digests of asserted numbers.

``tests/notebook_runs.py`` sends this file's source to each notebook's kernel
once, silently, where it runs as a module of its own: its imports and helpers
never land among the notebook's names; the kernel keeps one function,
``digests_json``, under a hidden name.  After each cell the plugin asks the
kernel for ``digests_json(names, globals())``: a JSON text with, for each
expression in ``names`` (what the cell's asserts read: ``accuracy``,
``history.history["loss"]``) that evaluates and holds numbers, its digest.
Other values (modules, functions, models, widgets, strings, ...) are left out.

A digest compares exactly and stays short:

- bool, int: the value (``["bool", True]``, ``["int", 3]``; a bool is not an int);
- any other real or complex number, NumPy scalars included: its type and the
  ``repr`` of its Python float or complex (``["float64", "0.91"]``);
- a NumPy array of numbers: shape, dtype, the SHA-256 of its bytes and the
  ``repr`` of its first 4 values (to read in a report);
- a list or tuple (up to 100,000 items), or a dict with str or int keys: the
  digests of its items, up to 4 levels deep.

Only the standard library and NumPy: it runs in the kernel, not in pytest.
"""

import hashlib
import json
import numbers

import numpy as np

MAX_DEPTH = 4  # containers nested deeper than this are left out
MAX_ITEMS = 100_000  # longer lists and tuples are left out


class Skip(Exception):
    """The value holds something other than numbers: it has no digest."""


def digest(value, depth: int = 0) -> list:
    """The digest of ``value`` (a JSON-ready list), or ``Skip`` raised when
    it is not made of numbers."""
    if depth > MAX_DEPTH:
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
        first = [repr(v) for v in data.reshape(-1)[:4].tolist()]
        return ["ndarray", list(value.shape), str(value.dtype), hashlib.sha256(data.tobytes()).hexdigest(), first]
    if isinstance(value, (list, tuple)) and len(value) <= MAX_ITEMS:
        return [type(value).__name__, [digest(v, depth + 1) for v in value]]
    if isinstance(value, dict) and all(isinstance(k, (str, int)) for k in value):
        return ["dict", [[repr(k), digest(v, depth + 1)] for k, v in value.items()]]
    raise Skip


def digests_json(names: list[str], namespace: dict) -> str:
    """``{name: digest}`` as JSON (keys sorted) for each expression of
    ``names`` evaluated in ``namespace`` (the notebook's globals); one that
    fails to evaluate or has no digest is left out."""
    result = {}
    for name in names:
        try:
            value = eval(name, namespace)  # a name, attribute or index: no call (notebook_runs.assert_names)
        except Exception:
            continue
        try:
            result[name] = digest(value)
        except Skip:
            pass
    return json.dumps(result, sort_keys=True)
