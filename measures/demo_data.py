"""Demo data for the catalogue of preventive measures (tiltakspyramiden).

Hemsedal: transcribed from Hemsedal kommune's plan for preventive work with children and young people,
chapter 11 "Kommunale tiltak i Hemsedal kommune" (11.1 universelle, 11.3 selektive, 11.4 indikative tiltak and
11.5 interkommunale tiltak og samarbeidspartnere). Descriptions follow the plan's "Beskrivelse/målgruppe" column,
cleaned of PDF line-wrap artefacts and obvious typos; "Ansvarlig for tiltaket" is mapped onto the demo service names.

Tynset: a small catalogue derived from Tynset helsestasjon's written answers about its preventive work
(helsestasjon, skolehelsetjeneste, helsestasjon for ungdom, svangerskapsomsorg, COS-P, psykisk helsetjeneste
barn og unge, koordinator/TST). The descriptions are our summary of those answers, not quotations.

Our reading, not the sources' words: the pyramid level of every 11.5 partner, the split of 11.1 into
"helsefremmende" and "universell", all levels for Tynset, and every age range, arena, target group and programme tag.
"""

from dataclasses import dataclass


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


_FH = "Helse og forebygging – Familiens hus"
_SKOLE = "Hemsedal skole"
_BHG = "Hemsedal barnehage"

HEMSEDAL_MEASURES: list[DemoMeasure] = [
    # --- 11.1 Universelle tiltak / universell forebygging ---
    DemoMeasure(
        name="Svangerskapsomsorg",
        description="Oppfølging i svangerskapet.",
        target_group="Gravide",
        responsible=_FH,
        status="i_gang",
        level="universell",
        age_from=None,
        age_to=0,
        arenas=("svangerskap", "helsestasjon"),
    ),
    DemoMeasure(
        name="Foreldreforberedende kurs",
        description="Kurs for foreldre under svangerskap.",
        target_group="Vordende foreldre",
        responsible=_FH,
        status="i_gang",
        level="universell",
        age_from=None,
        age_to=0,
        arenas=("svangerskap", "helsestasjon"),
    ),
    DemoMeasure(
        name="EPDS",
        description="Samtale om psykisk helse og kartlegging av depresjonssymptomer med gravide og barselkvinner.",
        target_group="Gravide og barselkvinner",
        responsible=_FH,
        status="i_gang",
        level="universell",
        age_from=None,
        age_to=0,
        arenas=("svangerskap", "helsestasjon"),
        programme="EPDS",
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
    ),
    DemoMeasure(
        name="KIB- og KID-kurs",
        description="Lavterskel kurs for foresatte, belastningsmestring.",
        target_group="Foresatte",
        responsible=_FH,
        status="i_gang",
        level="universell",
        arenas=("helsetjeneste",),
        programme="KIB/KID",
    ),
    DemoMeasure(
        name="Psykoedukasjon",
        description="Tematreff om psykisk helse med fokus på psykoedukasjon og mestring.",
        target_group="Foresatte og andre interesserte",
        responsible=_FH,
        status="planlagt",
        level="universell",
        arenas=("helsetjeneste",),
        status_note="Oppstart høsten 2024",
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
    ),
    DemoMeasure(
        name="Barnehagen",
        description="Godt psykososialt lekemiljø.",
        target_group="Alle barn i barnehage",
        responsible=_BHG,
        status="i_gang",
        level="helsefremmende",
        age_from=1,
        age_to=5,
        arenas=("barnehage",),
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
        partners=(_BHG,),
    ),
    DemoMeasure(
        name="Skole",
        description="Skolens generelle helsefremmende arbeid for alle elever.",
        target_group="Alle elever",
        responsible=_SKOLE,
        status="i_gang",
        level="helsefremmende",
        age_from=6,
        age_to=16,
        arenas=("skole",),
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
        level="helsefremmende",
        age_from=6,
        age_to=13,
        arenas=("skole",),
        programme="Trivselsleder",
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
    ),
    DemoMeasure(
        name="Møteplasser",
        description=(
            "Tirsdagstreff for barn på 5.–7. trinn, onsdags- og fredagsklubben og Sterk ungdom (åpent styrkerom)."
        ),
        target_group="Barn fra 5. trinn og ungdom",
        responsible="Kultur",
        status="i_gang",
        level="helsefremmende",
        age_from=10,
        age_to=18,
        arenas=("fritid",),
        partners=(_FH,),
        status_note="Vurdere etablering av flere åpne møteplasser",
    ),
    DemoMeasure(
        name="BUA",
        description="Gratis utlån av utstyr.",
        target_group="Alle barn og unge",
        responsible="Frivilligsentralen",
        status="i_gang",
        level="helsefremmende",
        age_from=0,
        age_to=18,
        arenas=("fritid",),
    ),
    DemoMeasure(
        name="Sommeraktiviteter",
        description="For alle barn og unge fra 10 år, gratis tilbud.",
        target_group="Alle barn og unge fra 10 år",
        responsible=_FH,
        status="i_gang",
        level="helsefremmende",
        age_from=10,
        age_to=18,
        arenas=("fritid",),
        partners=("Frivilligsentralen",),
    ),
    DemoMeasure(
        name="Kulturskolen",
        description="Ulike aktivitets- og kulturtilbud til barn og unge.",
        target_group="Barn og unge",
        responsible="Kultur",
        status="i_gang",
        level="helsefremmende",
        age_from=6,
        age_to=18,
        arenas=("fritid",),
    ),
    DemoMeasure(
        name="Generelle tilbud og aktiviteter til barn og unge",
        description="Tilbud til barn og unge.",
        target_group="Barn og unge",
        responsible="Lag og organisasjoner",
        status="i_gang",
        level="helsefremmende",
        age_from=0,
        age_to=18,
        arenas=("fritid",),
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
    ),
    DemoMeasure(
        name="Forsterket overgang",
        description="Samarbeidsmøte for sårbare gravide familier.",
        target_group="Sårbare gravide og familier",
        responsible=_FH,
        status="i_gang",
        level="selektiv",
        age_from=None,
        age_to=0,
        arenas=("svangerskap", "helsestasjon"),
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
        partners=(_SKOLE, _FH),
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
    ),
    # --- 11.4 Indikativ forebygging / indiserte tiltak ---
    DemoMeasure(
        name="Trygg start",
        description=(
            "Program med tettere oppfølging for foreldre med økte risikofaktorer "
            "fra svangerskapet og de første småbarnsårene."
        ),
        target_group="Foreldre med økte risikofaktorer",
        responsible=_FH,
        status="under_utvikling",
        level="indisert",
        age_from=None,
        age_to=3,
        arenas=("svangerskap", "helsestasjon", "hjem"),
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
    ),
    # --- 11.5 Interkommunale tiltak, spesialisthelsetjenesten og andre samarbeidspartnere ---
    DemoMeasure(
        name="PPT og OT",
        description=(
            "Pedagogisk-psykologisk tjeneste som arbeider for å sikre likeverdig opplæring for alle barn, "
            "unge og voksne med særlige behov."
        ),
        target_group="Barn, unge og voksne med særlige behov",
        responsible="Interkommunal PPT og OT",
        status="i_gang",
        level="selektiv",
        age_from=0,
        age_to=None,
        arenas=("barnehage", "skole"),
    ),
    DemoMeasure(
        name="Barnevern",
        description="Rådgivende, veiledende, foreta undersøkelser, treffe vedtak, sette i gang tiltak.",
        target_group="Barn og familier med behov for hjelp fra barnevernet",
        responsible="Barneverntjenesten",
        status="i_gang",
        level="indisert",
        age_from=0,
        age_to=18,
        arenas=("hjem",),
    ),
    DemoMeasure(
        name="Hallingdal familie- og krisesenter",
        description=(
            "Tilbud for de som er utsatt for vold eller overgrep fra en partner, familie eller andre med nært forhold."
        ),
        target_group="Utsatte for vold i nære relasjoner",
        responsible="Hallingdal familie- og krisesenter",
        status="i_gang",
        level="indisert",
        arenas=("hjem",),
    ),
    DemoMeasure(
        name="NAV",
        description="Arbeids- og velferdsforvaltning.",
        target_group="Familier og unge med behov for arbeids- og velferdstjenester",
        responsible="NAV Hemsedal",
        status="i_gang",
        level="selektiv",
        arenas=("arbeid",),
    ),
    DemoMeasure(
        name="IPS-ung",
        description="Tilbud for innbyggere med psykisk uhelse eller rusproblematikk som vil komme i jobb.",
        target_group="Unge med psykisk uhelse eller rusproblematikk",
        responsible="NAV Hemsedal",
        status="i_gang",
        level="indisert",
        age_from=16,
        age_to=30,
        arenas=("arbeid",),
    ),
    DemoMeasure(
        name="Hallinglos/ungdomslos",
        description="Hjelper ungdommer til å fullføre og bestå utdanning, komme i jobb eller komme i aktivitet.",
        target_group="Ungdom i fare for å falle ut av skole eller arbeid",
        responsible="Hallinglos",
        status="i_gang",
        level="selektiv",
        age_from=15,
        age_to=25,
        arenas=("skole", "arbeid"),
    ),
    DemoMeasure(
        name="FACT-ung",
        description="Samarbeidsavtale om oppsøkende FACT-team.",
        target_group="Unge med sammensatte behov",
        responsible="FACT-ung",
        status="i_gang",
        level="indisert",
        age_from=12,
        age_to=25,
        arenas=("hjem", "helsetjeneste"),
    ),
    DemoMeasure(
        name="BUP",
        description="Barne- og ungdomspsykiatrien.",
        target_group="Barn og unge med psykiske lidelser",
        responsible="BUP Hallingdal",
        status="i_gang",
        level="indisert",
        age_from=0,
        age_to=18,
        arenas=("helsetjeneste",),
    ),
    DemoMeasure(
        name="Familievernkontoret",
        description="Gratis rådgivning, samtaler, veiledning, kurs og samtalegruppe.",
        target_group="Par og familier",
        responsible="Familievernkontoret",
        status="i_gang",
        level="universell",
        arenas=("hjem",),
    ),
    DemoMeasure(
        name="Ung invest",
        description="Tilbud for ungdom som trenger en annen vei gjennom videregående opplæring.",
        target_group="Ungdom i videregående opplæring",
        responsible="Ung invest",
        status="i_gang",
        level="selektiv",
        age_from=15,
        age_to=21,
        arenas=("skole", "arbeid"),
    ),
    DemoMeasure(
        name="Habiliteringstjenesten",
        description=(
            "For barn, unge og voksne med medfødt eller tidlig ervervet nevrologisk funksjonsnedsettelse – "
            "pasientoppfølging, kursing til brukere og pårørende."
        ),
        target_group="Barn, unge og voksne med nevrologisk funksjonsnedsettelse",
        responsible="Habiliteringstjenesten",
        status="i_gang",
        level="indisert",
        age_from=0,
        age_to=None,
        arenas=("helsetjeneste",),
    ),
    DemoMeasure(
        name="NOK.drammen",
        description="Hjelpetilbud til utsatte for seksuelle overgrep og for pårørende.",
        target_group="Utsatte for seksuelle overgrep og pårørende",
        responsible="NOK.drammen",
        status="i_gang",
        level="indisert",
        arenas=("helsetjeneste",),
    ),
    DemoMeasure(
        name="Konfliktrådet i Hallingdal",
        description=(
            "Spesielt ansvar for unge i konflikt med loven, strafferettslige reaksjoner, mekling, "
            "ungdomsoppfølging og ungdomsstraff."
        ),
        target_group="Unge i konflikt med loven",
        responsible="Konfliktrådet i Hallingdal",
        status="i_gang",
        level="selektiv",
        age_from=15,
        age_to=18,
    ),
    DemoMeasure(
        name="Politi",
        description="Samarbeid med politiet om forebyggende arbeid blant barn og unge, via politikontakten.",
        target_group="Barn og unge",
        responsible="Politiet – politikontakt",
        status="i_gang",
        level="universell",
        age_from=0,
        age_to=18,
        arenas=("skole", "fritid"),
    ),
]


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
