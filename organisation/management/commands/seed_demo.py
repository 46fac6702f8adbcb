import time

from django.core.management.base import BaseCommand

from organisation.demo import DEMO_PASSWORD, DemoBuilder, build_large_municipality


class Command(BaseCommand):
    help = "Create (or update) the demo municipalities Hemsedal and Tynset; with --large, a synthetic one."

    def add_arguments(self, parser):
        parser.add_argument("--large", action="store_true", help="Also build the large synthetic municipality.")
        parser.add_argument("--staff", type=int, default=3000, help="People in the large municipality.")
        parser.add_argument("--services", type=int, default=150, help="Services in the large municipality.")
        parser.add_argument("--quiet-logins", action="store_true", help="Do not print the demo logins.")

    def handle(self, *args, large: bool, staff: int, services: int, quiet_logins: bool, **options):
        logins = DemoBuilder().build()
        self.stdout.write(self.style.SUCCESS("Demo municipalities Hemsedal and Tynset are ready."))
        if not quiet_logins:
            self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD}):")
            for email, title, place in logins:
                self.stdout.write(f"  {email:34} {title}, {place}")
        if large:
            started = time.perf_counter()
            counts = build_large_municipality(staff=staff, services=services)
            self.stdout.write(
                f"Large municipality: {counts['services']} services, {counts['people']} people, "
                f"{counts['positions']} service positions ({time.perf_counter() - started:.1f} s)."
            )
