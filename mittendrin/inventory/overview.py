"""The 'Überblick' page: coverage tables, the list of gaps and a chart, prepared so the template only prints."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from mittendrin.dates.schedule import german_date
from mittendrin.inventory.chart import bar_chart
from mittendrin.inventory.coverage import SYMBOLS, THIN, Matrix, coverage, mark, published_phrase
from mittendrin.model.config import Config
from mittendrin.model.offer import Offer


@dataclass(frozen=True)
class Cell:
    count: int
    note: str  # "✗ Lücke", "! wenig" or ""


def cell(count: int) -> Cell:
    return Cell(count, f"{SYMBOLS[mark(count)]} {mark(count)}" if mark(count) else "")


@dataclass(frozen=True)
class Table:
    id: str
    heading: str
    caption: str
    corner: str  # the header over the row names
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[Cell, ...]], ...]
    gaps: tuple[str, ...]  # "Eickel – Freitag", in reading order
    thin: tuple[str, ...]

    @property
    def scroll_hint(self) -> str:
        """Said above the table where it is wider than the screen, so that nobody misses its last columns."""
        return f"Die Tabelle ist breiter als der Bildschirm: Schieben Sie sie zur Seite, um alle Spalten bis „{self.columns[-1]}“ zu sehen."


def table(matrix: Matrix, table_id: str, town: str) -> Table:
    cells = [tuple(cell(n) for n in row) for row in matrix.counts]
    rows = [(term.name, row) for term, row in zip(matrix.rows, cells, strict=True)]
    rows.append((f"ganz {town}", tuple(cell(n) for n in matrix.column_totals)))
    return Table(
        id=table_id,
        heading=matrix.title,
        caption=f"Angebote nach {matrix.title} (Anzahl)",
        corner=matrix.row_label,
        columns=tuple(c.name for c in matrix.columns),
        rows=tuple(rows),
        gaps=tuple(f"{r.name} – {c.name}" for r, c in matrix.empty_cells()),
        thin=tuple(f"{r.name} – {c.name}" for r, c in matrix.thin_cells()),
    )


def overview_context(offers: Sequence[Offer], config: Config, today: dt.date) -> dict:
    """Everything /ueberblick/ shows, from the published offers."""
    found = coverage(offers, config, today)
    by_day = found.matrices[1]
    days = [(term.name, n) for term, n in zip(by_day.columns, by_day.column_totals, strict=True)]
    return {
        "published": published_phrase(found.total),
        "as_of": german_date(today),
        "thin": THIN,
        "tables": [table(m, f"tabelle-{i}", config.town) for i, m in enumerate(found.matrices, 1)],
        "tallies": list(found.tallies),
        "chart": bar_chart(
            "diagramm-wochentage",
            "Angebote je Wochentag",
            days,
            "Balkendiagramm. Die Zahlen stehen auch in der Tabelle unter dem Diagramm.",
        ),
        "chart_rows": [(name, cell(n)) for name, n in days],
    }
