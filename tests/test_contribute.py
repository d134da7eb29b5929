"""What an association works with besides the form: template, guide, JSON Schema, `build.py new`, correction links."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import jsonschema
import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import EXAMPLE_CONTENT, ROOT, TOWN_CONFIG, write_offer
from towns import HERNE, OTHER_TOWN, SHARED_VOCABULARIES

from mittendrin.content.schema import OFFER_FIELDS
from mittendrin.contribute.docs import generated_docs
from mittendrin.contribute.form import SECTIONS, entry_form, file_order
from mittendrin.contribute.reference import MODELINE, SCHEMA_FILE, json_schema
from mittendrin.contribute.scaffold import ask_missing
from mittendrin.model.config import ConfigError, load_config

CONFIG = load_config(TOWN_CONFIG)  # the tests' town; the repository's own files are checked with its own config
REPO_CONFIG = ROOT / "config.toml"
TEMPLATE = ROOT / "content" / "offers" / "_vorlage.md"  # the generated template associations copy
# The derived files as `build.py docs` writes them for the tests' town: what the assertions below about Herne's
# guide and template read, so that they hold in a fork whose own files name another town.
TOWN_DOCS = {path.relative_to(ROOT).as_posix(): text for path, text in generated_docs(ROOT, CONFIG).items()}
NEW_OPTIONS = {
    "--titel": "Kaffee & Klönen",
    "--kurzbeschreibung": "Wir trinken Kaffee: gemütlich und ohne Anmeldung.",
    "--traeger": "Bürgerverein Crange e. V.",
    "--bezirk": "wanne",
    "--stadtteil": "Crange",
    "--altersgruppen": "senioren, alle",
    "--kategorien": "treff",
    "--tage": "Dienstag, Do.",
    "--von": "15 Uhr",
    "--bis": "17:00",
    "--ort-name": "Bürgerhaus",
    "--strasse": "Cranger Straße 1",
    "--plz": "44649",
    "--kosten": "",
    "--anmeldung": "",
    "--einfach": "",
    "--telefon": "02325 123456",
    "--email": "",
    "--web": "",
}


def front_matter(path: Path) -> dict:
    """The front matter as the YAML language server sees it (YAML 1.2: dates and times are text)."""
    front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    return json.loads(json.dumps(front, default=str))


def test_generated_files_are_up_to_date() -> None:
    generated = generated_docs(ROOT, load_config(REPO_CONFIG))
    assert sorted(path.relative_to(ROOT).as_posix() for path in generated) == [
        ".github/CODEOWNERS",
        ".github/ISSUE_TEMPLATE/angebot-melden.yml",
        "CONTRIBUTING.md",
        "content/offers/_vorlage.md",
        "schema/angebot.schema.json",
    ]
    for path, text in generated.items():
        assert path.read_text(encoding="utf-8") == text, f"{path.name} ist veraltet: python build.py docs"


def fork_with_other_town(tmp_path: Path) -> tuple[Path, Path]:
    """The project's derived files as a fork has them (still the tests' town's), and the other town's config."""
    fork = tmp_path / "fork"
    for name in ("CONTRIBUTING.md", ".github/CODEOWNERS", ".github/ISSUE_TEMPLATE/angebot-melden.yml"):
        (fork / name).parent.mkdir(parents=True, exist_ok=True)
        (fork / name).write_text(TOWN_DOCS[name], encoding="utf-8")
    (fork / "content" / "offers").mkdir(parents=True)
    config = fork / "config.toml"
    config.write_text(OTHER_TOWN + SHARED_VOCABULARIES, encoding="utf-8")
    return fork, config


def test_docs_for_another_town_write_none_of_herne_and_a_template_it_accepts(tmp_path: Path, cli) -> None:
    fork, config = fork_with_other_town(tmp_path)
    code, out, _ = cli("--config", config, "docs", "--ordner", fork)
    assert code == 0 and out.startswith("Aktualisiert: ")
    written = {
        name: (fork / name).read_text(encoding="utf-8")
        for name in (
            "CONTRIBUTING.md",
            "schema/angebot.schema.json",
            "content/offers/_vorlage.md",
            ".github/ISSUE_TEMPLATE/angebot-melden.yml",
            ".github/CODEOWNERS",
        )
    }
    found = {name: [word for word in HERNE if word in text] for name, text in written.items()}
    assert found == {name: [] for name in written}
    assert "Beispiel: `bezirk: Nord`" in written["CONTRIBUTING.md"]
    assert 'Beispiel: `plz: "45894"`' in written["CONTRIBUTING.md"]
    assert "bezirk: Nord\n" in written["content/offers/_vorlage.md"]
    assert '  telefon: "0209 987654"\n' in written["content/offers/_vorlage.md"]
    assert "/content/offers/            @stadt-gelsenkirchen/redaktion\n" in written[".github/CODEOWNERS"]
    issue_form = yaml.safe_load(written[".github/ISSUE_TEMPLATE/angebot-melden.yml"])
    assert issue_form["description"] == "Ein Begegnungsangebot in Gelsenkirchen melden – wir tragen es für Sie ein."
    districts = next(item for item in issue_form["body"] if item.get("id") == "bezirk")["attributes"]["options"]
    assert districts == ["Mitte", "Nord", "Ost", "Süd", "West", "weiß ich nicht"]

    shutil.copy(fork / "content" / "offers" / "_vorlage.md", fork / "content" / "offers" / "kaffeeklatsch-buer.md")
    code, out, err = cli("--config", config, "check", "--content", fork / "content")
    assert (code, "kaffeeklatsch-buer.md" in err) == (0, False)  # the hints left are for [legal], not set here
    assert out.startswith("Alles in Ordnung: 1 Angebot geprüft")
    assert cli("--config", config, "docs", "--check", "--ordner", fork) == (
        0,
        "Alle erzeugten Dateien sind aktuell.\n",
        "",
    )


def test_docs_check_names_every_stale_file_and_writes_nothing(tmp_path: Path, cli) -> None:
    fork, config = fork_with_other_town(tmp_path)
    code, out, err = cli("--config", config, "docs", "--check", "--ordner", fork)
    assert (code, out) == (1, "")
    assert err == (
        "Veraltet: schema/angebot.schema.json, CONTRIBUTING.md, content/offers/_vorlage.md, "
        ".github/ISSUE_TEMPLATE/angebot-melden.yml, .github/CODEOWNERS. Erneuern mit: python build.py docs\n"
    )
    assert not (fork / "schema").exists()
    assert (fork / "CONTRIBUTING.md").read_text(encoding="utf-8") == TOWN_DOCS["CONTRIBUTING.md"]

    cli("--config", config, "docs", "--ordner", fork)
    schema = fork / "schema" / "angebot.schema.json"
    schema.write_text(schema.read_text(encoding="utf-8").replace("Nord", "Norden"), encoding="utf-8")
    code, _, err = cli("--config", config, "docs", "--check", "--ordner", fork)
    assert (code, err) == (1, "Veraltet: schema/angebot.schema.json. Erneuern mit: python build.py docs\n")
    assert "Norden" in schema.read_text(encoding="utf-8")


def test_codeowners_keeps_the_towns_own_lines(tmp_path: Path, cli) -> None:
    """Only the block between the markers is generated: an association's line after it stays, and a CODEOWNERS
    without the markers is the town's own and left alone."""
    fork, config = fork_with_other_town(tmp_path)
    owners = fork / ".github" / "CODEOWNERS"
    owners.write_text(owners.read_text(encoding="utf-8") + "/content/offers/lauftreff-*.md  @lauftreff-buer\n")
    cli("--config", config, "docs", "--ordner", fork)
    assert owners.read_text(encoding="utf-8").endswith(
        "@stadt-gelsenkirchen/web\n# codeowners: Ende\n# An association with a GitHub account can be named for "
        "its own files below (a later line wins); the\n# monthly reminders then name it, for example:\n"
        "# /content/offers/kaffeeklatsch-*.md  @verein-kaffeeklatsch\n/content/offers/lauftreff-*.md  @lauftreff-buer\n"
    )
    owners.write_text("* @stadt-gelsenkirchen/alle\n")
    assert cli("--config", config, "docs", "--check", "--ordner", fork)[0] == 0
    assert owners.read_text() == "* @stadt-gelsenkirchen/alle\n"


def test_samples_from_another_town_are_refused_with_what_fits(tmp_path: Path) -> None:
    _, config = fork_with_other_town(tmp_path)
    config.write_text(config.read_text(encoding="utf-8").replace('bezirk = "Nord"', 'bezirk = "Sodingen"'))
    with pytest.raises(ConfigError) as refused:
        load_config(config)
    assert str(refused.value) == (
        f"{config}: [beispiel] bezirk = „Sodingen“ ist keiner der Stadtbezirke (Mitte, Nord, Ost, Süd, West)."
    )
    config.write_text(config.read_text(encoding="utf-8").replace('plz = "45894"', 'plz = "44628"'))
    with pytest.raises(ConfigError, match="plz = „44628“ ist keine Postleitzahl der Stadt \\(45879–45899\\)"):
        load_config(config)


def test_guide_lists_every_field_with_its_vocabulary() -> None:
    guide = TOWN_DOCS["CONTRIBUTING.md"]
    assert (
        "| `bezirk` (Stadtbezirk) | ja | Einer der Stadtbezirke aus der Liste. | Erlaubt: `Eickel`, `Herne-Mitte`, "
        in guide
    )
    assert "| `woche` (Woche im Monat) | nein |" in guide and "`1`, `2`, `3`, `4`, `-1`" in guide
    assert "Erlaubt: `treff`, `bewegung`, `kreativ`" in guide


def test_web_editor_steps_end_with_create_pull_request() -> None:
    """GitHub's documented flow for a file in someone else's repository: "Propose changes", then on the next page
    "Create pull request". A volunteer who stops after the first button leaves the offer in a fork nobody sees."""
    guide = TOWN_DOCS["CONTRIBUTING.md"]
    steps = guide[guide.index("### 1. Direkt auf GitHub") : guide.index("### 2.")]
    assert steps.index("„Propose changes“") < steps.index("„Create pull request“")


def test_examples_and_template_match_the_json_schema() -> None:
    schema = json_schema(CONFIG)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for path in sorted((EXAMPLE_CONTENT / "offers").glob("*.md")):
        errors = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(front_matter(path))]
        assert errors == [], path.name


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"bezirk": "Wanne-Eickel"}, "$.bezirk"),
        ({"bezirkk": "Wanne"}, "$"),
        ({"kategorien": ["cafe"]}, "$.kategorien[0]"),
        ({"ort": {"strasse": "Weg 1", "plz": "4462"}}, "$.ort.plz"),
        ({"kontakt": {"name": "Frau Beispiel"}}, "$.kontakt"),
        ({"ort": None}, "$"),
    ],
)
def test_json_schema_marks_what_the_check_rejects(change: dict, path: str, content: Path) -> None:
    schema = json_schema(CONFIG)
    errors = list(
        jsonschema.Draft202012Validator(schema).iter_errors(front_matter(write_offer(content, "x", **change)))
    )
    assert [e.json_path for e in errors] == [path]


def test_json_schema_accepts_what_the_check_forgives(content: Path, cli) -> None:
    schema = json_schema(CONFIG)
    path = write_offer(
        content,
        "nachsichtig",
        termine=[{"tage": ["Dienstag"], "von": "15 Uhr", "bis": "17.30"}],
        kontakt={"telefon": "02323 16-2551", "web": "www.example.org"},
        geprueft_am="1.10.2026",
    )
    assert cli("check", "--content", content)[0] == 0
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(front_matter(path))) == []


def test_template_points_editors_at_the_schema_and_passes_the_check(content: Path, cli) -> None:
    lines = TEMPLATE.read_text(encoding="utf-8").splitlines()
    assert lines[:2] == ["---", MODELINE]
    assert (TEMPLATE.parent / MODELINE.split("=", 1)[1]).resolve() == (ROOT / SCHEMA_FILE).resolve()
    (content / "offers" / "kaffeeklatsch-boernig.md").write_text(TOWN_DOCS["content/offers/_vorlage.md"], "utf-8")
    assert cli("check", "--content", content) == (
        0,
        "Alles in Ordnung: 1 Angebot geprüft.\n",
        "",
    )


def test_template_is_never_published(example_site: Path) -> None:
    assert not (example_site / "angebote" / "_vorlage").exists()
    assert not list(example_site.glob("angebote/*vorlage*"))


def test_new_writes_a_checked_file_and_never_overwrites(content: Path, cli) -> None:
    args = [part for option, value in NEW_OPTIONS.items() for part in (option, value)]
    code, out, err = cli("new", "--content", content, *args)
    assert code == 0, err
    path = content / "offers" / "kaffee-kloenen-crange.md"
    assert out.startswith(f"Angelegt: {path}\n")
    front = front_matter(path)
    assert front["bezirk"] == "Wanne" and front["termine"] == [{"tage": ["di", "do"], "von": "15:00", "bis": "17:00"}]
    assert front["kosten"] == "kostenlos" and front["geprueft_am"] == "2026-11-25"
    first = path.read_text(encoding="utf-8")

    assert cli("new", "--content", content, *args)[0] == 0
    assert path.read_text(encoding="utf-8") == first
    assert (content / "offers" / "kaffee-kloenen-crange-2.md").exists()
    code, out, err = cli("check", "--content", content)
    assert code == 0 and out == "Alles in Ordnung: 2 Angebote geprüft, 2 Hinweise.\n"
    assert "Es fehlen Angaben zur Barrierefreiheit." in err


def test_new_refuses_wrong_answers_in_german_and_writes_nothing(content: Path, cli) -> None:
    options = {**NEW_OPTIONS, "--bezirk": "Wanne-Eickel", "--von": "nachmittags"}
    code, out, err = cli("new", "--content", content, *[p for item in options.items() for p in item])
    assert code == 1 and out == ""
    assert "Fehler: „Wanne-Eickel“ ist kein Stadtbezirk.\n    → Erlaubt: Eickel, Herne-Mitte, Sodingen, Wanne." in err
    assert "Fehler: „von: nachmittags“ ist keine Uhrzeit." in err
    assert err.endswith("Es wurde keine Datei angelegt. Bitte korrigieren Sie die Angaben.\n")
    assert list((content / "offers").iterdir()) == []


def test_new_takes_quoted_answers_and_writes_normalised_values(content: Path, cli) -> None:
    """The field help speaks of the file (times "in Anführungszeichen"): volunteers type the quotes too."""
    options = {
        **NEW_OPTIONS,
        "--titel": "Kaffeeklatsch Crange",
        "--tage": "Dienstags",
        "--von": '"15:00"',
        "--bis": "„17.30“",
        "--plz": '"44649"',
        "--telefon": '"02325 123456"',
    }
    code, _, err = cli("new", "--content", content, *[p for item in options.items() for p in item])
    assert code == 0, err
    path = content / "offers" / "kaffeeklatsch-crange.md"  # the quarter once, though the title names it
    front = front_matter(path)
    assert front["termine"] == [{"tage": ["di"], "von": "15:00", "bis": "17:30"}]
    assert front["ort"]["plz"] == "44649" and front["kontakt"]["telefon"] == "02325 123456"


def test_new_asks_again_only_for_a_wrong_answer(content: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    options = {k: v for k, v in NEW_OPTIONS.items() if k not in ("--email", "--plz")}
    monkeypatch.setattr("sys.stdin", io.StringIO("4464\ninfo @verein.de\n44649\ninfo@verein.de\n"))
    code, out, err = cli("new", "--content", content, *[p for item in options.items() for p in item])
    assert code == 0, err
    assert "„plz: 4464“ ist keine Postleitzahl." in err
    assert "Bitte geben Sie nur diese Angaben noch einmal ein" in out
    assert out.count("Postleitzahl") == 2 and out.count("E-Mail") == 2  # the two wrong ones, asked twice
    assert out.count("Titel") == 0  # the options are kept
    front = front_matter(content / "offers" / "kaffee-kloenen-crange.md")
    assert front["ort"]["plz"] == "44649" and front["kontakt"]["email"] == "info@verein.de"


def test_new_without_answers_says_how_to_give_them(content: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("Lauftreff\n"))  # one answer, then the input ends
    code, out, err = cli("new", "--content", content)
    assert code == 1
    assert (
        out
        == "Titel – Der Name des Angebots, kurz und klar.\n> Kurzbeschreibung – Ein oder zwei Sätze: Was passiert, für wen?\n> "
    )
    assert err == "Fehler: Es fehlen Angaben. Geben Sie sie als Optionen mit (siehe build.py new --help).\n"
    assert list((content / "offers").iterdir()) == []


def test_new_asks_for_what_the_options_leave_out() -> None:
    questions: list[str] = []

    def ask(question: str) -> str:
        questions.append(question)
        return "Sodingen" if question.startswith("Stadtbezirk") else ""

    answers = ask_missing({"--titel".lstrip("-"): "Lauftreff"}, ask, CONFIG)
    assert answers["titel"] == "Lauftreff" and answers["bezirk"] == "Sodingen" and answers["kosten"] == "kostenlos"
    assert questions[0] == "Kurzbeschreibung – Ein oder zwei Sätze: Was passiert, für wen?\n> "
    assert "Name des Ortes (freiwillig) – Zum Beispiel „Gemeindehaus St. Barbara“.\n> " in questions
    # at a prompt there is no list to look the words up in: each question with a vocabulary shows it
    assert (
        "Stadtbezirk – Einer der Stadtbezirke aus der Liste.\n  Erlaubt: Eickel, Herne-Mitte, Sodingen, Wanne\n> "
        in (questions)
    )
    assert questions[3].endswith("\n  Zum Beispiel: Sodingen, Börnig, Holthausen, Horsthausen\n> ")  # Sodingen's
    assert questions[5].endswith(
        "\n  Erlaubt (mehrere mit Komma getrennt): treff, bewegung, kreativ, kultur, lernen, "
        "essen, natur, digital, engagement, begleitung, spiel\n> "
    )
    assert len(questions) == 18


def test_offer_page_links_to_editing_and_reporting(example_site: Path) -> None:
    page = BeautifulSoup(
        (example_site / "angebote" / "erzaehlcafe-herne-mitte" / "index.html").read_text(), "html.parser"
    )
    edit = page.find("a", string="Angaben ändern")["href"]
    assert edit == "/angaben-aendern/?angebot=erzaehlcafe-herne-mitte"  # the page that explains both ways
    report = urlsplit(page.find("a", string="Fehler melden")["href"])
    assert (report.scheme, report.path) == ("mailto", "mittendrin@example.org")
    query = parse_qs(report.query)
    assert query["subject"] == ["Fehler im Angebot „Erzählcafé am Kastanienhof“"]
    assert "https://mittendrin.example.org/angebote/erzaehlcafe-herne-mitte/" in query["body"][0]


def test_check_in_github_actions_annotates_the_lines(content: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    write_offer(content, "kaffee", bezirk="Wanne-Eickel", geprueft_am=dt.date(2025, 1, 2).isoformat())
    code, out, _ = cli("check", "--content", content)
    name = str(content / "offers" / "kaffee.md")
    assert code == 1
    assert out.splitlines() == [
        f"::error file={name},line=5::„Wanne-Eickel“ ist kein Stadtbezirk. Erlaubt: Eickel, Herne-Mitte, Sodingen, "
        "Wanne. „Wanne-Eickel“ war bis 1975 eine eigene Stadt und ist heute kein Stadtbezirk. Meist ist Wanne oder "
        "Eickel gemeint.",
        f"::warning file={name},line=34::Die Angaben wurden seit über einem Jahr nicht bestätigt. Bitte prüfen Sie "
        "alles, fragen Sie beim Träger nach und setzen Sie geprueft_am auf das heutige Datum.",
    ]


def test_einfach_is_in_the_guide_the_schema_the_form_and_new(content: Path, cli) -> None:
    """The field for Leichte Sprache comes from the one field table, like every other."""
    guide = TOWN_DOCS["CONTRIBUTING.md"]
    assert (
        "| `einfach` (In Leichter Sprache) | nein | Das Angebot in wenigen kurzen Sätzen in Leichter Sprache" in guide
    )
    schema = json.loads(TOWN_DOCS[SCHEMA_FILE.as_posix()])
    assert schema["properties"]["einfach"] == {
        "title": "In Leichter Sprache",
        "description": schema["properties"]["einfach"]["description"],
        "type": "string",
        "maxLength": 500,
    }
    form = entry_form(CONFIG, dt.date(2026, 11, 25))
    field = next(f for section in form.sections for f in section.fields if f.name == "einfach")
    assert (field.label, field.control, field.required, field.max_length) == (
        "In Leichter Sprache",
        "textarea",
        False,
        500,
    )

    options = {**NEW_OPTIONS, "--einfach": "Wir trinken Kaffee. Sie können einfach kommen."}
    code, _, err = cli("new", "--content", content, *[p for item in options.items() for p in item])
    assert code == 0, err
    front = front_matter(content / "offers" / "kaffee-kloenen-crange.md")
    assert front["einfach"] == "Wir trinken Kaffee. Sie können einfach kommen."


def test_every_field_of_the_table_has_its_place_in_the_form_or_is_left_out_on_purpose() -> None:
    # Not asked for a new offer: cancellations come later, as a correction, and a later start is each appointment's
    # "ab" (section "Wann"). A field added to the table and to neither list would be missing from the form.
    not_asked = ("faellt_aus", "gueltig_ab")
    placed = [prefix or key for _, prefix, keys in SECTIONS for key in (keys if not prefix else keys[:1])]
    assert sorted(f.key for f in OFFER_FIELDS) == sorted({*placed, *not_asked}), "a new field needs a section"


def test_the_form_script_writes_every_asked_field_in_the_order_of_the_field_table() -> None:
    """The script writes the file from the page's data-file-order, with one writer per kind of field: a field added
    to the table and to the form's sections is written without a change to the script."""
    asked = {key for _, _, keys in SECTIONS for key in keys}
    order = file_order()
    assert [key for key, _, _ in order] == [f.key for f in OFFER_FIELDS if f.key in asked or f.kind in ("schedule",
        "place", "accessibility", "contact")]  # fmt: skip
    assert ("ort", "place", ("name", "strasse", "plz", "ort")) in order
    script = (ROOT / "assets" / "eintragen.js").read_text(encoding="utf-8")
    writers = script[script.index("const WRITERS = {") : script.index("};", script.index("const WRITERS = {"))]
    assert {kind for _, kind, _ in order} <= {line.strip().split(":")[0] for line in writers.splitlines()[1:]}
