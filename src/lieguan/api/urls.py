from django.urls import path

from lieguan.api import views, views_feeds, views_opendata
from lieguan.api.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("api/docs/", views.docs, name="api_docs"),
    path("api/tokens/", views.tokens, name="api_tokens"),
    path("api/tokens/<int:token_id>/revoke/", views.revoke_token, name="api_token_revoke"),
]

# .ics feeds and open data (issue 8). The feeds keep their /calendars/ addresses: people have subscribed to them.

urlpatterns += [
    path("api/calendars/", views_feeds.feeds_page, name="api_calendars"),
    path("calendars/<str:secret>/meetings.ics", views_feeds.meetings_feed, name="calendar_meetings"),
    path("calendars/<str:secret>/deadlines.ics", views_feeds.deadlines_feed, name="calendar_deadlines"),
    path("calendars/series/<int:series_id>.ics", views_feeds.series_feed, name="calendar_series"),
    path("opendata/", views_opendata.index, name="opendata"),
    path("opendata/<slug:series_code>/<int:roc_year>/minutes.json", views_opendata.minutes_json, name="opendata_minutes"),
    path("opendata/<slug:series_code>/<int:roc_year>/decisions.csv", views_opendata.decisions_csv, name="opendata_decisions"),
    path("opendata/<slug:series_code>/<int:roc_year>/cases.csv", views_opendata.cases_csv, name="opendata_cases"),
]

# The KPI register's targets and actuals (issue 13).

urlpatterns += [
    path("opendata/kpis/<int:roc_year>/kpis.json", views_opendata.kpis_json, name="opendata_kpis_json"),
    path("opendata/kpis/<int:roc_year>/kpis.csv", views_opendata.kpis_csv, name="opendata_kpis_csv"),
]
