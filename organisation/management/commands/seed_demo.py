import importlib
import time

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from organisation.demo import DEMO_PASSWORD, DemoBuilder, build_large_municipality


class Command(BaseCommand):
    help = (
        "Create (or update) the demo municipalities Hemsedal and Tynset; with --large, a synthetic one for "
        "benchmarks. Each app adds its own demo data through a `seed_demo(stdout, *, large, options)` function in "
        "its demo.py, called in INSTALLED_APPS order after the organisation."
    )

    def add_arguments(self, parser):
        parser.add_argument("--large", action="store_true", help="Also build the large synthetic municipality.")
        parser.add_argument("--staff", type=int, default=3000, help="People in the large municipality.")
        parser.add_argument("--services", type=int, default=150, help="Services in the large municipality.")
        parser.add_argument("--measures", type=int, default=2000, help="Measures in the large catalogue.")
        parser.add_argument("--evaluations-each", type=int, default=5, help="Evaluations per large measure.")
        parser.add_argument("--children", type=int, default=60_000, help="Children in the large municipality.")
        parser.add_argument("--cases", type=int, default=15_000, help="Cases in the large municipality.")
        parser.add_argument("--log-entries", type=int, default=300_000, help="Log entries in the large cases.")
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print the demo logins.")
        parser.add_argument(
            "--force-demo-people",
            action="store_true",
            help="Seed even without DEBUG (a benchmark or test database). Never on a real installation: the "
            "demo people hold administrator positions and share a password printed in the README.",
        )

    def handle(self, *args, **options):
        if not (settings.DEBUG or options["force_demo_people"]):
            raise CommandError(
                "Refusing to seed demo people without DEBUG: they would hold positions such as Hemsedal's "
                "administrator with the password published in the README. `make demo` sets DEBUG=1; for a "
                "benchmark or test database that no one else can reach, pass --force-demo-people."
            )
        started = time.perf_counter()
        logins = DemoBuilder().build()
        self.stdout.write(self.style.SUCCESS("Demo municipalities Hemsedal and Tynset are ready."))
        if options["large"]:
            counts = build_large_municipality(staff=options["staff"], services=options["services"])
            self.stdout.write(
                f"Large municipality: {counts['services']} services, {counts['people']} people, "
                f"{counts['positions']} service positions."
            )
        for app in apps.get_app_configs():
            if app.name == "organisation":
                continue
            try:
                module = importlib.import_module(f"{app.name}.demo")
            except ModuleNotFoundError as error:
                if error.name != f"{app.name}.demo":
                    raise
                continue
            if hasattr(module, "seed_demo"):
                module.seed_demo(self.stdout, large=options["large"], options=options)
        self.stdout.write(f"Done in {time.perf_counter() - started:.1f} s.")
        if not options["quiet_logins"]:
            self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
            for email, title, place in logins:
                self.stdout.write(f"  {email:34} {title}, {place}")
