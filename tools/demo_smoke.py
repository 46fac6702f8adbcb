"""Every main page of the demo, as each demo login, answered without a server error: run by
tests/test_demo_on_sqlite.py against the embedded database `make demo` uses (SQLite), where some queries that
PostgreSQL runs are refused. Prints the failures, one per line, and exits 1 if there are any."""

import sys

from django.test import Client
from django.test.utils import override_settings

from cases.models import Case
from collaboration.models import Meeting
from measures.models import Measure
from organisation.models import User

PAGES = [
    "/start/",
    "/tiltak/",
    "/tiltak/liste/",
    "/moter/arshjul/",
    "/moter/strukturer/",
    "/kalender/",
    "/oppgaver/",
    "/saker/",
    "/varsler/",
    "/arsrapport/",
    "/administrasjon/personer/",
    "/administrasjon/stillinger/",
    "/administrasjon/tjenester/",
]
LOGINS = [
    "helsesykepleier@hemsedal.demo",
    "teamleder@hemsedal.demo",
    "sosialradgiver@hemsedal.demo",
    "ledelse@hemsedal.demo",
    "admin@hemsedal.demo",
    "ppt@interkommunal.demo",
]


def main() -> int:
    failures = []
    extra = [
        *(meeting.get_absolute_url() for meeting in Meeting.objects.order_by("-starts_at")[:5]),
        *(case.get_absolute_url() for case in Case.objects.order_by("pk")[:5]),
        *(measure.get_absolute_url() for measure in Measure.objects.order_by("pk")[:3]),
    ]
    with override_settings(ALLOWED_HOSTS=["*"], AXES_ENABLED=False, DEBUG_PROPAGATE_EXCEPTIONS=False):
        for email in LOGINS:
            client = Client(raise_request_exception=False)
            client.force_login(User.objects.get(email=email))
            for url in [*PAGES, *extra]:
                status = client.get(url).status_code
                if status >= 500:
                    failures.append(f"{email} {url}: {status}")
        for url in ["/", "/er-du-urolig/", "/er-du-urolig/3324/"]:
            status = Client(raise_request_exception=False).get(url).status_code
            if status >= 400 and status != 302:
                failures.append(f"anonymous {url}: {status}")
    print("\n".join(failures) or "ok")
    return 1 if failures else 0


sys.exit(main())
