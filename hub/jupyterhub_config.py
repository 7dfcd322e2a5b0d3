"""JupyterHub for a class on one machine: ``make hub`` starts it, ``make hub-stop`` stops it.

What a student gets, in order:

1. **log in**: NativeAuthenticator.  A student signs up at ``/hub/signup``
   with a password of their own; the instructor (an admin, made by
   ``tools/hub.py`` on the first start) authorises each sign-up at
   ``/hub/authorize``, or sets ``COURSE_HUB_OPEN_SIGNUP=1`` for a class that
   signs up in the room;
2. **a server**: one ``jupyterhub-singleuser`` process per student, run by
   ``SimpleLocalProcessSpawner`` from the course's own ``.venv`` (the same
   packages, widgets and RISE as ``make lab``), in a home folder of their own
   under ``<state>/users/<name>``;
3. **the course**: the server opens an nbgitpuller link, which clones the
   course's git repository into ``~/cnn-course`` the first time and merges
   the instructor's updates into the student's copy afterwards (the
   student's edits win: nbgitpuller's merge);
4. **culling**: ``jupyterhub-idle-culler`` stops a server idle for
   ``COURSE_HUB_CULL_TIMEOUT`` seconds (an hour); the saved notebooks stay.

Every setting comes from an environment variable that ``tools/hub.py`` sets
(``python -m tools.hub --help`` lists them).  The spawner here runs every
server as the Unix user that runs the hub, so students are kept apart by the
hub's tokens and cookies, not by file permissions; on a real server,
The Littlest JupyterHub (one Unix user per student, systemd memory limits) or
zero-to-jupyterhub (``deploy/``) does that part.
"""

import os
import sys
from pathlib import Path

c = get_config()  # noqa: F821  (JupyterHub's config loader defines get_config)

REPO = Path(__file__).resolve().parent.parent
STATE = Path(os.environ.get("COURSE_HUB_STATE", REPO / "build" / "hub")).resolve()
VENV_BIN = Path(sys.executable).parent
ADMIN = os.environ.get("COURSE_HUB_ADMIN", "instructor")

# --- where it listens: only where this says (loopback unless told) ---------
c.JupyterHub.ip = os.environ.get("COURSE_HUB_IP", "127.0.0.1")
c.JupyterHub.port = int(os.environ.get("COURSE_HUB_PORT", "8000"))
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(os.environ.get("COURSE_HUB_API_PORT", "8081"))
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{os.environ.get('COURSE_HUB_PROXY_API_PORT', '8001')}"
c.ConfigurableHTTPProxy.command = [os.environ.get("COURSE_HUB_CHP", "configurable-http-proxy")]
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")

# --- state: the database, the cookie secret, the homes ---------------------
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "cookie_secret")
c.JupyterHub.pid_file = str(STATE / "hub.pid")
# Servers and the proxy outlive a restart of the hub (students keep their
# kernels); `make hub-stop` stops the servers through the API first.
c.JupyterHub.cleanup_servers = False
c.JupyterHub.cleanup_proxy = False

# --- log in ----------------------------------------------------------------
c.JupyterHub.authenticator_class = "native"
c.NativeAuthenticator.open_signup = os.environ.get("COURSE_HUB_OPEN_SIGNUP", "0") == "1"
c.NativeAuthenticator.minimum_password_length = 8
c.NativeAuthenticator.check_common_password = True
c.NativeAuthenticator.allowed_failed_logins = 5
c.NativeAuthenticator.seconds_before_next_try = 60
c.Authenticator.admin_users = {ADMIN}
c.Authenticator.allow_all = True  # every authorised sign-up may log in

# --- one server per student, from the course's own environment --------------
c.JupyterHub.spawner_class = "simple"
c.LocalProcessSpawner.home_dir_template = str(STATE / "users" / "{username}")
c.Spawner.cmd = [str(VENV_BIN / "jupyterhub-singleuser")]
# Jupyter refuses to run as root (CI, containers) unless told; a normal user needs nothing.
c.Spawner.args = ["--ServerApp.ip=127.0.0.1"] + (["--allow-root"] if os.geteuid() == 0 else [])
c.Spawner.ip = "127.0.0.1"
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120
# What a lesson kernel needs on a shared node: one BLAS/oneDNN thread pool of
# COURSE_HUB_THREADS threads, glibc's arenas capped; and the course's own
# settings where the hub has them (the datasets' folder, fast mode, offline).
threads = os.environ.get("COURSE_HUB_THREADS", "1")
c.Spawner.environment = {
    "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
    "OMP_NUM_THREADS": threads,
    "OPENBLAS_NUM_THREADS": threads,
    "TF_NUM_INTRAOP_THREADS": threads,
    "TF_NUM_INTEROP_THREADS": "1",
    "MALLOC_ARENA_MAX": "2",
    **{name: os.environ[name] for name in ("COURSE_DATA_DIR", "COURSE_FAST", "COURSE_OFFLINE") if name in os.environ},
}
# A limit the local spawner only announces (MEM_LIMIT in the server's
# environment); TLJH (systemd) and Kubernetes (cgroups) enforce it.
c.Spawner.mem_limit = os.environ.get("COURSE_HUB_MEM_LIMIT", "2G")

# --- the course, through nbgitpuller ----------------------------------------
COURSE_REPO = os.environ.get("COURSE_HUB_REPO", REPO.as_uri())
COURSE_BRANCH = os.environ.get("COURSE_HUB_BRANCH", "main")
COURSE_DIR = "cnn-course"
c.Spawner.default_url = (
    f"/git-pull?repo={COURSE_REPO}&branch={COURSE_BRANCH}&targetpath={COURSE_DIR}"
    f"&urlpath=lab/tree/{COURSE_DIR}/notebooks/00_start_here.ipynb"
)

# --- idle servers are culled -------------------------------------------------
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    },
    {
        # tools/hub.py: signs up the instructor, stops every server on `make hub-stop`
        "name": "course-hub-tool",
        "scopes": ["admin:users", "admin:servers", "list:users", "read:users"],
        "services": ["course-hub-tool"],
    },
]
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [
            sys.executable,
            "-m",
            "jupyterhub_idle_culler",
            f"--timeout={os.environ.get('COURSE_HUB_CULL_TIMEOUT', '3600')}",
            f"--cull-every={os.environ.get('COURSE_HUB_CULL_EVERY', '300')}",
        ],
    },
    {
        "name": "course-hub-tool",
        "api_token": (STATE / "tool_token").read_text().strip(),  # tools/hub.py makes it before the hub starts
    },
]
