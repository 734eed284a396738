"""Bad data: a clear, bilingual error naming the file, the table and the column — never a traceback."""

from __future__ import annotations


class DataError(Exception):
    """A data file that cannot be measured: missing, empty, a missing column, a wrong type, bad dates.

    Messages name the file, table and column and may quote a count or a row number, never a value of a
    personal column.
    """

    def __init__(self, file: str, table: str, column: str | None, message_ja: str, message_en: str) -> None:
        super().__init__(message_en)
        self.file = file
        self.table = table
        self.column = column
        self.message_ja = message_ja
        self.message_en = message_en

    def __reduce__(self) -> tuple[type[DataError], tuple[str, str, str | None, str, str]]:
        # Raised in a worker process (the build's data checks), it must cross back whole.
        return (DataError, (self.file, self.table, self.column, self.message_ja, self.message_en))

    def where(self) -> str:
        """``file (table.column)``: the place to look, for both languages."""
        target = f"{self.table}.{self.column}" if self.column else self.table
        return f"{self.file} ({target})"

    def message(self, lang: str = "ja") -> str:
        """The full user-facing line: where, what is wrong and how to fix it."""
        text = self.message_ja if lang == "ja" else self.message_en
        return f"{self.where()}: {text}"


class MeasureError(ValueError):
    """A KPI that cannot be measured from its definition (not bad data): becomes ``KpiMeasurement.error``."""

    def __init__(self, message_ja: str, message_en: str | None = None) -> None:
        super().__init__(message_en or message_ja)
        self.message_ja = message_ja
        self.message_en = message_en or message_ja

    def text(self) -> str:
        """Both languages on one line (one when they are the same), for ``KpiMeasurement.error``."""
        if self.message_ja == self.message_en:
            return self.message_en
        return f"{self.message_ja} / {self.message_en}"
