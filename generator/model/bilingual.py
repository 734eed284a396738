"""An error a person reads, in Japanese and English: what is wrong — how to fix it. Never a traceback."""

from __future__ import annotations


class BilingualError(Exception):
    """Raised with both languages; the command prints the one asked for with ``--lang``."""

    def __init__(self, message_ja: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message_ja = message_ja
        self.message_en = message_en

    def message(self, lang: str = "ja") -> str:
        return self.message_ja if lang == "ja" else self.message_en
