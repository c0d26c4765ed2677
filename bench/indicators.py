"""Monthly indicators benchmark: 100 agencies × 50 indicators × 10 years = 600,000 values.

    .venv/bin/python bench/indicators.py                      # the full size, print the figures
    .venv/bin/python bench/indicators.py --agencies 20 --years 2

In a fresh SQLite database (a temporary LIEGUAN_DATA_DIR, migrated here), the
script inserts the agencies, the indicators with a target and a threshold per
year, and one value per agency, indicator and month (bulk_create: 600,000 values
through the actions would measure the audit trail, not the rules). A count is
a deficiency one month in 25, a rate mostly steady above its target with a rare
dip, so that the rules find a few thousand runs over ten years, as a city would.
Ten rules watch the indicators, two of each kind. Then it times:

- the nightly run, ``do_evaluate``: every rule over every value, the first time
  (raising the alerts, audited once per rule) and again (nothing changed: the steady state);
- the report item for the last month: ``build`` + ``as_table`` + the page's HTML table
  (the goal: ≤ 1 s), and the DOCX download.

It is a script, not a test: CI never runs it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import random
import shutil
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def setup_django(data_dir: str) -> None:
    os.environ["LIEGUAN_DATA_DIR"] = data_dir
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "lieguan.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    logging.getLogger("fontTools").setLevel(logging.WARNING)


def generate(agencies: int, indicators: int, years: int, last: dt.date) -> None:
    from django.utils import timezone

    from lieguan.indicators.models import Indicator, IndicatorTarget, IndicatorValue, Rule
    from lieguan.indicators.months import shift
    from lieguan.organisations.models import Organisation

    rng = random.Random(14)
    city = Organisation.objects.create(kind="city", code="city", name="測試市政府", short_name="市府")
    Organisation.objects.bulk_create(
        [
            Organisation(kind="agency", code=f"a{n:03d}", name=f"測試市政府第{n}局", short_name=f"第{n}局", parent=city, sort_order=n)
            for n in range(agencies)
        ]
    )
    org_ids = list(Organisation.objects.filter(kind="agency").values_list("pk", flat=True))
    Indicator.objects.bulk_create(
        [
            Indicator(
                name=f"指標{n:02d}", unit="count" if n % 2 == 0 else "percent", direction="lower" if n % 2 == 0 else "higher", position=n
            )
            for n in range(indicators)
        ]
    )
    watched = list(Indicator.objects.order_by("position"))
    months = [shift(last, -k) for k in range(years * 12 - 1, -1, -1)]
    IndicatorTarget.objects.bulk_create(
        [
            IndicatorTarget(
                indicator=i,
                year=y,
                target=Decimal(0) if i.unit == "count" else Decimal(80),
                threshold=Decimal(3) if i.unit == "count" else Decimal(60),
            )
            for i in watched
            for y in sorted({m.year for m in months})
        ]
    )
    now = timezone.now()
    batch: list[IndicatorValue] = []
    total = 0
    for indicator in watched:
        for org in org_ids:
            previous = None
            for month in months:
                if indicator.unit == "count":
                    value = Decimal(1 if rng.random() < 0.04 else 0)
                elif rng.random() < 0.02:
                    value = Decimal(rng.randint(50, 79))
                elif previous is not None and previous >= 80 and rng.random() < 0.7:
                    value = previous
                else:
                    value = Decimal(rng.randint(85, 100))
                previous = value
                batch.append(
                    IndicatorValue(
                        indicator=indicator,
                        organisation_id=org,
                        month=month,
                        version=1,
                        value=value,
                        entered_at=now,
                        entered_by_label="bench",
                    )
                )
                if len(batch) >= 20000:
                    IndicatorValue.objects.bulk_create(batch)
                    total += len(batch)
                    batch = []
        log(f"  {total:,} values")
    IndicatorValue.objects.bulk_create(batch)
    kinds = [("running", 2), ("threshold", 1), ("target", 1), ("worse", 3), ("missing", 1)]
    for n in range(10):
        kind, length = kinds[n % 5]
        rule = Rule.objects.create(name=f"規則{n}", kind=kind, months=length)
        rule.indicators.set(watched[n * len(watched) // 10 : (n + 1) * len(watched) // 10])


def timed(fn):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--agencies", type=int, default=100)
    parser.add_argument("--indicators", type=int, default=50)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--keep", action="store_true", help="keep the temporary database")
    args = parser.parse_args()
    data_dir = tempfile.mkdtemp(prefix="lieguan-bench-indicators-")
    try:
        setup_django(data_dir)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from lieguan.core.actors import SystemActor
        from lieguan.indicators import report
        from lieguan.indicators.actions import do_evaluate
        from lieguan.indicators.models import Alert, IndicatorValue
        from lieguan.minutes.tables import render_table, render_table_html

        last = dt.date(2026, 11, 1)
        log(f"generating {args.agencies} agencies × {args.indicators} indicators × {args.years} years")
        seconds, _ = timed(lambda: generate(args.agencies, args.indicators, args.years, last))
        values = IndicatorValue.objects.count()
        log(f"generated {values:,} values in {seconds:.1f} s")
        actor = SystemActor("bench")
        today = dt.date(2026, 12, 20)
        first, outcome = timed(lambda: do_evaluate(actor, today=today))
        again, steady = timed(lambda: do_evaluate(actor, today=today))
        with CaptureQueriesContext(connection) as queries:
            page, _data = timed(lambda: render_table_html(report.as_table(report.build(last))))
        docx, _ = timed(lambda: render_table(report.as_table(report.build(last)), "docx"))
        print(f"values: {values:,}  alerts: {Alert.objects.count():,}")
        print(f"nightly run, first (raises {len(outcome.raised):,} alerts): {first:.2f} s  (goal ≤ 10 s)")
        print(f"nightly run, again (raised {len(steady.raised)}, cleared {len(steady.cleared)}): {again:.2f} s  (goal ≤ 10 s)")
        print(f"report item for {last:%Y-%m}, page table: {page:.2f} s, {len(queries)} queries  (goal ≤ 1 s)")
        print(f"report item, DOCX: {docx:.2f} s")
    finally:
        if args.keep:
            print(f"database kept in {data_dir}")
        else:
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
