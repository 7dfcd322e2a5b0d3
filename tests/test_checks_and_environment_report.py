"""helpers.checks (exercise feedback) and helpers.environment (the readiness report)."""


import contextlib
import io

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from helpers import checks, environment


def test_check_output_size(capsys):
    assert checks.check_output_size(None, 28, 3) is None
    assert checks.check_output_size(26, 28, 3) is True
    assert checks.check_output_size(26.0, 28, 3) is True          # (28 - 3)/1 + 1 with / is a float, and right
    assert checks.check_output_size(np.float64(26), 28, 3) is True
    capsys.readouterr()
    assert checks.check_output_size(16.5, 32, 5, 2, 2) is False   # not whole: round down
    assert checks.check_output_size("26", 28, 3) is False
    assert "round down" in capsys.readouterr().out
    assert checks.check_output_size(28, 28, 3) is False
    assert checks.check_output_size(27, 28, 3) is False
    assert checks.check_output_size(20, 28, 3) is False
    wrong_feedback = capsys.readouterr().out
    assert "Too big" in wrong_feedback and "Too small" in wrong_feedback
    assert "26" not in wrong_feedback  # feedback on a wrong answer never gives the answer


def test_check_matrix(capsys):
    assert checks.check_matrix(None, [[1, 2]]) is None
    assert checks.check_matrix([[1, 2]], [[1, 2]]) is True
    assert checks.check_matrix([[1, 3]], [[1, 2]]) is False
    assert "1 of 2 entries differ" in capsys.readouterr().out
    assert checks.check_matrix([1, 2], [[1, 2]]) is False
    assert checks.check_matrix([["a", "b"]], [[1, 2]]) is False


def test_environment_report_finds_the_course_packages(capsys):
    rows = environment.check_environment(devices=False)
    names = {row.name for row in rows}
    assert {"Python", "tensorflow", "jupyterlab", "ipywidgets", "MNIST", "CIFAR-10"} <= names
    assert environment.ready(rows)
    assert environment.print_report(rows) is True
    assert "Ready for the course." in capsys.readouterr().out


def test_a_missing_required_package_makes_the_report_fail(monkeypatch):
    from packaging.requirements import Requirement

    monkeypatch.setattr(environment, "course_requirements", lambda: [Requirement("surely-not-installed-pkg>=1")])
    rows = environment.check_environment(devices=False)
    bad = [row for row in rows if row.name == "surely-not-installed-pkg"]
    assert bad and not bad[0].ok and "make install" in bad[0].line()
    assert not environment.ready(rows)


def test_a_too_old_package_is_flagged(monkeypatch):
    from packaging.requirements import Requirement

    monkeypatch.setattr(environment, "course_requirements", lambda: [Requirement("numpy>=999")])
    row = [r for r in environment.check_environment(devices=False) if r.name == "numpy"][0]
    assert not row.ok and "course needs >=999" in row.detail


def test_check_horizontal_edge_kernel(capsys):
    assert checks.check_horizontal_edge_kernel(None) is None
    assert checks.check_horizontal_edge_kernel([[0, 0, 0], [0, -1, 0], [0, 1, 0]]) is True  # h_y
    assert checks.check_horizontal_edge_kernel([[-1, -2, -1], [0, 0, 0], [1, 2, 1]]) is True  # Sobel
    capsys.readouterr()
    assert checks.check_horizontal_edge_kernel([[0, 0, 0], [0, -1, 1], [0, 0, 0]]) is False  # vertical
    assert "vertical edges" in capsys.readouterr().out
    assert checks.check_horizontal_edge_kernel([[0, 0, 0], [0, 1, 0], [0, 1, 0]]) is False
    assert "add up to 0" in capsys.readouterr().out
    assert checks.check_horizontal_edge_kernel([[1, 2], [3, 4]]) is False
    assert checks.check_horizontal_edge_kernel("abc") is False
    assert checks.check_horizontal_edge_kernel(np.zeros((3, 3))) is False


def test_check_blur_kernel(capsys):
    assert checks.check_blur_kernel(None) is None
    assert checks.check_blur_kernel(np.full((3, 3), 1 / 9)) is True
    assert checks.check_blur_kernel([[1, 2, 1], [2, 4, 2], [1, 2, 1]]) is False  # not normalised
    assert "add up to 16" in capsys.readouterr().out
    assert checks.check_blur_kernel([[0, 0, 0], [0, 1, 0], [0, 0, 0]]) is False  # identity
    assert checks.check_blur_kernel([[0, -1, 0], [-1, 5, -1], [0, -1, 0]]) is False


def test_check_number_and_xo_feature(capsys):
    assert checks.check_number(None, 7) is None
    assert checks.check_number(7, 7) is True
    assert checks.check_number(5, 7) is False
    assert "Too low" in capsys.readouterr().out
    assert checks.check_number("7", 7) is False
    from helpers import xo

    assert checks.check_xo_feature(None) is None
    assert checks.check_xo_feature(xo.O[0:3, 2:5]) is True  # where the O bends at its top-left
    assert checks.check_xo_feature(xo.FEATURES[0]) is False  # a diagonal: the X has it perfectly
    assert checks.check_xo_feature(np.zeros((3, 3))) is False


def test_check_function(capsys):
    from helpers import ops

    cases = [(32, 5, 2, 1), (32, 5, 2, 2), (7, 3, 0, 2)]
    assert checks.check_function(None, ops.output_size, cases) is None
    assert checks.check_function(lambda w, f, p, s: (w - f + 2 * p) // s + 1, ops.output_size, cases) is True
    capsys.readouterr()
    assert checks.check_function(lambda w, f, p, s: (w - f + 2 * p) / s + 1, ops.output_size, cases) is False
    out = capsys.readouterr().out
    assert "(32, 5, 2, 2) gives 16.5" in out and " 16," not in out  # the reference's 16 is not printed
    assert checks.check_function(lambda w, f, p, s: 1 / 0, ops.output_size, cases) is False
    assert "ZeroDivisionError" in capsys.readouterr().out
    assert checks.check_function(42, ops.output_size, cases) is False


@settings(deadline=None)
@given(w=st.integers(1, 300), f=st.integers(1, 15), p=st.integers(0, 5), s=st.integers(1, 6))
def test_every_output_size_slip_is_wrong_and_gets_its_own_hint(w, f, p, s):
    assume(f <= w + 2 * p)
    slips = checks.output_size_mistakes(w, f, p, s)
    values = [value for value, _ in slips]
    assert len(set(values)) == len(values) and (w - f + 2 * p) // s + 1 not in values
    for value, hint in slips:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert checks.check_output_size(value, w, f, p, s) is False
        assert hint in out.getvalue()


def test_mistake_tables_name_the_slip(capsys):
    assert checks.check_number(34848, 34944, mistakes=[(34848, "You forgot the biases")], hint="Count again.") is False
    assert "You forgot the biases" in capsys.readouterr().out
    assert checks.check_number(1, 34944, mistakes={34848: "You forgot the biases"}, hint="Count again.") is False
    assert capsys.readouterr().out.strip() == "Not yet. Too low. Count again."
    assert checks.check_matrix([[2, 3]], [[1, 2]], mistakes=[([[2, 3]], "Plus one.")]) is False
    assert "Plus one." in capsys.readouterr().out
    assert checks.check_matrix([[1, 2, 3]], [[1, 2]], mistakes=[([[1, 2, 3]], "Too long.")]) is False  # any shape
    assert "Too long." in capsys.readouterr().out
    double = [(lambda x: x + x, "Twice, not square.")]
    assert checks.check_function(lambda x: 2 * x, lambda x: x * x, [(1,), (3,)], "f", mistakes=double) is False
    assert "f(1) gives 2, which is not right. Twice, not square." in capsys.readouterr().out
    assert checks.check_function(lambda x: x + 1, lambda x: x * x, [(1,), (3,)], "f", mistakes=double) is False
    assert "Twice" not in capsys.readouterr().out   # agrees with no listed mistake on every case
    with pytest.raises(TypeError, match="mistakes must be"):
        checks.check_number(1, 2, mistakes=[(1, 2)])


def test_blur_exercise_can_refuse_the_box_filter(capsys):
    assert checks.check_blur_kernel(np.full((3, 3), 1 / 9)) is True
    assert checks.check_blur_kernel(np.full((3, 3), 1 / 9), box_allowed=False) is False
    assert "box filter" in capsys.readouterr().out
    assert checks.check_blur_kernel(np.full((5, 5), 1 / 25), box_allowed=False) is False


def _datasets_on_disk() -> bool:
    from helpers import data

    return all(data.find_dataset(name, download=False)[1] is not None for name in ("mnist", "cifar10"))


def test_doctor_command_runs_and_reports(tmp_path):
    import subprocess
    import sys

    # the tests run with COURSE_OFFLINE=1 (tests/offline.py): ready only with the datasets on disk
    result = subprocess.run([sys.executable, "-m", "helpers", "doctor", "--no-devices"], capture_output=True, text=True, timeout=120)
    assert result.returncode == (0 if _datasets_on_disk() else 1), result.stdout + result.stderr
    assert "ipywidgets front end: installed" in result.stdout and "jupyterlab-rise (slides): installed" in result.stdout
    bad = subprocess.run([sys.executable, "-m", "helpers", "checkup"], capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "usage: python -m helpers doctor" in bad.stderr


def test_doctor_fails_on_a_missing_package_and_says_how_to_fix_it(monkeypatch, capsys):
    from packaging.requirements import Requirement

    monkeypatch.setattr(environment, "course_requirements", lambda: [Requirement("jupyterlab-rise-missing>=0.4")])
    assert environment.main(["--no-devices"]) == 1
    out = capsys.readouterr().out
    assert "[FAIL] jupyterlab-rise-missing: not installed" in out and "fix: run `make install`" in out
    assert "Not ready for the course" in out


def test_doctor_reports_a_missing_front_end_extension(monkeypatch, capsys):
    import importlib.util

    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "jupyterlab_rise" else real_find_spec(name, *a))
    assert environment.main(["--no-devices"]) == 1
    assert "[FAIL] jupyterlab-rise (slides): missing" in capsys.readouterr().out


def _no_datasets_here(monkeypatch, tmp_path):
    from helpers import data

    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path / "empty"))
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    monkeypatch.setattr(data, "PROJECT_DATA_DIR", tmp_path / "project")


def test_doctor_is_not_ready_without_datasets_and_without_network(monkeypatch, tmp_path, capsys):
    _no_datasets_here(monkeypatch, tmp_path)
    monkeypatch.delenv("COURSE_OFFLINE", raising=False)  # it would download, but the network is blocked (tests/offline.py)
    assert environment.main(["--no-devices"]) == 1
    out = capsys.readouterr().out
    assert "[FAIL] MNIST: not on this machine, and no download:" in out and "cannot be reached" in out
    assert "[FAIL] CIFAR-10: not on this machine, and no download:" in out
    assert "fix: run `python -m helpers.data download` on a machine with internet" in out
    assert "Not ready for the course" in out and "Ready for the course." not in out


def test_doctor_is_not_ready_without_datasets_when_downloads_are_off(monkeypatch, tmp_path, capsys):
    _no_datasets_here(monkeypatch, tmp_path)
    monkeypatch.setenv("COURSE_OFFLINE", "1")
    assert environment.main(["--no-devices"]) == 1
    assert "no download: downloads are off (COURSE_OFFLINE is set)" in capsys.readouterr().out


def test_doctor_is_ready_without_datasets_when_they_can_be_downloaded(monkeypatch, tmp_path, capsys):
    import urllib.request

    class Answer:
        status = 200

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    asked = []
    _no_datasets_here(monkeypatch, tmp_path)
    monkeypatch.delenv("COURSE_OFFLINE", raising=False)
    monkeypatch.setattr(urllib.request, "urlopen", lambda request, timeout: asked.append((request.get_method(), timeout)) or Answer())
    assert environment.main(["--no-devices"]) == 0
    out = capsys.readouterr().out
    assert "[ok  ] MNIST: not on this machine yet; downloaded on first use" in out and "Ready for the course." in out
    assert asked == [("HEAD", 5), ("HEAD", 5)]  # one short question per dataset, nothing downloaded


def test_doctor_is_ready_offline_with_the_datasets_on_disk(monkeypatch, capsys):
    if not _datasets_on_disk():
        pytest.skip("needs MNIST and CIFAR-10 on disk (CI has the subsets in ../shared/datasets)")
    monkeypatch.setenv("COURSE_OFFLINE", "1")
    assert environment.main(["--no-devices"]) == 0
    out = capsys.readouterr().out
    assert "[ok  ] MNIST:" in out and "[ok  ] CIFAR-10:" in out and "Ready for the course." in out


def _fake_blas(monkeypatch, architecture, flags, coretype=None):
    import threadpoolctl

    from helpers import environment

    info = [{"user_api": "blas", "internal_api": "openblas", "version": "0.3.31", "architecture": architecture, "num_threads": 2}]
    monkeypatch.setattr(threadpoolctl, "threadpool_info", lambda: info)
    monkeypatch.setattr(environment, "cpu_flags", lambda: set(flags))
    if coretype is None:
        monkeypatch.delenv("OPENBLAS_CORETYPE", raising=False)
    else:
        monkeypatch.setenv("OPENBLAS_CORETYPE", coretype)
    return environment._check_blas()


def test_blas_row_notes_avx512_kernels_left_unused(monkeypatch):
    from helpers.environment import AVX512_FLAGS

    row = _fake_blas(monkeypatch, "Haswell", AVX512_FLAGS + ("avx2",))
    assert not row.ok and not row.required
    assert "did not recognise" in row.detail and "OPENBLAS_CORETYPE=SkylakeX" in row.fix
    row = _fake_blas(monkeypatch, "Haswell", AVX512_FLAGS, coretype="Haswell")
    assert "OPENBLAS_CORETYPE=Haswell is set" in row.detail


def test_blas_row_is_fine_without_avx512_or_with_its_kernels(monkeypatch):
    from helpers.environment import AVX512_FLAGS

    assert _fake_blas(monkeypatch, "Haswell", ("avx2", "fma")).ok  # an AVX2-only CPU
    assert _fake_blas(monkeypatch, "SkylakeX", AVX512_FLAGS).ok
