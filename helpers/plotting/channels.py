"""(to be written: see helpers/plotting/__init__.py for this module's topic)."""

from __future__ import annotations

__all__: list[str] = []
