"""Every number a sentence states is true on the page that states it.

A scan of an **executed** lesson (outputs included).  In its markdown (speaker
notes too) it finds the measured figures a sentence can state, which a run can
contradict:

- percentages (``98.13%``), times (``340 ms``, ``6 s``, ``4 minutes``);
- epochs (``33 epochs``) and counts of data (``5,000 training photos``).

Each must be one of:

1. **printed by the run on the same page**: the figure, written the same way,
   is in the notebook's outputs (``98.13%`` in a printed line; for epochs and
   counts, the number itself);
2. **a reference figure**: its paragraph says "reference figure" and names a
   date (``2026-12-02``), with the machine, mode and data beside it;
3. **not a measurement**: a rule or threshold (``at least 20%``, ``above
   90%``, ``≥ 80%``), a quotation of the slides (in quotation marks or a
   ``>`` block), code or a formula (in backticks or ``$...$``).

What is left is reported: a number the page does not back.  Usage::

    python -m tools.page_numbers executed.ipynb [...]            # the problems
    python -m tools.page_numbers --references executed.ipynb     # the labelled figures

tests/test_site.py runs it on the site's executed lessons (fast mode, the mode
the site is built in); a lesson can be executed for it with
``jupyter nbconvert --to notebook --execute``.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

NUMBER = r"\d[\d,]*(?:\.\d+)?"
FIGURES = [
    ("percentage", re.compile(rf"(?<![\w.])({NUMBER})\s?%")),
    ("time", re.compile(rf"(?<![\w.])({NUMBER})\s?(ms|s|seconds?|minutes?|min)\b")),
    ("epochs", re.compile(rf"(?<![\w.])({NUMBER})\s+epochs?\b")),
    (
        "count",
        re.compile(rf"(?<![\w.])({NUMBER})\s+(?:\w+\s+)?(photos|images|examples|patches|samples|digits)\b"),
    ),
]
THRESHOLD = re.compile(
    r"(at least|at most|above|below|under|over|more than|less than|up to|beyond|≥|≤|>|<|>=|<=|~)\s*(about\s+)?$",
    re.IGNORECASE,
)
REFERENCE = re.compile(r"reference figure", re.IGNORECASE)
DATE = re.compile(r"\b20\d\d-\d\d(-\d\d)?\b")
# spans whose numbers are not claims about this run: code, formulas, quotations
NOT_CLAIMS = re.compile(r"`[^`]*`|\$\$.*?\$\$|\$[^$]*\$|“[^”]*”|\"[^\"\n]*\"", re.DOTALL)


@dataclass
class Figure:
    cell: int
    kind: str
    text: str  # the figure as written
    paragraph: str


def output_text(nb) -> str:
    """Everything the run printed or showed as text."""
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if "text" in out:
                parts.append(out["text"])
            for mime in ("text/plain", "text/markdown", "text/html"):
                if mime in out.get("data", {}):
                    parts.append(out["data"][mime])
    return "\n".join(parts)


def paragraphs(markdown: str) -> list[str]:
    """Blocks of a markdown cell: paragraphs, list items and table rows; quotations left out."""
    blocks, current = [], []
    for line in markdown.splitlines():
        stripped = line.strip()
        starts_block = not stripped or stripped.startswith(("- ", "* ", "|", "#")) or re.match(r"\d+\.\s", stripped)
        if starts_block and current:
            blocks.append(" ".join(current))
            current = []
        if stripped and not stripped.startswith(">"):
            current.append(stripped)
    if current:
        blocks.append(" ".join(current))
    return blocks


def figures(nb) -> list[Figure]:
    found = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        source = re.sub(r"```.*?```", "", cell.source, flags=re.DOTALL)  # code blocks are literal
        for paragraph in paragraphs(source):
            claims = NOT_CLAIMS.sub(" ", paragraph)
            for kind, pattern in FIGURES:
                for match in pattern.finditer(claims):
                    if THRESHOLD.search(claims[: match.start()][-20:]):
                        continue
                    found.append(Figure(index, kind, match.group(0), paragraph))
    return found


def backed_by_run(figure: Figure, printed: str) -> bool:
    number = re.match(NUMBER, figure.text).group(0)
    forms = {number, number.replace(",", "")}
    if figure.kind == "percentage":
        return any(re.search(rf"(?<![\d.]){re.escape(n)}\s?%", printed) for n in forms)
    if figure.kind == "time":
        unit = figure.text[len(number) :].strip()
        return any(re.search(rf"(?<![\d.]){re.escape(n)}\s?{re.escape(unit)}", printed) for n in forms)
    return any(re.search(rf"(?<![\d.,]){re.escape(n)}(?![\d])", printed) for n in forms)


def is_reference(figure: Figure) -> bool:
    return bool(REFERENCE.search(figure.paragraph) and DATE.search(figure.paragraph))


def unbacked(nb) -> list[Figure]:
    """The figures a sentence states that neither the run nor a reference label backs."""
    printed = output_text(nb)
    return [f for f in figures(nb) if not is_reference(f) and not backed_by_run(f, printed)]


def references(nb) -> list[Figure]:
    return [f for f in figures(nb) if is_reference(f)]


def main(argv: list[str]) -> int:
    listing = "--references" in argv
    status = 0
    for path in (Path(a) for a in argv if not a.startswith("--")):
        nb = nbformat.read(path, as_version=4)
        for figure in references(nb) if listing else unbacked(nb):
            status = status or (not listing)
            print(f"{path.name}, cell {figure.cell}: {figure.text!r} ({figure.kind}) in: {figure.paragraph[:160]}")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
