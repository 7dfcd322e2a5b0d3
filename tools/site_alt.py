"""A Sphinx extension for the course website: every figure's ``<img alt>`` from its output.

The lessons' figures carry their text alternative in the output metadata,
``{"image/png": {"alt": "..."}}`` (``helpers.plotting.describe``), as nbconvert
reads it.  myst-nb 1.x takes only ``width`` and ``height`` from output
metadata and gives every image its file name as alt text (``_images/<hash>.png``,
which a screen reader spells out).  This extension makes myst-nb's image
renderer also take ``alt``.  Loaded by site/conf.py (``extensions``).
"""

from __future__ import annotations

from myst_nb.core.render import NbElementRenderer

_original_render_image = NbElementRenderer.render_image


def render_image_with_alt(self, data):
    """myst-nb's image node, with the output's own alt text when it has one."""
    nodes = _original_render_image(self, data)
    alt = data.output_metadata.get(data.mime_type, {}).get("alt")
    if isinstance(alt, str) and alt.strip():
        for node in nodes:
            if node.tagname == "image" and not node.get("alt"):
                node["alt"] = alt
    return nodes


def setup(app):
    NbElementRenderer.render_image = render_image_with_alt
    return {"parallel_read_safe": True, "parallel_write_safe": True}
