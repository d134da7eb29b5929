"""`build.py report` for the Stabsstelle: the coverage in the terminal and as CSV, and the call-round lists."""

from __future__ import annotations

import csv
import datetime as dt
import io
import posixpath
import textwrap
from collections.abc import Sequence

from mittendrin.dates.schedule import german_date
from mittendrin.inventory.coverage import SYMBOLS, THIN, Attention, Coverage, Duplicate, Matrix, mark, published_phrase
from mittendrin.model.config import Config
from mittendrin.model.offer import Offer

CSV_COLUMNS = ("auswertung", "zeile", "spalte", "anzahl", "kennzeichen")


def report_text(
    found: Coverage,
    attention: dict[str, list[Attention]],
    duplicates: Sequence[Duplicate],
    config: Config,
    today: dt.date,
) -> str:
    """Everything the report prints, as plain text for a terminal of about 120 columns."""
    lines = [
        f"Bestandsaufnahme {config.town}: {published_phrase(found.total)}, Stand {german_date(today)}",
        f"Zeichen: ✗ = kein Angebot (Lücke), ! = höchstens {THIN} Angebot (wenig).",
    ]
    for matrix in found.matrices:
        lines += ["", *matrix_lines(matrix, config.town)]
    for tally in found.tallies:
        lines += ["", tally.label]
        lines += [f"  {label}: {count}" for label, count in tally.counts] or ["  (keine Angaben)"]
    lines += ["", "Zum Nachfassen, nach Träger (nicht bestätigt, läuft bald aus, fehlende Angaben)"]
    if not attention:
        lines.append("  Nichts zu tun: alle Angebote sind aktuell und vollständig.")
    for organiser, items in attention.items():
        lines.append(f"  {organiser}")
        lines += [f"    - {a.offer.title} ({a.offer.source}): {'; '.join(a.reasons)}" for a in items]
    lines += ["", *simple_lines(found.without_simple)]
    lines += ["", "Mögliche Doppelungen (gleicher Träger, gleicher Wochentag, gleiche Uhrzeit)"]
    if not duplicates:
        lines.append("  Keine gefunden.")
    for d in duplicates:
        lines.append(f"  {d.organiser}, {d.day} {d.time}: " + ", ".join(o.source for o in d.offers))
    return "\n".join(line.rstrip() for line in lines) + "\n"


def simple_lines(offers: Sequence[Offer]) -> list[str]:
    """The offers without a text in Leichte Sprache: only their files, a few to a line, so the list stays short."""
    if not offers:
        return ["Alle Angebote haben einen Text in Leichter Sprache („einfach:“)."]
    title = f"Ohne Text in Leichter Sprache („einfach:“): {len(offers)} Angebot{'' if len(offers) == 1 else 'e'}"
    names = ", ".join(posixpath.basename(o.source) for o in offers)
    return [title, *textwrap.wrap(names, 118, initial_indent="  ", subsequent_indent="  ", break_on_hyphens=False)]


def matrix_lines(matrix: Matrix, town: str) -> list[str]:
    """A fixed-width table: row names left, one right-aligned column per term, a total row, then the gaps."""
    names = [r.name for r in matrix.rows] + [f"ganz {town}"]
    first = max(len(n) for n in [*names, matrix.row_label])
    widths = [max(len(c.name), 5) for c in matrix.columns]
    header = matrix.row_label.ljust(first) + "".join(
        f"  {c.name.rjust(w)}" for c, w in zip(matrix.columns, widths, strict=True)
    )
    body = [
        name.ljust(first) + "".join(f"  {_cell(n).rjust(w)}" for n, w in zip(row, widths, strict=True))
        for name, row in zip(names, [*matrix.counts, matrix.column_totals], strict=True)
    ]
    gaps = [f"{r.name} – {c.name}" for r, c in matrix.empty_cells()]
    return [
        matrix.title,
        header,
        *body,
        f"Lücken ({len(gaps)}): " + "; ".join(gaps) if gaps else "Keine Lücken.",
    ]


def coverage_csv(found: Coverage) -> str:
    """Every cell and count in long form (one row each), for a spreadsheet or a pivot table."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for matrix in found.matrices:
        writer.writerows((matrix.title, r.name, c.name, n, mark(n)) for r, c, n in matrix.cells())
    for tally in found.tallies:
        writer.writerows((tally.label, label, "", count, "") for label, count in tally.counts)
    return out.getvalue()


def _cell(count: int) -> str:
    return f"{count} {SYMBOLS[mark(count)]}" if mark(count) else f"{count}  "
