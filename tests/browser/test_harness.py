"""The harness itself: a real Chromium signs in through the page and the axe check sees the page."""

from __future__ import annotations

import pytest

from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_person_signs_in_and_sees_their_name(page, city, check_a11y):
    page.goto("/")
    assert "/accounts/login/" in page.url
    check_a11y(page)
    sign_in(page, "bob")
    assert page.get_by_role("heading", level=1).inner_text().startswith("李大同")
    check_a11y(page)


def test_the_axe_check_fails_on_an_inaccessible_page(page, live_server):
    page.goto("/accounts/login/")
    # An image without alternative text and an unlabeled input: two WCAG failures.
    page.evaluate("""() => {
        const img = document.createElement('img');
        img.src = 'data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACwAAAAAAQABAAACAkQBADs=';
        document.body.append(img);
        const input = document.createElement('input'); input.type = 'text'; document.body.append(input);
    }""")
    from tests.browser.a11y import assert_accessible

    with pytest.raises(AssertionError, match="image-alt"):
        assert_accessible(page)
