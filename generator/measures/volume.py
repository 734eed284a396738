"""What counts and sums share: one batch measures every (count or sum, scope) the catalogue needs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .kind import Measurer

if TYPE_CHECKING:
    from ..engine.scope import Scope
    from .kind import Shared


class VolumeBatch:
    """Counts and sums by fused queries and cubes (``engine/batches.py``): each table scanned once."""

    def measure(self, measurer: Measurer, wanted: Sequence[tuple[Any, Scope]]) -> Shared:
        return measurer.volumes.measure(wanted)


VOLUMES = VolumeBatch()
