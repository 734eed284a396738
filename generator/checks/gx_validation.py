"""Run planned expectations through Great Expectations 1.x and reduce each result to counts.

GX is imported here and only when checks run (the import alone takes ~3 s). The context is ephemeral,
analytics and progress bars are off, and GX's lists of unexpected values are read only to weigh and
attribute rows — they are never copied into a result, because a value can be a lead's email.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import os
import threading
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from .plan import Outcome, Planned

RESULT_FORMAT = {"result_format": "COMPLETE"}  # unexpected_index_list; frames are small summaries
# Expectations judged row by row: the same one on several frames can run once on the frames stacked.
ROW_LEVEL = frozenset(
    {
        "expect_column_values_to_be_between",
        "expect_column_values_to_be_in_set",
        "expect_column_values_to_not_be_null",
        "expect_column_pair_values_a_to_be_greater_than_b",
    }
)
OWNER = "__check_id"


def validate(planned: Sequence[Planned]) -> dict[str, Outcome]:
    """Validate every planned expectation, keyed by check id.

    One GX batch per distinct frame; checks with the same expectation on the same frame share one
    GX expectation (its ``meta`` lists every declaring check and its file:line).
    """
    if not planned:
        return {}
    planned = stack(planned)
    gx, suite_class = _import_gx()
    context = gx.get_context(mode="ephemeral")
    _quiet(context)
    source = context.data_sources.add_pandas(name="data_checks")
    # One asset for every frame (the frame is a batch parameter): each asset or batch definition
    # added makes the ephemeral context serialise its whole config to YAML again (~20 ms).
    whole = source.add_dataframe_asset(name="frames").add_batch_definition_whole_dataframe("whole")
    outcomes: dict[str, Outcome] = {}
    for number, (frame, shared) in enumerate(_by_frame(planned)):
        batch = whole.get_batch(batch_parameters={"dataframe": frame})
        expectations = [_expectation(key, group) for key, group in shared.items()]
        suite = suite_class(name=f"suite_{number}", expectations=expectations)
        for result in batch.validate(suite, result_format=RESULT_FORMAT).results:
            for item in shared[str(result.expectation_config.meta["key"])]:
                outcomes[item.target.check_id] = _outcome(
                    item, result.success, result.result, result.exception_info
                )
    return outcomes


def portable(planned: Sequence[Planned]) -> list[Planned]:
    """The planned expectations without their explanations (closures), to validate in another process."""
    return [dataclasses.replace(item, explain=_explained_by_the_caller) for item in planned]


def _explained_by_the_caller(outcome: Outcome) -> tuple[str, str]:
    raise AssertionError("a portable plan only validates: the process that planned it explains the outcome")


def warm_up() -> None:
    """Import GX now (a worker process does this while the build measures)."""
    _import_gx()


def preload() -> threading.Thread:
    """Import GX in the background (~3 s, mostly Python) while the caller measures (mostly DuckDB)."""
    thread = threading.Thread(target=_import_gx, name="import-great-expectations", daemon=True)
    thread.start()
    return thread


def _import_gx() -> tuple[Any, Any]:
    os.environ["GX_ANALYTICS_ENABLED"] = "false"
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    import great_expectations as gx
    from great_expectations.core import ExpectationSuite

    return gx, ExpectationSuite


def _quiet(context: Any) -> None:
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context.variables.progress_bars = ProgressBarsConfig(globally=False)


def _kwargs(item: Planned) -> dict[str, object]:
    return {key: value for key, value in item.kwargs.items() if value is not None}


def stack(planned: Sequence[Planned]) -> list[Planned]:
    """Run each row-level expectation once: frames of checks sharing it are stacked, rows kept apart by owner.

    GX's cost is per batch and per expectation (~10–15 ms each), not per row, so twenty ``unique`` checks
    on twenty small summaries cost one expectation on one frame instead of twenty of each.
    """
    groups: dict[str, list[Planned]] = {}
    for item in planned:
        if item.expectation_type in ROW_LEVEL and item.owner is None:
            groups.setdefault(_expectation_key(item), []).append(item)
    stacked: dict[str, Planned] = {}
    for key, group in groups.items():
        if len({item.frame_key for item in group}) < 2:
            continue
        frame = pd.concat(
            [item.frame.assign(**{OWNER: item.target.check_id}) for item in group], ignore_index=True
        )
        for item in group:
            owner = (OWNER, item.target.check_id)
            stacked[item.target.check_id] = dataclasses.replace(
                item, frame_key=f"stacked:{key}", frame=frame, owner=owner
            )
    return [stacked.get(item.target.check_id, item) for item in planned]


def _expectation_key(item: Planned) -> str:
    return json.dumps([item.expectation_type, _kwargs(item)], sort_keys=True, default=str)


def _by_frame(planned: Sequence[Planned]) -> list[tuple[pd.DataFrame, dict[str, list[Planned]]]]:
    """Group by frame, then by identical expectation (type and arguments) within a frame."""
    frames: dict[str, tuple[pd.DataFrame, dict[str, list[Planned]]]] = {}
    for item in planned:
        _, shared = frames.setdefault(item.frame_key, (item.frame, {}))
        shared.setdefault(_expectation_key(item), []).append(item)
    return list(frames.values())


def _expectation(key: str, group: Sequence[Planned]) -> dict[str, object]:
    meta = {
        "key": key,
        "check_ids": [item.target.check_id for item in group],
        "declared_at": [str(item.target.location) for item in group],
    }
    return {"type": group[0].expectation_type, "kwargs": _kwargs(group[0]), "meta": meta}


def _outcome(item: Planned, success: bool | None, result: Mapping[str, Any], exception: Any) -> Outcome:
    owned = item.owned()
    element_count = int(owned[item.weight].sum()) if item.weight else len(owned)
    if _raised(exception):
        return Outcome(False, None, element_count, evaluated=False)
    if "unexpected_index_list" not in result:  # an aggregate expectation (max, sum): GX's verdict
        return Outcome(bool(success), None, element_count, _plain(result.get("observed_value")))
    rows = owned.index.intersection(pd.Index(result["unexpected_index_list"] or []))
    unexpected = int(owned.loc[rows, item.weight].sum()) if item.weight else len(rows)
    return Outcome(unexpected == 0, unexpected, element_count)


def _raised(exception: Any) -> bool:
    """GX reports exceptions as one dict, or a dict of dicts per metric, depending on where it failed."""
    if not isinstance(exception, Mapping):
        return False
    if exception.get("raised_exception"):
        return True
    return any(isinstance(v, Mapping) and v.get("raised_exception") for v in exception.values())


def _plain(value: object) -> object:
    """GX's observed aggregate as a plain Python value (dates as dates, numbers as int/float)."""
    if isinstance(value, pd.Timestamp | dt.datetime):
        return value.date()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value
