"""The ``run_import`` fixture (see import_kit)."""

from __future__ import annotations

from import_kit import run_import

__all__ = ["run_import"]
