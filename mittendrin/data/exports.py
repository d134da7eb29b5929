"""Writes the open data under daten/ and each offer's termine.ics: JSON, CSV, Excel, Einsamkeit.NRW, HSDS 3.0,
iCalendar and Atom.

Everything is derived from the published offers and the build date only, so two builds of one day are byte-identical.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import os
import xml.etree.ElementTree as ET
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from mittendrin.data import hsds
from mittendrin.data.calendar import OfferCalendar, calendar_file, offer_calendar
from mittendrin.data.einsamkeit import STATE_COLUMN_NAMES, state_row
from mittendrin.data.records import COLUMN_NAMES, Value, cell_text, csv_row, offer_record
from mittendrin.model.config import Config
from mittendrin.model.offer import Offer

FEED_SIZE = 50  # entries in neu.atom: enough for a month of changes, small enough for a feed reader
ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class OfferData:
    """One offer's share of the open data, serialised: worked out with the offer's view (on all cores, and
    remembered with it from build to build), so that writing the files only joins the pieces.

    The texts are kept zlib-compressed (`text` reads one): at 10,000 offers they come to over 100 MB, which the
    build would otherwise hold beside its views from checking to the end, and store in its memory."""

    record: bytes  # its line of angebote.json; its row of angebote.xlsx is read back from it
    csv_row: bytes  # its line of angebote.csv
    state_row: bytes  # its line of einsamkeit-nrw.csv
    service: bytes  # its line of hsds/services.json
    location: bytes  # its line of hsds/locations.json; b"" without a place
    calendar: OfferCalendar


def offer_data(offer: Offer, config: Config, today: dt.date, calendar: OfferCalendar | None = None) -> OfferData:
    """The offer's share of the open data; `calendar`, when given, is its offer_calendar for today, from an earlier
    build (see calendar.calendar_key)."""
    record = offer_record(offer, config, today)
    return OfferData(
        _packed(_json_line(record)),
        _packed(_csv_line(csv_row(record), COLUMN_NAMES)),
        _packed(_csv_line(state_row(offer, config, today), STATE_COLUMN_NAMES)),
        _packed(_json_line(hsds.service(offer, config, today))),
        _packed(_json_line(hsds.location(offer, config))) if offer.place else b"",
        calendar or offer_calendar(offer, config, today),
    )


def text(packed: bytes) -> str:
    """A text of OfferData as written."""
    return zlib.decompress(packed).decode("utf-8")


def _packed(line: str) -> bytes:
    return zlib.compress(line.encode("utf-8"))


def offer_data_each(offers: Sequence[Offer], config: Config, today: dt.date) -> list[OfferData]:
    """offer_data for each offer: a task the build can spread over the cores."""
    return [offer_data(offer, config, today) for offer in offers]


def write_exports(
    offers: Sequence[Offer],
    pieces: Sequence[OfferData],
    folder: Path,
    config: Config,
    today: dt.date,
    published_site: Path | None = None,
) -> None:
    """All open-data files of the site but the workbook (write_workbook), in `folder` (the site being built), from
    the published offers and their pieces (offer_data, in the same order). An offer's calendar file that the
    `published_site` holds with the same bytes is linked from there: most stay the same from build to build, and a
    new file costs the file system some 15 times a link (8,300 of them at 10,000 offers)."""
    by_slug = _by_slug(offers, pieces)
    offers = [offer for offer, _ in by_slug]
    published = [piece for _, piece in by_slug]
    data = folder / "daten"
    (data / "hsds").mkdir(parents=True, exist_ok=True)
    _write_json_lines(data / "angebote.json", (text(d.record) for d in published))
    _write_csv_lines(data / "angebote.csv", COLUMN_NAMES, (text(d.csv_row) for d in published))
    _write_csv_lines(data / "einsamkeit-nrw.csv", STATE_COLUMN_NAMES, (text(d.state_row) for d in published))
    _write_json_lines(data / "hsds" / "organizations.json", map(_json_line, hsds.organizations(offers, config)))
    _write_json_lines(data / "hsds" / "services.json", (text(d.service) for d in published))
    _write_json_lines(data / "hsds" / "locations.json", (text(d.location) for d in published if d.location))
    calendars = [d.calendar for d in published]
    _write(data / "termine.ics", calendar_file(calendars, f"{config.short_name}: alle Termine"))
    for district in config.districts:
        own = [piece.calendar for offer, piece in by_slug if offer.district == district.slug]
        _write(
            data / f"termine-{district.slug}.ics",
            calendar_file(own, f"{config.short_name}: Termine im Stadtbezirk {district.name}"),
        )
    for offer, piece in by_slug:
        if piece.calendar.events:  # the offer page links it exactly then (OfferView.calendar_url)
            calendar = f"angebote/{offer.slug}/termine.ics"
            _write(
                folder / calendar,
                calendar_file([piece.calendar], offer.title),
                published_site and published_site / calendar,
            )
    _write(data / "neu.atom", atom_feed(offers, config))


def workbook_records(offers: Sequence[Offer], pieces: Sequence[OfferData]) -> bytes:
    """The records write_workbook writes, in its order, packed into one bytes object (each compressed, after its
    length): what the process writing the workbook on another core needs, pickled as one object instead of
    thousands of offers and pieces."""
    return b"".join(len(p.record).to_bytes(4, "little") + p.record for _, p in _by_slug(offers, pieces))


def write_workbook(records: bytes, folder: Path, config: Config, today: dt.date) -> None:
    """daten/angebote.xlsx from workbook_records, its rows in the order of angebote.csv; apart from write_exports,
    so that the build can write it on another core (it is the slowest of the files: a cell at a time)."""
    (folder / "daten").mkdir(parents=True, exist_ok=True)
    write_xlsx(
        (json.loads(text(record)) for record in _unpacked(records)), folder / "daten" / "angebote.xlsx", config, today
    )


def _unpacked(records: bytes) -> Iterator[memoryview]:
    packed, at = memoryview(records), 0
    while at < len(packed):
        size = int.from_bytes(packed[at : at + 4], "little")
        yield packed[at + 4 : at + 4 + size]
        at += 4 + size


def _by_slug(offers: Sequence[Offer], pieces: Sequence[OfferData]) -> list[tuple[Offer, OfferData]]:
    return sorted(zip(offers, pieces, strict=True), key=lambda pair: pair[0].slug)  # a stable order for diffs


def _write_csv_lines(path: Path, columns: Sequence[str], lines: Iterable[str]) -> None:
    """RFC 4180 CSV, comma-separated, UTF-8 without BOM, one header row with the documented column names, then the
    lines (each from _csv_line)."""
    with _text_file(path) as stream:
        stream.write(_csv_line({name: name for name in columns}, columns))
        stream.writelines(lines)


def _csv_line(row: dict[str, str], columns: Sequence[str]) -> str:
    buffer = io.StringIO()
    csv.DictWriter(buffer, fieldnames=columns, lineterminator="\r\n").writerow(row)
    return buffer.getvalue()


def _json_line(record: object) -> str:
    return json.dumps(record, ensure_ascii=False)


def write_xlsx(records: Iterable[dict[str, Value]], path: Path, config: Config, today: dt.date) -> None:
    """angebote.csv as an Excel workbook. Every cell has its type, so Excel guesses nothing: phone numbers, postcodes
    and dates are text cells exactly as in the CSV, coordinates numbers, and "=HYPERLINK(…)" from an offer file is a
    text cell that no spreadsheet runs (no apostrophe needed). Dated by the build day, so one day's builds are equal."""
    import xlsxwriter  # here, not at the top: a build with no change writes no data and should not load it

    workbook = xlsxwriter.Workbook(path, {"constant_memory": True})  # rows go to disk as written: 10,000 offers fit
    workbook.set_properties({"title": f"{config.name}: Angebote", "created": dt.datetime.combine(today, dt.time())})
    sheet = workbook.add_worksheet("Angebote")
    heading = workbook.add_format({"bold": True})
    for column, name in enumerate(COLUMN_NAMES):
        sheet.write_string(0, column, name, heading)
    row = 0
    for row, record in enumerate(records, start=1):  # one at a time: 10,000 records at once take over 100 MB
        for column, value in enumerate(record.values()):
            if isinstance(value, float):
                sheet.write_number(row, column, value)
            elif value is not None:
                sheet.write_string(row, column, cell_text(value))  # never write(): it would take "=…" as a formula
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, row, len(COLUMN_NAMES) - 1)
    workbook.close()


def atom_feed(offers: Sequence[Offer], config: Config) -> bytes:
    """New and changed offers, newest first by 'geprueft_am': associations set that date whenever they confirm or
    change an offer, and it is the only date every offer has (file history is lost in a plain copy of the content)."""
    newest = sorted(offers, key=lambda o: (o.confirmed_on, o.slug), reverse=True)[:FEED_SIZE]
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "de"})
    _sub(feed, "title", f"{config.name}: neue und geänderte Angebote")
    _sub(feed, "id", f"{config.base_url}daten/neu.atom")
    _sub(feed, "updated", _timestamp(max((o.confirmed_on for o in offers), default=dt.date(1970, 1, 1))))
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": f"{config.base_url}daten/neu.atom"})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "href": config.base_url})
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _sub(author, "name", config.contact.office)
    for offer in newest:
        url = f"{config.base_url}angebote/{offer.slug}/"
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _sub(entry, "title", offer.title)
        _sub(entry, "id", url)
        _sub(entry, "updated", _timestamp(offer.confirmed_on))
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "href": url})
        _sub(
            entry,
            "summary",
            f"{offer.summary} (Träger: {offer.organiser}, Stadtbezirk {config.district(offer.district).name})",
        )
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _sub(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{tag}").text = text


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _write_json_lines(path: Path, lines: Iterable[str]) -> None:
    """A JSON list with one record per line (each from _json_line): diffs show which offer changed, and each line
    is encoded by json's C encoder, which json.dump (and any indent) never uses: about five times faster at 10,000
    offers. Streamed line by line: the whole text at once would take 190 MB more."""
    with _text_file(path) as stream:
        stream.write("[\n")
        for number, line in enumerate(lines):
            stream.write((",\n" if number else "") + line)
        stream.write("\n]\n")


# Open data is written into the staging folder of the new site, which may hold files linked from the published site
# (its pages); "x" makes sure no open-data file is ever written through such a link.
def _text_file(path: Path) -> TextIO:
    return path.open("x", encoding="utf-8", newline="")


def _write(path: Path, content: bytes, same_as: Path | None = None) -> None:
    """Write a new file, or link `same_as` when it holds the same bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):  # not there, or not readable: written instead
        if same_as and same_as.read_bytes() == content:
            os.link(same_as, path)
            return
    with path.open("xb") as stream:
        stream.write(content)
