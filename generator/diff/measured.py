"""Both revisions measured through ``pipeline.measure``, remembered in the build's own cache.

The key is the build's own (``fingerprints.measurement_key``), so in CI, where ``kpi build`` runs first,
HEAD's numbers are reused and only BASE is measured. Two revisions left to measure are measured side
by side: DuckDB works outside Python's lock, so two threads keep two cores busy.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from ..model.measurement import MeasurementSet
from ..model.project import Project
from ..model.sources import locate_data_files
from ..pipeline import Workspace, data_folder, engine_profile, measure
from ..site.fingerprints import file_digests
from ..site.fingerprints import measurement_key as build_key


def measure_both(base: Project, head: Project, workspace: Workspace) -> tuple[MeasurementSet, MeasurementSet]:
    """(BASE, HEAD) measured on ``workspace``'s data; raises MeasureFailure like ``measure``."""
    keys = [measurement_key(project, workspace) for project in (base, head)]
    found = [workspace.cache.load("measurements", key, MeasurementSet) for key in keys]
    missing = [index for index, cached in enumerate(found) if cached is None]
    projects = (base, head)
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {index: pool.submit(measure, projects[index], workspace) for index in missing}
        measured = {index: future.result() for index, future in futures.items()}
    for index, result in measured.items():  # stored from this thread only: the cache prunes as it stores
        workspace.cache.store("measurements", keys[index], result)
        found[index] = result
    before, after = found
    assert before is not None and after is not None
    return before, after


def measurement_key(project: Project, workspace: Workspace) -> str:
    """The build's own key (``fingerprints.measurement_key``) for this revision on this data."""
    tables = list(project.sources.spec.tables) if project.sources else []
    memo = workspace.cache.read_json("fingerprints", "files.json")
    files = locate_data_files(data_folder(project, workspace), tables)
    data = file_digests(files, memo if isinstance(memo, dict) else {})
    return build_key(project, data, workspace.k_anonymity, engine_profile(project, workspace).name)
