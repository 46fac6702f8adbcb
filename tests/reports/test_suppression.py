"""Small-number suppression (research T15): no published count from 1 to 4, and no hidden count that a reader
can work out from the published totals, on crafted tables and on a few thousand random ones (fixed seed)."""

import itertools
import random

import pytest
from django.test import override_settings

from reports.suppression import (
    median_shown,
    protect_count,
    protect_counts,
    protect_grid,
    protect_table,
    share,
    threshold,
)


def _bordered(values):
    grid = [[*row, sum(row)] for row in values]
    sums = [sum(row[j] for row in values) for j in range(len(values[0]))]
    return [*grid, [*sums, sum(sums)]]


def _lines(rows, cols):
    return [[(i, j) for j in range(cols)] for i in range(rows)] + [[(i, j) for i in range(rows)] for j in range(cols)]


def _recoverable_by_subtraction(cells):
    """Hidden cells that a line with one hidden cell and its published total give away."""
    rows, cols = len(cells), len(cells[0])
    found = []
    for line in _lines(rows, cols):
        hidden = [point for point in line if cells[point[0]][point[1]].hidden]
        if len(hidden) == 1:
            found.append(hidden[0])
    return found


def _recoverable_by_search(cells, k, limit=40):
    """Hidden cells with exactly one value consistent with every published line sum, found by trying all values
    of the hidden cells (primary ones 1..k-1, others 0..limit): a reader solving the sums exactly."""
    rows, cols = len(cells), len(cells[0])
    hidden = [(i, j) for i in range(rows) for j in range(cols) if cells[i][j].hidden]
    if len(hidden) > 6:
        return []  # too many to enumerate here; subtraction is checked for every table
    ranges = [range(1, k) if cells[i][j].primary else range(0, limit + 1) for i, j in hidden]
    seen = {point: set() for point in hidden}
    for guess in itertools.product(*ranges):
        values = {point: guess[n] for n, point in enumerate(hidden)}

        def value(point, values=values):
            return values.get(point, cells[point[0]][point[1]].value)

        # Rows: inner cells sum to the row's last cell; columns likewise.
        if all(sum(value((i, j)) for j in range(cols - 1)) == value((i, cols - 1)) for i in range(rows)) and all(
            sum(value((i, j)) for i in range(rows - 1)) == value((rows - 1, j)) for j in range(cols)
        ):
            for point in hidden:
                seen[point].add(values[point])
    return [point for point, options in seen.items() if len(options) == 1]


def test_small_counts_show_as_under_five_and_zero_stays_zero():
    counts = protect_counts([("a", 0), ("b", 3), ("c", 12), ("d", 20)], k=5)
    shown = {label: str(cell) for label, cell in counts.items}
    assert shown["a"] == "0" and shown["b"] == "<5"
    # One small cell and a published total: the next smallest is hidden too, or 3 = 35 - 12 - 20.
    assert shown["c"] == "x" and shown["d"] == "20" and str(counts.total) == "35"


def test_a_small_total_is_itself_hidden_and_takes_a_partner():
    counts = protect_counts([("a", 2), ("b", 0)], k=5)
    assert [str(cell) for _, cell in counts.items] == ["<5", "0"] and str(counts.total) == "<5"


def test_a_two_way_table_hides_a_second_cell_in_the_row_and_the_column():
    table = protect_table(["0", "1"], ["skole", "helse"], [[3, 10], [8, 9]], k=5)
    grid = [[*cells, total] for _, cells, total in table.rows] + [[*table.col_totals, table.total]]
    assert str(grid[0][0]) == "<5"
    assert not _recoverable_by_subtraction(grid)
    assert not _recoverable_by_search(grid, 5)


def test_shares_only_on_a_large_denominator_and_never_giving_a_small_count_away():
    assert share(10, 40, k=5) == "25 %"
    assert share(3, 40, k=5) is None  # 3 of 40 would be 7.5 %: with the 40, that is the 3
    assert share(38, 40, k=5) is None  # and 2 children without
    assert share(2, 4, k=5) is None
    assert share(0, 10, k=5) == "0 %"


@pytest.mark.parametrize("seed", range(8))
def test_no_random_table_publishes_a_small_count_or_lets_one_be_worked_out(seed):
    generator = random.Random(seed)
    k = 5
    for _ in range(250):
        rows, cols = generator.randint(1, 4), generator.randint(1, 5)
        # Mostly small numbers, as in a small municipality: zeros, ones to fours and some larger.
        values = [[generator.choice([0, 0, 1, 2, 3, 4, 5, 7, 12, 30]) for _ in range(cols)] for _ in range(rows)]
        cells = protect_grid(_bordered(values), k)
        published = [cell.value for row in cells for cell in row if not cell.hidden]
        assert not [value for value in published if 0 < value < k], values
        assert not _recoverable_by_subtraction(cells), values
        assert all(cell.primary for row in cells for cell in row if 0 < cell.value < k)


def test_the_exhaustive_reader_recovers_nothing_from_small_random_tables():
    generator = random.Random(2026)
    k = 5
    for _ in range(60):
        values = [[generator.choice([0, 1, 3, 6, 9]) for _ in range(2)] for _ in range(2)]
        cells = protect_grid(_bordered(values), k)
        assert not _recoverable_by_search(cells, k, limit=30), values


def test_the_threshold_defaults_to_five():
    assert threshold() == 5
    assert str(protect_count(4)) == "<5" and str(protect_count(5)) == "5"


@override_settings(REPORT_SUPPRESSION_THRESHOLD=10)
def test_a_higher_threshold_from_the_settings_hides_more():
    assert threshold() == 10
    assert str(protect_count(7)) == "<10" and str(protect_count(10)) == "10"
    counts = protect_counts([("a", 7), ("b", 30), ("c", 40)])
    assert [str(cell) for _, cell in counts.items] == ["<10", "x", "40"]
    assert share(20, 9) is None and share(20, 40) == "50 %"
    assert not median_shown(9) and median_shown(10)


@override_settings(REPORT_SUPPRESSION_THRESHOLD=3)
def test_a_lower_threshold_from_the_settings_shows_what_it_allows():
    assert str(protect_count(3)) == "3" and str(protect_count(2)) == "<3"
