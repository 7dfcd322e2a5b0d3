"""The pip declaration (pyproject.toml) and the conda one (environment.yml) agree."""

import re
import tomllib
from pathlib import Path

import yaml

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
