"""Issue 12, point 7 (every create form is safe to double-submit): keeping a city-level case in a bureau, sent twice, makes one case.

The bureau's case number is given by the series when the form leaves it empty, so a second POST
would otherwise open a second case under the next number.
"""

from __future__ import annotations

import pytest

from lieguan.meetings import actions as m
from lieguan.tracking.models import TrackedCase
from tests.factories import SETUP
from tests.pages import field_value
from tests.tracking.board import at, make_board

pytestmark = pytest.mark.django_db


def test_keeping_a_case_in_a_bureau_twice_with_one_token_opens_one_bureau_case(client, city):
    board = make_board(city)
    bureau = m.do_create_series(SETUP, owner=city.it, code="it-board", name="局務會議", case_number_pattern="{session}-{seq}")
    meeting = m.do_schedule_meeting(SETUP, bureau, start=at(3), number=12)
    client.force_login(city.user("dave"))
    url = f"/cases/{board.case.pk}/spawn/"
    page = client.get(url).content.decode()
    token = field_value(page, "submission_token")
    assert token, "the form carries no submission token"
    data = {"meeting": meeting.pk, "number": "", "lead": city.it.pk, "deadline": "", "submission_token": token}

    first = client.post(url, data)
    second = client.post(url, data)

    assert first.status_code == 302 and second.status_code == 302
    assert second["Location"] == first["Location"]
    assert TrackedCase.objects.filter(parent=board.case).count() == 1
