"""Anna's story (seeds/004_…) in a real browser, one browser context per person: a teacher registers a concern
(first with a wrong identity number), talks with the guardians; the principal decides level 1, then level 2 with
consent and lets the health station in; the teacher hands the baton to the nurse, who accepts it, refers Anna to
BUP (an avslag, then a referral taken in) and closes the case. Every distinct case page passes axe (WCAG 2.1
A/AA), and a person of another service who types the case's address gets 404."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import dateformat, timezone, translation

from tests.cases.conftest import world  # noqa: F401 (the fixture: a small municipality with its people)
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ANNA = "Anna Bekkdalsen"  # fictional
ANNA_ID = "12051150072"  # synthetic, valid check digits, born 12.05.2011
WRONG_ID = "12051150073"  # the same with a wrong last check digit
CASE_URL = re.compile(r"/saker/(\d+)/$")
# Every distinct case page, each checked with axe on the way.
PAGES = {
    "list",
    "register",
    "register with errors",
    "detail, level 0",
    "detail, level 1",
    "detail, level 2",
    "detail, hand-over waiting",
    "detail, hand-over to answer",
    "detail, closed",
    "start page with cases",
    "start page, hand-over waiting",
    "log-add",
    "log-correct",
    "guardians-contacted",
    "level (decision)",
    "level with errors",
    "grant-add",
    "handover",
    "report",
    "referral-add",
    "referral-answer",
    "referral-answer with errors",
    "measure-add",
    "measure-evaluate",
    "plan",
    "close",
    "reopen",
}


@pytest.fixture
def log_in(browser, live_server):
    """Log a person in, in a browser context of their own (their own session), on their start page."""
    contexts = []

    def log_in(user):
        context = browser.new_context(locale="nb-NO")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(8000)
        page.goto(f"{live_server.url}/logg-inn/")
        page.get_by_label("E-post").fill(user.email)
        page.get_by_label("Passord").fill(PASSWORD)
        page.get_by_role("button", name="Logg inn").click()
        page.wait_for_url(f"{live_server.url}/start/")
        return page

    yield log_in
    for context in contexts:
        context.close()


def _says(page, text: str) -> None:
    """The success message is shown, in the status region a screen reader announces."""
    assert page.get_by_role("status").get_by_text(text, exact=True).is_visible(), page.content()[:3000]


def _submit(page, name: str = "Lagre") -> None:
    page.get_by_role("button", name=name, exact=True).click()
    page.wait_for_load_state()


def _day(day) -> str:
    """A date as the case page writes it, in Norwegian ("23. desember 2026")."""
    with translation.override("nb"):
        return dateformat.format(day, "j. F Y")


def _fact(page, term: str):
    """The value of one fact (a <dt>/<dd> pair) on the case page."""
    return page.locator(f"dt:text-is('{term}') + dd")


def test_annas_story_from_concern_to_closure(live_server, log_in, axe_check, world):  # noqa: F811
    from cases.models import Case
    from organisation.models import Service
    from tests.factories import ServiceFactory

    bup = ServiceFactory(
        name="BUP Dalen",
        kind=Service.Kind.BUP,
        host_municipality=world.other_municipality,
        municipalities=[world.other_municipality, world.municipality],
        is_municipal=False,
    )
    today = timezone.localdate().isoformat()
    checked: list[str] = []

    def axe(page, what: str) -> None:
        assert axe_check(page) == [], what
        checked.append(what)

    # 1. The teacher registers the concern from "Saker" in the main menu.
    teacher = log_in(world.teacher)
    teacher.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Saker").click()
    assert teacher.get_by_role("heading", name="Saker du arbeider med").is_visible()
    axe(teacher, "list")
    teacher.get_by_role("link", name="Registrer en bekymring").first.click()
    assert teacher.get_by_role("heading", name="Registrer en bekymring", level=1).is_visible()
    axe(teacher, "register")
    child = teacher.get_by_role("group", name="Barnet")
    child.get_by_label("Barnets navn").fill(ANNA)
    child.get_by_label("Fødselsdato").fill("2011-05-12")
    child.get_by_label("Fødselsnummer eller D-nummer").fill(WRONG_ID)
    child.get_by_label("Barnehage eller skole").select_option(label="Bekkdal skole")
    child.get_by_label("Trinn eller avdeling").fill("9. trinn")
    guardian = teacher.get_by_role("group", name="Foresatt", exact=True)
    guardian.get_by_label("Navn").fill("Mor Bekkdalsen")
    guardian.get_by_label("Relasjon til barnet").fill("mor")
    guardian.get_by_label("Telefon").fill("99 88 77 66")
    seen = teacher.get_by_role("group", name="Hva du la merke til")
    seen.get_by_label("Når").fill(f"{timezone.localtime() - timedelta(hours=1):%Y-%m-%dT%H:%M}")
    seen.get_by_label("Hvor").fill("Klasserommet")
    seen.get_by_label("Hvem la merke til det").fill("Kontaktlærer")
    event = "Anna spiser ikke lunsj, sier hun «ikke er sulten», og har trukket seg fra venninnene."
    seen.get_by_label("Hva skjedde").fill(event)
    assessment = "Jeg opplevde at Anna virket sliten. Jeg ble urolig fordi hun er blitt tynnere."
    seen.get_by_label("Egen vurdering").fill(assessment)
    done = teacher.get_by_role("group", name="Hva som ble gjort")
    done.get_by_label("Snakket mer med barnet").check()
    done.get_by_label("Drøftet med leder").check()
    done.get_by_label("Ikke ennå").check()
    _submit(teacher, "Registrer bekymringen")

    # A wrong identity number: the error summary is announced and has focus, the message is Norwegian, and
    # nothing typed is lost.
    summary = teacher.get_by_role("alert")
    assert summary.is_visible()
    assert summary.get_by_text("Fødselsnummeret eller D-nummeret er ikke gyldig. Sjekk de elleve sifrene.").is_visible()
    assert summary.evaluate("element => element === document.activeElement")
    assert child.get_by_label("Barnets navn").input_value() == ANNA
    assert child.get_by_label("Fødselsnummer eller D-nummer").input_value() == WRONG_ID
    assert guardian.get_by_label("Navn").input_value() == "Mor Bekkdalsen"
    assert seen.get_by_label("Hva skjedde").input_value() == event
    assert seen.get_by_label("Egen vurdering").input_value() == assessment
    assert done.get_by_label("Drøftet med leder").is_checked()
    assert child.get_by_label("Fødselsnummer eller D-nummer").get_attribute("aria-invalid") == "true"
    axe(teacher, "register with errors")
    summary.get_by_role("link").first.click()  # the summary's link takes the user to the field
    assert child.get_by_label("Fødselsnummer eller D-nummer").evaluate("e => e === document.activeElement")
    child.get_by_label("Fødselsnummer eller D-nummer").fill(ANNA_ID)
    _submit(teacher, "Registrer bekymringen")
    teacher.wait_for_url(CASE_URL)
    case = Case.objects.get(child__full_name=ANNA)
    case_url = f"{live_server.url}{case.get_absolute_url()}"
    _says(teacher, f"Bekymringen er registrert som sak {case.pk}. Du har stafettpinnen.")
    assert teacher.get_by_role("heading", name=f"Sak {case.pk}: {ANNA}", level=1).is_visible()
    assert teacher.get_by_text("Nivå 0 – undring og bekymring").is_visible()
    # The deadlines: the guardians within four weeks, the decision within 14 days (the default settings).
    assert case.guardians_contact_due == timezone.localdate() + timedelta(weeks=4)
    assert case.decision_due == timezone.localdate() + timedelta(days=14)
    assert teacher.get_by_text(
        f"Bekymringen tas opp med foresatte innen {_day(case.guardians_contact_due)}."
    ).is_visible()
    assert teacher.get_by_text(f"Du og lederen din beslutter innen {_day(case.decision_due)}:").is_visible()
    assert _fact(teacher, "Stafettholder").inner_text() == world.teacher.full_name
    axe(teacher, "detail, level 0")

    # 2. The conversation with the guardians, and an observation in the log.
    teacher.get_by_role("link", name="Samtale med foresatte").click()
    assert teacher.get_by_role("heading", name="Samtale med foresatte", level=1).is_visible()
    axe(teacher, "guardians-contacted")
    teacher.get_by_label("Hva ble sagt").fill("Tok opp bekymringen i skole-hjem-samtalen.")
    teacher.get_by_label("Foresattes syn og ønsker").fill("Foreldrene er enige i at Anna snakker med helsesykepleier.")
    teacher.get_by_label("Barnets syn og ønsker").fill("Anna vil helst snakke med helsesykepleier alene.")
    _submit(teacher)
    teacher.wait_for_url(CASE_URL)
    _says(teacher, "Samtalen med foresatte er loggført.")
    assert not teacher.get_by_text("Bekymringen tas opp med foresatte innen").is_visible()
    assert teacher.get_by_text("Foreldrene er enige i at Anna snakker med helsesykepleier.").is_visible()
    teacher.get_by_role("link", name="Ny loggføring").click()
    axe(teacher, "log-add")
    teacher.get_by_label("Type").select_option(label="Observasjon")
    teacher.get_by_label("Tekst").fill("Anna satt alene i storefri.")
    _submit(teacher)
    teacher.wait_for_url(re.compile(r"/saker/\d+/#logg$"))
    _says(teacher, "Loggføringen er lagret.")
    teacher.get_by_role("link", name=re.compile("^Rett denne loggføringen")).first.click()
    assert teacher.get_by_role("heading", name=re.compile("^Rett loggføringen fra"), level=1).is_visible()
    axe(teacher, "log-correct")
    teacher.get_by_role("link", name="Avbryt").click()
    teacher.get_by_role("link", name="Bekymringsmelding til barnevernet").click()
    axe(teacher, "report")
    teacher.get_by_role("link", name="Avbryt").click()

    # 3. The principal sees the concern to decide on the start page, and decides level 1, then level 2.
    principal = log_in(world.principal)
    to_decide = principal.get_by_role("heading", name="Bekymringer som skal besluttes")
    assert to_decide.is_visible()
    axe(principal, "start page with cases")
    principal.get_by_role("link", name=f"Sak {case.pk}: {ANNA}").first.click()
    principal.wait_for_url(CASE_URL)
    principal.get_by_role("link", name="Beslutt videre arbeid").click()
    assert principal.get_by_role("heading", name="Beslutt videre arbeid", level=1).is_visible()
    axe(principal, "level (decision)")
    principal.get_by_label("Nytt nivå").select_option(label="Nivå 1 – tiltak i egen tjeneste")
    principal.get_by_label("Begrunnelse").fill("Skolen følger opp med tilrettelegging og samtaler.")
    _submit(principal)
    principal.wait_for_url(CASE_URL)
    _says(principal, "Saken er nå på Nivå 1 – tiltak i egen tjeneste.")
    assert not principal.get_by_text("Du og lederen din beslutter innen").is_visible()
    axe(principal, "detail, level 1")

    principal.get_by_role("link", name="Endre nivå").click()
    principal.get_by_label("Nytt nivå").select_option(label="Nivå 2 – enkelt samarbeid")
    level2_reason = "Helsesykepleier skal ha samtaler med Anna."
    principal.get_by_label("Begrunnelse").fill(level2_reason)
    principal.get_by_label("Bekkdal helsestasjon").check()
    _submit(principal)  # no consent recorded yet
    alert = principal.get_by_role("alert")
    assert alert.get_by_text("Registrer samtykket fra de foresatte først").is_visible()
    assert principal.get_by_label("Begrunnelse").input_value() == level2_reason
    assert principal.get_by_label("Bekkdal helsestasjon").is_checked()
    axe(principal, "level with errors")
    principal.get_by_label("Samtykke gitt").fill(today)
    principal.get_by_label("Samtykket", exact=True).fill(
        "Mor og far samtykket skriftlig til samarbeid med helsestasjonen."
    )
    _submit(principal)
    principal.wait_for_url(CASE_URL)
    _says(principal, "Saken er nå på Nivå 2 – enkelt samarbeid.")
    assert principal.get_by_text("Nivå 2 – enkelt samarbeid", exact=True).first.is_visible()
    cooperating = principal.get_by_role("heading", name="Tjenester som samarbeider om saken")
    assert cooperating.is_visible()
    assert principal.get_by_role("listitem").filter(has_text="Bekkdal helsestasjon").first.is_visible()
    axe(principal, "detail, level 2")
    principal.get_by_role("link", name="Gi en tjeneste tilgang").click()
    axe(principal, "grant-add")
    principal.get_by_role("link", name="Avbryt").click()
    principal.get_by_role("link", name="Endre mål, plan og koordinering").click()
    axe(principal, "plan")
    principal.get_by_label("Barnets egne mål").fill("Anna vil orke skolen og spise med venninnene igjen.")
    _submit(principal)
    principal.wait_for_url(re.compile(r"/saker/\d+/#plan-seksjon$"))
    _says(principal, "Mål, plan og koordinering er lagret.")

    # 4. The nurse sees the case on her list; the teacher offers her the baton and she accepts it.
    nurse = log_in(world.nurse)
    nurse.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Saker").click()
    assert nurse.get_by_role("link", name=f"Sak {case.pk}", exact=True).is_visible()
    assert nurse.get_by_role("cell", name=ANNA).is_visible()
    teacher.goto(case_url)
    teacher.get_by_role("link", name="Nytt tiltak").click()
    axe(teacher, "measure-add")
    teacher.get_by_label("Tiltak", exact=True).fill("Reduserte faglige krav")
    teacher.get_by_label("Ansvarlig").select_option(label=world.teacher.full_name)
    teacher.get_by_label("Evalueres").fill(today)
    _submit(teacher)
    teacher.wait_for_url(CASE_URL)
    _says(teacher, "Tiltaket er lagt til.")
    teacher.get_by_role("link", name="Evaluer Reduserte faglige krav").click()
    axe(teacher, "measure-evaluate")
    teacher.get_by_label("Hva viste evalueringen").fill("Anna leverer mer, men er fortsatt sliten.")
    teacher.get_by_label("Fortsetter").check()
    teacher.get_by_label("Neste evaluering").fill((timezone.localdate() + timedelta(days=28)).isoformat())
    _submit(teacher)
    teacher.wait_for_url(CASE_URL)
    _says(teacher, "Evalueringen av «Reduserte faglige krav» er lagret.")

    teacher.get_by_role("link", name="Gi stafettpinnen videre").click()
    axe(teacher, "handover")
    teacher.get_by_role("combobox", name="Gi stafettpinnen til").select_option(label=world.nurse.full_name)
    teacher.get_by_label("Melding til mottakeren").fill("Anna har samtaler med deg nå, så du bør være los.")
    _submit(teacher, "Tilby stafettpinnen")
    teacher.wait_for_url(CASE_URL)
    _says(teacher, f"Stafettpinnen er tilbudt {world.nurse.full_name}. Du har den til hen tar imot.")
    assert _fact(teacher, "Stafettholder").inner_text() == world.teacher.full_name
    axe(teacher, "detail, hand-over waiting")

    nurse.get_by_role("link", name=re.compile("^Laget")).click()  # back to the start page
    assert nurse.get_by_role("heading", name="Stafettpinnen venter på deg").is_visible()
    axe(nurse, "start page, hand-over waiting")
    nurse.get_by_role("link", name=f"Sak {case.pk}: {ANNA}").first.click()
    nurse.wait_for_url(CASE_URL)
    assert nurse.get_by_role("heading", name=f"{world.teacher.full_name} vil gi deg stafettpinnen").is_visible()
    axe(nurse, "detail, hand-over to answer")
    nurse.get_by_role("button", name="Ta imot stafettpinnen").click()
    nurse.wait_for_url(CASE_URL)
    _says(nurse, f"Du har nå stafettpinnen i sak {case.pk}.")
    assert _fact(nurse, "Stafettholder").inner_text() == world.nurse.full_name

    # 5. The nurse refers Anna to BUP: an avslag with its reason, then a second referral taken in.
    nurse.get_by_role("link", name="Ny henvisning").click()
    axe(nurse, "referral-add")
    nurse.get_by_label("Henvist til").select_option(label=bup.name)
    nurse.get_by_label("Hva henvisningen gjelder").fill("Mistanke om spiseforstyrrelse.")
    nurse.get_by_label("Følger opp barnet mens det venter").select_option(label=world.nurse.full_name)
    _submit(nurse, "Registrer henvisningen")
    nurse.wait_for_url(CASE_URL)
    _says(nurse, "Henvisningen er registrert.")
    nurse.get_by_role("link", name=f"Registrer svar ({bup.name})").click()
    axe(nurse, "referral-answer")
    nurse.get_by_role("radio", name="Avslag").check()
    _submit(nurse)  # an avslag without its reason
    assert nurse.get_by_role("alert").get_by_text("Skriv begrunnelsen for avslaget.").is_visible()
    axe(nurse, "referral-answer with errors")
    nurse.get_by_label("Begrunnelse for avslag").fill("Prøv kommunens psykiske helsetjeneste og fastlege først.")
    _submit(nurse)
    nurse.wait_for_url(CASE_URL)
    _says(nurse, f"Svaret fra {bup.name} er registrert.")
    referrals = nurse.get_by_role("table", name="Henvisninger")
    assert referrals.get_by_role(
        "cell", name="Avslag: Prøv kommunens psykiske helsetjeneste og fastlege først."
    ).is_visible()
    assert nurse.get_by_text(f"{bup.name} ga avslag: Prøv kommunens psykiske helsetjeneste").is_visible()  # in the log

    nurse.get_by_role("link", name="Ny henvisning").click()
    nurse.get_by_label("Henvist til").select_option(label=bup.name)
    nurse.get_by_label("Hva henvisningen gjelder").fill("Fastlegen mistenker spiseforstyrrelse etter undersøkelse.")
    nurse.get_by_label("Følger opp barnet mens det venter").select_option(label=world.nurse.full_name)
    _submit(nurse, "Registrer henvisningen")
    nurse.wait_for_url(CASE_URL)
    _says(nurse, "Henvisningen er registrert.")
    nurse.get_by_role("link", name=f"Registrer svar ({bup.name})").click()  # the first one is answered already
    nurse.get_by_role("radio", name="Tatt imot").check()
    _submit(nurse)
    nurse.wait_for_url(CASE_URL)
    _says(nurse, f"Svaret fra {bup.name} er registrert.")
    assert referrals.get_by_role("cell", name="Tatt imot").is_visible()
    axe(nurse, "detail, level 2 with referrals")

    # 6. The holder closes the case with a reason; it shows closed and offers reopening.
    nurse.get_by_role("link", name="Avslutt saken").click()
    axe(nurse, "close")
    nurse.get_by_label("Ønsket endring for barnet er nådd").check()
    nurse.get_by_label("Merknad").fill("BUP følger opp behandlingen; skolen og helsesykepleier fortsetter som før.")
    _submit(nurse, "Avslutt saken")
    case.refresh_from_db()
    assert case.closed_at is not None and case.closure_reason == "goal_reached"
    # The owning service's leader sees the closed case and may reopen it.
    principal.goto(case_url)
    assert principal.get_by_text(f"Avsluttet {timezone.localdate():%d.%m.%Y}").is_visible()
    assert _fact(principal, "Avsluttet fordi").inner_text() == "Ønsket endring for barnet er nådd"
    assert not principal.get_by_role("link", name="Ny loggføring").is_visible()
    axe(principal, "detail, closed")
    principal.get_by_role("link", name="Gjenåpne saken").click()
    assert principal.get_by_role("heading", name="Gjenåpne saken", level=1).is_visible()
    axe(principal, "reopen")

    # A person of another service who types the case's address learns nothing.
    adviser = log_in(world.ppt_adviser)
    response = adviser.goto(case_url)
    assert response.status == 404
    assert ANNA not in adviser.content() and ANNA_ID not in adviser.content()
    assert set(checked) >= PAGES, PAGES - set(checked)

    # The nurse closed it from the health station: the baton went back to the school, which keeps the closed
    # case, and she lands on her case list with what happened.
    nurse.wait_for_url(f"{live_server.url}{reverse('cases:list')}")
    _says(
        nurse,
        f"Sak {case.pk} er avsluttet. Stafettpinnen gikk tilbake til {world.teacher.full_name} i {world.school.name}.",
    )
    assert case.holder == world.teacher
