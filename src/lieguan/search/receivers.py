"""Keeping the index current: the meetings and tracking apps send signals after commit, and we reindex.

A meeting is reindexed whole (its items, remarks and conclusions) and a case
with its reports; both are small. The signals arrive after the action's
transaction committed, so a failure here must not turn the user's successful
change into an error page: it is logged, and `lieguan search reindex` repairs
the index. An import sends the same two meeting signals as any other change,
and a case it opens or decides sends ``case_changed``.
"""

from __future__ import annotations

import logging
from typing import Any

from django.dispatch import receiver

from lieguan.meetings.signals import meeting_changed, minutes_published
from lieguan.tracking.signals import case_changed

logger = logging.getLogger(__name__)


@receiver(meeting_changed)
@receiver(minutes_published)
def _meeting_changed(sender: Any, meeting_id: int, **kwargs: Any) -> None:
    from lieguan.search.indexer import index_meeting

    try:
        index_meeting(meeting_id)
    except Exception:
        logger.exception("search: reindexing meeting %s failed; run `lieguan search reindex`", meeting_id)


@receiver(case_changed)
def _case_changed(sender: Any, case_id: int, **kwargs: Any) -> None:
    from lieguan.search.indexer import index_case

    try:
        index_case(case_id)
    except Exception:
        logger.exception("search: reindexing case %s failed; run `lieguan search reindex`", case_id)
