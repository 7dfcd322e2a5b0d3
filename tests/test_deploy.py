"""deploy/ (zero-to-jupyterhub) says what ``make hub`` does, and the image gets what ``make lab`` has.

The chart's own schema check (every key of deploy/config.yaml, merged with
the chart's defaults, against its values.schema.yaml) needs the chart, which
is not in this repository: deploy/README.md gives the command and the result.
Here: the file is valid YAML; its authenticator, culler, kernel settings and
nbgitpuller link are the ones of hub/jupyterhub_config.py; postBuild installs
the hub extra and every file of the course's lab extension.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml
from traitlets.config import Config

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def values():
    return yaml.safe_load((ROOT / "deploy" / "config.yaml").read_text())


@pytest.fixture(scope="module")
def hub_config(tmp_path_factory, monkeypatch_module):
    state = tmp_path_factory.mktemp("state")
    (state / "tool_token").write_text("x" * 64)
    monkeypatch_module.setenv("COURSE_HUB_STATE", str(state))
    for name in ("COURSE_HUB_CULL_TIMEOUT", "COURSE_HUB_THREADS", "COURSE_HUB_OPEN_SIGNUP"):
        monkeypatch_module.delenv(name, raising=False)
    config = Config()
    path = ROOT / "hub" / "jupyterhub_config.py"
    exec(compile(path.read_text(), str(path), "exec"), {"get_config": lambda: config, "__file__": str(path)})
    return config


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_the_cluster_logs_in_as_make_hub_does(values, hub_config):
    hub = values["hub"]["config"]
    assert hub["JupyterHub"]["authenticator_class"] == hub_config.JupyterHub.authenticator_class == "native"
    for name, value in hub["NativeAuthenticator"].items():
        assert hub_config.NativeAuthenticator[name] == value, name
    assert hub["Authenticator"]["allow_all"] is hub_config.Authenticator.allow_all is True
    assert len(hub["Authenticator"]["admin_users"]) == 1


def test_the_cluster_culls_and_sizes_kernels_as_make_hub_does(values, hub_config):
    culler = next(s for s in hub_config.JupyterHub.services if s["name"] == "idle-culler")["command"]
    assert f"--timeout={values['cull']['timeout']}" in culler
    assert f"--cull-every={values['cull']['every']}" in culler
    env = values["singleuser"]["extraEnv"]
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "TF_NUM_INTRAOP_THREADS", "MALLOC_ARENA_MAX"):
        assert env[name] == hub_config.Spawner.environment[name], name
    assert hub_config.Spawner.mem_limit == values["singleuser"]["memory"]["limit"]


def test_the_cluster_hands_out_the_course_with_the_same_nbgitpuller_link(values, hub_config):
    def query(url):
        return {k: v[0] for k, v in parse_qs(urlsplit(unquote(url)).query).items()}

    cluster, local = query(values["singleuser"]["defaultUrl"]), query(hub_config.Spawner.default_url)
    assert urlsplit(unquote(values["singleuser"]["defaultUrl"])).path == "/git-pull"
    for name in ("branch", "targetpath", "urlpath"):
        assert cluster[name] == local[name], name
    assert cluster["urlpath"].endswith("/notebooks/00_start_here.ipynb")
    assert (ROOT / "notebooks" / "00_start_here.ipynb").exists()


def test_postbuild_installs_the_hub_extra_and_the_whole_lab_extension():
    script = (ROOT / "postBuild").read_text()
    assert "--editable '.[hub]'" in script
    extension = ROOT / "share" / "jupyter" / "labextensions" / "course-rise-widgets"
    for path in extension.rglob("*"):
        if path.is_file():
            assert str(path.relative_to(ROOT)) in script, f"postBuild does not copy {path.relative_to(ROOT)}"
    assert (ROOT / "postBuild").stat().st_mode & 0o111, "postBuild must be executable"
