"""The package lists agree: pyproject.toml (pip), environment.yml (conda) and the
lock (uv.lock, and requirements.lock, which `make` installs from)."""

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]


def _split(requirement: str):
    """'tensorflow>=2.16,<3  # note' -> ('tensorflow', '>=2.16,<3')."""
    requirement = requirement.split("#")[0].strip()
    match = re.fullmatch(r"([A-Za-z0-9_.\-]+)\s*(.*)", requirement)
    assert match, f"cannot parse requirement {requirement!r}"
    return match.group(1).lower().replace("_", "-"), match.group(2).replace(" ", "")


def pip_packages():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return dict(_split(r) for r in project["dependencies"])


def conda_packages():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge"]
    entries = [d for d in env["dependencies"] if isinstance(d, str)]
    packages = dict(_split(d) for d in entries)
    return packages


def test_environment_yml_lists_the_same_packages_and_versions_as_pyproject():
    conda = conda_packages()
    python = conda.pop("python")
    conda.pop("pip")
    assert conda == pip_packages()
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert python == requires


def test_the_required_packages_are_declared():
    names = set(pip_packages())
    for needed in ["jupyterlab", "ipywidgets", "numpy", "tensorflow", "keras", "matplotlib", "nbval", "pytest"]:
        assert needed in names
    assert pip_packages()["jupyterlab"].startswith(">=4")
    assert pip_packages()["ipywidgets"].startswith(">=8")
    assert pip_packages()["keras"].startswith(">=3")


def test_helpers_is_installed_not_path_hacked():
    import helpers

    # imported from this checkout through the editable install
    assert Path(helpers.__file__).resolve().parent == ROOT / "helpers"
    for path in list(ROOT.glob("notebooks/*.ipynb")) + list(ROOT.glob("tests/*.py")):
        if path.name == "test_packaging.py":
            continue
        assert "sys.path" not in path.read_text(), f"{path.name} edits sys.path"


def test_environment_yml_installs_the_helpers_package_too():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip_sections = [d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d]
    assert pip_sections == [["--editable ."]]


# ----------------------------------------------------------------- the lock

# The platforms the lock is for (pyproject.toml, [tool.uv] required-environments),
# as the marker values pip sees there, for each Python version the course supports.
PLATFORMS = {
    "Linux x86_64": {
        "sys_platform": "linux",
        "platform_system": "Linux",
        "platform_machine": "x86_64",
        "os_name": "posix",
        "implementation_name": "cpython",
        "platform_python_implementation": "CPython",
    },
    "macOS Apple silicon": {
        "sys_platform": "darwin",
        "platform_system": "Darwin",
        "platform_machine": "arm64",
        "os_name": "posix",
        "implementation_name": "cpython",
        "platform_python_implementation": "CPython",
    },
    "Windows x86_64": {
        "sys_platform": "win32",
        "platform_system": "Windows",
        "platform_machine": "AMD64",
        "os_name": "nt",
        "implementation_name": "cpython",
        "platform_python_implementation": "CPython",
    },
}
PYTHONS = ("3.11.7", "3.12.8", "3.13.1")


def _environment(platform: str, python: str) -> dict:
    return {
        **PLATFORMS[platform],
        "python_version": python.rsplit(".", 1)[0],
        "python_full_version": python,
        "platform_release": "",
        "platform_version": "",
        "extra": "",
    }


def locked(platform: str, python: str) -> dict[str, Version]:
    """{package: version} that requirements.lock installs on that platform and Python."""
    versions = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pin, _, marker = line.partition(";")
        if marker.strip() and not Marker(marker.strip()).evaluate(_environment(platform, python)):
            continue
        name, version = pin.strip().split("==")
        assert name not in versions, f"requirements.lock pins {name} twice for {platform}, Python {python}"
        versions[name.lower().replace("_", "-")] = Version(version)
    return versions


def declared() -> list[Requirement]:
    """Every requirement of pyproject.toml, the extras' included."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = [r for group in project["optional-dependencies"].values() for r in group]
    return [Requirement(r) for r in project["dependencies"] + extras]


@pytest.mark.parametrize("python", PYTHONS)
@pytest.mark.parametrize("platform", sorted(PLATFORMS))
def test_the_lock_pins_every_declared_package_within_its_range(platform, python):
    versions = locked(platform, python)
    for requirement in declared():
        name = requirement.name.lower().replace("_", "-")
        assert name in versions, f"requirements.lock has no {name} for {platform}, Python {python}: run `make lock`"
        assert requirement.specifier.contains(versions[name], prereleases=True), (
            f"requirements.lock pins {name}=={versions[name]}, outside pyproject.toml's {requirement.specifier}: "
            "run `make lock`"
        )
    assert versions["tensorflow"].major == 2 and versions["keras"].major == 3


def test_the_lock_was_made_from_this_pyproject():
    """uv.lock records the requirements it was resolved for: a changed pyproject.toml needs `make lock`."""
    lock = tomllib.loads((ROOT / "uv.lock").read_text())
    project = next(p for p in lock["package"] if p["name"] == "cnn-course")
    recorded = {(r["name"], SpecifierSet(r.get("specifier", ""))) for r in project["metadata"]["requires-dist"]}
    wanted = {(r.name, r.specifier) for r in declared()}
    missing, stale = wanted - recorded, recorded - wanted
    assert not missing and not stale, (
        f"uv.lock is stale (run `make lock`): new {sorted(map(str, missing))}, gone {sorted(map(str, stale))}"
    )
    python = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert lock["requires-python"].replace(" ", "") == python.replace(" ", "")


def test_requirements_lock_is_uv_lock_written_for_pip(tmp_path):
    uv = Path(sys.executable).parent / "uv"
    if not uv.exists():
        pytest.skip("needs uv (the dev extra; make lint installs it)")
    header = (ROOT / "requirements.lock").read_text().splitlines()[1]  # the command that wrote it
    command = header.lstrip("# ").split()
    assert command[:2] == ["uv", "export"] and "--frozen" in command, header
    out = tmp_path / "requirements.lock"
    args = [a for a in command[2:] if a not in ("--output-file", "requirements.lock")]
    subprocess.run(
        [str(uv), "export", *args, "--output-file", str(out)], cwd=ROOT, check=True, capture_output=True, timeout=120
    )  # --frozen: from uv.lock alone, offline
    assert out.read_text().splitlines()[2:] == (ROOT / "requirements.lock").read_text().splitlines()[2:], (
        "requirements.lock is not what uv.lock gives: run `make lock`"
    )


def test_environment_yml_accepts_the_locked_versions():
    versions = locked("Linux x86_64", "3.11.7")
    for name, spec in conda_packages().items():
        if name in ("python", "pip"):
            continue
        assert Requirement(f"{name}{spec}").specifier.contains(versions[name]), f"environment.yml: {name}{spec}"
