"""Demo indicators (report section 3) and competence (section 9).

WHAT IS THE PLAN'S AND WHAT IS INVENTED FOR THE DEMO: each row's note says it in the report itself.
- «Fra planen §5.2»: Hemsedal's value as its plan gives it (seeds/002_… §5.2, from the oppvekstprofil and the
  folkehelseprofil 2024). The plan does not say which of the two profiles each figure is from (we put
  oppvekstprofil), nor the national value (left empty).
- «Oppdiktet for demoen»: invented, value and national value alike (the Ungdata and elevundersøkelsen rows,
  and every competence row but the fact, from seeds/000_…, that all of Tynset health station's staff are COS-P
  supervisors; their number there is invented).
"""

from decimal import Decimal

from django.db import transaction

from organisation.models import Municipality, Service
from reports.models import Competence, Indicator

PLAN = "Fra planen §5.2"
INVENTED = "Oppdiktet for demoen"
Source = Indicator.Source

# (name, source, year, value, national value, note)
HEMSEDAL_INDICATORS = [
    ("Barn i husholdninger med vedvarende lavinntekt", Source.CHILDHOOD_PROFILE, 2024, "9.2", None, PLAN),
    ("Barn med barnevernstiltak", Source.CHILDHOOD_PROFILE, 2024, "4.6", None, PLAN),
    ("Unge som står utenfor arbeid og utdanning", Source.CHILDHOOD_PROFILE, 2024, "7.5", None, PLAN),
    ("Gjennomføring av videregående opplæring", Source.CHILDHOOD_PROFILE, 2024, "77", None, PLAN),
    ("Skjermtid over 4 timer", Source.CHILDHOOD_PROFILE, 2024, "39", None, PLAN),
    ("Fornøyd med lokalmiljøet", Source.CHILDHOOD_PROFILE, 2024, "65", None, PLAN),
    ("Fornøyd med treffsteder", Source.CHILDHOOD_PROFILE, 2024, "54", None, PLAN),
    ("Med i fritidsorganisasjon", Source.CHILDHOOD_PROFILE, 2024, "53", None, PLAN),
    ("Ungdomsskoleelever som er fornøyd med skolen", Source.UNGDATA, 2025, "81", "84", INVENTED),
    ("Elever på 7. trinn som opplever mobbing", Source.PUPIL_SURVEY, 2024, "6.1", "7.2", INVENTED),
]

# (municipality number, service, training, people, positions, year, note)
COMPETENCE = [
    ("3324", "Helse og forebygging – Familiens hus", "COS-P", 4, "Helsesykepleiere og familieterapeut", 2023, INVENTED),
    ("3324", "Hemsedal barnehage", "BTI og handlingsveileder", 6, "Pedagogiske ledere", 2024, INVENTED),
    ("3324", "Hemsedal skole", "MOT", 3, "Lærere", 2022, INVENTED),
    (
        "3427",
        "Tynset helsestasjon",
        "COS-P",
        5,
        "Alle ansatte ved helsestasjonen",
        None,
        "Alle er COS-P-veiledere (seeds/000); antallet er oppdiktet for demoen",
    ),
]


@transaction.atomic
def build_demo_report_data() -> int:
    """Create the demo indicators and competence. Safe to run again. Returns how many rows were new."""
    created = 0
    hemsedal = Municipality.objects.get(number="3324")
    for name, source, year, value, national, note in HEMSEDAL_INDICATORS:
        _, made = Indicator.objects.get_or_create(
            municipality=hemsedal,
            source=source,
            name=name,
            year=year,
            defaults={
                "value": Decimal(value),
                "national_value": Decimal(national) if national else None,
                "note": note,
            },
        )
        created += made
    for number, service_name, training, people, positions, year, note in COMPETENCE:
        municipality = Municipality.objects.get(number=number)
        service = Service.objects.get(host_municipality=municipality, name=service_name)
        _, made = Competence.objects.get_or_create(
            municipality=municipality,
            service=service,
            training=training,
            defaults={"people": people, "positions": positions, "year": year, "note": note},
        )
        created += made
    return created


def seed_demo(stdout, *, large: bool, options: dict) -> None:
    """Called by `manage.py seed_demo` after the organisation."""
    stdout.write(f"Report indicators and competence: {build_demo_report_data()} new.")
