"""Demo data for the catalogue of preventive measures (tiltakspyramiden) and its partners.

WHAT IS THE PLAN'S AND WHAT IS INVENTED FOR THE DEMO
=====================================================

Hemsedal: transcribed from Hemsedal kommune's plan for preventive work with children and young people
(seeds/002_…), chapter 11 "Kommunale tiltak i Hemsedal kommune".

- The plan's: every measure's name, description (the plan's "Beskrivelse/målgruppe" column, cleaned of PDF
  line-wrap artefacts and obvious typos), level, status and status note, and `plan_responsible` (the plan's
  "Ansvarlig for tiltaket", as the plan writes it). The level is the section a row stands in: 11.1 universell
  (26 measures), 11.3 selektiv (6), 11.4 indisert (4). The plan uses no "helsefremmende" level in §11.
- The plan's, mapped by us: `responsible` and `partners` are `plan_responsible` put onto the demo's services.
  Where the plan names several services (jordmor, fysio/ergo, lege, psykisk helse, skole …) the first is
  responsible and the others are partners, so the joint responsibility stays.
- §11.5 ("Interkommunale tiltak, avtaler med spesialisthelsetjenesten og andre samarbeidspartnere") is no level
  of the pyramid: its 14 rows are HEMSEDAL_PARTNERS (CataloguePartner), listed apart. Name and description are
  the plan's; the link to a demo service is ours.
- INVENTED FOR THE DEMO (our reading, not the plan's words): the fields in HEMSEDAL_OUR_READING for every row
  (target group, age range, arenas, programme tag, whether it is public), and for a row also every field named in
  its `ours`.

Tynset: a small catalogue derived from Tynset helsestasjon's written answers about its preventive work
(seeds/000_…: helsestasjon, skolehelsetjeneste, helsestasjon for ungdom, svangerskapsomsorg, COS-P, psykisk
helsetjeneste barn og unge, koordinator/TST). Tynset has no such plan: INVENTED FOR THE DEMO are its
descriptions (our summary of the answers, not quotations), every level, and every age range, arena, target group
and programme tag.
"""

from dataclasses import dataclass

# Invented for the demo in every Hemsedal row: the plan has none of these columns.
HEMSEDAL_OUR_READING = ("target_group", "age_from", "age_to", "arenas", "programme", "public")


@dataclass(frozen=True)
class DemoMeasure:
    name: str
    description: str  # the plan's "Beskrivelse" text, cleaned of line-wrap artefacts, in Norwegian
    target_group: str  # short Norwegian phrase, e.g. "Gravide og barselkvinner", "Alle barn 0–5 år"
    responsible: str  # EXACT service name from the allowed list
    status: str  # one of: "planlagt", "under_utvikling", "i_gang", "avsluttet"
    level: str  # one of: "helsefremmende", "universell", "selektiv", "indisert"
    age_from: int | None = None  # years; pregnancy measures use None for age_from and 0 for age_to
    age_to: int | None = None
    arenas: tuple[str, ...] = ()  # arena codes
    partners: tuple[str, ...] = ()  # EXACT service names (other services named in "Ansvarlig")
    programme: str = ""  # e.g. "COS-P", "MOT", "Trivselsleder", "KIB/KID", "EPDS", "Stine Sofie", "PYC", "NBO"
    status_note: str = ""  # e.g. "Oppstart høsten 2024"
    public: bool = True  # shown on the public "Er du urolig for et barn?" page
    plan_responsible: str = ""  # the plan's "Ansvarlig for tiltaket" as written there ("" where the plan is blank)
    ours: tuple[str, ...] = ()  # fields, beyond HEMSEDAL_OUR_READING, whose value is ours and not the plan's


@dataclass(frozen=True)
class DemoPartner:
    name: str  # the plan's
    description: str = ""  # the plan's
    service: str = ""  # ours: the demo service the partner is, where there is one


_FH = "Helse og forebygging – Familiens hus"
_SKOLE = "Hemsedal skole"
_BHG = "Hemsedal barnehage"
# Named in the plan's "Ansvarlig" column beside Familiens hus; seatless services in organisation/demo.py.
_JORDMOR = "Jordmortjenesten"
_FYSIO_ERGO = "Fysio- og ergoterapitjenesten"
_LEGE = "Legetjenesten"
_PSYK = "Psykisk helse"

HEMSEDAL_MEASURES: list[DemoMeasure] = [
    # --- 11.1 Universelle tiltak / universell forebygging ---
    DemoMeasure(
        name="Svangerskapsomsorg",
        description="Oppfølging i svangerskapet.",
        target_group="Gravide",
        responsible=_JORDMOR,
        status="i_gang",
        level="universell",
        age_from=None,
        age_to=0,
        arenas=("svangerskap", "helsestasjon"),
        plan_responsible="Jordmortjenesten",
    ),
    DemoMeasure(
        name="Foreldreforberedende kurs",
        description="Kurs for foreldre under svangerskap.",
        target_group="Vordende foreldre",
        responsible=_JORDMOR,
        status="i_gang",
        level="universell",
        age_from=None,
        age_to=0,
        arenas=("svangerskap", "helsestasjon"),
        partners=(_FH,),
        plan_responsible="Jordmortjenesten/Familiens hus",
    ),
    DemoMeasure(
        name="EPDS",
        description="Samtale om psykisk helse og kartlegging av depresjonssymptomer med gravide og barselkvinner.",
        target_group="Gravide og barselkvinner",
        responsible=_JORDMOR,
        status="i_gang",
        level="universell",
        age_from=None,
        age_to=0,
        arenas=("svangerskap", "helsestasjon"),
        programme="EPDS",
        partners=(_FH,),
        plan_responsible="Jordmortjenesten/Familiens hus",
    ),
    DemoMeasure(
        name="Helsestasjonsprogrammet",
        description="Alle barn 0–5 år, regelmessige konsultasjoner og ammevennlig helsestasjon.",
        target_group="Alle barn 0–5 år",
        responsible=_FH,
        status="i_gang",
        level="universell",
        age_from=0,
        age_to=5,
        arenas=("helsestasjon",),
        partners=(
            _FYSIO_ERGO,
            _LEGE,
        ),
        plan_responsible="Familiens hus/fysio/ergo, lege",
    ),
    DemoMeasure(
        name="Stine Sofie foreldrepakke",
        description="Styrke foreldrerollen, gi støtte og verktøy til å håndtere det som er krevende.",
        target_group="Vordende foreldre og foreldre til små barn",
        responsible=_FH,
        status="i_gang",
        level="universell",
        age_from=None,
        age_to=5,
        arenas=("svangerskap", "helsestasjon", "hjem"),
        programme="Stine Sofie",
        partners=(_JORDMOR,),
        plan_responsible="Familiens hus/jordmortjenesten",
    ),
    DemoMeasure(
        name="Skolehelsetjenesten",
        description="Barn i skolealder, individuell oppfølging og innsatser i klassemiljø.",
        target_group="Barn og unge i skolealder",
        responsible=_FH,
        status="i_gang",
        level="universell",
        age_from=6,
        age_to=19,
        arenas=("skole",),
        partners=(
            _FYSIO_ERGO,
            _LEGE,
        ),
        plan_responsible="Familiens hus/fysio/ergo, lege",
    ),
    DemoMeasure(
        name="Helsestasjon for ungdom (HFU)",
        description="Alle unge fra 12–23 år, råd og veiledning.",
        target_group="Alle unge 12–23 år",
        responsible=_FH,
        status="i_gang",
        level="universell",
        age_from=12,
        age_to=23,
        arenas=("helsestasjon",),
        partners=(_JORDMOR,),
        plan_responsible="Familiens hus/jordmortjenesten",
    ),
    DemoMeasure(
        name="Småbarnstreff",
        description="Foreldre med småbarn, nettverksbygging med innslag av ulike samtaletema.",
        target_group="Foreldre med småbarn",
        responsible=_FH,
        status="i_gang",
        level="universell",
        age_from=0,
        age_to=3,
        arenas=("helsestasjon",),
        plan_responsible="Familiens hus",
    ),
    DemoMeasure(
        name="Barselgruppe",
        description="Et nettverksskapende tilbud til nybakte foreldre.",
        target_group="Nybakte foreldre",
        responsible=_FH,
        status="i_gang",
        level="universell",
        age_from=0,
        age_to=1,
        arenas=("helsestasjon",),
        plan_responsible="Familiens hus",
    ),
    DemoMeasure(
        name="Foreldreveiledning",
        description="Foreldreveiledning i grupper etter COS-P, lavterskel kurs for foresatte.",
        target_group="Foresatte",
        responsible=_FH,
        status="i_gang",
        level="universell",
        age_from=0,
        age_to=18,
        arenas=("helsestasjon",),
        programme="COS-P",
        plan_responsible="Familiens hus",
    ),
    DemoMeasure(
        name="KIB- og KID-kurs",
        description="Lavterskel kurs for foresatte, belastningsmestring.",
        target_group="Foresatte",
        responsible=_PSYK,
        status="i_gang",
        level="universell",
        arenas=("helsetjeneste",),
        programme="KIB/KID",
        plan_responsible="Psykisk helse",
    ),
    DemoMeasure(
        name="Psykoedukasjon",
        description="Tematreff om psykisk helse med fokus på psykoedukasjon og mestring.",
        target_group="Foresatte og andre interesserte",
        responsible=_PSYK,
        status="planlagt",
        level="universell",
        arenas=("helsetjeneste",),
        status_note="Oppstart høsten 2024",
        partners=(_FH,),
        plan_responsible="Psykisk helse og familiens hus",
        ours=("status",),
    ),
    DemoMeasure(
        name="Psyktnormalt",
        description="Normalisering av utfordringer ungdommen står i.",
        target_group="Ungdom",
        responsible=_FH,
        status="under_utvikling",
        level="universell",
        age_from=13,
        age_to=19,
        arenas=("skole",),
        partners=(_SKOLE,),
        plan_responsible="Familiens hus/skolen",
    ),
    DemoMeasure(
        name="Foreldregruppe",
        description="Nettverksbygging.",
        target_group="Foresatte til skolebarn",
        responsible=_SKOLE,
        status="under_utvikling",
        level="universell",
        age_from=6,
        age_to=16,
        arenas=("skole",),
        partners=(_FH,),
        plan_responsible="Skole/Familiens hus",
    ),
    DemoMeasure(
        name="Barnehagen",
        description="Godt psykososialt lekemiljø.",
        target_group="Alle barn i barnehage",
        responsible=_BHG,
        status="i_gang",
        level="universell",
        age_from=1,
        age_to=5,
        arenas=("barnehage",),
        plan_responsible="Barnehagen",
    ),
    DemoMeasure(
        name="Språkprosjekt Ulsåk barnehage",
        description=(
            "Barn født 2019 og 2020. Språkstimulering gjennom forskjellige aktiviteter. "
            "Barna får med seg en ny boks kvar veke. Spesialpedagogene i barnehagen har hovedansvaret."
        ),
        target_group="Barn født 2019 og 2020",
        responsible="Ulsåk barnehage",
        status="i_gang",
        level="universell",
        age_from=3,
        age_to=5,
        arenas=("barnehage", "hjem"),
        partners=("Interkommunal PPT og OT",),
        plan_responsible=(
            "Ulsåk barnehage i samråd med PPT. Det er spesialpedagogene i barnehagen som har hovedansvaret."
        ),
    ),
    DemoMeasure(
        name="Temaforeldremøte",
        description="Godt foresattsamarbeid.",
        target_group="Foresatte",
        responsible=_FH,
        status="i_gang",
        level="universell",
        age_from=1,
        age_to=16,
        arenas=("barnehage", "skole"),
        partners=(
            _BHG,
            _SKOLE,
        ),
        plan_responsible="Familiens hus/oppvekst",
        ours=("partners",),
    ),
    DemoMeasure(
        name="Skole",
        description="Skolen for alle elever. (Planen har ingen beskrivelse.)",
        target_group="Alle elever",
        responsible=_SKOLE,
        status="i_gang",
        level="universell",
        age_from=6,
        age_to=16,
        arenas=("skole",),
        plan_responsible="",
        ours=(
            "description",
            "responsible",
        ),
    ),
    DemoMeasure(
        name="SFO",
        description=(
            "Skolefritidsordning (SFO) før og etter skoletid for 1.–4. årstrinn "
            "og for barn med særskilte behov for 1.–7. årstrinn."
        ),
        target_group="Elever på 1.–4. trinn (1.–7. ved særskilte behov)",
        responsible=_SKOLE,
        status="i_gang",
        level="universell",
        age_from=6,
        age_to=12,
        arenas=("skole", "fritid"),
        plan_responsible="Skole",
    ),
    DemoMeasure(
        name="Trivselsledere",
        description=(
            "Mobbefrie trivselsledere (TL) er elever som bidrar til et bedre samhold og et tryggere skolemiljø, "
            "gjennom organisert aktivitet i friminuttene."
        ),
        target_group="Alle elever",
        responsible=_SKOLE,
        status="i_gang",
        level="universell",
        age_from=6,
        age_to=13,
        arenas=("skole",),
        programme="Trivselsleder",
        plan_responsible="Skole",
    ),
    DemoMeasure(
        name="MOT",
        description="MOT tilbyr forebyggende og holdningsskapende programmer til ungdomsskoler og videregående skoler.",
        target_group="Ungdomsskole- og videregående elever",
        responsible=_SKOLE,
        status="i_gang",
        level="universell",
        age_from=13,
        age_to=19,
        arenas=("skole",),
        programme="MOT",
        plan_responsible="Skole",
    ),
    DemoMeasure(
        name="Møteplasser",
        description=(
            "Tirsdagstreff for barn på 5.–7. trinn, onsdags- og fredagsklubben og Sterk ungdom (åpent styrkerom)."
        ),
        target_group="Barn fra 5. trinn og ungdom",
        responsible="Kultur",
        status="i_gang",
        level="universell",
        age_from=10,
        age_to=18,
        arenas=("fritid",),
        status_note="Vurdere etablering av flere åpne møteplasser",
        partners=(_FH,),
        plan_responsible="Kultur/Helse og forebygging",
    ),
    DemoMeasure(
        name="BUA",
        description="Gratis utlån av utstyr.",
        target_group="Alle barn og unge",
        responsible="Frivilligsentralen",
        status="i_gang",
        level="universell",
        age_from=0,
        age_to=18,
        arenas=("fritid",),
        plan_responsible="Frivilligsentralen",
    ),
    DemoMeasure(
        name="Sommeraktiviteter",
        description="For alle barn og unge fra 10 år, gratis tilbud.",
        target_group="Alle barn og unge fra 10 år",
        responsible=_FH,
        status="i_gang",
        level="universell",
        age_from=10,
        age_to=18,
        arenas=("fritid",),
        partners=("Frivilligsentralen",),
        plan_responsible="Helse og forebygging – BUA",
        ours=("partners",),
    ),
    DemoMeasure(
        name="Kulturskolen",
        description="Ulike aktivitets- og kulturtilbud til barn og unge.",
        target_group="Barn og unge",
        responsible="Kultur",
        status="i_gang",
        level="universell",
        age_from=6,
        age_to=18,
        arenas=("fritid",),
        plan_responsible="Kultur",
    ),
    DemoMeasure(
        name="Generelle tilbud og aktiviteter til barn og unge",
        description="Tilbud til barn og unge.",
        target_group="Barn og unge",
        responsible="Lag og organisasjoner",
        status="i_gang",
        level="universell",
        age_from=0,
        age_to=18,
        arenas=("fritid",),
        plan_responsible="Lag og organisasjoner",
    ),
    # --- 11.3 Selektiv forebygging / selekterte tiltak ---
    DemoMeasure(
        name="Familieveiledning",
        description="Målrettet veiledning til en eller flere spesifikke utfordringer.",
        target_group="Familier med spesifikke utfordringer",
        responsible=_FH,
        status="i_gang",
        level="selektiv",
        age_from=0,
        age_to=18,
        arenas=("helsestasjon", "hjem"),
        plan_responsible="Familiens hus",
    ),
    DemoMeasure(
        name="Individuell oppfølging psykisk helse barn og unge",
        description="Tilbud til barn og unge som har behov for økt oppfølging av psykisk helse.",
        target_group="Barn og unge med behov for økt oppfølging",
        responsible=_FH,
        status="i_gang",
        level="selektiv",
        age_from=6,
        age_to=18,
        arenas=("helsetjeneste", "skole"),
        plan_responsible="Familiens hus",
    ),
    DemoMeasure(
        name="Forsterket overgang",
        description="Samarbeidsmøte for sårbare gravide familier.",
        target_group="Sårbare gravide og familier",
        responsible=_JORDMOR,
        status="i_gang",
        level="selektiv",
        age_from=None,
        age_to=0,
        arenas=("svangerskap", "helsestasjon"),
        partners=(_FH,),
        plan_responsible="Jordmortjenesten/familiens hus",
    ),
    DemoMeasure(
        name="Barn som pårørende",
        description="Ivaretakelse av barns rettigheter som pårørende.",
        target_group="Barn som pårørende",
        responsible=_FH,
        status="i_gang",
        level="selektiv",
        age_from=0,
        age_to=18,
        arenas=("helsetjeneste", "hjem"),
        status_note="Under utvikling i form av gruppebasert tilnærming",
        plan_responsible="Familiens hus",
    ),
    DemoMeasure(
        name="Overgangsmøte barnehage og skole",
        description="Overgangsplan og møte for å sikre videre ivaretakelse.",
        target_group="Barn som trenger ekstra ivaretakelse ved skolestart",
        responsible=_BHG,
        status="i_gang",
        level="selektiv",
        age_from=5,
        age_to=6,
        arenas=("barnehage", "skole"),
        partners=(
            _SKOLE,
            _FH,
        ),
        plan_responsible="Barnehage/skole/familiens hus",
    ),
    DemoMeasure(
        name="Gruppebasert tilbud",
        description=("Ut fra behov: skilsmissegruppe, vennskaps- og miljøgruppe, psykologisk førstehjelp o.l."),
        target_group="Barn og unge med felles utfordringer",
        responsible=_FH,
        status="i_gang",
        level="selektiv",
        age_from=6,
        age_to=18,
        arenas=("skole", "helsetjeneste"),
        plan_responsible="Familiens hus",
    ),
    # --- 11.4 Indikativ forebygging / indiserte tiltak ---
    DemoMeasure(
        name="Trygg start",
        description=(
            "Program med tettere oppfølging for foreldre med økte risikofaktorer "
            "fra svangerskapet og de første småbarnsårene."
        ),
        target_group="Foreldre med økte risikofaktorer",
        responsible=_JORDMOR,
        status="under_utvikling",
        level="indisert",
        age_from=None,
        age_to=3,
        arenas=("svangerskap", "helsestasjon", "hjem"),
        partners=(_FH,),
        plan_responsible="Jordmortjenesten/Familiens hus",
    ),
    DemoMeasure(
        name="PYC-tilnærming",
        description=(
            "Foreldreveiledning til foreldre som har behov for konkret, individuell og hjemmebasert tilnærming."
        ),
        target_group="Foreldre med behov for hjemmebasert veiledning",
        responsible=_FH,
        status="i_gang",
        level="indisert",
        age_from=0,
        age_to=7,
        arenas=("hjem",),
        programme="PYC",
        plan_responsible="Familiens hus",
    ),
    DemoMeasure(
        name="NBO",
        description="Samspillsveiledning.",
        target_group="Foreldre og nyfødte",
        responsible=_FH,
        status="under_utvikling",
        level="indisert",
        age_from=0,
        age_to=1,
        arenas=("helsestasjon", "hjem"),
        programme="NBO",
        plan_responsible="Familiens hus",
    ),
    DemoMeasure(
        name="Nærværsprosjektet",
        description="Å arbeide systematisk med å identifisere bekymringsfullt fravær og sette inn tiltak.",
        target_group="Elever med bekymringsfullt fravær",
        responsible=_SKOLE,
        status="i_gang",
        level="indisert",
        age_from=6,
        age_to=16,
        arenas=("skole",),
        partners=(_FH,),
        plan_responsible="Skole/Familiens hus",
    ),
]

# --- 11.5 Interkommunale tiltak, avtaler med spesialisthelsetjenesten og andre samarbeidspartnere ---
# Partners of the catalogue, outside the pyramid: the plan gives them no level. Name and description are the
# plan's (cleaned of line-wrap artefacts); `service` links a partner to the demo's service and is our mapping.
HEMSEDAL_PARTNERS: list[DemoPartner] = [
    DemoPartner(
        name="PPT og OT",
        description=(
            "Pedagogisk-psykologisk tjeneste som arbeider for å sikre likeverdig opplæring for alle barn, "
            "unge og voksne med særlige behov."
        ),
        service="Interkommunal PPT og OT",
    ),
    DemoPartner(
        name="Barnevern",
        description="Rådgivende, veiledende, foreta undersøkelser, treffe vedtak, sette i gang tiltak.",
        service="Barneverntjenesten",
    ),
    DemoPartner(
        name="Hallingdal familie- og krisesenter",
        description=(
            "Tilbud for de som er utsatt for vold eller overgrep fra en partner, familie eller andre med nært forhold."
        ),
        service="Hallingdal familie- og krisesenter",
    ),
    DemoPartner(name="NAV", description="Arbeids- og velferdsforvaltning.", service="NAV Hemsedal"),
    DemoPartner(
        name="IPS-ung",
        description="Tilbud for innbyggere med psykisk uhelse eller rusproblematikk som vil komme i jobb.",
    ),
    DemoPartner(
        name="Hallinglos/ungdomslos",
        description="Hjelper ungdommer til å fullføre og bestå utdanning, komme i jobb eller komme i aktivitet.",
        service="Hallinglos",
    ),
    DemoPartner(name="FACT-ung", description="Samarbeidsavtale om oppsøkende FACT-team.", service="FACT-ung"),
    DemoPartner(name="BUP", description="Barne- og ungdomspsykiatrien.", service="BUP Hallingdal"),
    DemoPartner(
        name="Familievernkontoret",
        description="Gratis rådgivning, samtaler, veiledning, kurs og samtalegruppe.",
        service="Familievernkontoret",
    ),
    DemoPartner(
        name="Ung invest",
        description="Tilbud for ungdom som trenger en annen vei gjennom videregående opplæring.",
        service="Ung invest",
    ),
    DemoPartner(
        name="Habiliteringstjenesten",
        description=(
            "For barn, unge og voksne med medfødt eller tidlig ervervet nevrologisk funksjonsnedsettelse – "
            "pasientoppfølging, kursing til brukere og pårørende."
        ),
        service="Habiliteringstjenesten",
    ),
    DemoPartner(
        name="NOK.drammen",
        description="Hjelpetilbud til utsatte for seksuelle overgrep og for pårørende.",
        service="NOK.drammen",
    ),
    DemoPartner(
        name="Konfliktrådet i Hallingdal",
        description=(
            "Spesielt ansvar for unge i konflikt med loven, strafferettslige reaksjoner, mekling, "
            "ungdomsoppfølging og ungdomsstraff."
        ),
        service="Konfliktrådet i Hallingdal",
    ),
    # The plan names the police and says no more: no description here either.
    DemoPartner(name="Politi", service="Politiet – politikontakt"),
]

# Rows that earlier versions of the demo put into the pyramid; measures/demo.py takes them out of old demo
# databases.
FORMER_PARTNER_MEASURES = tuple(partner.name for partner in HEMSEDAL_PARTNERS)

_HS = "Tynset helsestasjon"

TYNSET_MEASURES: list[DemoMeasure] = [
    DemoMeasure(
        name="Svangerskapsomsorg",
        description="Oppfølging av gravide hos jordmor på helsestasjonen, etter nasjonale faglige retningslinjer.",
        target_group="Gravide",
        responsible=_HS,
        status="i_gang",
        level="universell",
        age_from=None,
        age_to=0,
        arenas=("svangerskap", "helsestasjon"),
    ),
    DemoMeasure(
        name="Helsestasjonsprogrammet",
        description=(
            "Konsultasjoner hos helsesykepleier og helsestasjonslege som følger barnets utvikling over tid, "
            "etter nasjonale faglige retningslinjer."
        ),
        target_group="Alle barn 0–5 år",
        responsible=_HS,
        status="i_gang",
        level="universell",
        age_from=0,
        age_to=5,
        arenas=("helsestasjon",),
    ),
    DemoMeasure(
        name="Skolehelsetjenesten",
        description=(
            "Skolehelsetjeneste tilgjengelig på hver skole for 1.–10. trinn og på videregående skole, "
            "med konsultasjoner ute på skolene og skolelege."
        ),
        target_group="Alle elever 1.–10. trinn og videregående",
        responsible=_HS,
        status="i_gang",
        level="universell",
        age_from=6,
        age_to=19,
        arenas=("skole",),
        partners=("Tynset barneskole", "Tynset ungdomsskole"),
    ),
    DemoMeasure(
        name="Helsestasjon for ungdom",
        description="Lavterskeltilbud for ungdom med helsesykepleier og lege.",
        target_group="Ungdom",
        responsible=_HS,
        status="i_gang",
        level="universell",
        age_from=13,
        age_to=20,
        arenas=("helsestasjon",),
    ),
    DemoMeasure(
        name="Foreldreveiledning (COS-P)",
        description=(
            "Foreldreveiledning etter COS-P (Trygghetssirkelen), i grupper og individuelt. "
            "Alle ansatte ved helsestasjonen er utdannet COS-P-veiledere."
        ),
        target_group="Foreldre og foresatte",
        responsible=_HS,
        status="i_gang",
        level="universell",
        age_from=0,
        age_to=18,
        arenas=("helsestasjon",),
        programme="COS-P",
    ),
    DemoMeasure(
        name="Undervisning på skolene",
        description=(
            "Helsestasjonen underviser på barneskole, ungdomsskole og videregående, "
            "både etter eget initiativ og etter skolens ønske."
        ),
        target_group="Elever i barneskole, ungdomsskole og videregående",
        responsible=_HS,
        status="i_gang",
        level="helsefremmende",
        age_from=6,
        age_to=19,
        arenas=("skole",),
        partners=("Tynset barneskole", "Tynset ungdomsskole"),
    ),
    DemoMeasure(
        name="Kontaktperson for barnehagene",
        description="Kontaktpersoner fra helse i hver barnehage.",
        target_group="Barn i barnehage og barnehageansatte",
        responsible=_HS,
        status="i_gang",
        level="universell",
        age_from=1,
        age_to=5,
        arenas=("barnehage",),
        partners=("Tynset barnehage",),
        status_note="Ønske om tettere samarbeid og tilgjengelighet for barnehagene",
    ),
    DemoMeasure(
        name="Psykisk helsetjeneste barn og unge",
        description=(
            "Oppfølging av barn og unge med milde til moderate psykiske helseplager. "
            "Moderate til alvorlige tilstander følges opp av BUP."
        ),
        target_group="Barn og unge med milde til moderate psykiske helseplager",
        responsible="Psykisk helsetjeneste barn og unge",
        status="i_gang",
        level="indisert",
        age_from=6,
        age_to=18,
        arenas=("helsetjeneste",),
    ),
    DemoMeasure(
        name="Koordinator og tverrfaglig samhandlingsteam (TST)",
        description=(
            "Helsestasjonen kan være koordinator og deltar i tverrfaglige samhandlingsteam og samarbeidsmøter "
            "for å fange opp saker tidlig på tvers av tjenestene."
        ),
        target_group="Barn, unge og familier med behov for samordnede tjenester",
        responsible=_HS,
        status="i_gang",
        level="selektiv",
        age_from=0,
        age_to=18,
        arenas=("helsestasjon", "skole", "barnehage"),
        partners=("Barneverntjenesten i Nord-Østerdal", "Interkommunal PPT og OT"),
    ),
]
