"""Case lists at scale: load N tracked cases straight into a database, then time the case list page and the cases API.

    createdb -h 127.0.0.1 -U postgres lieguan_bulk
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lieguan_bulk .venv/bin/python bench/bulk_cases.py load --cases 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lieguan_bulk .venv/bin/python bench/bulk_cases.py measure

``load`` migrates, makes a city of 50 agencies (each with two units) and four tracking series, a tracking
officer and one liaison, then bulk-inserts the cases (40% open; a lead agency each, a co-organiser for one in
three, half of them from meetings and the rest from other sources, a deadline for most, a third of the open
ones overdue). The rows go in with bulk_create, not through the actions: no audit entries, as the bench
measures reading. ``measure`` signs in with the test client, in this process, and asks each list a few times:
ms per request (median and best) and the number of queries. Run ``measure`` with PYTHONPATH pointing at
another checkout's ``src`` (e.g. ``git archive HEAD | tar -x -C /tmp/before``) to time that code on the same rows.
It is a script, not a test: CI never runs it. Figures: bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time

AGENCIES = 50
SERIES = 4
PASSWORD = "Bench-Password-2026"  # noqa: S105 — the bench users of a throwaway database


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lieguan.settings")
    import django

    django.setup()


# About 560 characters, like the peer benchmark's Redmine descriptions: our own words, repeated.
LONG_TEXT = "本案請主辦機關依會議決議研議具體執行方案，會同協辦機關檢討相關法規與預算，並於期限內將辦理情形回報研考單位。" * 11


def load(cases: int, batch: int, reports: int = 0, text_chars: int = 0) -> None:
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from lieguan.core.actors import SystemActor
    from lieguan.meetings import actions as m
    from lieguan.organisations import actions as o
    from lieguan.organisations.models import Role
    from lieguan.tracking.models import Assignment, CaseStatus, ProgressReport, Proposal, TrackedCase, number_parts

    call_command("migrate", verbosity=0)
    if TrackedCase.objects.exists():
        sys.exit("the database already holds cases: load into an empty one")
    actor = SystemActor("bench-bulk-cases")
    root = o.do_create_organisation(actor, code="city", name="示範市政府", short_name="市府", kind="city")
    agencies = []
    units = []
    for i in range(AGENCIES):
        agency = o.do_create_organisation(
            actor, code=f"a{i:02d}", name=f"示範市政府第{i:02d}局", short_name=f"第{i:02d}局", kind="agency", parent=root
        )
        agencies.append(agency)
        for j in range(2):
            units.append(o.do_create_organisation(actor, code=f"a{i:02d}u{j}", name=f"第{i:02d}局第{j}科", kind="unit", parent=agency))
    rdec = agencies[0]
    officer = o.do_create_user(
        actor, username="officer", password=PASSWORD, person=o.do_create_person(actor, name="研考員", organisation=rdec)
    )
    o.do_grant_role(actor, officer, Role.TRACKING_OFFICER, None)
    liaison = o.do_create_user(
        actor, username="liaison", password=PASSWORD, person=o.do_create_person(actor, name="聯絡人", organisation=agencies[7])
    )
    o.do_grant_role(actor, liaison, Role.LIAISON, agencies[7])
    owners = [root, *agencies[1:SERIES]]
    series = [m.do_create_series(actor, owner=owner, code=f"s{k}", name=f"第{k}會報", level="city") for k, owner in enumerate(owners)]
    start = timezone.make_aware(dt.datetime(2020, 1, 6, 10, 0))
    meetings = {
        s.pk: [m.do_schedule_meeting(actor, s, start=start + dt.timedelta(weeks=w), number=100 + w) for w in range(12)] for s in series
    }

    rng = random.Random(16)
    today = timezone.localdate()
    per_series: dict[int, int] = {}
    per_source: dict[str, int] = {}
    t0 = time.perf_counter()
    made = 0
    while made < cases:
        n = min(batch, cases - made)
        rows: list[TrackedCase] = []
        leads: list[tuple[int, int | None]] = []
        for i in range(made, made + n):
            opened = today - dt.timedelta(days=rng.randrange(1, 2000))
            is_open = rng.random() < 0.4
            deadline = None if rng.random() < 0.15 else opened + dt.timedelta(days=rng.randrange(30, 900))
            if is_open and deadline is not None and rng.random() < 0.33:
                deadline = min(deadline, today - dt.timedelta(days=rng.randrange(1, 300)))
                deadline = max(deadline, opened)
            kwargs = {
                "owner_id": rdec.pk,
                "title": f"示範列管案件 {i}",
                "text": LONG_TEXT[:text_chars] if text_chars else "請研處並於期限內回報辦理情形。",
                "deadline": deadline,
                "opened_on": opened,
                "status": CaseStatus.OPEN if is_open else CaseStatus.RELEASED,
                "released_on": None if is_open else opened + dt.timedelta(days=rng.randrange(1, 400)),
            }
            if i % 2 == 0:
                s = series[(i // 2) % SERIES]
                seq = per_series[s.pk] = per_series.get(s.pk, 0) + 1
                meeting = meetings[s.pk][seq % 12]
                # Session and item: 50 items a session, so that the natural order differs from the text's (2-10 after 2-9).
                case = TrackedCase(series=s, meeting=meeting, source="minutes", number=f"{seq // 50 + 1}-{seq % 50 + 1}", **kwargs)
            else:
                source = ("mayor", "councillor", "petition")[i % 3]
                seq = per_source[source] = per_source.get(source, 0) + 1
                case = TrackedCase(
                    source=source,
                    owner=rdec,
                    number=f"{source[0].upper()}{seq:07d}",
                    **{k: v for k, v in kwargs.items() if k != "owner_id"},
                )
            case.number_session, case.number_prefix, case.number_item = number_parts(case.number)
            rows.append(case)
            lead = agencies[rng.randrange(1, AGENCIES)]
            co = units[rng.randrange(len(units))] if rng.random() < 0.33 else None
            leads.append((lead.pk, co.pk if co is not None and co.parent_id != lead.pk else None))
        with transaction.atomic():
            created = TrackedCase.objects.bulk_create(rows)
            parts: list[Assignment] = []
            for case, (lead_id, co_id) in zip(created, leads, strict=True):
                released = case.released_on
                parts.append(Assignment(case=case, organisation_id=lead_id, role="lead", status=case.status, released_on=released))
                if co_id is not None:
                    parts.append(Assignment(case=case, organisation_id=co_id, role="co", status=case.status, released_on=released))
            Assignment.objects.bulk_create(parts)
            if reports:
                # The peer benchmark's shape: each case's lead writes `reports` progress reports, a day apart.
                written = [
                    ProgressReport(
                        assignment=part,
                        cycle=f"C{k}",
                        text=f"第{k}次辦理情形：持續辦理中，下次會議前更新進度。",
                        proposal=Proposal.CONTINUE,
                        submitted_by=officer,
                        submitted_at=timezone.make_aware(dt.datetime.combine(part.case.opened_on, dt.time(9))) + dt.timedelta(days=k),
                    )
                    for part in parts
                    if part.role == "lead"
                    for k in range(1, reports + 1)
                ]
                ProgressReport.objects.bulk_create(written)
        made += n
        print(f"  {made:,} cases ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE tracking_trackedcase")
            cursor.execute("VACUUM ANALYZE tracking_assignment")
            cursor.execute("VACUUM ANALYZE tracking_progressreport")
    print(f"loaded {cases:,} cases in {time.perf_counter() - t0:.0f} s")


def measure(rounds: int, only: str = "") -> None:
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings, setup_test_environment

    from lieguan.api.actions import do_create_token
    from lieguan.organisations.models import Organisation
    from lieguan.tracking.models import TrackedCase

    setup_test_environment()
    # The pages name their static files; the bench serves none, so no collected manifest is needed.
    storages = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    override_settings(STORAGES=storages).enable()
    users = get_user_model().objects
    agency = Organisation.objects.get(code="a07")
    officer = Client()
    officer.force_login(users.get(username="officer"))
    liaison = Client()
    liaison.force_login(users.get(username="liaison"))
    token = do_create_token(users.get(username="officer"), name="bench", days=1)[1]
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    checks = [
        ("HTML: one agency's open cases (officer)", officer, f"/cases/?agency={agency.pk}&status=open"),
        ("HTML: all open cases by number (officer)", officer, "/cases/"),
        ("HTML: all cases by deadline, page 20 (officer)", officer, "/cases/?status=all&sort=deadline&page=20"),
        ("HTML: overdue (officer)", officer, "/cases/?due=overdue&sort=overdue"),
        ("HTML: own agency's open cases (liaison)", liaison, "/cases/"),
        ("HTML: agencies overview, first page (officer)", officer, "/reports/agencies/"),
        ("HTML: agencies overview, page 400 (officer)", officer, "/reports/agencies/?page=400"),
        ("HTML: agencies overview, as it was then (officer)", officer, "/reports/agencies/?view=then"),
        ("HTML: agencies overview (liaison)", liaison, "/reports/agencies/"),
        ("API: one agency's open cases (officer)", api, f"/api/v1/cases?organisation_id={agency.pk}&status=open"),
        ("API: all cases, first page (officer)", api, "/api/v1/cases"),
    ]
    print(f"{TrackedCase.objects.count():,} cases on {connection.vendor}; {rounds} rounds after one warm-up")
    print("| list | median ms | best ms | queries |")
    print("|---|---:|---:|---:|")
    for label, client, url in checks:
        if only not in label:
            continue
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        times = []
        queries = 0
        for _ in range(rounds):
            with CaptureQueriesContext(connection) as captured:
                t0 = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, (url, response.status_code)
            queries = len(captured)
        print(f"| {label} | {statistics.median(times):,.0f} | {min(times):,.0f} | {queries} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p_load = sub.add_parser("load")
    p_load.add_argument("--cases", type=int, default=100_000)
    p_load.add_argument("--batch", type=int, default=5_000)
    p_load.add_argument("--reports", type=int, default=0, help="progress reports per case, written by its lead (the peer benchmark uses 2)")
    p_load.add_argument("--text-chars", type=int, default=0, help="length of each case's text (the peer benchmark uses 560)")
    p_measure = sub.add_parser("measure")
    p_measure.add_argument("--rounds", type=int, default=5)
    p_measure.add_argument("--only", default="", help="measure only the lists whose label contains this (HTML, API, liaison…)")
    args = parser.parse_args()
    setup()
    if args.command == "load":
        load(args.cases, args.batch, args.reports, args.text_chars)
    else:
        measure(args.rounds, args.only)
    return 0


if __name__ == "__main__":
    sys.exit(main())
