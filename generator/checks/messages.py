"""Bilingual check messages: table, column, rule and a count — never a row's values or a lead's fields."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from .plan import Messages, Outcome

Explain = Callable[[Outcome], Messages]


def _n(count: int | None) -> str:
    return f"{count or 0:,}"


def evaluated(rule: str, where: str, explain: Explain) -> Explain:
    """Wrap ``explain`` so an expectation GX could not evaluate says so instead of reporting counts."""

    def explained(outcome: Outcome) -> Messages:
        if not outcome.evaluated:
            return (
                f"{where}: Great Expectations がこのチェックを評価できませんでした ({rule}) — "
                "列の型とデータファイルを確認してください",
                f"{where}: Great Expectations could not evaluate this check ({rule}) — "
                "check the column's type and the data file",
            )
        return explain(outcome)

    return explained


def _row_rule(rule: str, where: str, fault_ja: str, fault_en: str, fix_ja: str, fix_en: str) -> Explain:
    """Messages for a rule counted in rows: a pass names the rows checked, a failure those that broke it."""

    def explain(outcome: Outcome) -> Messages:
        if outcome.success:
            return (
                f"{where}: 問題ありません ({rule}, {_n(outcome.element_count)} 行)",
                f"{where}: passed ({rule}, {_n(outcome.element_count)} rows)",
            )
        count = _n(outcome.unexpected_count)
        return (
            f"{where}: {fault_ja}が {count} 件あります ({rule}) — {fix_ja}",
            f"{where}: {count} rows {fault_en} ({rule}) — {fix_en}",
        )

    return evaluated(rule, where, explain)


def unique(table: str, column: str) -> Explain:
    return _row_rule(
        "unique",
        f"{table}.{column}",
        "ほかの行と値が重複している行",
        "share a value with another row",
        "エクスポートの重複行を除いてください",
        "remove the duplicate rows from the export",
    )


def not_null(table: str, column: str) -> Explain:
    return _row_rule(
        "not_null",
        f"{table}.{column}",
        "値が空の行",
        "have no value",
        "元データで値を埋めてください",
        "fill in the value in the source system",
    )


def allowed_values(table: str, column: str, allowed: Sequence[str]) -> Explain:
    listed = ", ".join(allowed)
    return _row_rule(
        f"allowed_values: {listed}",
        f"{table}.{column}",
        "許可されていない値の行",
        "hold a value outside the allowed list",
        "値を揃えるか sources.yml の allowed に追加してください",
        "map the values or add them to `allowed` in sources.yml",
    )


def not_in_future(table: str, column: str, as_of: dt.date) -> Explain:
    return _row_rule(
        f"not_in_future: ≤ {as_of.isoformat()}",
        f"{table}.{column}",
        f"基準日 {as_of.isoformat()} より後の日時の行",
        f"are dated after the as-of date {as_of.isoformat()}",
        "日時の形式とタイムゾーンを確認してください",
        "check the date format and time zone of the export",
    )


def ordered(table: str, before: str, after: str) -> Explain:
    return _row_rule(
        f"ordered: {before} ≤ {after}",
        f"{table}.{after}",
        f"{before} より前の {after} を持つ行",
        f"have {after} before {before}",
        "各段階の日時の記録を確認してください",
        "check how the stage timestamps are recorded",
    )


def references(table: str, column: str, target: str, key: str) -> Explain:
    return _row_rule(
        f"references: {target}.{key}",
        f"{table}.{column}",
        f"{target}.{key} に存在しない ID を参照する行",
        f"reference an id missing from {target}.{key}",
        f"{target} のエクスポートが最新か確認してください",
        f"check that the {target} export is complete and current",
    )


def finite(table: str, column: str, file: str, *, required: bool) -> Explain:
    empty_ja, empty_en = ("・空の値", ", or empty") if required else ("", "")
    return _row_rule(
        "finite",
        f"{table}.{column}",
        f"数値でない値 (NaN・±∞{empty_ja}) の行",
        f"hold no finite number (NaN, ±infinity{empty_en})",
        f"{file} の金額・件数の書き出しを確認してください(集計から黙って外れます)",
        f"check how {file} exports its amounts and counts (such rows silently drop out of sums)",
    )


def between(table: str, column: str, low: float | None, high: float | None) -> Explain:
    bounds = " ".join(
        part
        for part in (f"≥ {low:g}" if low is not None else "", f"≤ {high:g}" if high is not None else "")
        if part
    )
    return _row_rule(
        f"between: {bounds}",
        f"{table}.{column}",
        f"範囲 ({bounds}) の外の値の行",
        f"hold a value outside {bounds}",
        "返金・訂正の記録方法と符号を確認してください",
        "check how refunds and corrections are recorded (and their sign)",
    )


def freshness(table: str, column: str, as_of: dt.date, max_age_days: int) -> Explain:
    rule = f"freshness: ≤ {max_age_days} days"
    where = f"{table}.{column}"

    def explain(outcome: Outcome) -> Messages:
        latest = outcome.observed
        if not isinstance(latest, dt.date):
            return (
                f"{where}: 日時が 1 件もないため鮮度を判定できません ({rule})"
                " — 最新のエクスポートを置いてください",
                f"{where}: no dated rows, so freshness cannot be judged ({rule}) — add the latest export",
            )
        age = (as_of - latest).days
        if outcome.success:
            when_ja = f"の {age} 日前" if age >= 0 else "より後"
            when_en = f"{age} days before" if age >= 0 else "after"
            return (
                f"{where}: 最新は {latest.isoformat()}(基準日 {as_of.isoformat()} {when_ja})({rule})",
                f"{where}: latest is {latest.isoformat()}, {when_en} {as_of.isoformat()} ({rule})",
            )
        return (
            f"{where}: 最新が {latest.isoformat()} で、基準日 {as_of.isoformat()} より {age} 日古く、"
            f"上限 {max_age_days} 日を超えています ({rule}) — 最新のエクスポートを置いてください",
            f"{where}: the latest row is {latest.isoformat()}, {age} days before the as-of date "
            f"{as_of.isoformat()}, more than {max_age_days} days ({rule}) — add the latest export",
        )

    return evaluated(rule, where, explain)


def row_count(table: str, minimum: int, maximum: int | None) -> Explain:
    bounds = f"{minimum:,}–{maximum:,}" if maximum is not None else f"≥ {minimum:,}"
    rule = f"row_count: {bounds}"

    def explain(outcome: Outcome) -> Messages:
        rows = _n(outcome.element_count)
        if outcome.success:
            return (f"{table}: {rows} 行 ({rule})", f"{table}: {rows} rows ({rule})")
        return (
            f"{table}: 行数 {rows} が範囲 {bounds} の外です ({rule})"
            " — エクスポートが途中で切れていないか確認してください",
            f"{table}: {rows} rows, outside {bounds} ({rule}) — check that the export is not truncated",
        )

    return evaluated(rule, table, explain)


# Data that cannot be checked at all: missing or unreadable files, missing or mistyped columns.


def missing_file(table: str, data_dir: Path) -> Messages:
    names = f"{data_dir / table}.parquet / .csv"
    return (
        f"{table}: データファイルがありません ({names})"
        " — `kpi data` でサンプルを作るか、エクスポートを置いてください",
        f"{table}: no data file ({names}) — run `kpi data` for the sample or add your export",
    )


def unreadable_file(table: str, file: Path, detail: str) -> Messages:
    return (
        f"{table}: {file} を読み込めません ({detail}) — 空でない Parquet か CSV で書き出し直してください",
        f"{table}: cannot read {file} ({detail}) — export it again as a non-empty Parquet or CSV file",
    )


def blocked(where: str, rule: str, reason_ja: str, reason_en: str) -> Messages:
    return (
        f"{where}: {reason_ja}ため {rule} を確認できません",
        f"{where}: cannot check {rule} because {reason_en}",
    )


def schema_ok(table: str, file: Path, columns: int) -> Messages:
    return (
        f"{table}: {file.name} は定義どおりです(個人情報以外の {columns} 列、型も一致)(schema)",
        f"{table}: {file.name} matches the definition ({columns} non-personal columns, types agree) (schema)",
    )
