"""五十音 order for readings written in hiragana or katakana (the glossary's ``reading``).

Sorted as code points, every hiragana reading (へいきん…) came before every katakana one (アイエス,
ウェビナー…). The sort key reads both scripts as hiragana, and a long-vowel mark 「ー」 as the vowel it
lengthens (ケーピーアイ sorts as けえぴいあい), the way a Japanese dictionary orders them.
"""

from __future__ import annotations

_KATAKANA_TO_HIRAGANA = 0x30A1 - 0x3041
_LONG_VOWEL = "ー"
# Each hiragana's vowel, for a long-vowel mark after it (ん and っ have none: the mark stays).
_VOWELS = {
    "あ": "あぁかがさざただなはばぱまやゃらわゎ",
    "い": "いぃきぎしじちぢにひびぴみりゐ",
    "う": "うぅくぐすずつづぬふぶぷむゆゅるゔ",
    "え": "えぇけげせぜてでねへべぺめれゑ",
    "お": "おぉこごそぞとどのほぼぽもよょろを",
}
_VOWEL_OF = {kana: vowel for vowel, row in _VOWELS.items() for kana in row}


def hiragana(text: str) -> str:
    """``text`` with katakana (ァ–ヶ) written as hiragana; anything else as it is."""
    return "".join(chr(ord(ch) - _KATAKANA_TO_HIRAGANA) if "ァ" <= ch <= "ヶ" else ch for ch in text)


def reading_key(reading: str) -> str:
    """The sort key of a reading: hiragana, long vowels spelled out, Latin letters folded to lower case."""
    out: list[str] = []
    for ch in hiragana(reading.strip()).casefold():
        if ch == _LONG_VOWEL and out and out[-1] in _VOWEL_OF:
            out.append(_VOWEL_OF[out[-1]])
        else:
            out.append(ch)
    return "".join(out)
