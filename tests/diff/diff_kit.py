"""Real temporary git repositories of the shipped catalogue, with a tiny hand-made dataset.

The dataset (as of 2026-09-30, every lead eligible under the shipped SLA: IT, 50-299 employees,
target industry → 10 attribute points; every activity at 2026-09-10 10:00, so nothing has decayed
when a score crosses the threshold):

- a1…a6: one download (20) + one service-page view (25) → 55 points: MQL only if threshold ≤ 55
- b1…b5: download + service page + webinar attendance (20) → 75 points: MQL at 60
- c1…c5: one download → 30 points: never
  → rule-derived MQLs at threshold 60: 5 (b); at 50: 11 (a + b)
- recorded MQLs (leads.mql_at): a1…a6 on 2026-09-15 via webinar, b1…b5 on 2026-09-15 via ads,
  c1, c2 on 2026-03-10 via webinar → mql_count 2026-09: 11; trailing twelve months: 13
- hand-offs h1…h5 on Thu 2026-09-24 10:00 (week 2026-W39), first contact after 1, 3, 5, 7 business
  hours and on Fri 11:00 (10 business hours) → within 8 hours 4/5 = 80%, within 4 hours 2/5 = 40%
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from generator.loading.safe_yaml import parse_yaml
from generator.model.sources import Sources

ROOT = Path(__file__).resolve().parents[2]
T = pd.Timestamp
_ARROW = {
    "string": pa.string(),
    "integer": pa.int64(),
    "float": pa.float64(),
    "boolean": pa.bool_(),
    "timestamp": pa.timestamp("us"),
    "date": pa.date32(),
}
LEAD = {
    "channel": "webinar",
    "industry": "it",
    "is_target_industry": True,
    "company_size": "50-299",
    "created_at": T("2026-01-01"),
    "owner_team": "is_east",
}
AT = "2026-09-10 10:00"


def git(repo: Path, *arguments: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), *arguments], capture_output=True, text=True, check=True)
    return done.stdout


def make_repo(root: Path) -> Path:
    """The shipped catalogue committed once (the BASE), with the dataset written outside git."""
    repo = root / "repo"
    repo.mkdir()
    for folder in ("metrics", "definitions"):
        shutil.copytree(ROOT / folder, repo / folder)
    shutil.copy(ROOT / "kpi.yml", repo / "kpi.yml")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "ci@example.invalid")
    git(repo, "config", "user.name", "ci")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    write_dataset(root / "data")
    return repo


def edit(repo: Path, path: str, old: str, new: str, message: str) -> None:
    """Replace ``old`` (which must occur exactly once) by ``new`` in ``path`` and commit."""
    file = repo / path
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    file.write_text(text.replace(old, new), encoding="utf-8")
    git(repo, "commit", "-q", "-am", message)


def write_dataset(directory: Path) -> Path:
    leads: list[dict[str, Any]] = []
    activities: list[tuple[str, str, dict[str, Any]]] = []
    for n in range(1, 7):
        leads.append({"lead_id": f"a{n}", "mql_at": T("2026-09-15")})
        activities += [(f"a{n}", "download", {}), (f"a{n}", "page_view", {"page_category": "service"})]
    for n in range(1, 6):
        leads.append({"lead_id": f"b{n}", "mql_at": T("2026-09-15"), "channel": "ads"})
        activities += [
            (f"b{n}", "download", {}),
            (f"b{n}", "page_view", {"page_category": "service"}),
            (f"b{n}", "webinar_attend", {}),
        ]
    for n in range(1, 6):
        leads.append({"lead_id": f"c{n}", "mql_at": T("2026-03-10") if n <= 2 else None})
        activities.append((f"c{n}", "download", {}))
    contacts = [
        "2026-09-24 11:00",
        "2026-09-24 13:00",
        "2026-09-24 15:00",
        "2026-09-24 17:00",
        "2026-09-25 11:00",
    ]
    frames = {
        "leads": pd.DataFrame([{**LEAD, **row} for row in leads]),
        "activities": pd.DataFrame(
            [
                {"activity_id": f"x{i}", "lead_id": lead, "occurred_at": T(AT), "type": kind, **extra}
                for i, (lead, kind, extra) in enumerate(activities, start=1)
            ]
        ),
        "handoffs": pd.DataFrame(
            [
                {
                    "handoff_id": f"h{i}",
                    "lead_id": f"b{i}",
                    "handed_off_at": T("2026-09-24 10:00"),
                    "trigger": "score",
                    "team": "is_east",
                    "first_contact_at": T(contact),
                }
                for i, contact in enumerate(contacts, start=1)
            ]
        ),
    }
    return write_tables(directory, frames)


def write_tables(directory: Path, frames: dict[str, pd.DataFrame]) -> Path:
    """Each frame as ``<table>.parquet`` with every declared column (absent ones null), typed; the
    other tables get one placeholder row so every KPI can be measured."""
    directory.mkdir(parents=True, exist_ok=True)
    sources = Sources.model_validate(parse_yaml((ROOT / "definitions" / "sources.yml").read_bytes()).data)
    for table in sources.tables:
        frame = frames.get(table.id, pd.DataFrame({table.primary_key: [f"{table.id}_1"]}))
        arrays = []
        for column in table.columns:
            values = frame[column.name].tolist() if column.name in frame else [None] * len(frame)
            cleaned = [
                None if v is None or v is pd.NaT or (isinstance(v, float) and v != v) else v for v in values
            ]
            arrays.append(pa.array(cleaned, type=_ARROW[column.type]))
        schema = pa.schema([(c.name, _ARROW[c.type]) for c in table.columns])
        pq.write_table(pa.Table.from_arrays(arrays, schema=schema), directory / f"{table.id}.parquet")
    return directory
