"""Sphinx configuration of the course website (``make site``; see tools/build_site.py).

The pages are the lesson notebooks, executed by myst-nb in fast mode with the
widgets drawn as pictures, plus a landing page from the README's overview and
the list of the slides' worked numbers.  Everything a page needs (theme,
search index, MathJax) is copied next to it, so the site opens offline.
"""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

project = "CNN course"
html_title = "Convolutional neural networks, from one kernel to CIFAR-10"
author = "the course's contributors"
copyright = "the course's contributors, MIT licence"

import sys  # noqa: E402  (the course's own Sphinx extension lives in tools/)

sys.path.insert(0, str(ROOT))
# tools.site_alt: each figure's <img alt> from its output's alt text (helpers.plotting.describe)
extensions = ["myst_nb", "tools.site_alt"]
root_doc = "index"
exclude_patterns = ["**.ipynb_checkpoints", "README.md"]  # the README is included by index.md, not a page
# $...$ and $$...$$ in the notebooks' markdown, as Jupyter renders them
myst_enable_extensions = ["dollarmath", "amsmath"]
myst_heading_anchors = 3  # the README's "#tests"-style links resolve to headings

# Execution: each lesson once, cached by jupyter-cache in build/site-cache (a
# lesson whose code cells are unchanged is not run again), in fast mode with
# static widgets (tools/build_site.py sets COURSE_FAST and COURSE_WIDGETS).
nb_execution_mode = "cache"
nb_execution_cache_path = str(ROOT / "build" / "site-cache")
nb_execution_timeout = int(os.environ.get("COURSE_SITE_TIMEOUT", "1800"))
nb_execution_raise_on_error = True  # a cell that raises fails the build
nb_execution_show_tb = True
nb_output_folder = "site-outputs"  # the executed cells' images, in build/ beside the site
nb_merge_streams = True  # one text block per cell, as in Jupyter

# MathJax 2.7 from the jupyter-server-mathjax package, copied into _static/mathjax
# by tools/build_site.py: formulas render with no network.
mathjax_path = "mathjax/MathJax.js?config=TeX-AMS-MML_HTMLorMML-full,Safe"
mathjax2_config = {
    "tex2jax": {
        "inlineMath": [["\\(", "\\)"]],
        "displayMath": [["\\[", "\\]"]],
        # myst-nb marks the notebook pages "mathjax_ignore" and the formulas "math"
        "processClass": "tex2jax_process|mathjax_process|math|output_area",
        "ignoreClass": "tex2jax_ignore|mathjax_ignore|document",
    },
    "HTML-CSS": {"availableFonts": [], "preferredFont": None, "webFont": "STIX-Web", "imageFont": None},
    # a hidden MathML copy of every formula, which screen readers read (MathJax 2.7's AssistiveMML)
    "menuSettings": {"assistiveMML": True},
}
# relative paths would be taken from site/; site/_static holds the accessibility fixes (docs/accessibility.md)
html_static_path = [str(ROOT / "build" / "site-src" / "_static"), str(ROOT / "site" / "_static")]
html_css_files = ["accessibility.css"]
html_js_files = ["accessibility.js"]

html_theme = "sphinx_book_theme"
html_theme_options = {
    "home_page_in_toc": True,
    "show_toc_level": 2,
    "use_download_button": True,
    "announcement": (
        "These pages were run in fast mode (COURSE_FAST=1: less data, fewer epochs), with widgets "
        "as pictures. Run the notebooks in JupyterLab for the full lessons and live widgets."
    ),
}
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False
