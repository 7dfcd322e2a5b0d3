"""What the real-browser tests share: a JupyterLab server, headless Chromium, and
the few page actions they all need.

- ``running_lab(folder)``: JupyterLab on 127.0.0.1 (a free port, a random
  token) over ``folder``, with its own settings and workspaces (no news
  pop-up, no state from earlier runs); stopped even when a check fails.
- ``launched_chromium()``: Debian's Chromium (/usr/bin/chromium, or the one
  on PATH), headless, driven by Playwright.
- ``unavailable()``: why a browser test cannot run here (no Playwright, no
  Chromium), or None.
- ``only_local_files(page)``: block the network for a page opened from disk.
- ``open_notebook(browser, lab, path)``: a notebook open in JupyterLab;
- ``run_all(page)``, ``widget_outputs(page)``, ``interact(widget)``: run a
  notebook open in JupyterLab, find the outputs that hold widgets, move one
  control of a widget.
- ``axe_audit(page)``: axe-core's WCAG 2.0/2.1 A and AA rules on the page
  as it is now (the local axe.min.js that ``make axe`` installs, no network).

Each test module wraps the two context managers in its own fixtures (with the
folder and the scope it needs); the modules are ``tests/test_browser.py``
(every widget in JupyterLab) and ``tests/test_present.py`` (the lessons as
RISE slideshows).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "build" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# axe-core, pinned by tests/axe/package-lock.json and installed by `make axe`
AXE_JS = ROOT / ".venv" / "share" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
IMPACTS = ("minor", "moderate", "serious", "critical")


def unavailable() -> str | None:
    """Why the browser tests cannot run on this machine, or None when they can."""
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -e '.[e2e]')"
    if not Path(CHROMIUM).exists():
        return "Chromium is not installed (Debian: apt-get install chromium)"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_lab(root_dir: Path, state_dir: Path, env: dict[str, str] | None = None) -> Iterator[tuple[str, str]]:
    """JupyterLab serving ``root_dir``; yields (base_url, token).

    ``state_dir`` holds the server's settings, workspaces and log
    (``jupyterlab.log``, named in the error when the server does not start).
    ``env`` adds to the server's environment (the kernels inherit it)."""
    settings = state_dir / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "notification.jupyterlab-settings").write_text(json.dumps({"fetchNews": "false"}))
    # the notebook's kernel starts without asking: JupyterLab sometimes opens a notebook before it
    # has the list of kernels and then asks which to start ("Select Kernel", about 1 in 4 fresh
    # labs under load); twice, after that dialog was answered, Run All never ran
    tracker = state_dir / "settings" / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True, exist_ok=True)
    chosen = json.loads(tracker.read_text()) if tracker.is_file() else {}
    tracker.write_text(json.dumps({**chosen, "autoStartDefaultKernel": True}))
    port, token = free_port(), secrets.token_hex(16)
    server_env = dict(
        os.environ,
        JUPYTERLAB_SETTINGS_DIR=str(state_dir / "settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(state_dir / "workspaces"),
        **(env or {}),
    )
    log_path = state_dir / "jupyterlab.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "jupyterlab",
                "--no-browser",
                "--ip=127.0.0.1",
                f"--port={port}",
                "--allow-root",
                f"--IdentityProvider.token={token}",
                f"--ServerApp.root_dir={root_dir}",
            ],
            env=server_env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.time() + 120
            while True:
                try:
                    urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                    break
                except OSError:
                    if time.time() > deadline or server.poll() is not None:
                        raise RuntimeError(f"JupyterLab did not start: see {log_path}") from None
                    time.sleep(0.5)
            yield base, token
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()


@contextlib.contextmanager
def launched_chromium():
    """Headless Chromium under Playwright; yields the Browser, closed afterwards.

    Sandbox off (containers run as root), no GPU, and none of Chromium's
    own network traffic (updates, sync, QUIC probes): the tests talk only to
    their local server."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        try:
            yield browser
        finally:
            browser.close()


def only_local_files(page) -> list[str]:
    """Abort every request of ``page`` that is not for a local file, as if offline.

    Returns the list of aborted addresses, which grows as the page asks:
    empty at the end means the page needed no network."""
    blocked: list[str] = []

    def route(request_route):
        if request_route.request.url.startswith("file://"):
            request_route.continue_()
        else:
            blocked.append(request_route.request.url)
            request_route.abort()

    page.route("**/*", route)
    return blocked


def open_notebook(browser, lab: tuple[str, str], path: str, viewport: dict | None = None):
    """A new page with ``path`` (relative to the server's root) open in JupyterLab, a fresh workspace."""
    base, token = lab
    page = browser.new_page(viewport=viewport or {"width": 1500, "height": 1000})
    page.goto(f"{base}/lab/tree/{path}?reset&token={token}")
    page.wait_for_selector(".jp-NotebookPanel .jp-Notebook", timeout=120_000)
    return page


def widget_outputs(page):
    """Every cell output that holds a rendered widget."""
    return page.locator(".jp-OutputArea-output").filter(has=page.locator(".jupyter-widgets"))


def _answer_dialogs(page) -> None:
    """Accept any dialog JupyterLab opened over the notebook (seen once in CI under load: a
    modal over the menu bar made every click time out), saying what it asked as a warning."""
    import warnings

    for _ in range(3):
        dialog = page.locator(".jp-Dialog")
        if not dialog.count():
            return
        asked = " ".join(dialog.first.inner_text().split())[:300]
        print(f"JupyterLab asked: {asked}", file=sys.stderr)
        warnings.warn(f"JupyterLab asked, and the test accepted: {asked}", stacklevel=3)
        accept = dialog.first.locator(".jp-Dialog-button.jp-mod-accept")
        if accept.count():
            accept.first.click()
        else:
            page.keyboard.press("Escape")
        time.sleep(1)


def run_all(page) -> None:
    """Run All Cells, once the kernel is idle, and wait until every cell has run.

    A click on "Run All Cells" before the kernel is ready can be lost (seen
    once: the kernel never got the cells and the test waited ten minutes), so
    the kernel must be idle first, and a click that starts nothing within
    30 s is tried again (at most three times).  JupyterLab sometimes asks for
    the kernel although the notebook names one ("Select Kernel", seen in CI
    under load, its modal over the menu bar): such a dialog is accepted (its
    default, the notebook's Python 3) and said as a warning."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    deadline = time.time() + 120  # the kernel idle; a dialog (a kernel to choose ...) is answered first
    while not page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").count():
        _answer_dialogs(page)
        if time.time() > deadline:
            raise AssertionError("the kernel was not idle within 120 s")
        time.sleep(0.25)
    for _ in range(3):
        _answer_dialogs(page)
        try:  # the menus themselves, not a lesson's text that names them
            page.click(".lm-MenuBar-itemLabel:text-is('Run')", timeout=10_000)
            page.click(".lm-Menu-itemLabel:text-is('Run All Cells')", timeout=10_000)
        except PlaywrightTimeout:  # a dialog opened in between: answered at the next try
            continue
        try:  # a prompt shows [*] (running or queued) or [n] (done)
            page.wait_for_function(
                """() => [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
                         .some(e => /\\[(\\*|\\d+)\\]/.test(e.textContent))""",
                timeout=30_000,
                polling=250,
            )
            break
        except PlaywrightTimeout:
            continue
    else:
        raise AssertionError("Run All Cells started no cell, three times")
    # every code cell has run: no "[*]" (running / queued) and no "[ ]" (never run) prompts left
    page.wait_for_function(
        """() => { const p = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].map(e => e.textContent);
                   return p.length > 0 && !p.some(t => t.includes('*') || t.trim() === '[ ]:'); }""",
        timeout=600_000,
        polling=250,
    )
    time.sleep(1)


def interact(widget, in_slideshow: bool = False) -> None:
    """Move one control: a dropdown, else a slider, else a button.

    ``in_slideshow``: reveal.js takes the arrow keys for itself, so there a
    toggle button comes first where there is one, and a slider is dragged with
    the mouse instead of moved by its arrow key."""
    toggles = widget.locator(".widget-toggle-button:not(.mod-active)")
    if in_slideshow and toggles.count():
        toggles.first.click()
        return
    select = widget.locator("select")
    if select.count():
        options = select.first.locator("option").all_inner_texts()
        # the label shown (a select's value is not its label in ipywidgets 8)
        current = select.first.evaluate("s => s.options[s.selectedIndex].text")
        choice = next(o for o in options if o != current and o != "(custom)")
        select.first.select_option(label=choice)
        return
    handle = widget.locator(".widget-slider .noUi-handle, .widget-slider .ui-slider-handle")
    if handle.count() and in_slideshow:
        box = handle.first.bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        mouse = widget.page.mouse
        mouse.move(x, y)
        mouse.down()
        mouse.move(x + 40, y, steps=5)
        mouse.up()
        return
    if handle.count():
        handle.first.click()
        handle.first.press("ArrowRight")
        return
    buttons = widget.locator("button")
    buttons.nth(min(40, buttons.count() - 1)).click()


def reacts(widget, timeout: float = 20.0, in_slideshow: bool = False) -> bool:
    """Move one control of ``widget`` and wait (at most ``timeout`` s) until what it shows changes."""
    before = widget.inner_html()
    interact(widget, in_slideshow)
    deadline = time.time() + timeout
    while widget.inner_html() == before and time.time() < deadline:
        time.sleep(0.25)
    return widget.inner_html() != before


def axe_audit(page, tags=WCAG_TAGS, axe_js: Path = AXE_JS, include: str | None = None) -> list[dict]:
    """axe-core's violations of the rules tagged ``tags`` on ``page`` as it stands
    (only inside the elements matching the CSS selector ``include``, if given).

    Injects the local ``axe_js`` (so it works with the network blocked) and
    returns axe's ``violations``: one dict per rule that fails, with its
    ``id``, ``impact`` and ``nodes`` (each with its CSS ``target``).  Reusable
    for any page Playwright has open (the website, JupyterLab)."""
    if isinstance(tags, str) or not all(isinstance(t, str) for t in tags):
        raise TypeError(f"tags must be a sequence of axe tag names, got {tags!r}")
    if not Path(axe_js).is_file():
        raise FileNotFoundError(f"axe-core is not installed at {axe_js}: run `make axe`")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_js))
    if include is not None and not isinstance(include, str):
        raise TypeError(f"include must be a CSS selector or None, got {include!r}")
    return page.evaluate(
        """async ([tags, include]) => (await axe.run(include ? {include: [include]} : document,
                                                   {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']}))
                        .violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                               nodes: v.nodes.map(n => ({target: n.target, html: n.html,
                                                                         summary: n.failureSummary}))}))""",
        [list(tags), include],
    )


def serious(violations: list[dict]) -> list[dict]:
    """The violations whose impact is serious or critical."""
    return [v for v in violations if v["impact"] in ("serious", "critical")]
