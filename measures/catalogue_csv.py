"""CSV import and export of a measure catalogue, in the shape of the plan's tables.

Columns: Tiltak; Beskrivelse/målgruppe; Ansvarlig; Status; Nivå. "Ansvarlig" may name several services
separated by "/" (as the plan does): the first is responsible, the others are partners. The import checks every
row first and imports nothing unless all rows are good.

Limits: the upload is at most 1 MB (forms.MAX_IMPORT_BYTES), a file has at most MAX_IMPORT_ROWS measures (a
municipality's plan has a few hundred; more is a wrong file, and the limit bounds the time one request takes),
and a cell has at most CELL_MAX_CHARS characters (Python's csv.field_size_limit()). Each is refused with a
message, not an error page. 10,000 rows are checked and imported in a few seconds (services.catalogue_import
writes them in batches).
"""

import csv
import io
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from measures.models import Measure
from organisation.models import Municipality, Service

NAME_MAX_LENGTH = Measure._meta.get_field("name").max_length
COLUMNS = ["Tiltak", "Beskrivelse/målgruppe", "Ansvarlig", "Status", "Nivå"]
MAX_IMPORT_ROWS = 10_000
CELL_MAX_CHARS = csv.field_size_limit()
EXPORT_COLUMNS = [*COLUMNS, "Alder fra", "Alder til", "Arenaer", "Program", "Neste evaluering", "Offentlig"]

_STATUSES = {
    "i gang": Measure.Status.RUNNING,
    "under utvikling": Measure.Status.IN_DEVELOPMENT,
    "planlagt": Measure.Status.PLANNED,
    "avsluttet": Measure.Status.ENDED,
}
_LEVELS = {
    "helsefremmende": Measure.Level.HEALTH_PROMOTION,
    "universell": Measure.Level.UNIVERSAL,
    "selektiv": Measure.Level.SELECTIVE,
    "selektert": Measure.Level.SELECTIVE,
    "indisert": Measure.Level.INDICATED,
    "indikativ": Measure.Level.INDICATED,
}


class _Semicolon(csv.excel):
    delimiter = ";"


def _key(text: str) -> str:
    return " ".join(text.replace("_", " ").strip().rstrip(".").split()).casefold()


@dataclass
class CatalogueRow:
    line: int
    name: str
    description: str
    responsible: Service
    partners: list[Service]
    status: str
    level: str


@dataclass
class CatalogueImport:
    rows: list[CatalogueRow] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors and bool(self.rows)


def _unreadable(error: csv.Error) -> str:
    """The message for a line the csv module cannot read (the caller names the line)."""
    if "field larger than field limit" in str(error):
        return _("En celle er lengre enn %(limit)s tegn, så linjen kan ikke leses som CSV.") % {
            "limit": number_format(CELL_MAX_CHARS, force_grouping=True)
        }
    return _("Linjen kan ikke leses som CSV (%s).") % error


def parse_catalogue(data: bytes, *, municipality: Municipality) -> CatalogueImport:
    """Read and check a catalogue file for `municipality`. Line numbers count the header as line 1."""
    result = CatalogueImport()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        result.errors.append(
            (0, _("Filen er ikke lagret som UTF-8. Velg «CSV UTF-8» når du lagrer fra Excel, og prøv igjen."))
        )
        return result
    if not text.strip():
        result.errors.append((0, _("Filen er tom.")))
        return result
    if "\x00" in text:
        result.errors.append(
            (0, _("Filen inneholder tegn som ikke hører hjemme i en CSV-fil. Lagre den på nytt som CSV UTF-8."))
        )
        return result
    try:
        # The header's start is enough to tell the delimiter, and keeps the sniffer's regexes off a huge line.
        dialect = csv.Sniffer().sniff(text.splitlines()[0][:4000], delimiters=";,\t")
    except csv.Error:
        dialect = _Semicolon
    rows: list[list[str]] = []
    filled = 0  # rows with a measure, not counting the header and blank lines
    try:
        for cells in csv.reader(io.StringIO(text), dialect):
            rows.append(cells)
            filled += len(rows) > 1 and any(cell.strip() for cell in cells)
            if filled > MAX_IMPORT_ROWS:
                limit = number_format(MAX_IMPORT_ROWS, force_grouping=True)
                result.errors.append(
                    (
                        0,
                        _("Filen har mer enn %s tiltak. Del den i flere filer og importer dem etter hverandre.")
                        % limit,
                    )
                )
                return result
    except csv.Error as error:
        result.errors.append((len(rows) + 1, _unreadable(error)))
        return result
    header = [_key(cell) for cell in rows[0]]
    positions = {column: header.index(_key(column)) for column in COLUMNS if _key(column) in header}
    missing = [column for column in COLUMNS if column not in positions]
    if missing:
        result.errors.append((1, _("Mangler kolonne: %s.") % ", ".join(missing)))
        return result

    services = {
        _key(service.name): service for service in Service.objects.filter(municipalities=municipality).distinct()
    }
    taken = {_key(name) for name in Measure.objects.filter(municipality=municipality).values_list("name", flat=True)}
    seen: dict[str, int] = {}
    for line, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        cells += [""] * (len(header) - len(cells))

        def cell(column: str, cells=cells) -> str:
            return cells[positions[column]].strip()

        name = cell("Tiltak")
        problems = []
        if not name:
            problems.append(_("Tiltaket mangler navn."))
        elif len(name) > NAME_MAX_LENGTH:
            problems.append(_("Navnet er lengre enn %s tegn.") % NAME_MAX_LENGTH)
        elif _key(name) in taken:
            problems.append(_("«%s» finnes allerede i katalogen.") % name)
        elif _key(name) in seen:
            problems.append(_("«%(name)s» står også på linje %(line)s.") % {"name": name, "line": seen[_key(name)]})
        seen.setdefault(_key(name), line)
        named = [part.strip() for part in cell("Ansvarlig").split("/") if part.strip()]
        found = [services.get(_key(part)) for part in named]
        if not named:
            problems.append(_("Ansvarlig tjeneste mangler."))
        for part, service in zip(named, found, strict=True):
            if service is None:
                problems.append(_("Ukjent tjeneste «%s» i kommunen.") % part)
        status = _STATUSES.get(_key(cell("Status")))
        if status is None:
            problems.append(
                _("Ukjent status «%s». Bruk I gang, Under utvikling, Planlagt eller Avsluttet.") % cell("Status")
            )
        level = _LEVELS.get(_key(cell("Nivå")))
        if level is None:
            problems.append(
                _("Ukjent nivå «%s». Bruk Helsefremmende, Universell, Selektiv eller Indisert.") % cell("Nivå")
            )
        if not cell("Beskrivelse/målgruppe"):
            problems.append(_("Beskrivelse/målgruppe mangler."))
        if problems:
            result.errors.extend((line, problem) for problem in problems)
            continue
        result.rows.append(
            CatalogueRow(
                line=line,
                name=name,
                description=cell("Beskrivelse/målgruppe"),
                responsible=found[0],
                partners=[service for service in found[1:] if service != found[0]],
                status=status,
                level=level,
            )
        )
    if not result.rows and not result.errors:
        result.errors.append((0, _("Filen har ingen tiltak under overskriftene.")))
    return result


def _safe(value):
    # A cell starting with = + - @ is a formula to Excel: a measure's text must never run as one.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def catalogue_rows(measures):
    """The export: one row a measure, the plan's columns first. Expects arenas prefetched."""
    yield EXPORT_COLUMNS
    for measure in measures:
        yield [
            _safe(value)
            for value in [
                measure.name,
                measure.description,
                measure.responsible_service.name,
                measure.get_status_display(),
                measure.get_level_display(),
                "" if measure.age_from is None else measure.age_from,
                "" if measure.age_to is None else measure.age_to,
                ", ".join(arena.name for arena in measure.arenas.all()),
                measure.programme,
                measure.next_evaluation_on.isoformat(),
                "ja" if measure.is_public else "nei",
            ]
        ]
