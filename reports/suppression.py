"""Small-number suppression: figures about children or cases that cannot identify a child.

Every count from 1 to k-1 (k = REPORT_SUPPRESSION_THRESHOLD, default 5) is shown as "<k" (primary
suppression). Then secondary suppression: a table is published with its row, column and grand totals, and each
row and column of that bordered table is a sum that a reader can check; a line with exactly one hidden cell
gives that cell away by subtraction. So while some line hides exactly one cell, the smallest other cell of that
line is hidden too ("x"). Zeros are shown: a zero is no child. A share is shown only when its denominator is at
least k and neither the part nor the rest is a small number (else the share, with the denominator, gives the
count away); a median only when at least k cases lie under it.
"""

from dataclasses import dataclass

from django.conf import settings


def threshold() -> int:
    """k: settings.REPORT_SUPPRESSION_THRESHOLD, read on every call so that a changed setting takes effect."""
    return settings.REPORT_SUPPRESSION_THRESHOLD


@dataclass(frozen=True)
class Cell:
    """A published count: its true value stays here, for charts and tests; templates print `str(cell)`."""

    value: int
    hidden: bool = False
    primary: bool = False
    k: int = 5

    def __str__(self) -> str:
        if not self.hidden:
            return str(self.value)
        return f"<{self.k}" if self.primary else "x"

    @property
    def shown(self) -> int | None:
        return None if self.hidden else self.value


def _small(value: int, k: int) -> bool:
    return 0 < value < k


def protect_grid(values: list[list[int]], k: int | None = None) -> list[list[Cell]]:
    """Suppress a bordered table given as its full grid: the last column holds the row totals and the last row
    the column totals (and the grand total in the corner). Returns the grid as Cells."""
    k = threshold() if k is None else k
    rows, cols = len(values), len(values[0]) if values else 0
    hidden = {(i, j) for i in range(rows) for j in range(cols) if _small(values[i][j], k)}
    primary = set(hidden)
    # Each row and each column is a sum a reader can check (a line of one cell, as in a single list's
    # columns, is none).
    lines = [[(i, j) for j in range(cols)] for i in range(rows)] + [[(i, j) for i in range(rows)] for j in range(cols)]
    lines = [line for line in lines if len(line) > 1]

    def is_total(point: tuple[int, int]) -> bool:
        return (rows > 1 and point[0] == rows - 1) or (cols > 1 and point[1] == cols - 1)

    changed = True
    while changed:
        changed = False
        for line in lines:
            if sum(1 for point in line if point in hidden) != 1:
                continue
            candidates = [point for point in line if point not in hidden]
            # The smallest cell costs the reader least; inner cells before totals, and a zero last (it hides
            # nothing a reader cannot guess, but a line of zeros and one hidden cell needs it).
            pick = min(candidates, key=lambda p: (values[p[0]][p[1]] == 0, is_total(p), values[p[0]][p[1]]))
            hidden.add(pick)
            changed = True
    return [[Cell(values[i][j], (i, j) in hidden, (i, j) in primary, k) for j in range(cols)] for i in range(rows)]


@dataclass
class Table:
    """A count table with its totals, suppressed. `rows` are (label, cells, row total)."""

    row_labels: list[str]
    col_labels: list[str]
    rows: list[tuple[str, list[Cell], Cell]]
    col_totals: list[Cell]
    total: Cell

    @property
    def is_empty(self) -> bool:
        return self.total.value == 0


def protect_table(row_labels, col_labels, values: list[list[int]], k: int | None = None) -> Table:
    """A row × column count table with row, column and grand totals, suppressed together."""
    grid = [[*row, sum(row)] for row in values]
    column_sums = [sum(row[j] for row in values) for j in range(len(col_labels))]
    grid.append([*column_sums, sum(column_sums)])
    cells = protect_grid(grid, k)
    return Table(
        row_labels=list(row_labels),
        col_labels=list(col_labels),
        rows=[(label, cells[i][:-1], cells[i][-1]) for i, label in enumerate(row_labels)],
        col_totals=cells[-1][:-1],
        total=cells[-1][-1],
    )


@dataclass
class Counts:
    """A list of counts that add up to a published total (one category per item), suppressed together."""

    items: list[tuple[str, Cell]]
    total: Cell

    @property
    def is_empty(self) -> bool:
        return self.total.value == 0


def protect_counts(labelled: list[tuple[str, int]], k: int | None = None) -> Counts:
    grid = protect_grid([[*(value for _, value in labelled), sum(value for _, value in labelled)]], k)[0]
    return Counts(items=[(label, grid[i]) for i, (label, _) in enumerate(labelled)], total=grid[-1])


def protect_count(value: int, k: int | None = None) -> Cell:
    """A single count published on its own (no total it is part of)."""
    k = threshold() if k is None else k
    return Cell(value, _small(value, k), _small(value, k), k)


def share(part: int, whole: int, k: int | None = None) -> str | None:
    """The part as a whole percentage of the whole, or None where it would identify a child."""
    k = threshold() if k is None else k
    if whole < k or _small(part, k) or _small(whole - part, k):
        return None
    return f"{round(100 * part / whole)} %"


def median_shown(count: int, k: int | None = None) -> bool:
    return count >= (threshold() if k is None else k)
