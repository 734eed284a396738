"""What continuous response and site browsing share: one batch reads the deliveries once for both."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .kind import Measurer

if TYPE_CHECKING:
    from ..engine.engagement import Engagement
    from ..engine.errors import MeasureError
    from ..engine.scope import Cells, Scope
    from .kind import Shared


class EngagementBatch:
    """Every engagement definition with all its scopes, in as few passes as ``engine/engagement.py`` needs."""

    def measure(self, measurer: Measurer, wanted: Sequence[tuple[Any, Scope]]) -> Shared:
        from ..engine.engagement import measure_engagement
        from ..engine.errors import MeasureError

        requests: dict[Engagement, list[Scope]] = defaultdict(list)
        for spec, scope in wanted:
            if scope not in requests[spec]:
                requests[spec].append(scope)
        shared: dict[tuple[Scope, Any], Cells | MeasureError] = {}
        for spec, results in measure_engagement(measurer.fetch, requests).items():
            for index, scope in enumerate(requests[spec]):
                shared[(scope, spec)] = results if isinstance(results, MeasureError) else results[index]
        return shared


ENGAGEMENT = EngagementBatch()
