import os
import shutil

import pytest
from django.conf import settings

from tools.local_servers import MissingServer, start_postgres, start_redis

_servers = []


def pytest_configure(config):
    """Start a private PostgreSQL and Redis for this run, before Django opens any connection."""
    try:
        postgres = start_postgres()
        _servers.append(postgres)
        redis = start_redis()
        _servers.append(redis)
    except MissingServer as error:
        for server in _servers:
            server.stop()
        pytest.exit(str(error), returncode=3)
    database = settings.DATABASES["default"]
    database.update({"HOST": "127.0.0.1", "PORT": str(postgres.port), "USER": "postgres", "NAME": "laget"})
    settings.CACHES["default"]["LOCATION"] = redis.url
    settings.CELERY_BROKER_URL = redis.url
    from config.celery import app

    app.conf.broker_url = redis.url
    os.environ["LAGET_TEST_REDIS_URL"] = redis.url


def pytest_unconfigure(config):
    while _servers:
        _servers.pop().stop()


@pytest.fixture
def mailoutbox_clear(mailoutbox):
    mailoutbox.clear()
    return mailoutbox


@pytest.fixture(scope="session")
def chromium_path():
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.fail("Chromium is not installed: the browser tests need Debian's package: apt-get install chromium")
    return path


class Organisation:
    """Two municipalities, A and B, that share one inter-municipal PPT hosted by A, and one person per role."""

    def __init__(self):
        from measures.arenas import ensure_arenas
        from organisation.models import Position, Service
        from tests.factories import MunicipalityFactory, PositionFactory, ServiceFactory, UserFactory

        ensure_arenas()  # browser tests flush the tables that migrations filled

        self.a = MunicipalityFactory(name="Hemsedal", number="3324")
        self.b = MunicipalityFactory(name="Tynset", number="3427")
        self.health_a = ServiceFactory(name="Helsestasjon A", host_municipality=self.a)
        self.school_a = ServiceFactory(name="Skole A", kind=Service.Kind.SCHOOL, host_municipality=self.a)
        self.health_b = ServiceFactory(name="Helsestasjon B", host_municipality=self.b)
        self.shared_ppt = ServiceFactory(
            name="Interkommunal PPT", kind=Service.Kind.PPT, host_municipality=self.a, municipalities=[self.a, self.b]
        )
        role = Position.Role

        def person(key, **position):
            user = UserFactory(email=f"{key}@test.demo", municipality=position.pop("employer", None))
            if position:
                PositionFactory(holder=user, **position)
            return user

        self.users = {
            "staff_a": person("staff_a", service=self.health_a, employer=self.a),
            "leader_a": person("leader_a", service=self.health_a, role=role.SERVICE_LEADER, employer=self.a),
            "leadership_a": person(
                "leadership_a",
                service=None,
                municipality=self.a,
                role=role.LEADERSHIP,
                title="Kommunalsjef",
                employer=self.a,
            ),
            "admin_a": person(
                "admin_a",
                service=None,
                municipality=self.a,
                role=role.ADMINISTRATOR,
                title="Administrator",
                employer=self.a,
            ),
            "ppt_shared": person("ppt_shared", service=self.shared_ppt, title="PPT-rådgiver", employer=self.a),
            "staff_b": person("staff_b", service=self.health_b, employer=self.b),
            "admin_b": person(
                "admin_b",
                service=None,
                municipality=self.b,
                role=role.ADMINISTRATOR,
                title="Administrator",
                employer=self.b,
            ),
            "no_position": person("no_position", employer=self.a),
        }
        self.vacant_a = PositionFactory(title="Ledig helsesykepleier", service=self.health_a, holder=None)


@pytest.fixture
def org(db):
    return Organisation()


@pytest.fixture
def catalogue(org):
    """Measures in A (one by A's health station, one by the shared PPT) and one in B."""
    from tests.factories import MeasureFactory

    return {
        "a": MeasureFactory(
            name="Foreldreveiledning COS-P",
            municipality=org.a,
            responsible_service=org.health_a,
            programme="COS-P",
            contact_name="Kari Kontakt",
            contact_email="kari@test.demo",
            contact_phone="11 22 33 44",
            status_note="Intern merknad",
        ),
        "shared": MeasureFactory(
            name="Spesialpedagogisk veiledning",
            municipality=org.a,
            responsible_service=org.shared_ppt,
            level="selektiv",
        ),
        "b": MeasureFactory(name="Tynset-tiltak", municipality=org.b, responsible_service=org.health_b),
    }


@pytest.fixture
def structures(org):
    """A system-level structure and an individual-case structure in A, convened by leader_a."""
    from collaboration.models import MeetingStructure
    from organisation.models import Position

    seat = {key: Position.objects.get(holder=org.users[key]) for key in ("staff_a", "leader_a", "ppt_shared")}
    system = MeetingStructure.objects.create(
        municipality=org.a,
        name="TOG",
        level="system",
        cadence="semester",
        mandate="Systemarbeid",
        standing_agenda="Evaluering av samarbeidet\nAktuelle utfordringer",
        convener=seat["leader_a"],
        minute_taker=seat["staff_a"],
        usual_weekday=2,
        evaluates_plan=True,
        usual_place="Rådhuset",
    )
    system.members.set([seat["staff_a"], seat["ppt_shared"]])
    individual = MeetingStructure.objects.create(
        municipality=org.a,
        name="Elevhelseteam",
        level="individual",
        cadence="monthly",
        mandate="Enkeltsaker",
        convener=seat["leader_a"],
        minute_taker=seat["staff_a"],
        no_consent_policy="anonymous",
        usual_place="Skolen",
    )
    individual.members.set([seat["staff_a"]])
    return {"system": system, "individual": individual, "seats": seat}


@pytest.fixture
def meeting(structures):
    from datetime import timedelta

    from django.utils import timezone

    from collaboration.models import Meeting

    starts = timezone.now() + timedelta(days=7)
    return Meeting.objects.create(
        structure=structures["system"], starts_at=starts, ends_at=starts + timedelta(hours=2), place="Rådhuset"
    )


@pytest.fixture
def count_queries():
    """count_queries(client, url) -> the number of queries one GET of `url` makes (asserting it answers 200)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(client, url) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    return count


@pytest.fixture
def queued_tasks(monkeypatch):
    """Celery tasks queued during the test, as (task, args, kwargs), kept here instead of sent to the broker.

    No worker runs in the tests: a test checks what was queued and runs it with `run_queued`.
    """
    from celery.app.task import Task

    queued = []

    def record(task, args=None, kwargs=None, **options):
        queued.append((task, tuple(args or ()), dict(kwargs or {})))

    monkeypatch.setattr(Task, "apply_async", record)
    return queued


def run_queued(queued) -> None:
    """Run (and forget) the tasks in a `queued_tasks` list, in order, as a worker would."""
    while queued:
        task, args, kwargs = queued.pop(0)
        task(*args, **kwargs)


@pytest.fixture
def empty_cache():
    from django.core.cache import cache

    cache.clear()
    yield cache
    cache.clear()
