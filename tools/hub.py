"""Start and stop the class hub: ``make hub`` and ``make hub-stop``.

    python -m tools.hub start     # the hub, its proxy and the idle culler, in the background
    python -m tools.hub status    # running or not, its address, who has a server
    python -m tools.hub stop      # every student's server, then the hub and the proxy

``start`` returns once the hub answers ``/hub/health``; it signs up the
instructor (an admin) on the first start, with the password in
``COURSE_HUB_ADMIN_PASSWORD`` or a random one that it prints once and keeps in
``<state>/instructor-password`` (readable by its owner only).  Everything the
hub keeps lies in the state folder (``build/hub`` unless
``COURSE_HUB_STATE`` names another): the database, the logs, each student's
home with their copy of the course.  The settings (environment variables;
``hub/jupyterhub_config.py`` reads them):

    COURSE_HUB_STATE         the state folder                       build/hub
    COURSE_HUB_IP, _PORT     where students connect                 127.0.0.1, 8000
    COURSE_HUB_API_PORT      the hub's own API (loopback only)      8081
    COURSE_HUB_PROXY_API_PORT  the proxy's API (loopback only)      8001
    COURSE_HUB_ADMIN         the instructor's user name             instructor
    COURSE_HUB_OPEN_SIGNUP   1: sign-ups need no authorisation      0
    COURSE_HUB_REPO, _BRANCH the course nbgitpuller hands out       this repository, main
    COURSE_HUB_CULL_TIMEOUT  seconds idle before a server stops     3600
    COURSE_HUB_THREADS       threads per kernel                     1
    COURSE_HUB_MEM_LIMIT     the memory a server is told it has     2G
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import requests

from tools.hub_student import Student

REPO = Path(__file__).resolve().parent.parent
CONFIG = REPO / "hub" / "jupyterhub_config.py"
VENV_BIN = Path(sys.executable).parent
PROXY = VENV_BIN.parent / "share" / "hub-proxy" / "node_modules" / ".bin" / "configurable-http-proxy"


def state_dir() -> Path:
    return Path(os.environ.get("COURSE_HUB_STATE", REPO / "build" / "hub")).resolve()


def hub_url() -> str:
    return f"http://{os.environ.get('COURSE_HUB_IP', '127.0.0.1')}:{os.environ.get('COURSE_HUB_PORT', '8000')}"


def _pid(path: Path) -> int | None:
    """The process id in a pid file, if that process is alive."""
    try:
        pid = int(path.read_text().strip())
        os.kill(pid, 0)
    except (OSError, ValueError):
        return None
    return pid


def _token() -> str:
    """The tool's own API token (the course-hub-tool service of the config), made once."""
    path = state_dir() / "tool_token"
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def api(method: str, path: str, **kwargs) -> requests.Response:
    """A call of the hub's REST API as the tool (``path`` after ``/hub/api``)."""
    headers = {"Authorization": f"token {_token()}"}
    return requests.request(method, f"{hub_url()}/hub/api{path}", headers=headers, timeout=30, **kwargs)


def wait_until_healthy(timeout: float = 90.0, log: Path | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{hub_url()}/hub/health", timeout=2).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.3)
    tail = log.read_text()[-3000:] if log and log.exists() else ""
    raise RuntimeError(f"the hub did not answer {hub_url()}/hub/health within {timeout:.0f} s\n{tail}")


def _instructor_password() -> tuple[str, bool]:
    """The instructor's password, and whether it was made up just now."""
    given = os.environ.get("COURSE_HUB_ADMIN_PASSWORD")
    if given:
        return given, False
    path = state_dir() / "instructor-password"
    if path.exists():
        return path.read_text().strip(), False
    password = secrets.token_urlsafe(18)
    path.write_text(password)
    path.chmod(0o600)
    return password, True


def start() -> None:
    state = state_dir()
    (state / "users").mkdir(parents=True, exist_ok=True)
    if _pid(state / "hub.pid"):
        print(f"The hub is already running at {hub_url()} (state: {state}).")
        return
    if not PROXY.exists() and not shutil.which("configurable-http-proxy"):
        sys.exit(f"configurable-http-proxy is missing: `make hub` installs it (npm ci into {PROXY.parents[2]}).")
    _token()
    env = dict(os.environ, COURSE_HUB_STATE=str(state))
    env.setdefault("COURSE_HUB_CHP", str(PROXY) if PROXY.exists() else "configurable-http-proxy")
    env.setdefault("COURSE_HUB_BRANCH", _current_branch())
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    log = state / "hub.log"
    with open(log, "ab") as out:
        subprocess.Popen(
            [str(VENV_BIN / "jupyterhub"), "-f", str(CONFIG)],
            cwd=state,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    wait_until_healthy(log=log)
    admin = os.environ.get("COURSE_HUB_ADMIN", "instructor")
    password, new = _instructor_password()
    # the first time; afterwards NativeAuthenticator refuses it: the name is taken
    Student(hub_url(), admin, password).sign_up()
    print(f"The hub is running at {hub_url()} (state: {state}; log: {log}).")
    print(f"Instructor: {admin}; students sign up at {hub_url()}/hub/signup, you authorise them at /hub/authorize.")
    if new:
        print(f"The instructor's password, shown once (also in {state / 'instructor-password'}): {password}")


def _current_branch() -> str:
    out = subprocess.run(["git", "-C", str(REPO), "branch", "--show-current"], capture_output=True, text=True)
    return out.stdout.strip() or "main"


def stop(timeout: float = 60.0) -> None:
    state = state_dir()
    hub = _pid(state / "hub.pid")
    if hub:
        users = api("GET", "/users").json()
        for user in users:
            if user.get("servers"):
                api("DELETE", f"/users/{user['name']}/server")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and any(u.get("servers") for u in api("GET", "/users").json()):
            time.sleep(0.5)
        os.kill(hub, signal.SIGTERM)
        _wait_gone(hub, timeout)
    proxy = _pid(state / "proxy.pid")
    if proxy:
        os.kill(proxy, signal.SIGTERM)
        _wait_gone(proxy, timeout)
    print("The hub is stopped." if hub or proxy else "The hub was not running.")


def _wait_gone(pid: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except OSError:
            return
        time.sleep(0.2)
    os.kill(pid, signal.SIGKILL)


def status() -> None:
    state = state_dir()
    if not _pid(state / "hub.pid"):
        print("The hub is not running.")
        return
    running = [u["name"] for u in api("GET", "/users").json() if u.get("servers")]
    print(f"The hub is running at {hub_url()} (state: {state}); servers running: {', '.join(running) or 'none'}.")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m tools.hub", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("command", choices=["start", "stop", "status"])
    args = parser.parse_args(argv)
    {"start": start, "stop": stop, "status": status}[args.command]()


if __name__ == "__main__":
    main()
