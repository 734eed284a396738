"""On the built sample site, yen reads in 万/億 in tables and cards alike, the exact amount in the hover text.

The KPI page of the KGI (status block, trend table, segment tables), the home status table and the
KPI tree: every amount of at least 1万 is a ``kpi-amount`` span whose title is the exact yen and whose
text is that amount in 万/億 — never the exact yen as table text.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

AMOUNT = re.compile(r'<span class="kpi-amount" title="([^"]*)">([^<]+)</span>')


def man_oku(exact: str) -> str:
    """The reader's form of an exact amount 「¥41,695,000」, computed here from digits: 4,170万円, 6.4億円."""
    sign = "-" if "-" in exact.split("¥")[0] else ""
    yen = int(re.sub(r"[^\d]", "", exact))
    if yen >= 100_000_000:  # one decimal of 億, half up
        tenths = (yen * 10 + 50_000_000) // 100_000_000
        return f"{sign}{tenths // 10:,}" + (f".{tenths % 10}" if tenths % 10 else "") + "億円"
    if yen < 1_000_000:  # one decimal of 万 below 100万
        tenths = (yen * 10 + 5_000) // 10_000
        return f"{sign}{tenths // 10:,}" + (f".{tenths % 10}" if tenths % 10 else "") + "万円"
    man = (yen + 5_000) // 10_000
    return f"{sign}1億円" if man >= 10_000 else f"{sign}{man:,}万円"


def amounts(html: str) -> list[tuple[str, str]]:
    return [(unescape(title), unescape(shown)) for title, shown in AMOUNT.findall(html)]


def test_money_reads_in_man_and_oku_with_the_exact_yen_on_hover(built_site: Path) -> None:
    kgi = (built_site / "kpis/marketing_sourced_revenue/index.html").read_text(encoding="utf-8")
    home = (built_site / "index.html").read_text(encoding="utf-8")
    tree = (built_site / "tree/index.html").read_text(encoding="utf-8")
    for name, html in (("kpi", kgi), ("home", home), ("tree", tree)):
        found = amounts(html)
        assert len(found) >= 3, name
        for exact, shown in found:
            assert re.fullmatch(r"[+-]?¥[\d,]+", exact), (name, exact)
            assert shown.lstrip("+") == man_oku(exact), (name, exact)  # 前期比 keeps its sign: +1,250万円
    # Table cells: the trend table (13 periods) and the segment tables hold spans, never exact yen text.
    cells = re.findall(r"<td\b[^>]*>(.*?)</td>", kgi, flags=re.S)
    money_cells = [cell for cell in cells if AMOUNT.search(cell)]
    assert len(money_cells) >= 13 + 3  # each trend row's value, segment rows besides
    assert not [cell for cell in cells if re.fullmatch(r"\s*¥[\d,]{6,}\s*", cell)]
    board = next(
        row for row in re.findall(r"<tr\b.*?</tr>", home, flags=re.S) if "マーケティング由来売上" in row
    )
    assert AMOUNT.search(board) is not None
    assert '目標 <span class="kpi-amount" title="¥500,000,000">5億円</span> 以上(年度)' in tree
