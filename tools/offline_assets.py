"""Slides and HTML exports that work without internet (``make slides``, ``make html``).

Why: nbconvert's templates load their JavaScript from CDNs (reveal.js from
unpkg; MathJax, require.js, jQuery and mermaid from cdnjs).  In a classroom
without network a deck then falls apart: one long page, speaker notes on
show, formulas as raw LaTeX.

What this does: it copies local versions of those files into the output folder,
under ``_assets/``, and runs nbconvert with its URL options pointing there.
The URLs are relative, so the whole folder (decks plus ``_assets/``) can be
copied to a USB stick and opened from there.

- MathJax 2.7.9 comes from the ``jupyter-server-mathjax`` package, a project
  dependency, so it is already on disk.
- reveal.js, require.js and jQuery come from the npm registry: each tarball is
  fetched once at the version pinned below, checked against the sha512 pinned
  below (the registry's ``dist.integrity``), and cached in
  ``<venv>/share/course-assets/``.  After that no network is needed.
- mermaid is dropped: the reveal template imports it on every deck, there is no
  option to stop that, and no lesson draws a mermaid diagram.  A two-line
  template, ``tools/templates/reveal_offline/``, removes that one block.
- The slides use reveal.js's "white" theme: nbconvert's default, "simple",
  loads its fonts from Google.
- Widgets need nothing: the exports draw them as pictures (COURSE_WIDGETS=static).

Usage (the Makefile's ``slides`` and ``html`` targets)::

    python tools/offline_assets.py slides build/slides notebooks/*.ipynb
    python tools/offline_assets.py html build/html notebooks/*.ipynb
    python tools/offline_assets.py fetch    # only fill the download cache

The notebooks are executed (``--execute``); set COURSE_WIDGETS=static first.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import importlib.util
import io
import shutil
import sys
import tarfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

ASSETS = "_assets"  # the folder next to the exported files; URLs below are relative to them
CACHE = Path(sys.prefix) / "share" / "course-assets"  # the virtual environment's share/
TEMPLATES = Path(__file__).resolve().parent / "templates"
REGISTRY = "https://registry.npmjs.org"


@dataclass(frozen=True)
class NpmPackage:
    """One npm tarball: its pinned version and checksum, and the files the exports load."""

    name: str
    version: str
    integrity: str  # "sha512-<base64>", as in the registry's metadata (dist.integrity)
    keep: tuple[str, ...]  # paths inside the package (a trailing "/" keeps a whole folder)

    @property
    def url(self) -> str:
        return f"{REGISTRY}/{self.name}/-/{self.name}-{self.version}.tgz"

    @property
    def cached(self) -> Path:
        return CACHE / f"{self.name}-{self.version}.tgz"


PACKAGES = (
    # The version nbconvert's reveal template is written for (its default CDN URL).
    # dist/ holds reveal.js, reveal.css and the themes with their fonts; the notes
    # plugin is the speaker view (press S).
    NpmPackage(
        "reveal.js",
        "4.0.2",
        "sha512-LWZSUenufF1gpD7npxJ7KfoQQFKgc1D6XrLTFgKlwWNP1BQ74hT48KONFWMAw+8R/QUeaScCLCLrBVHDfFIEiw==",
        ("dist/", "plugin/notes/", "LICENSE"),
    ),
    # The template loads reveal.js through require.js (an AMD loader).
    NpmPackage(
        "requirejs",
        "2.3.7",
        "sha512-DouTG8T1WanGok6Qjg2SXuCMzszOo0eHeH9hDZ5Y4x8Je+9JB38HdTLT4/VA8OaUhBa0JPVHJ0pyBkM1z+pDsw==",
        ("require.js",),
    ),
    # Used by the template's optional "scroll" mode only, but always loaded.
    NpmPackage(
        "jquery",
        "3.7.1",
        "sha512-m4avr8yL8kmFN8psrbFFFmB/If14iN5o9nw/NgnnM+kybDJpRsAynV2BsfpTYrTRysYUdADVD7CkUUizgkpLfg==",
        ("dist/jquery.min.js", "LICENSE.txt"),
    ),
)

# MathJax 2 names its configurations in the URL.  TeX-AMS-MML_HTMLorMML-full is
# the one jupyter-server-mathjax ships (TeX input, HTML-CSS output); Safe blocks
# links and styles in formulas; local/course (written by install()) picks the
# STIX web font, the only font the package ships (MathJax's default is TeX).
MATHJAX_CONFIG = "TeX-AMS-MML_HTMLorMML-full,Safe,local/course"
MATHJAX_LOCAL_CONFIG = """\
MathJax.Hub.Config({
  "HTML-CSS": {availableFonts: [], preferredFont: null, webFont: "STIX-Web", imageFont: null}
});
MathJax.Ajax.loadComplete("[MathJax]/config/local/course.js");
"""


def _checksum(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def fetch(package: NpmPackage) -> bytes:
    """The package's tarball: from the cache, or downloaded once and checked."""
    if package.cached.exists():
        data = package.cached.read_bytes()
        if _checksum(data) == package.integrity:
            return data
    print(f"fetching {package.url}", file=sys.stderr)
    with urllib.request.urlopen(package.url, timeout=60) as response:
        data = response.read()
    if _checksum(data) != package.integrity:
        raise RuntimeError(f"{package.url}: checksum mismatch, expected {package.integrity}")
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = package.cached.with_suffix(".part")
    partial.write_bytes(data)
    partial.replace(package.cached)  # never a half-written tarball in the cache
    return data


def missing() -> list[str]:
    """The packages not yet in the cache (these need the npm registry once)."""
    return [f"{p.name}@{p.version}" for p in PACKAGES if not p.cached.exists()]


def _unpack(package: NpmPackage, data: bytes, dest: Path) -> None:
    """Write the files named in ``package.keep`` under ``dest`` (npm tarballs have a top folder "package/")."""
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        for member in tar.getmembers():
            path = PurePosixPath(member.name)
            inner = PurePosixPath(*path.parts[1:])
            wanted = any(str(inner) == k or (k.endswith("/") and str(inner).startswith(k)) for k in package.keep)
            if not (member.isfile() and wanted) or ".." in inner.parts:
                continue
            target = dest / inner
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(tar.extractfile(member).read())


def install(out_dir: Path) -> Path:
    """Copy everything the exported pages load into ``out_dir/_assets``; return that folder."""
    # Found, not imported: importing the package would start loading jupyter_server (seconds).
    package_dir = Path(importlib.util.find_spec("jupyter_server_mathjax").submodule_search_locations[0])
    assets = Path(out_dir) / ASSETS
    mathjax = assets / "mathjax"
    shutil.copytree(package_dir / "static", mathjax, dirs_exist_ok=True)
    (mathjax / "config" / "local").mkdir(exist_ok=True)
    (mathjax / "config" / "local" / "course.js").write_text(MATHJAX_LOCAL_CONFIG)
    for package in PACKAGES:
        _unpack(package, fetch(package), assets / package.name)
    return assets


def nbconvert_config():
    """nbconvert options (a traitlets Config) that point the exports at ``_assets/``."""
    from traitlets.config import Config

    c = Config()
    c.HTMLExporter.mathjax_url = f"{ASSETS}/mathjax/MathJax.js?config={MATHJAX_CONFIG}"
    c.HTMLExporter.require_js_url = f"{ASSETS}/requirejs/require.js"
    c.HTMLExporter.jquery_url = f"{ASSETS}/jquery/dist/jquery.min.js"
    c.SlidesExporter.reveal_url_prefix = f"{ASSETS}/reveal.js"
    # nbconvert's default theme, "simple", loads its fonts from Google; "white"
    # (the same look: dark text on white) ships its font inside reveal.js.
    c.SlidesExporter.reveal_theme = "white"
    c.SlidesExporter.template_name = "reveal_offline"
    c.TemplateExporter.extra_template_basedirs = [str(TEMPLATES)]
    return c


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("to", choices=["slides", "html", "fetch"], help="export format, or only fill the cache")
    parser.add_argument("output_dir", nargs="?", type=Path, help="where the exported files and _assets/ go")
    parser.add_argument("notebooks", nargs="*", help="the notebooks to execute and export")
    args = parser.parse_args(argv)
    if args.to == "fetch":
        for package in PACKAGES:
            fetch(package)
        return
    if args.output_dir is None or not args.notebooks:
        parser.error("slides and html need an output folder and at least one notebook")
    install(args.output_dir)
    from nbconvert.nbconvertapp import NbConvertApp

    nbconvert_args = ["--to", args.to, "--execute", "--output-dir", str(args.output_dir), *args.notebooks]
    NbConvertApp.launch_instance(nbconvert_args, config=nbconvert_config())


if __name__ == "__main__":
    main()
