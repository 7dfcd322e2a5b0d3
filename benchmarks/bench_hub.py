"""The class hub under load, and what each lesson's kernel costs in memory (docs/benchmarks.md, "The class hub").

    python -m benchmarks.bench_hub memory [--full]   # each lesson's peak kernel memory (VmHWM), fast / full mode
    python -m benchmarks.bench_hub load [-n 20]      # N simulated students on a hub of their own (full mode)

``memory`` runs every lesson top to bottom in a fresh kernel (nbclient), as a
student does, twice: with the kernel's defaults ("as on a laptop") and with
the hub's settings (one thread per pool, ``MALLOC_ARENA_MAX=2``: what
``hub/jupyterhub_config.py`` gives every server).  The figure is the kernel
process's own high-water mark, ``VmHWM`` of ``/proc/<pid>/status``, read after
the last cell: the peak resident memory, not a sample.

``load`` starts a hub of its own (``tools.hub``, loopback, free ports, a
temporary state folder) and N students, each in a thread, who sign up, are
authorised, log in, get a server, pull the course with nbgitpuller, open a
lesson and run it cell by cell with think time, change a widget through its
comm as JupyterLab would, save their notebook and log off.  It stops by itself
(``--deadline`` seconds at most, then every server is stopped), and prints
JSON lines: time to a ready server (p50, p95), latency of the non-training
cells (p95), the widget's round trip, the peak memory of each kernel, of the
hub and of the proxy, and the node's total (the peak of the used memory
during the run, less what was used before it).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tools import hub as hub_tool  # noqa: E402
from tools.hub_student import Student  # noqa: E402

LESSONS = sorted(  # every lesson, 00-08
    (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")
)
HUB_KERNEL_ENV = {
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "TF_NUM_INTRAOP_THREADS": "1",
    "TF_NUM_INTEROP_THREADS": "1",
    "MALLOC_ARENA_MAX": "2",
}
MIB = 2**20


def emit(name: str, value, unit: str, **extra) -> None:
    print(json.dumps({"group": "hub", "name": name, "value": value, "unit": unit, **extra}), flush=True)


def cpu_name() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return "unknown CPU"


def peak_rss_mib(pid: int) -> float:
    """VmHWM of a process: its peak resident set, in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM for process {pid}")


# --- each lesson's kernel -------------------------------------------------------------


def lesson_peak(path: Path, env: dict) -> tuple[float, float]:
    """Run a lesson in a fresh kernel with ``env``; its kernel's peak memory (MiB) and the seconds it took."""
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    saved = {name: os.environ.get(name) for name in env}
    os.environ.update(env)
    try:
        client = NotebookClient(
            notebook,
            timeout=1200,
            kernel_name="python3",
            allow_errors=True,
            resources={"metadata": {"path": str(path.parent)}},
        )
        began = time.monotonic()
        with client.setup_kernel():
            pid = client.km.provisioner.process.pid
            for index, cell in enumerate(notebook.cells):
                client.execute_cell(cell, index)
            peak = peak_rss_mib(pid)
        return peak, time.monotonic() - began
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def memory(full: bool) -> None:
    mode = "full" if full else "fast"
    for path in LESSONS:
        for setting, env in (("laptop defaults", {}), ("hub settings", HUB_KERNEL_ENV)):
            if full and setting == "laptop defaults":
                continue  # full mode is measured with the hub's settings only (a lesson 6 run takes minutes)
            peak, seconds = lesson_peak(path, {"COURSE_FAST": "0" if full else "1", **env})
            emit(
                f"peak kernel memory, {path.stem}, {mode} mode, {setting}",
                round(peak),
                "MiB",
                seconds=round(seconds, 1),
                cpu=cpu_name(),
            )


# --- N students on a hub ---------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(q / 100 * (len(values) - 1))))]


class Sampler(threading.Thread):
    """Every second: the RSS of the hub, the proxy and each kernel, and the node's used memory; keeps the peaks."""

    def __init__(self, state: Path):
        super().__init__(daemon=True)
        self.state, self.stop = state, threading.Event()
        self.base_used = psutil.virtual_memory().used
        self.peak_used = self.base_used
        self.peaks: dict[str, float] = {}

    def run(self) -> None:
        while not self.stop.wait(1.0):
            self.peak_used = max(self.peak_used, psutil.virtual_memory().used)
            for name in ("hub", "proxy"):
                try:
                    rss = psutil.Process(int((self.state / f"{name}.pid").read_text())).memory_info().rss
                    self.peaks[name] = max(self.peaks.get(name, 0), rss)
                except (OSError, ValueError, psutil.Error):
                    pass
            for proc in psutil.process_iter(["cmdline", "memory_info"]):
                cmd = " ".join(proc.info["cmdline"] or [])
                if "ipykernel_launcher" in cmd and str(self.state) in cmd:
                    key = f"kernel {proc.pid}"
                elif "jupyterhub-singleuser" in cmd:
                    key = f"server {proc.pid}"
                else:
                    continue
                rss = proc.info["memory_info"].rss if proc.info["memory_info"] else 0
                self.peaks[key] = max(self.peaks.get(key, 0), rss)


def one_student(hub_url, name, instructor, course, branch, lesson, think, record, lock) -> None:
    rng = random.Random(name)
    student = Student(hub_url, name, f"{name}-passphrase-42")
    student.sign_up()
    with lock:  # the instructor authorises one sign-up at a time, as in the browser
        instructor.session.get(f"{hub_url}/hub/authorize/{name}", timeout=60)
    if not student.log_in():
        raise RuntimeError(f"{name} could not log in")
    record["ready"].append(student.start_server(timeout=600))
    student.pull(course, branch)
    path = f"cnn-course/notebooks/{lesson}"
    notebook = student.read(path)
    kernel = student.kernel(path)
    try:
        for cell in notebook["cells"]:
            if cell["cell_type"] != "code":
                continue
            time.sleep(rng.uniform(*think))
            result = kernel.execute(cell["source"], timeout=900)
            training = ".fit(" in cell["source"]
            record["training" if training else "cells"].append(result.seconds)
            if result.status not in ("ok", "error"):
                raise RuntimeError(f"{name}: the kernel went {result.status}")
            for opened in result.comm_opens:
                state = opened["data"]["state"]
                if state.get("_model_name") == "DropdownModel" and state.get("_options_labels"):
                    time.sleep(rng.uniform(*think))
                    answer = kernel.update_widget(opened["comm_id"], {"index": len(state["_options_labels"]) - 1})
                    record["widget"].append(answer.seconds)
                    break
            cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": result.text}] if result.text else []
        began = time.monotonic()
        student.save(f"{name}-{lesson}", notebook)
        record["save"].append(time.monotonic() - began)
    finally:
        kernel.close()


def load(n: int, lesson: str, think: tuple[float, float], deadline: float, fast: bool) -> None:
    state = Path(tempfile.mkdtemp(prefix="course-hub-load-"))
    course = state / "course"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(course)], check=True)
    branch = (
        subprocess.run(
            ["git", "-C", str(course), "branch", "--show-current"], capture_output=True, text=True
        ).stdout.strip()
        or "main"
    )
    ports = []
    for _ in range(4):
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            ports.append(s.getsockname()[1])
    os.environ.update(
        COURSE_HUB_STATE=str(state / "state"),
        COURSE_HUB_PORT=str(ports[0]),
        COURSE_HUB_API_PORT=str(ports[1]),
        COURSE_HUB_PROXY_API_PORT=str(ports[2]),
        COURSE_HUB_REPO=course.as_uri(),
        COURSE_HUB_BRANCH=branch,
        COURSE_HUB_ADMIN_PASSWORD="load-test-instructor-password",
        COURSE_FAST="1" if fast else "0",
    )
    record = {key: [] for key in ("ready", "cells", "training", "widget", "save")}
    errors: list[str] = []
    lock = threading.Lock()
    hub_tool.start()
    sampler = Sampler(state / "state")
    sampler.start()
    began = time.monotonic()
    try:
        url = hub_tool.hub_url()
        instructor = Student(url, "instructor", "load-test-instructor-password")
        assert instructor.log_in()

        def run(name):
            try:
                one_student(url, name, instructor, course.as_uri(), branch, lesson, think, record, lock)
            except Exception as error:  # noqa: BLE001  (a failed student is a figure, not a crash)
                errors.append(f"{name}: {error!r}")

        threads = [threading.Thread(target=run, args=(f"student{i:02d}",), daemon=True) for i in range(n)]
        for thread in threads:
            thread.start()
            time.sleep(0.2)  # a class arriving over a few seconds
        for thread in threads:
            thread.join(max(1.0, deadline - (time.monotonic() - began)))
        timed_out = sum(thread.is_alive() for thread in threads)
    finally:
        wall = time.monotonic() - began
        sampler.stop.set()
        hub_tool.stop()
    kernels = [v / MIB for k, v in sampler.peaks.items() if k.startswith("kernel")]
    servers = [v / MIB for k, v in sampler.peaks.items() if k.startswith("server")]
    common = {
        "students": n,
        "lesson": lesson,
        "mode": "fast" if fast else "full",
        "cpu": cpu_name(),
        "cores": psutil.cpu_count(),
    }
    emit("students who finished", n - len(errors) - timed_out, "students", errors=errors[:5], **common)
    emit("wall time of the run", round(wall), "s", **common)
    emit("time to a ready server, p50", round(statistics.median(record["ready"]), 1), "s", **common)
    emit("time to a ready server, p95", round(percentile(record["ready"], 95), 1), "s", **common)
    emit("latency of non-training cells, p50", round(statistics.median(record["cells"]), 2), "s", **common)
    emit("latency of non-training cells, p95", round(percentile(record["cells"], 95), 2), "s", **common)
    if record["widget"]:
        emit("widget round trip (comm update to idle), p95", round(percentile(record["widget"], 95), 2), "s", **common)
    emit("saving the notebook, p95", round(percentile(record["save"], 95), 2), "s", **common)
    emit("peak RSS per kernel, max", round(max(kernels, default=0)), "MiB", **common)
    emit("peak RSS per kernel, median", round(statistics.median(kernels)) if kernels else 0, "MiB", **common)
    emit("peak RSS per single-user server, max", round(max(servers, default=0)), "MiB", **common)
    emit("hub peak RSS", round(sampler.peaks.get("hub", 0) / MIB), "MiB", **common)
    emit("proxy peak RSS", round(sampler.peaks.get("proxy", 0) / MIB), "MiB", **common)
    emit(
        "node: peak used memory above the idle machine",
        round((sampler.peak_used - sampler.base_used) / MIB),
        "MiB",
        **common,
    )


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_hub", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    m = sub.add_parser("memory", help="each lesson's peak kernel memory")
    m.add_argument("--full", action="store_true", help="full mode (students' settings) instead of fast mode")
    ld = sub.add_parser("load", help="N simulated students on a hub")
    ld.add_argument("-n", type=int, default=20, help="students (default 20)")
    ld.add_argument("--lesson", default="01_edge_kernels.ipynb")
    ld.add_argument("--think", type=float, nargs=2, default=(2.0, 6.0), help="think time between cells, s")
    ld.add_argument("--deadline", type=float, default=1200.0, help="the run stops after this many seconds")
    ld.add_argument(
        "--fast", action="store_true", help="the lesson in fast mode (default: full mode, as students run it)"
    )
    args = parser.parse_args()
    if args.what == "memory":
        memory(args.full)
    else:
        if not 1 <= args.n <= 60:
            parser.error("-n must be 1..60 on one machine")
        load(args.n, args.lesson, tuple(args.think), args.deadline, args.fast)


if __name__ == "__main__":
    main()
