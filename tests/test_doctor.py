"""helpers.environment: the readiness report that `make doctor` prints, and its verdict.

Students see what the lessons need; ``--contributors`` adds the test tooling and the extras.
"""

import pytest

from helpers import environment


def test_environment_report_finds_the_course_packages(capsys):
    rows = environment.check_environment(devices=False)
    names = {row.name for row in rows}
    assert {"Python", "tensorflow", "jupyterlab", "ipywidgets", "MNIST", "CIFAR-10"} <= names
    packages = [row for row in rows if row.name not in ("MNIST", "CIFAR-10")]
    assert environment.ready(packages)  # this environment has everything; the datasets depend on the machine
    assert environment.print_report(packages) is True
    assert "Ready for the course." in capsys.readouterr().out


TEST_TOOLS = {"pytest", "nbval", "pytest-xdist", "hypothesis", "pyyaml"}  # pyproject: used only by the tests


def test_the_student_report_lists_no_test_tooling(capsys):
    rows = environment.check_environment(devices=False)
    assert not TEST_TOOLS & {row.name for row in rows}
    environment.print_report(rows)
    out = capsys.readouterr().out
    for tool in ("pytest", "nbval", "xdist", "hypothesis", "pyyaml", "(dev extra)"):
        assert tool not in out, f"the student's report shows {tool}"


MAINTAINER_TOOLS = {"packaging", "threadpoolctl", "jupyter-server-mathjax"}  # no lesson uses them


def _blas_row(monkeypatch, ok):
    row = environment.Check("NumPy BLAS", ok, "openblas 0.3.31, kernels for Haswell", required=False, fix="SkylakeX")
    monkeypatch.setattr(environment, "_check_blas", lambda: row)


def test_the_student_report_leaves_the_maintainer_tooling_and_blas_to_contributors(monkeypatch, capsys):
    _blas_row(monkeypatch, ok=True)
    student = {row.name for row in environment.check_environment(devices=False)}
    assert not MAINTAINER_TOOLS & student and "NumPy BLAS" not in student
    contributors = {row.name for row in environment.check_environment(devices=False, contributors=True)}
    assert MAINTAINER_TOOLS | {"NumPy BLAS"} <= contributors
    assert environment.MAINTAINER_TOOLING == MAINTAINER_TOOLS
    declared = {environment.canonicalize_name(req.name) for req in environment.course_requirements()}
    assert MAINTAINER_TOOLS <= declared  # a renamed or dropped tool must not vanish from both reports
    environment.main(["--no-devices"])
    out = capsys.readouterr().out
    for name in ("packaging", "threadpoolctl", "mathjax", "BLAS"):
        assert name not in out, f"the student's report shows {name}"


def test_the_student_report_shows_blas_only_with_advice(monkeypatch, capsys):
    _blas_row(monkeypatch, ok=False)  # AVX-512 kernels unused: a fix a student can apply
    environment.main(["--no-devices"])
    out = capsys.readouterr().out
    assert "[note] NumPy BLAS: " in out and "fix: SkylakeX" in out


def test_the_contributors_report_lists_the_test_tooling_and_the_extras(capsys):
    rows = environment.check_environment(devices=False, contributors=True)
    by_name = {row.name: row for row in rows}
    assert TEST_TOOLS <= set(by_name), "the contributors' report misses test tooling"
    assert all(by_name[tool].required and by_name[tool].ok for tool in TEST_TOOLS)  # this environment runs the tests
    assert {"ruff (dev extra)", "sphinx (site extra)", "playwright (e2e extra)"} <= set(by_name)
    assert not any(row.required for row in rows if "extra)" in row.name)  # the extras are notes
    student = {row.name for row in environment.check_environment(devices=False)}
    assert student <= set(by_name)  # everything a student needs, and more
    environment.print_report(rows, contributors=True)
    assert "[ok  ] pytest: " in capsys.readouterr().out


def test_the_test_tooling_is_what_pyproject_declares():
    declared = {environment.canonicalize_name(req.name) for req in environment.course_requirements()}
    assert environment.TEST_TOOLING <= declared  # a renamed or dropped tool must not vanish from both reports
    assert environment.TEST_TOOLING == TEST_TOOLS


def test_a_missing_test_tool_fails_only_the_contributors_report(monkeypatch, capsys):
    from packaging.requirements import Requirement

    monkeypatch.setattr(environment, "course_requirements", lambda: [Requirement("surely-not-installed-runner>=1")])
    monkeypatch.setattr(environment, "TEST_TOOLING", frozenset({"surely-not-installed-runner"}))
    student = environment.check_environment(devices=False)
    assert "surely-not-installed-runner" not in {row.name for row in student}
    contributors = environment.check_environment(devices=False, contributors=True)
    bad = [row for row in contributors if row.name == "surely-not-installed-runner"]
    assert bad and not bad[0].ok and bad[0].required and "make install" in bad[0].line()
    assert not environment.ready(contributors)
    assert environment.main(["--no-devices", "--contributors"]) == 1
    out = capsys.readouterr().out
    assert "[FAIL] surely-not-installed-runner: not installed" in out
    assert "Not ready to work on the course (its tests included)" in out
    environment.main(["--no-devices"])
    assert "surely-not-installed-runner" not in capsys.readouterr().out


def test_a_missing_extra_is_a_note_that_names_its_make_target(monkeypatch):
    from packaging.requirements import Requirement

    monkeypatch.setattr(environment, "optional_requirements", lambda: {"dev": [Requirement("surely-not-a-linter")]})
    rows = environment.check_environment(devices=False, contributors=True)
    row = [r for r in rows if r.name == "surely-not-a-linter (dev extra)"][0]
    assert not row.ok and not row.required and "run `make lint` (it installs the dev extra)" in row.line()
    assert environment.ready([r for r in rows if r.name not in ("MNIST", "CIFAR-10")])


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


def _datasets_on_disk() -> bool:
    from helpers import data

    return all(data.find_dataset(name, download=False)[1] is not None for name in ("mnist", "cifar10"))


def test_doctor_command_runs_and_reports(tmp_path):
    import subprocess
    import sys

    # the tests run with COURSE_OFFLINE=1 (tests/offline.py): ready only with the datasets on disk
    result = subprocess.run(
        [sys.executable, "-m", "helpers", "doctor", "--no-devices"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == (0 if _datasets_on_disk() else 1), result.stdout + result.stderr
    assert "ipywidgets front end: installed" in result.stdout and "jupyterlab-rise (slides): installed" in result.stdout
    assert "live widgets in RISE slides: course-rise-widgets installed" in result.stdout  # make copies it
    assert "pytest" not in result.stdout and "nbval" not in result.stdout  # test tooling: contributors only
    contributors = subprocess.run(
        [sys.executable, "-m", "helpers", "doctor", "--no-devices", "--contributors"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert contributors.returncode == result.returncode, contributors.stdout + contributors.stderr
    assert "[ok  ] pytest: " in contributors.stdout and "[ok  ] nbval: " in contributors.stdout
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
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "jupyterlab_rise" else real_find_spec(name, *a)
    )
    assert environment.main(["--no-devices"]) == 1
    assert "[FAIL] jupyterlab-rise (slides): missing" in capsys.readouterr().out


def test_doctor_notes_when_widgets_would_be_pictures_in_rise(monkeypatch, capsys):
    from jupyter_core import paths

    monkeypatch.setattr(paths, "jupyter_path", lambda *parts: [])  # no lab-extension folder at all
    assert not environment.rise_widgets_installed()
    environment.main(["--no-devices"])
    out = capsys.readouterr().out
    assert "[note] live widgets in RISE slides: widgets show as pictures" in out
    assert "fix: run `make install`" in out


def _no_datasets_here(monkeypatch, tmp_path):
    from helpers import data

    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path / "empty"))
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras"))
    monkeypatch.setattr(data, "PROJECT_DATA_DIR", tmp_path / "project")


def test_doctor_is_not_ready_without_datasets_and_without_network(monkeypatch, tmp_path, capsys):
    _no_datasets_here(monkeypatch, tmp_path)
    monkeypatch.delenv(
        "COURSE_OFFLINE", raising=False
    )  # it would download, but the network is blocked (tests/offline.py)
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
    monkeypatch.setattr(
        urllib.request, "urlopen", lambda request, timeout: asked.append((request.get_method(), timeout)) or Answer()
    )
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

    info = [
        {
            "user_api": "blas",
            "internal_api": "openblas",
            "version": "0.3.31",
            "architecture": architecture,
            "num_threads": 2,
        }
    ]
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
