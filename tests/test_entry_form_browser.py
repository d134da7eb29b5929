"""The form "Angebot eintragen" in a real browser: fill it in, take the file, and `build.py check` accepts it."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import serve

pytestmark = pytest.mark.browser


def fill_offer(page) -> None:
    page.get_by_label("Titel").fill("Spielenachmittag: Karten & Würfel")
    page.get_by_label("Kurzbeschreibung").fill(
        "Wir spielen Rommé, Skat und „Mensch ärgere dich nicht“ – ohne Anmeldung."
    )
    page.get_by_label("Träger").fill("Nachbarschaftsverein Börnig e. V.")
    page.get_by_label("In Leichter Sprache").fill("Wir spielen Karten. Sie können einfach kommen.")
    page.get_by_role("group", name="Kategorien").get_by_label("Spielen").check()
    page.get_by_role("group", name="Altersgruppen").get_by_label("Ältere Menschen").check()
    page.get_by_label("Stadtbezirk").select_option("Sodingen")
    page.get_by_label("Stadtteil").select_option("Börnig")
    page.get_by_label("Straße und Hausnummer").fill("Beispielstraße 12")
    page.get_by_label("Postleitzahl").fill("44628")
    page.get_by_label("Wie oft?").select_option("monatlich")
    page.get_by_role("group", name="Wochentage").get_by_label("Mittwoch").check()
    page.get_by_role("group", name="Woche im Monat").get_by_label("letzte Woche").check()
    page.get_by_label("Von", exact=True).fill("15:00")
    page.get_by_label("Bis", exact=True).fill("17:30")
    page.get_by_role("button", name="Weiteren Termin hinzufügen").click()
    second = page.get_by_role("group", name="2. Termin")
    second.get_by_label("Wie oft?").select_option("datum")
    second.get_by_label("Datum", exact=True).fill("2026-12-16")
    second.get_by_label("Von", exact=True).fill("14:00")
    second.get_by_label("Bis", exact=True).fill("18:00")
    second.get_by_label("Hinweis").fill("Weihnachtsfeier mit Kuchen")
    page.get_by_label("Kosten").fill("1 € für Kaffee")
    page.get_by_label("Anmeldung").fill("nein")
    page.get_by_role("group", name="Stufenlos erreichbar").get_by_label("ja").check()
    page.get_by_label("Telefon").fill("02323 123456")
    page.get_by_label("Beschreibung in ganzen Sätzen").fill("Jeden letzten Mittwoch im Monat.\n\nNeue sind willkommen!")


def test_filled_form_gives_a_file_that_passes_the_check(page, example_site: Path, tmp_path: Path, cli) -> None:
    with serve(example_site) as root:
        page.goto(root + "angebot-eintragen/")
        assert page.locator("#ohne-js").is_hidden()
        fill_offer(page)
        page.get_by_role("button", name="Angebotsdatei erstellen").click()
        page.get_by_role("heading", name="Ihr fertiger Eintrag").wait_for()
        name = page.locator("#dateiname").inner_text()
        text = page.locator("#dateiinhalt").input_value()
        with page.expect_download() as download:
            page.get_by_role("link", name="Datei herunterladen").click()
        downloaded = Path(download.value.path()).read_text(encoding="utf-8")
        github = urlsplit(page.get_by_role("link", name="Auf GitHub vorschlagen").get_attribute("href"))

    assert name == "spielenachmittag-karten-wuerfel-boernig.md"
    assert downloaded == text
    assert text.splitlines()[:2] == ["---", "# yaml-language-server: $schema=../../schema/angebot.schema.json"]
    assert (
        'termine:\n  - tage: [mi]\n    rhythmus: monatlich\n    woche: [-1]\n    von: "15:00"\n    bis: "17:30"\n'
        '  - datum: 2026-12-16\n    von: "14:00"\n    bis: "18:00"\n    hinweis: "Weihnachtsfeier mit Kuchen"\nort:'
    ) in text
    assert 'sprachen: [de]\neinfach: "Wir spielen Karten. Sie können einfach kommen."\nkontakt:' in text
    assert github.netloc == "github.com" and github.path == "/stadt-herne/mittendrin/new/main/content/offers"
    assert parse_qs(github.query) == {"filename": [name], "value": [text]}

    offers = tmp_path / "content" / "offers"
    offers.mkdir(parents=True)
    (offers / name).write_text(text, encoding="utf-8")
    code, out, err = cli("check", "--content", tmp_path / "content")
    assert (code, err) == (0, ""), err
    assert out == "Alles in Ordnung: 1 Angebot geprüft.\n"


def test_online_offer_by_arrangement_passes_the_check(page, example_site: Path, tmp_path: Path, cli) -> None:
    with serve(example_site) as root:
        page.goto(root + "angebot-eintragen/")
        page.get_by_label("Titel").fill('Telefonpaten "Guten Morgen"')
        page.get_by_label("Kurzbeschreibung").fill("Ein Anruf am Morgen: Wer allein lebt, spricht mit jemandem.")
        page.get_by_label("Träger").fill("Caritas Herne")
        page.get_by_role("group", name="Kategorien").get_by_label("Begleitung & Besuchsdienste").check()
        page.get_by_role("group", name="Altersgruppen").get_by_label("Alle Generationen").check()
        page.get_by_label("Stadtbezirk").select_option("Wanne")
        page.get_by_label("Online").check()
        page.get_by_label("Wie oft?").select_option("nach_vereinbarung")
        assert page.get_by_label("Von", exact=True).is_hidden()
        page.get_by_label("Kosten").fill("kostenlos")
        page.get_by_label("Anmeldung").fill("ja, telefonisch")
        page.get_by_role("group", name="Sprachen").get_by_label("Türkisch").check()
        page.get_by_label("E-Mail").fill("paten@example.org")
        page.get_by_role("button", name="Angebotsdatei erstellen").click()
        page.get_by_role("heading", name="Ihr fertiger Eintrag").wait_for()
        name = page.locator("#dateiname").inner_text()
        text = page.locator("#dateiinhalt").input_value()
    assert name == "telefonpaten-guten-morgen.md"
    assert "termine:\n  - nach_vereinbarung: true\nonline: true\n" in text
    offers = tmp_path / "content" / "offers"
    offers.mkdir(parents=True)
    (offers / name).write_text(text, encoding="utf-8")
    code, out, err = cli("check", "--content", tmp_path / "content")
    assert (code, out) == (0, "Alles in Ordnung: 1 Angebot geprüft, 1 Hinweis.\n"), err
    assert "Es fehlen Angaben zur Barrierefreiheit." in err and "Fehler" not in err


def test_form_explains_mistakes_next_to_the_field(page, example_site: Path) -> None:
    with serve(example_site) as root:
        page.goto(root + "angebot-eintragen/")
        fill_offer(page)
        page.get_by_label("Stadtbezirk").select_option("Wanne")
        page.get_by_role("group", name="Wann").get_by_label("Bis", exact=True).fill("14:00")
        page.get_by_label("Telefon").fill("")
        page.get_by_label("E-Mail").fill("kaffee.example.org")
        page.get_by_label("Postleitzahl").fill("4462")
        page.get_by_label("Internetseite").fill("kaffee")
        page.get_by_role("button", name="Angebotsdatei erstellen").click()
        summary = page.locator("#fehlerliste li")
        summary.first.wait_for()
        assert summary.all_inner_texts() == [
            "Börnig liegt im Stadtbezirk Sodingen, nicht in Wanne. Wählen Sie den Stadtbezirk Sodingen.",
            "Eine Postleitzahl hat fünf Ziffern.",
            "Das Ende liegt nicht nach dem Beginn.",
            "Eine E-Mail-Adresse hat die Form name@beispiel.de, ohne Leerzeichen.",
            "Schreiben Sie die vollständige Adresse mit https:// am Anfang.",
        ]
        email = page.get_by_label("E-Mail")
        assert email.get_attribute("aria-invalid") == "true"
        assert "name@beispiel.de" in page.locator("#feld-kontakt-email-fehler").inner_text()
        assert page.locator("#ergebnis").is_hidden()


def test_without_javascript_the_page_explains_the_other_ways(browser, example_site: Path) -> None:
    context = browser.new_context(java_script_enabled=False, locale="de-DE")
    page = context.new_page()
    with serve(example_site) as root:
        page.goto(root + "angebot-eintragen/")
        assert page.locator("#eintragen").is_hidden()
        assert page.locator("#ohne-js").is_visible()
        ways = page.locator("#andere-wege")
        assert "content/offers/_vorlage.md" in ways.inner_text()
        assert ways.get_by_role("link", name="mittendrin@example.org").is_visible()
    context.close()
