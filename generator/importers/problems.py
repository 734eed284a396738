"""What stops an import before any row is converted: an unreadable file, a mapping that does not fit."""

from __future__ import annotations


class ImportFailure(Exception):
    """One or more lines (``file:line:col: what is wrong — how to fix it``) in both languages."""

    def __init__(self, lines_ja: list[str], lines_en: list[str]) -> None:
        super().__init__("\n".join(lines_en))
        self.lines_ja = lines_ja
        self.lines_en = lines_en

    @classmethod
    def one(cls, message_ja: str, message_en: str) -> ImportFailure:
        return cls([message_ja], [message_en])

    def lines(self, lang: str) -> list[str]:
        return self.lines_ja if lang == "ja" else self.lines_en
