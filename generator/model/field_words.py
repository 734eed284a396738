"""What each definition field is called in the domain's words, for lines a person reads.

Used by ``kpi diff`` (「フォローアップの接触回数: 5回 → 3回」) and by pages that cite a clause of an SLA
(a checklist item's evidence 「MQL の定義の条件」), so a field reads the same everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence

Words = tuple[str, str]  # (Japanese, English)

FIELD_NAMES: dict[str, Words] = {
    "id": ("ID", "id"),
    "name": ("名前", "name"),
    "name_en": ("英語名", "English name"),
    "aliases": ("別名", "aliases"),
    "description": ("説明", "description"),
    "stage": ("ファネル段階", "stage"),
    "kind": ("種類", "kind"),
    "unit": ("単位", "unit"),
    "decimals": ("小数点以下の桁数", "decimals"),
    "grain": ("集計の粒度", "grain"),
    "compute": ("計算方法", "computation"),
    "measure": ("計算の種類", "measure"),
    "table": ("テーブル", "table"),
    "time": ("基準日時の列", "time column"),
    "distinct": ("重複を除く列", "distinct column"),
    "filter": ("絞り込み条件", "filter"),
    "column": ("列", "column"),
    "numerator": ("分子", "numerator"),
    "denominator": ("分母", "denominator"),
    "scale": ("倍率", "scale"),
    "cohort": ("コホートの基準列", "cohort column"),
    "converted": ("転換の列", "converted column"),
    "window_days": ("転換を数える期間(日)", "conversion window (days)"),
    "expression": ("計算式", "expression"),
    "statistic": ("統計量", "statistic"),
    "denominator_note": ("分母の説明", "denominator note"),
    "params": ("パラメータ", "parameters"),
    "segments": ("内訳", "segments"),
    "owner": ("担当", "owner"),
    "team": ("チーム", "team"),
    "person": ("担当者", "person"),
    "phase": ("導入フェーズ", "phase"),
    "cadence": ("確認の頻度", "cadence"),
    "targets": ("目標", "target"),
    "thresholds": ("判定基準", "status bands"),
    "on_track": ("「順調」の基準", "on-track band"),
    "at_risk": ("「要注意」の基準", "at-risk band"),
    "tree": ("ツリー上の位置", "tree place"),
    "level": ("階層", "level"),
    "parent": ("親", "parent"),
    "ksf": ("KSF", "KSF"),
    "combine": ("子の組み合わせ方", "how children combine"),
    "role": ("役割", "role"),
    "checks": ("データチェック", "data check"),
    "references": ("参考値", "reference figure"),
    "terms": ("用語", "term"),
    "pair": ("対になる KPI", "paired KPI"),
    "reviews": ("振り返り", "review"),
    "scoring": ("スコアリング", "scoring"),
    "rules": ("ルール", "rule"),
    "points": ("点数", "points"),
    "activity": ("行動", "activity"),
    "max_times": ("数える回数の上限", "max times counted"),
    "threshold": ("閾値", "threshold"),
    "decay": ("減衰", "decay"),
    "every_days": ("減衰の間隔(日)", "decay interval (days)"),
    "percent": ("減衰率(%)", "decay (%)"),
    "mql": ("MQL の定義", "MQL definition"),
    "sql": ("SQL の定義", "SQL definition"),
    "criteria": ("条件", "criterion"),
    "agreed_by": ("合意したチーム", "agreed by"),
    "hot_lead_triggers": ("ホットリード条件", "hot-lead trigger"),
    "disqualifiers": ("失格条件", "disqualifier"),
    "handoff": ("引き渡し", "hand-off"),
    "calendar": ("営業カレンダー", "business calendar"),
    "workdays": ("営業日", "workdays"),
    "opens": ("始業時刻", "opening time"),
    "closes": ("終業時刻", "closing time"),
    "extra_closed_days": ("追加の休業日", "extra closed days"),
    "response_deadline": ("初回対応の期限", "response deadline"),
    "business_hours": ("営業時間", "business hours"),
    "hot_lead_business_hours": ("ホットリードの営業時間", "hot-lead business hours"),
    "follow_up": ("フォローアップ", "follow-up"),
    "attempts": ("接触回数", "attempts"),
    "within_business_days": ("期間(営業日)", "within business days"),
    "version": ("版", "version"),
    "effective_from": ("発効日", "effective from"),
    "effective_until": ("失効日", "effective until"),
    "signatories": ("署名者", "signatory"),
    "items": ("項目", "item"),
    "text": ("本文", "text"),
    "state": ("状態", "state"),
    "evidence": ("根拠", "evidence"),
    "teams": ("チーム", "team"),
    "members": ("メンバー", "members"),
    "tables": ("テーブル", "table"),
    "columns": ("列", "column"),
    "type": ("型", "type"),
    "primary_key": ("主キー", "primary key"),
    "ksfs": ("KSF", "KSF"),
    "kgi": ("KGI", "KGI"),
    "label": ("表示名", "label"),
    "check": ("種類", "kind"),
    "observation": ("状況", "observation"),
    "cause": ("原因", "cause"),
    "action": ("次のアクション", "action"),
    "due": ("期限", "due"),
    "done": ("完了", "done"),
    "date": ("日付", "date"),
    "min": ("最小値", "minimum"),
    "max": ("最大値", "maximum"),
}

# Whole paths that have a name of their own in the domain (no "of the SLA" prefix needed).
PATH_NAMES: dict[tuple[str, tuple[str, ...]], Words] = {
    ("sla", ("scoring", "threshold")): ("MQL の閾値", "MQL threshold"),
    ("sla", ("response_deadline", "business_hours")): ("初回対応の期限", "first-response deadline"),
    ("sla", ("response_deadline", "hot_lead_business_hours")): (
        "ホットリードの初回対応の期限",
        "hot-lead first-response deadline",
    ),
}


def field_path_words(entity: str, fields: Sequence[str]) -> Words:
    """A path of plain fields in words: ``("mql", "criteria")`` → 「MQL の定義の条件」."""
    named = PATH_NAMES.get((entity, tuple(fields)))
    if named is not None:
        return named
    words = [FIELD_NAMES.get(field, (field, field)) for field in fields]
    return "の".join(ja for ja, _ in words), " › ".join(en for _, en in words)
