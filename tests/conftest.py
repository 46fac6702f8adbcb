import hashlib
import importlib.metadata
import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings

from tools.local_servers import MissingServer, start_postgres, start_redis

_servers = []

ROOT = Path(__file__).resolve().parent.parent
# The test run's PostgreSQL cluster, kept between runs (git-ignored) so that --reuse-db can keep the migrated test
# database. CI always starts from a new cluster.
KEPT_CLUSTER = ROOT / ".pytest-db"


class _Reuse:
    """Whether the kept test database may be used again. It may when the last run that used it ended with it
    migrated from exactly today's migrations and untouched: every test's writes rolled back. A transactional
    test (the browser tests) flushes tables that migrations filled, so a run with one leaves it for re-creation;
    so does a crash during the run, since the mark is written only at the end."""

    mark: Path | None = None
    database_ready = False
    flushed = False

    @staticmethod
    def fingerprint() -> str:
        digest = hashlib.sha256()
        for package in ("django", "django-guardian", "django-simple-history", "django-axes"):
            digest.update(f"{package}=={importlib.metadata.version(package)}\n".encode())
        digest.update(repr(settings.INSTALLED_APPS).encode())
        for path in sorted(ROOT.glob("*/migrations/*.py")):
            digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
        return digest.hexdigest()


def _postgres_directory() -> Path | None:
    """The kept cluster's directory, or None (a new temporary cluster) in CI or when another run uses it."""
    if os.environ.get("CI"):
        return None
    pid_file = KEPT_CLUSTER / "data" / "postmaster.pid"
    if pid_file.exists():
        pid = pid_file.read_text().split("\n", 1)[0].strip()
        if pid.isdigit() and Path(f"/proc/{pid}").exists():
            return None  # a parallel run of the tests in this checkout
    return KEPT_CLUSTER


def pytest_configure(config):
    """Start a private PostgreSQL and Redis for this run, before Django opens any connection."""
    directory = _postgres_directory()
    if directory is not None:
        _Reuse.mark = directory / "migrated-from"
        if not _Reuse.mark.exists() or _Reuse.mark.read_text() != _Reuse.fingerprint():
            config.option.create_db = True  # changed migrations, or the last run left the database changed
        _Reuse.mark.unlink(missing_ok=True)
    else:
        config.option.create_db = True
    try:
        postgres = start_postgres(directory)
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


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    _Reuse.database_ready = True
    yield


def pytest_runtest_setup(item):
    marker = item.get_closest_marker("django_db")
    if (marker and marker.kwargs.get("transaction")) or {"transactional_db", "live_server"} & set(item.fixturenames):
        _Reuse.flushed = True


def pytest_unconfigure(config):
    while _servers:
        _servers.pop().stop()
    if _Reuse.mark is not None and _Reuse.database_ready and not _Reuse.flushed:
        _Reuse.mark.write_text(_Reuse.fingerprint())


class _SharedData:
    """Data that several tests only read, built once per run inside a transaction that stays open while those
    tests run (each test's own transaction is a savepoint in it) and is rolled back after the last of them, so
    the tests after them start from the empty database as usual."""

    open: list["_SharedData"] = []  # innermost last

    def __init__(self, name, blocker, *command):
        from django.core.management import call_command
        from django.db import transaction

        self.name = name
        self.blocker = blocker
        self.atomic = transaction.atomic()
        with blocker.unblock():
            self.atomic.__enter__()
            call_command(*command)
        _SharedData.open.append(self)

    def close(self) -> None:
        from django.db import transaction

        if self in _SharedData.open:
            assert _SharedData.open[-1] is self, "shared data sets close innermost first"
            with self.blocker.unblock():
                transaction.set_rollback(True)
                self.atomic.__exit__(None, None, None)
            _SharedData.open.remove(self)


# The shared data sets, each built on the one before. Tests using them run first, grouped, and in this order.
_SHARED = ("demo", "large_demo")


def _shared_rank(item) -> int:
    used = [index for index, name in enumerate(_SHARED) if name in getattr(item, "fixturenames", ())]
    return max(used) if used else len(_SHARED)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the tests that read a shared data set together, before the other database tests (pytest-django has
    already put the database tests first; the sort is stable, and last, after any plugin that reorders).
    A transactional test cannot use them."""
    items.sort(key=_shared_rank)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    result = yield
    needed = set(getattr(nextitem, "fixturenames", ())) if nextitem is not None else set()
    while _SharedData.open and _SharedData.open[-1].name not in needed:
        _SharedData.open[-1].close()
    return result


@pytest.fixture(scope="session")
def _demo_data(django_db_setup, django_db_blocker):
    shared = _SharedData("demo", django_db_blocker, "seed_demo", "--quiet-logins", "--force-demo-people")
    yield shared
    shared.close()


# The size of the large synthetic municipality in the tests: small, but every bulk path runs.
LARGE_DEMO = (
    *("--staff", "300", "--services", "6", "--measures", "40", "--evaluations-each", "2"),
    *("--children", "200", "--cases", "60", "--log-entries", "300"),
)


@pytest.fixture(scope="session")
def _large_demo_data(_demo_data, django_db_blocker):
    shared = _SharedData(
        "large_demo", django_db_blocker, "seed_demo", "--quiet-logins", "--force-demo-people", "--large", *LARGE_DEMO
    )
    yield shared
    shared.close()


@pytest.fixture
def demo(_demo_data, db):
    """The demo municipalities Hemsedal and Tynset, as `manage.py seed_demo` makes them, seeded once per run.
    A test may change them: its changes are rolled back after it."""
    assert _demo_data in _SharedData.open, "the demo was already rolled back: a test using it ran out of order"


@pytest.fixture
def large_demo(_large_demo_data, demo):
    """The demo plus the large synthetic municipality (LARGE_DEMO), seeded once per run."""
    assert _large_demo_data in _SharedData.open, "the large demo was already rolled back"


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
        usual_weekday=2,
        evaluates_plan=True,
        usual_place="Rådhuset",
    )
    system.members.set([seat["staff_a"], seat["ppt_shared"]])
    system.conveners.set([seat["leader_a"]])
    system.minute_takers.set([seat["staff_a"]])
    individual = MeetingStructure.objects.create(
        municipality=org.a,
        name="Elevhelseteam",
        level="individual",
        cadence="monthly",
        mandate="Enkeltsaker",
        no_consent_policy="anonymous",
        usual_place="Skolen",
    )
    individual.members.set([seat["staff_a"]])
    individual.conveners.set([seat["leader_a"]])
    individual.minute_takers.set([seat["staff_a"]])
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
        # One request first: process-wide caches (content types, which guardian looks up) fill once per
        # process, not per request, and would make whichever count comes first look larger.
        client.get(url)
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
