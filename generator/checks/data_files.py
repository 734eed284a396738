"""Open the canonical tables for the checks through the engine: the same file checks, the same typed views.

``generator.engine.datafiles`` checks each file (missing, empty, unreadable, a missing column, a wrong
type, values that do not parse) and the backend exposes only declared, non-personal columns with their
canonical types — so the checks see exactly what measuring sees, and never a personal column.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..engine import datafiles
from ..engine.backend import Backend
from ..engine.errors import DataError
from ..model.sources import Table, locate_data_files
from . import messages
from .plan import Messages


@dataclass(frozen=True)
class OpenTable:
    """A table whose file passed the engine's checks and is registered with the backend."""

    table: Table
    file: Path
    columns: frozenset[str]  # the columns the backend exposes (declared, non-personal)


@dataclass(frozen=True)
class UnreadableTable:
    """A table whose file is missing or bad; every check on it fails, the schema result says why."""

    table: Table
    file: Path | None
    problem: Messages


def open_tables(
    backend: Backend, data_dir: Path, tables: Sequence[Table]
) -> dict[str, OpenTable | UnreadableTable]:
    """Check and register every table's file, keeping going past bad ones so each gets its own result."""
    paths = locate_data_files(data_dir, tables)
    return {table.id: _open(backend, data_dir, table, paths.get(table.id)) for table in tables}


def _open(backend: Backend, data_dir: Path, table: Table, path: Path | None) -> OpenTable | UnreadableTable:
    if path is None:
        return UnreadableTable(table, None, messages.missing_file(table.id, data_dir))
    try:
        data_file = datafiles.check_file(table, path)
        backend.register_tables({table.id: path}, {table.id: data_file.columns})
    except DataError as error:
        return UnreadableTable(table, path, (error.message("ja"), error.message("en")))
    except Exception as error:  # a reader error the engine did not foresee; its text may quote values
        return UnreadableTable(table, path, messages.unreadable_file(table.id, path, type(error).__name__))
    return OpenTable(table, path, frozenset(column.name for column in data_file.columns))
