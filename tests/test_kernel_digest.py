"""tests/kernel_digest.py, called here in the test process: what a digest keeps, what it leaves out.

The kernel runs the same source (tests/notebook_runs.py's DIGEST_SOURCE); the
last test runs that snippet in a namespace standing for a notebook's.
"""

import json

import numpy as np
import pytest

from tests.kernel_digest import Skip, digest, digests_json
from tests.notebook_runs import DIGEST_FUNCTION, DIGEST_SOURCE


def test_numbers_are_digested_exactly_and_by_type():
    assert digest(True) == ["bool", True] and digest(np.bool_(False)) == ["bool", False]  # a bool is not an int
    assert digest(3) == ["int", 3] and digest(np.int64(3)) == ["int", 3]
    assert digest(0.1 + 0.2) == ["float", "0.30000000000000004"]  # repr: every digit compared
    assert digest(np.float32(0.5)) == ["float32", "0.5"]
    assert digest(1 + 2j) == ["complex", "(1+2j)"]
    assert digest([1, (2.5,)]) == ["list", [["int", 1], ["tuple", [["float", "2.5"]]]]]
    assert digest({"loss": [0.25], 3: 1}) == ["dict", [["'loss'", ["list", [["float", "0.25"]]]], ["3", ["int", 1]]]]


def test_an_array_is_digested_by_shape_dtype_and_bytes():
    a = np.arange(6, dtype=np.float64).reshape(2, 3)
    kind, shape, dtype, sha, first = digest(a)
    assert (kind, shape, dtype, first) == ("ndarray", [2, 3], "float64", ["0.0", "1.0", "2.0", "3.0"])
    assert digest(a.T.copy())[3] != sha  # the same numbers in another order
    assert digest(a.T)[3] == digest(a.T.copy())[3]  # a view's bytes are read in its own (C) order
    b = a.copy()
    b[1, 2] = np.nextafter(5.0, 6.0)  # one bit of one value
    assert digest(b)[3] != sha


@pytest.mark.parametrize(
    "value",
    ["text", None, np.array(["a", "b"]), [1, "x"], {(1, 2): 3}, [[[[[[1]]]]]], list(range(100_001))],
    ids=["str", "None", "str array", "list with a str", "tuple key", "5 levels deep", "too long"],
)
def test_what_is_not_made_of_numbers_has_no_digest(value):
    with pytest.raises(Skip):
        digest(value)


def test_digests_json_evaluates_names_and_leaves_out_what_it_cannot_digest():
    class History:
        history = {"loss": [0.5, 0.25]}

    namespace = {"accuracy": 0.91, "h": History(), "name": "mnist", "np": np}
    names = ["accuracy", "h.history['loss']", "h.history['loss'][-1]", "name", "missing", "np"]
    assert json.loads(digests_json(names, namespace)) == {
        "accuracy": ["float", "0.91"],
        "h.history['loss']": ["list", [["float", "0.5"], ["float", "0.25"]]],
        "h.history['loss'][-1]": ["float", "0.25"],
    }


def test_the_kernel_snippet_adds_one_name_and_digests_the_notebooks_globals():
    notebook = {"np": "the student's np", "json": 7, "digest": 1.5}  # names the module also uses
    exec(DIGEST_SOURCE, notebook)
    assert set(notebook) - {"__builtins__"} == {"np", "json", "digest", DIGEST_FUNCTION}
    assert notebook["np"] == "the student's np" and notebook["json"] == 7  # untouched
    assert notebook[DIGEST_FUNCTION](["json", "digest"], notebook) == digests_json(["json", "digest"], notebook)
    assert json.loads(notebook[DIGEST_FUNCTION](["json", "digest"], notebook)) == {
        "digest": ["float", "1.5"],
        "json": ["int", 7],
    }
