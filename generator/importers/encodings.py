"""Which text encoding an export is in: a byte-order mark, UTF-8, Shift_JIS (CP932) or a detected one.

Excel in Japan saves "CSV" as CP932 (Microsoft's Shift_JIS, with ① and ㈱); plain Shift_JIS is a subset,
so CP932 reads both. Only the first megabyte is looked at, cut at a line end so that no character is
split; the whole file is then decoded with the chosen encoding by the CSV reader.
"""

from __future__ import annotations

import codecs

from ..model.imports import EncodingName
from .problems import ImportFailure

SAMPLE_BYTES = 1 << 20
_JAPANESE = {"cp932", "shift_jis", "shift-jis", "sjis", "ms932", "windows-31j", "shift_jis_2004"}


def sample_of(raw: bytes) -> bytes:
    """The first megabyte, ending at a line end (so a multibyte character is never cut)."""
    if len(raw) <= SAMPLE_BYTES:
        return raw
    cut = raw.rfind(b"\n", 0, SAMPLE_BYTES)
    return raw[: cut + 1] if cut > 0 else raw[:SAMPLE_BYTES]


def detect_encoding(sample: bytes, requested: EncodingName, file: str) -> str:
    """The Python codec name to read the file with; ``requested`` wins unless it is ``auto``."""
    if requested == "shift_jis":
        return "cp932"  # what Excel writes under that name; a superset of JIS X 0208 Shift_JIS
    if requested != "auto":
        return requested
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if _decodes(sample, "utf-8"):
        return "utf-8"
    if _decodes(sample, "cp932"):
        return "cp932"
    return _detected(sample, file)


def _decodes(sample: bytes, encoding: str) -> bool:
    try:
        sample.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _detected(sample: bytes, file: str) -> str:
    from charset_normalizer import from_bytes  # loads only for the rare export that is none of the above

    best = from_bytes(sample).best()
    if best is None:
        raise ImportFailure.one(
            f"{file}: 文字コードを判定できません"
            " — マッピングの read.encoding に utf-8 / cp932 などを書いてください",
            f"{file}: cannot tell the text encoding — set read.encoding (utf-8, cp932, …) in the mapping",
        )
    name = best.encoding.lower()
    return "cp932" if name in _JAPANESE else name
