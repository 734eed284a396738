"""The activity row shape shared by the email, web and lifecycle parts of the generator."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .config import PAGE_CATEGORIES, Ints, Times

ACTIVITY_TYPES = (
    "email_sent",
    "email_delivered",
    "email_open",
    "email_click",
    "email_bounce",
    "email_unsubscribe",
    "page_view",
    "form_submit",
    "download",
    "webinar_register",
    "webinar_attend",
)
(
    EMAIL_SENT,
    EMAIL_DELIVERED,
    EMAIL_OPEN,
    EMAIL_CLICK,
    EMAIL_BOUNCE,
    EMAIL_UNSUBSCRIBE,
    PAGE_VIEW,
    FORM_SUBMIT,
    DOWNLOAD,
    WEBINAR_REGISTER,
    WEBINAR_ATTEND,
) = range(len(ACTIVITY_TYPES))
PAGE = {name: code for code, name in enumerate(PAGE_CATEGORIES)}


@dataclass(frozen=True)
class ActivityBlock:
    """Activities of one kind; -1 stands for null in the code columns (send, campaign, machine, page)."""

    lead: Ints  # index within the chunk
    at: Times
    type: Ints
    send: Ints
    campaign: Ints
    machine: Ints  # 1 machine open, 0 human open, -1 not an open
    page: Ints

    @classmethod
    def of(
        cls,
        lead: Ints,
        at: Times,
        kind: int | Ints,
        *,
        send: Ints | None = None,
        campaign: Ints | None = None,
        machine: int = -1,
        page: int | Ints | None = None,
    ) -> ActivityBlock:
        count = len(lead)

        def column(values: int | Ints | None) -> Ints:
            if values is None:
                return np.full(count, -1, dtype=np.int64)
            return np.broadcast_to(np.asarray(values, dtype=np.int64), (count,)).copy()

        return cls(
            lead.astype(np.int64),
            at,
            column(kind),
            column(send),
            column(campaign),
            column(machine),
            column(page),
        )


def concat(blocks: list[ActivityBlock]) -> ActivityBlock:
    names = ("lead", "at", "type", "send", "campaign", "machine", "page")
    return ActivityBlock(*(np.concatenate([getattr(b, name) for b in blocks]) for name in names))
