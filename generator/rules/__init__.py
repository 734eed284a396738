"""The validate stage: every rule, one class per file named by its stable code, run over a loaded project.

Add a rule by writing ``<code>_<name>.py`` with one :class:`Rule` subclass (docstring: a bad and a
good example) and listing it in ``DEFAULT_RULES``.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model.issue import Issue, Location
from ..model.project import Project
from .base import Rule
from .chk001_evidence_unresolved import EvidenceUnresolved
from .chk002_done_without_evidence import DoneWithoutEvidence
from .cur001_mixed_currencies import MixedCurrencies
from .eng001_engine_dialect import EngineDialect
from .flt001_expression_syntax import ExpressionSyntax
from .flt002_filter_unknown_column import FilterUnknownColumn
from .flt003_filter_unknown_value import FilterUnknownValue
from .flt004_filter_literal_type import FilterLiteralType
from .glo001_unknown_related_kpi import UnknownRelatedKpi
from .glo002_unknown_term import UnknownTerm
from .id001_id_matches_file_name import IdMatchesFileName
from .id002_unique_ids import UniqueIds
from .kpi001_target_required import TargetRequired
from .kpi002_threshold_direction import ThresholdDirection
from .kpi003_missing_data_checks import MissingDataChecks
from .kpi004_rate_range_check import RateRangeCheck
from .kpi005_unknown_pair import UnknownPair
from .kpi006_volume_without_pair import VolumeWithoutPair
from .kpi007_value_out_of_range import ValueOutOfRange
from .own001_unknown_team import UnknownTeam
from .own002_person_not_in_team import PersonNotInTeam
from .own003_stale_codeowners import StaleCodeowners
from .pii001_personal_column_used import PersonalColumnUsed
from .ref001_unknown_table import UnknownTable
from .ref002_unknown_column import UnknownColumn
from .ref003_column_type import ColumnType
from .ref004_unknown_kpi_reference import UnknownKpiReference
from .ref005_unknown_sla import UnknownSla
from .ref006_business_hours_calendar import BusinessHoursCalendar
from .ref007_compute_cycle import ComputeCycle
from .sla001_unknown_activity_type import UnknownActivityType
from .sla002_threshold_unreachable import ThresholdUnreachable
from .sla003_effective_period import EffectivePeriod
from .src001_table_check_column import TableCheckColumn
from .src002_primary_key import PrimaryKey
from .src003_allowed_values_without_list import AllowedValuesWithoutList
from .tgt001_target_period import TargetPeriod
from .tree001_unknown_parent import UnknownParent
from .tree002_kgi_unresolved import KgiUnresolved
from .tree003_single_kgi import SingleKgi
from .tree004_missing_parent import MissingParent
from .tree005_unknown_ksf import UnknownKsf
from .tree006_ksf_unmeasured import KsfUnmeasured
from .tree007_parent_cycle import ParentCycle
from .tree008_missing_combine import MissingCombine
from .tree009_tree_arithmetic import TreeArithmetic
from .tree010_ratio_roles import RatioRoles
from .tree011_level_order import LevelOrder
from .txt001_unknown_reference import UnknownReference
from .txt002_typed_figure import TypedFigure

DEFAULT_RULES: tuple[Rule, ...] = (
    IdMatchesFileName(),
    UniqueIds(),
    UnknownTeam(),
    PersonNotInTeam(),
    StaleCodeowners(),
    TargetRequired(),
    ThresholdDirection(),
    MissingDataChecks(),
    RateRangeCheck(),
    UnknownPair(),
    VolumeWithoutPair(),
    ValueOutOfRange(),
    TargetPeriod(),
    MixedCurrencies(),
    UnknownParent(),
    KgiUnresolved(),
    SingleKgi(),
    MissingParent(),
    UnknownKsf(),
    KsfUnmeasured(),
    ParentCycle(),
    MissingCombine(),
    TreeArithmetic(),
    RatioRoles(),
    LevelOrder(),
    UnknownTable(),
    UnknownColumn(),
    ColumnType(),
    UnknownKpiReference(),
    UnknownSla(),
    BusinessHoursCalendar(),
    ComputeCycle(),
    ExpressionSyntax(),
    FilterUnknownColumn(),
    FilterUnknownValue(),
    FilterLiteralType(),
    PersonalColumnUsed(),
    UnknownRelatedKpi(),
    UnknownTerm(),
    EvidenceUnresolved(),
    DoneWithoutEvidence(),
    UnknownActivityType(),
    ThresholdUnreachable(),
    EffectivePeriod(),
    TableCheckColumn(),
    PrimaryKey(),
    AllowedValuesWithoutList(),
    EngineDialect(),
    UnknownReference(),
    TypedFigure(),
)

RULE_CRASHED = "RULE001"


def run_rules(project: Project, rules: Sequence[Rule] = DEFAULT_RULES) -> list[Issue]:
    """Every issue of every rule, sorted by place; a rule that crashes becomes one issue naming it."""
    issues: list[Issue] = []
    for rule in rules:
        try:
            found = list(rule.check(project))
        except Exception as error:  # one broken rule must not hide the others' findings
            found = [_crashed(rule, error)]  # a crashed rule's partial findings are not trusted
        issues.extend(found)
    return sorted(issues, key=Issue.sort_key)


def _crashed(rule: Rule, error: Exception) -> Issue:
    what = f"{type(error).__name__}: {error}"
    return Issue(
        RULE_CRASHED,
        Location(f"<rule {rule.code}>"),
        f"ルール {rule.code}({rule.name})の実行中に内部エラーが起きました({what})"
        " — 定義の誤りではない可能性があります。この出力を添えて開発者に報告してください",
        f"rule {rule.code} ({rule.name}) crashed ({what})"
        " — this is probably not a mistake in the definitions; report it with this output",
    )


__all__ = ["DEFAULT_RULES", "RULE_CRASHED", "Rule", "run_rules"]
