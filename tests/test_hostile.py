"""Hostile and broken offer files (tests/hostile/): each ends in a German error with file and line, or in a page
where the payload is inert text."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import TOWN_CONFIG, build_site, write_offer
from icalendar import Calendar

from mittendrin.cli import main
from mittendrin.content.body import render_markdown, text_problem
from mittendrin.content.load import load_offer
from mittendrin.content.problems import Problem
from mittendrin.site.structured import json_for_script

CORPUS = Path(__file__).parent / "hostile"
SCRIPT = "<script>window.__pwned = 1; alert(1)</script>"
IMG = '"><img src=x onerror="window.__pwned=1;alert(2)">'
BREAKOUT = "</script><script>window.__pwned=1</script><!--"
SVG = "<svg onload=alert(5)>"
NFC, NFD = "caf\u00e9.md", "cafe\u0301.md"


@dataclass(frozen=True)
class Inert:
    """The file builds; its page shows this text, and nothing from the file runs."""

    shows: str


@dataclass(frozen=True)
class Error:
    """The file is refused with exactly this German message at this line."""

    line: int
    says: str


EXPECTED: dict[str, Inert | Error] = {
    # payloads in every field that is shown
    "xss-titel.md": Inert(SCRIPT),
    "xss-kurzbeschreibung.md": Inert(IMG),
    "xss-traeger.md": Inert(BREAKOUT),
    "xss-stadtteil.md": Inert(SVG),
    "xss-termin-hinweis.md": Inert(IMG),
    "xss-ort-name.md": Inert(SCRIPT),
    "xss-strasse.md": Inert(IMG),
    "xss-ort-ort.md": Inert(SVG),
    "xss-kosten.md": Inert(BREAKOUT),
    "xss-anmeldung.md": Inert(SCRIPT),
    "xss-barrierefreiheit-hinweis.md": Inert(IMG),
    "xss-kontakt-name.md": Inert(BREAKOUT),
    "xss-alle-felder.md": Inert(IMG),
    "csv-formel.md": Inert('=HYPERLINK("https://evil.example/";"Klick")'),
    "vorlagen-syntax.md": Inert("{{ 6 * 7 }} und {% include 'base.html' %} und {# kein Kommentar #}"),
    # Markdown bodies with HTML that must not survive the sanitiser
    "text-script.md": Inert("Nachher"),
    "text-img-onerror.md": Inert("Bild:"),
    "text-javascript-link.md": Inert("Dritter Link"),
    "text-data-url.md": Inert("Noch ein Link"),
    "text-iframe.md": Inert("Text nach dem Rahmen"),
    "text-style.md": Inert("Überdeckt alles"),
    "text-form.md": Inert("Bitte PIN eingeben"),
    "text-svg-math.md": Inert("Mathe-Ende"),
    "text-meta-refresh.md": Inert("Kein Umleiten"),
    "text-event-handler.md": Inert("Fahren Sie hier drüber"),
    "text-object-embed.md": Inert("Eingebettet"),
    "text-externer-link.md": Inert("Mehr beim Verein"),
    "text-html-kommentar.md": Inert("Sichtbar bleibt"),
    # encodings and invisible characters that are read correctly
    "geschuetzte-leerzeichen-in-zeiten.md": Inert("jeden Dienstag, 15:00–17:00 Uhr"),
    "nullbreite-zeichen-in-schluesseln.md": Inert("Kaffeeklatsch im Quartier"),
    "nullbreite-zeichen-in-werten.md": Inert("Kaffeetreff FALSCH\u202c herum"),
    "crlf.md": Inert("Kaffeeklatsch im Quartier"),
    "bom.md": Inert("Kaffeeklatsch im Quartier"),
    "nur-cr.md": Inert("Kaffeeklatsch im Quartier"),
    "gemischte-zeilenenden.md": Inert("Kaffeeklatsch im Quartier"),
    # refused, with file and line
    "gemischte-zeilenenden-fehler.md": Error(17, "„plz: 4462“ ist keine Postleitzahl."),
    "billion-laughs.md": Error(1, "Die Angaben vervielfachen sich über Verweise (&/*)."),
    "tiefe-verschachtelung.md": Error(1, "Die Angaben sind zu tief verschachtelt: mehr als 12 Ebenen ineinander."),
    "python-objekt.md": Error(
        2, "Die Markierung „tag:yaml.org,2002:python/object/apply:os.system“ ist hier nicht erlaubt."
    ),
    "yaml-binary-tag.md": Error(19, "Die Markierung „tag:yaml.org,2002:binary“ ist hier nicht erlaubt."),
    "ungueltiges-utf8.md": Error(
        4, "Die Datei enthält Zeichen, die nicht als UTF-8 gespeichert sind (oft Umlaute aus einem alten Editor)."
    ),
    "bild-als-text.md": Error(
        1, "Die Datei enthält Zeichen, die nicht als UTF-8 gespeichert sind (oft Umlaute aus einem alten Editor)."
    ),
    "utf16.md": Error(1, "Die Datei ist als UTF-16 gespeichert."),
    "utf16-ohne-bom.md": Error(1, "Die Datei ist als UTF-16 gespeichert."),
    "nullbyte.md": Error(15, "In dieser Zeile steht ein unsichtbares Steuerzeichen (U+0000)."),
    "steuerzeichen.md": Error(2, "Der Wert enthält ein unsichtbares Steuerzeichen (U+001B)."),
    "con.md": Error(1, "Der Dateiname „con.md“ ist unter Windows reserviert; die Datei ließe sich dort nicht öffnen."),
    "aux.md": Error(1, "Der Dateiname „aux.md“ ist unter Windows reserviert; die Datei ließe sich dort nicht öffnen."),
    "Kaffee-Treff.md": Error(1, "Der Dateiname „Kaffee-Treff.md“ taugt nicht als Internetadresse."),
    "kaffee-treff.md": Error(
        1, "„kaffee-treff.md“ und „Kaffee-Treff.md“ ergäben dieselbe Adresse /angebote/kaffee-treff/."
    ),
    NFD: Error(1, f"Der Dateiname „{NFD}“ taugt nicht als Internetadresse."),
    NFC: Error(1, f"„{NFC}“ und „{NFD}“ ergäben dieselbe Adresse /angebote/cafe/."),
    "Über uns.md": Error(1, "Der Dateiname „Über uns.md“ taugt nicht als Internetadresse."),
    "etc%2fpasswd.md": Error(1, "Der Dateiname „etc%2fpasswd.md“ taugt nicht als Internetadresse."),
    "web-javascript.md": Error(30, "„javascript:alert(document.cookie)“ ist keine gültige Internetadresse."),
    "web-data-url.md": Error(30, "„data:text/html,<script>alert(1)</script>“ ist keine gültige Internetadresse."),
    "web-benutzer-teil.md": Error(30, "„https://www.herne.de@evil.example/“ ist keine gültige Internetadresse."),
    "web-anfuehrungszeichen.md": Error(
        30, '„https://example.org/" onmouseover="alert(1)“ ist keine gültige Internetadresse.'
    ),
    "email-xss.md": Error(29, '„"><script>alert(1)</script>@example.org“ ist keine gültige E-Mail-Adresse.'),
    "email-mit-parametern.md": Error(29, "„kaffee@example.org?bcc=alle@example.org“ ist keine gültige E-Mail-Adresse."),
    "telefon-xss.md": Error(28, "„<script>alert(1)</script>“ ist keine vollständige Telefonnummer."),
    "telefon-javascript.md": Error(28, "„javascript:alert(1)“ ist keine vollständige Telefonnummer."),
    "bezirk-xss.md": Error(5, f"„{SCRIPT}“ ist kein Stadtbezirk."),
    "plz-xss.md": Error(17, f"„plz: {IMG}“ ist keine Postleitzahl."),
    "sprachen-xss.md": Error(31, f"„{SVG}“ ist kein bekanntes Sprachkürzel."),
    "zeit-xss.md": Error(11, f"„von: {SCRIPT}“ ist keine Uhrzeit."),
    "tabulator.md": Error(15, "In dieser Zeile steht ein Tabulator."),
    "ohne-abschluss.md": Error(1, "Der Kopfbereich mit den Angaben wird nicht mit einer Zeile „---“ abgeschlossen."),
    "leer.md": Error(1, "Die Datei beginnt nicht mit einer Zeile „---“."),
    "ohne-kopfbereich.md": Error(1, "Die Datei beginnt nicht mit einer Zeile „---“."),
    "liste-statt-angaben.md": Error(1, "Im Kopfbereich stehen keine Angaben der Form „schluessel: wert“."),
    "doppelter-schluessel.md": Error(20, "„kosten“ steht zweimal da."),
    "merge-schluessel.md": Error(9, "„<<“ ist keine bekannte Angabe im Kopfbereich."),
    "titel-zu-lang.md": Error(2, "„titel“ ist 2099 Zeichen lang, erlaubt sind höchstens 100."),
    "offenes-anfuehrungszeichen.md": Error(19, 'In dieser Zeile fehlt das schließende Anführungszeichen ".'),
    # Markdown that would take Python-Markdown minutes, or crash it with a RecursionError
    "text-klammern.md": Error(34, "Der freie Text enthält 5000 eckige Klammern „[“, erlaubt sind höchstens 100."),
    "text-listen-verschachtelt.md": Error(
        34, "Im freien Text sind Listen oder Zitate zu tief ineinander verschachtelt."
    ),
    "text-zu-lang.md": Error(34, "Der freie Text ist 12002 Zeichen lang, erlaubt sind höchstens 10000."),
}
INERT = sorted(name for name, outcome in EXPECTED.items() if isinstance(outcome, Inert))


def test_the_corpus_is_complete_and_every_file_has_an_expected_outcome() -> None:
    on_disk = {path.name for path in CORPUS.iterdir()}
    assert on_disk == set(EXPECTED)
    assert len(on_disk) >= 40
    assert sum(isinstance(outcome, Error) for outcome in EXPECTED.values()) >= 25


@pytest.fixture(scope="module")
def corpus_check(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str]:
    """`check` over the whole corpus at once, as CI would run it on a pull request with all these files."""
    content = tmp_path_factory.mktemp("corpus") / "content"
    shutil.copytree(CORPUS, content / "offers")
    started = time.perf_counter()
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["--config", str(TOWN_CONFIG), "check", "--content", str(content)])
    assert time.perf_counter() - started < 10, "hostile files must be rejected quickly"
    return code, err.getvalue()


@pytest.mark.parametrize("name", sorted(n for n, o in EXPECTED.items() if isinstance(o, Error)))
def test_broken_file_is_a_german_error_naming_file_and_line(name: str, corpus_check: tuple[int, str]) -> None:
    code, err = corpus_check
    outcome = EXPECTED[name]
    assert isinstance(outcome, Error)
    assert code == 1
    assert f"content/offers/{name}, Zeile {outcome.line}: Fehler: {outcome.says}" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("name", INERT)
def test_inert_file_has_no_error(name: str, corpus_check: tuple[int, str]) -> None:
    _, err = corpus_check
    assert [line for line in err.splitlines() if f"/{name}, Zeile" in line and ": Fehler:" in line] == []


def build_inert_site(folder: Path) -> Path:
    """The files that must build, built together into one site (also used by the browser test)."""
    content = folder / "content"
    (content / "offers").mkdir(parents=True)
    for name in INERT:
        shutil.copy(CORPUS / name, content / "offers" / name)
    return build_site(content, folder / "site")


@pytest.fixture(scope="module")
def inert_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_inert_site(tmp_path_factory.mktemp("inert"))


def page_of(site: Path, name: str) -> BeautifulSoup:
    return BeautifulSoup(
        (site / "angebote" / Path(name).stem / "index.html").read_text(encoding="utf-8"), "html.parser"
    )


# The site's own forms (search, narrowing a list, the entry form), the entry form's result and the overview chart;
# nothing like them may come from content.
OUR_FORMS = "form#suche, form.search-form, form#eingrenzen, form#eintragen, form#barriere-melden"
OUR_OTHERS = "textarea#dateiinhalt, svg.chart"


def assert_inert(html: BeautifulSoup) -> None:
    """Nothing that could run, load from elsewhere, restyle the page or collect input came from content."""
    for script in html.find_all("script"):
        assert script.get("src", "").startswith("/assets/") or script.get("type") == "application/ld+json"
    for tag in html.find_all(True):
        assert not [a for a in tag.attrs if a.lower().startswith("on")], tag
        assert "style" not in tag.attrs, tag
        for attribute in ("href", "src", "action", "data", "formaction"):
            value = "".join(str(tag.get(attribute, "")).split()).lower()
            assert not value.startswith(("javascript:", "data:", "vbscript:")), tag
    dangerous = ["iframe", "object", "embed", "style", "base", "svg", "math", "img", "textarea", "form", "input"]
    ours = [*html.select(f"{OUR_FORMS}, {OUR_FORMS.replace(',', ' *,')} *"), *html.select(OUR_OTHERS)]
    assert [tag for tag in html.find_all(dangerous) if tag not in ours] == []
    assert html.find("meta", attrs={"http-equiv": "refresh"}) is None
    for link in html.select(".body-text a[href^='http'], .facts a[href^='http']"):  # links that content supplies
        assert "noopener" in link.get("rel", []), link


@pytest.mark.parametrize("name", INERT)
def test_inert_file_shows_its_payload_as_text(name: str, inert_site: Path) -> None:
    html = page_of(inert_site, name)
    outcome = EXPECTED[name]
    assert isinstance(outcome, Inert)
    assert outcome.shows in " ".join(html.get_text(" ").split())
    assert_inert(html)


def test_every_page_of_the_inert_site_is_inert(inert_site: Path) -> None:
    pages = sorted(inert_site.rglob("*.html"))
    assert len(pages) > len(INERT)
    for path in pages:
        assert_inert(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser"))


def test_formulas_in_content_stay_text_in_the_spreadsheet_export(inert_site: Path) -> None:
    with (inert_site / "daten" / "angebote.csv").open(encoding="utf-8", newline="") as file:
        rows = {row["titel"]: row for row in csv.DictReader(file)}
    row = rows['\'=HYPERLINK("https://evil.example/";"Klick")']
    assert row["kosten"] == "'+1+cmd|' /C calc'!A0"
    assert row["traeger"] == "'@SUMME(1+1)*cmd|' /C calc'!A0"
    assert row["kontakt_telefon"] == "+49 2323 123456"  # a phone number is no formula and stays as written
    cells = [cell for row in rows.values() for cell in row.values()]
    assert not [c for c in cells if c.startswith(("=", "@")) or (c.startswith(("+", "-")) and not c[1:2].isdigit())]


def test_payloads_are_plain_values_in_the_feed_the_calendars_and_the_json(inert_site: Path) -> None:
    feed = ElementTree.parse(inert_site / "daten" / "neu.atom").getroot()  # well-formed despite the payloads
    atom = "{http://www.w3.org/2005/Atom}"
    titles = {entry.findtext(f"{atom}title") for entry in feed.iter(f"{atom}entry")}
    assert {SCRIPT, IMG, '=HYPERLINK("https://evil.example/";"Klick")'} <= titles
    calendar = Calendar.from_ical((inert_site / "daten" / "termine.ics").read_bytes())
    summaries = {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}
    assert {SCRIPT, IMG} <= summaries
    records = json.loads((inert_site / "daten" / "angebote.json").read_text(encoding="utf-8"))
    assert SCRIPT in {record["titel"] for record in records}


def test_template_syntax_in_content_is_shown_never_evaluated(inert_site: Path) -> None:
    html = page_of(inert_site, "vorlagen-syntax.md")
    assert html.h1.get_text() == "{{ 7 * 7 }} Treff"
    assert "{% for x in range(3) %}boom{% endfor %}" in html.get_text()
    assert "49 Treff" not in html.get_text() and "boomboom" not in html.get_text()


@pytest.mark.parametrize("name", ["xss-traeger.md", "xss-titel.md", "xss-alle-felder.md"])
def test_payloads_stay_inside_the_structured_data(name: str, inert_site: Path) -> None:
    html = page_of(inert_site, name)
    scripts = html.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)  # one intact script element whose whole text is the JSON
    front = yaml.safe_load((CORPUS / name).read_text(encoding="utf-8").split("\n---\n")[0].removeprefix("---\n"))
    assert (data["name"], data["organizer"]["name"]) == (front["titel"], front["traeger"])
    assert "</script" not in scripts[0].string.lower()


def test_json_for_scripts_cannot_break_out_of_its_script_element() -> None:
    text = str(json_for_script({"name": BREAKOUT, "other": "<!-- & -->"}))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"name": BREAKOUT, "other": "<!-- & -->"}


@pytest.mark.parametrize("name", ["billion-laughs.md", "tiefe-verschachtelung.md", "python-objekt.md"])
def test_yaml_bombs_are_refused_quickly_without_crashing(name: str) -> None:
    started = time.perf_counter()
    problems = load_offer(CORPUS / name, name)
    assert isinstance(problems, list) and problems[0].is_error
    assert time.perf_counter() - started < 0.5


@pytest.mark.parametrize("character", ["\x85", "\u2028", "\x1b", "\x7f"])
def test_invisible_line_breaks_and_controls_are_named_with_their_line(character: str, content: Path) -> None:
    path = write_offer(content, "kaffee", f"---\ntitel: Kaffee\nkosten: frei{character}willig\n---\nText\n")
    assert load_offer(path, "kaffee.md") == [
        Problem(
            "kaffee.md",
            3,
            f"In dieser Zeile steht ein unsichtbares Steuerzeichen (U+{ord(character):04X}).",
            "Löschen Sie die Zeile und schreiben Sie sie neu; oft stammt das Zeichen aus kopiertem Text.",
        )
    ]


def test_a_50_mb_file_is_refused_quickly(content: Path) -> None:
    path = content / "offers" / "riesig.md"
    with path.open("wb") as file:
        file.write(b"---\ntitel: Riesig\n---\n")
        file.truncate(50 * 1024 * 1024)
    started = time.perf_counter()
    assert load_offer(path, "riesig.md") == [
        Problem(
            "riesig.md", 1, "Die Datei ist zu groß (mehr als 256 KB).", "Ein Angebot braucht nur wenige Absätze Text."
        )
    ]
    assert time.perf_counter() - started < 1


@pytest.mark.parametrize(
    ("file_name", "why"),
    [
        ("../../etc/passwd", "taugt nicht als Internetadresse"),
        ("/etc/passwd", "taugt nicht als Internetadresse"),
        ("kaffee\x00treff", "taugt nicht als Internetadresse"),
        ("lpt1", "unter Windows reserviert"),
        ("-kaffee", "taugt nicht als Internetadresse"),
        ("k" * 81, "taugt nicht als Internetadresse"),
    ],
)
def test_file_names_that_could_escape_or_break_are_refused(file_name: str, why: str, tmp_path: Path) -> None:
    # A file cannot be called "../../etc/passwd.md" on disk, so the check on names is tested with the name alone.
    problems = load_offer(tmp_path / "offers" / f"{file_name.replace('/', '%2f')}.md", "x.md")
    assert isinstance(problems, list) and why in problems[0].message


def test_a_symlink_to_a_secret_is_refused_without_reading_it(content: Path, tmp_path: Path) -> None:
    secret = tmp_path / "geheim.txt"
    secret.write_text("---\ntitel: GEHEIM-123\n---\n", encoding="utf-8")
    (content / "offers" / "verweis.md").symlink_to(secret)
    problems = load_offer(content / "offers" / "verweis.md", "verweis.md")
    assert isinstance(problems, list)
    assert problems[0].message == "„verweis.md“ ist ein Verweis (Symlink) auf eine andere Datei."
    assert "GEHEIM" not in str(problems)


def test_messages_cannot_forge_github_commands_or_terminal_escapes() -> None:
    problem = Problem("content/offers/a,line=1::x\x1b[2J.md", 3, "Text\n::error::gefälscht 100%")
    assert problem.annotation() == (
        "::error file=content/offers/a%2Cline=1%3A%3Ax?[2J.md,line=3::Text%0A::error::gefälscht 100%25"
    )
    assert "\x1b" not in problem.format()


def test_a_valid_offer_next_to_hostile_ones_is_untouched(content: Path, tmp_path: Path) -> None:
    write_offer(content, "gut", titel="Gutes Angebot")
    shutil.copy(CORPUS / "xss-titel.md", content / "offers")
    site = build_site(content, tmp_path / "site")
    assert page_of(site, "gut.md").h1.get_text() == "Gutes Angebot"


def test_files_that_would_silently_not_be_published_are_named(cli, content: Path) -> None:
    write_offer(content, "kaffee")
    for name in ["Strickcafe.MD", "lauftreff.markdown", "sprachcafe.md.txt"]:
        (content / "offers" / name).write_text("---\ntitel: x\n---\n", encoding="utf-8")
    (content / "offers" / ".gitkeep").touch()
    code, _, err = cli("check", "--content", content)
    assert code == 0
    warned = [line for line in err.splitlines() if "wird nicht veröffentlicht" in line]
    assert [line.split("„")[1].split("“")[0] for line in warned] == [
        "Strickcafe.MD", "lauftreff.markdown", "sprachcafe.md.txt"
    ]  # fmt: skip
    assert "„strickcafe.md“" in err and "„lauftreff.md“" in err


def test_a_text_refused_for_deep_nesting_leaves_the_renderer_working() -> None:
    assert text_problem("1. " * 3000) is not None
    html = render_markdown("- eins\n- zwei\n\nMehr beim [Verein](https://example.org/)")
    assert html == (
        "<ul>\n<li>eins</li>\n<li>zwei</li>\n</ul>\n"
        '<p>Mehr beim <a href="https://example.org/" rel="noopener noreferrer">Verein</a></p>'
    )


def test_a_text_page_with_hostile_markdown_is_a_message_not_a_crash(cli, content: Path) -> None:
    write_offer(content, "kaffee")
    shutil.copytree(Path(__file__).parent.parent / "content" / "seiten", content / "seiten")
    (content / "seiten" / "impressum.md").write_text(
        "---\ntitel: Impressum\nbeschreibung: Wer die Seite anbietet\n---\n" + "1. " * 3000, encoding="utf-8"
    )
    code, _, err = cli("check", "--content", content)
    assert code == 1 and "Traceback" not in err
    assert "seiten/impressum.md, Zeile 5: Fehler: Im freien Text sind Listen oder Zitate zu tief" in err
