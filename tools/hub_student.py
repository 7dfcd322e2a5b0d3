"""A simulated student of the class hub: what a browser does, over HTTP and the kernel's WebSocket.

    student = Student(hub_url, "ada", "a-password")
    student.sign_up(); instructor.authorise("ada"); student.log_in()
    student.start_server()                          # POST /hub/api/users/ada/server, then wait for ready
    student.pull(repo, branch)                      # nbgitpuller's /git-pull/api into ~/cnn-course
    kernel = student.kernel(path)                   # the notebook's session, its kernel's WebSocket
    reply = kernel.execute("1 + 1")                 # execute_request -> iopub outputs, status idle
    kernel.update_widget(comm_id, {"value": 3})     # a comm_msg, as ipywidgets' front end sends it
    student.save(path, notebook)                    # PUT /user/ada/api/contents/<path>

Log-in goes through NativeAuthenticator's form with the ``_xsrf`` cookie, as
a browser's; every later request carries the student's own API token, made
with that log-in's cookie (``POST /hub/api/users/ada/tokens``).  The tests
(``tests/test_hub.py``) and the load test (``benchmarks/bench_hub.py``) drive
students with it.
"""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import quote

import requests
import websocket  # websocket-client, a dependency of jupyter_server

TIMEOUT = 60


class HubError(RuntimeError):
    """A step of a student's session that did not do what a browser would see it do."""


@dataclass
class Result:
    """What one execute_request gave: its outputs, its error, its widgets' comms, its seconds."""

    outputs: list = field(default_factory=list)
    error: dict | None = None
    comm_opens: list = field(default_factory=list)
    comm_msgs: list = field(default_factory=list)
    seconds: float = 0.0
    status: str = "ok"

    @property
    def text(self) -> str:
        parts = []
        for out in self.outputs:
            if out["msg_type"] == "stream":
                parts.append(out["content"]["text"])
            elif out["msg_type"] in ("execute_result", "display_data"):
                parts.append(out["content"]["data"].get("text/plain", ""))
        return "".join(parts)


class Student:
    def __init__(self, hub_url: str, name: str, password: str):
        self.hub_url = hub_url.rstrip("/")
        self.name = name
        self.password = password
        self.session = requests.Session()
        self.token: str | None = None

    # --- the hub ---------------------------------------------------------------
    def sign_up(self) -> requests.Response:
        self.session.get(f"{self.hub_url}/hub/signup", timeout=TIMEOUT)
        form = {
            "username": self.name,
            "signup_password": self.password,
            "signup_password_confirmation": self.password,
            "_xsrf": self.session.cookies.get("_xsrf", ""),
        }
        return self.session.post(f"{self.hub_url}/hub/signup", data=form, timeout=TIMEOUT)

    def log_in(self, password: str | None = None) -> bool:
        """Log in through the form; True when the hub set its login cookie. Then make an API token."""
        self.session.get(f"{self.hub_url}/hub/login", timeout=TIMEOUT)
        form = {
            "username": self.name,
            "password": self.password if password is None else password,
            "_xsrf": self.session.cookies.get("_xsrf", ""),
        }
        self.session.post(f"{self.hub_url}/hub/login", data=form, timeout=TIMEOUT, allow_redirects=False)
        if "jupyterhub-hub-login" not in self.session.cookies:
            return False
        reply = self.session.post(
            f"{self.hub_url}/hub/api/users/{self.name}/tokens",
            json={"note": "simulated student", "expires_in": 24 * 3600},
            headers={"X-XSRFToken": self.session.cookies.get("_xsrf", "")},
            timeout=TIMEOUT,
        )
        if reply.status_code != 201:
            raise HubError(f"{self.name}: no API token after log-in ({reply.status_code} {reply.text[:200]})")
        self.token = reply.json()["token"]
        return True

    @property
    def headers(self) -> dict:
        return {"Authorization": f"token {self.token}"}

    def hub_api(self, method: str, path: str, **kwargs) -> requests.Response:
        return requests.request(
            method, f"{self.hub_url}/hub/api{path}", headers=self.headers, timeout=TIMEOUT, **kwargs
        )

    def start_server(self, timeout: float = 180.0) -> float:
        """Ask for a server and wait until it is ready; the seconds it took."""
        began = time.monotonic()
        reply = self.hub_api("POST", f"/users/{self.name}/server")
        if reply.status_code not in (201, 202, 400):  # 400: already running
            raise HubError(f"{self.name}: spawn refused ({reply.status_code} {reply.text[:200]})")
        while time.monotonic() - began < timeout:
            server = self.hub_api("GET", f"/users/{self.name}").json().get("servers", {}).get("", {})
            if server.get("ready"):
                return time.monotonic() - began
            time.sleep(0.25)
        raise HubError(f"{self.name}: the server was not ready after {timeout:.0f} s")

    def stop_server(self, timeout: float = 60.0) -> None:
        self.hub_api("DELETE", f"/users/{self.name}/server")
        began = time.monotonic()
        while time.monotonic() - began < timeout:
            if not self.hub_api("GET", f"/users/{self.name}").json().get("servers"):
                return
            time.sleep(0.25)
        raise HubError(f"{self.name}: the server had not stopped after {timeout:.0f} s")

    # --- the student's own server ----------------------------------------------
    def url(self, path: str) -> str:
        return f"{self.hub_url}/user/{self.name}/{path.lstrip('/')}"

    def server(self, method: str, path: str, **kwargs) -> requests.Response:
        return requests.request(method, self.url(path), headers=self.headers, timeout=TIMEOUT, **kwargs)

    def pull(self, repo: str, branch: str = "main", targetpath: str = "cnn-course") -> list[dict]:
        """nbgitpuller's sync, as its page runs it: the events it streams, ending in 'finished'."""
        query = f"repo={quote(repo, safe='')}&branch={quote(branch)}&targetpath={quote(targetpath)}"
        events = []
        with self.server("GET", f"git-pull/api?{query}", stream=True) as reply:
            if reply.status_code != 200:
                raise HubError(f"{self.name}: git-pull answered {reply.status_code}")
            for line in reply.iter_lines(decode_unicode=True):
                if line and line.startswith("data:"):
                    events.append(json.loads(line[5:]))
                    if events[-1].get("phase") in ("finished", "error"):
                        break
        if not events or events[-1].get("phase") != "finished":
            raise HubError(f"{self.name}: nbgitpuller did not finish: {events[-1:] or 'no events'}")
        return events

    def read(self, path: str) -> dict:
        reply = self.server("GET", f"api/contents/{quote(path)}")
        if reply.status_code != 200:
            raise HubError(f"{self.name}: cannot read {path} ({reply.status_code})")
        return reply.json()["content"]

    def save(self, path: str, notebook: dict) -> None:
        reply = self.server("PUT", f"api/contents/{quote(path)}", json={"type": "notebook", "content": notebook})
        if reply.status_code not in (200, 201):
            raise HubError(f"{self.name}: saving {path} failed ({reply.status_code} {reply.text[:200]})")

    def kernel(self, path: str = "Untitled.ipynb") -> Kernel:
        """Open a notebook's kernel as JupyterLab does: a session for ``path`` (POST /api/sessions)."""
        body = {"path": path, "name": path.rsplit("/", 1)[-1], "type": "notebook", "kernel": {"name": "python3"}}
        reply = self.server("POST", "api/sessions", json=body)
        if reply.status_code != 201:
            raise HubError(f"{self.name}: no kernel for {path} ({reply.status_code} {reply.text[:200]})")
        session = reply.json()
        return Kernel(self, session["kernel"]["id"], session["id"])


class Kernel:
    """One kernel of a student's server, driven through its WebSocket as JupyterLab does."""

    def __init__(self, student: Student, kernel_id: str, session_id: str | None = None):
        self.student = student
        self.id = kernel_id
        self.session_id = session_id
        self.session = uuid.uuid4().hex
        self.ws = None
        self.connect()

    def connect(self) -> None:
        url = self.student.url(f"api/kernels/{self.id}/channels?session_id={self.session}")
        self.ws = websocket.create_connection(
            url.replace("http", "ws", 1), header=[f"Authorization: token {self.student.token}"], timeout=TIMEOUT
        )

    def _send(self, channel: str, msg_type: str, content: dict) -> str:
        msg_id = uuid.uuid4().hex
        header = {
            "msg_id": msg_id,
            "msg_type": msg_type,
            "username": self.student.name,
            "session": self.session,
            "version": "5.3",
            "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        message = {"header": header, "parent_header": {}, "metadata": {}, "content": content, "channel": channel}
        self.ws.send(json.dumps(message))
        return msg_id

    def _collect(self, msg_id: str, timeout: float, reply: bool = True) -> Result:
        """Every message of one request, until its reply (when it has one) and its idle status."""
        result, began, replied, idle = Result(), time.monotonic(), not reply, False
        while not (replied and idle):
            if time.monotonic() - began > timeout:
                raise HubError(f"{self.student.name}: no reply to {msg_id} within {timeout:.0f} s")
            self.ws.settimeout(max(1.0, timeout - (time.monotonic() - began)))
            message = json.loads(self.ws.recv())
            kind = message["header"]["msg_type"]
            if (
                message.get("channel") == "iopub"
                and kind == "status"
                and message["content"].get("execution_state") in ("restarting", "dead")
            ):
                result.status = message["content"]["execution_state"]
                break
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if kind == "execute_reply" or kind.endswith("_reply"):
                replied = True
                if message["content"].get("status") == "error":
                    result.error = message["content"]
                    result.status = "error"
            elif kind == "status" and message["content"]["execution_state"] == "idle":
                idle = True
            elif kind in ("stream", "execute_result", "display_data", "error"):
                result.outputs.append({"msg_type": kind, "content": message["content"]})
            elif kind == "comm_open":
                result.comm_opens.append(message["content"])
            elif kind == "comm_msg":
                result.comm_msgs.append(message["content"])
        result.seconds = time.monotonic() - began
        return result

    def send_execute(self, code: str) -> str:
        """Start a cell without waiting for it (to kill the kernel while it trains); its msg_id."""
        content = {
            "code": code,
            "silent": False,
            "store_history": True,
            "user_expressions": {},
            "allow_stdin": False,
            "stop_on_error": True,
        }
        return self._send("shell", "execute_request", content)

    def execute(self, code: str, timeout: float = 600.0) -> Result:
        """Run a cell and wait for all it sends back."""
        return self._collect(self.send_execute(code), timeout)

    def update_widget(self, comm_id: str, state: dict, timeout: float = 120.0) -> Result:
        """Set a widget's state from the front end: ipywidgets' ``update`` message over its comm."""
        msg_id = self._send(
            "shell", "comm_msg", {"comm_id": comm_id, "data": {"method": "update", "state": state, "buffer_paths": []}}
        )
        return self._collect(msg_id, timeout, reply=False)  # a comm_msg has no reply, only busy and idle

    def restart(self) -> None:
        reply = self.student.server("POST", f"api/kernels/{self.id}/restart")
        if reply.status_code != 200:
            raise HubError(f"{self.student.name}: restart refused ({reply.status_code})")

    def info(self) -> dict:
        return self.student.server("GET", f"api/kernels/{self.id}").json()

    def close(self) -> None:
        if self.ws is not None:
            self.ws.close()
        if self.session_id:
            self.student.server("DELETE", f"api/sessions/{self.session_id}")
        else:
            self.student.server("DELETE", f"api/kernels/{self.id}")
