"""The pages around the offers: legal texts from content/seiten/, 404, Angebotsheft, sitemap, robots.txt, JSON-LD."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest
from audit import require
from bs4 import BeautifulSoup
from conftest import build_site, write_offer


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_legal_pages_carry_the_names_from_the_config(example_site: Path) -> None:
    impressum = soup(example_site / "impressum" / "index.html")
    assert impressum.h1.text == "Impressum"
    assert "Friedrich-Ebert-Platz 2, 44623 Herne" in impressum.main.text
    assert "{{" not in impressum.main.text
    privacy = soup(example_site / "datenschutz" / "index.html").main.text
    assert "setzt keine Cookies" in privacy and "lädt nichts von anderen Anbietern" in privacy
    statement = soup(example_site / "barrierefreiheit" / "index.html")
    headings = [h.text for h in statement.select("main h2")]
    assert "Barriere melden: Feedback und Kontakt" in headings and "Durchsetzungsverfahren" in headings
    assert "E-Mail: mittendrin@example.org" in statement.main.text
    footer_links = [a["href"] for a in soup(example_site / "index.html").select("footer a")]
    for path in ("/impressum/", "/datenschutz/", "/barrierefreiheit/", "/angebotsheft/"):
        assert path in footer_links


def test_a_placeholder_without_value_is_named_with_file_and_line(content: Path, tmp_path: Path, cli) -> None:
    write_offer(content, "treff")
    pages = content / "seiten"
    pages.mkdir()
    (pages / "impressum.md").write_text(
        "---\ntitel: Impressum\nbeschreibung: Wer wir sind.\n---\n## Anbieter\n\n{{ anbietr }}\n", encoding="utf-8"
    )
    code, _, err = cli("check", "--content", content)
    assert code == 0  # the site can be built; staff are told what is missing
    assert (
        f"{pages / 'impressum.md'}, Zeile 7: Hinweis: Für den Platzhalter „{{{{ anbietr }}}}“ steht kein Wert in "
        'config.toml.\n    → Tragen Sie im Abschnitt [legal] von config.toml anbietr = "…" ein oder nehmen Sie '
        "einen vorhandenen: anbieter, " in err
    )
    site = build_site(content, tmp_path / "site")
    assert "[fehlt in config.toml: anbietr]" in soup(site / "impressum" / "index.html").main.text


def test_a_content_folder_without_seiten_gets_the_shipped_texts(content: Path, tmp_path: Path) -> None:
    write_offer(content, "treff")
    site = build_site(content, tmp_path / "site")
    assert soup(site / "datenschutz" / "index.html").h1.text == "Datenschutzerklärung"


def test_404_page_helps_from_any_depth(content: Path, tmp_path: Path) -> None:
    write_offer(content, "treff")
    site = build_site(content, tmp_path / "site", "--base-url", "https://example.org/mittendrin/")
    page = soup(site / "404.html")
    assert page.h1.text == "Diese Seite gibt es nicht (mehr)"
    hrefs = [a["href"] for a in page.select("main a[href^='/']")]
    assert "/mittendrin/angebote/" in hrefs and all(h.startswith("/mittendrin/") for h in hrefs)
    assert page.select_one("main form[role=search]")["action"] == "/mittendrin/suche/"


def test_sitemap_and_robots_list_every_page_at_its_public_address(example_site: Path) -> None:
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [loc.text for loc in ElementTree.parse(example_site / "sitemap.xml").findall("s:url/s:loc", namespace)]
    pages = sorted(p.parent.relative_to(example_site).as_posix() for p in example_site.rglob("index.html"))
    expected = sorted("https://mittendrin.example.org/" + ("" if p == "." else p + "/") for p in pages)
    assert sorted(locations) == expected
    assert not any("404" in loc for loc in locations)
    robots = (example_site / "robots.txt").read_text()
    assert "Sitemap: https://mittendrin.example.org/sitemap.xml" in robots


def structured_data(page: Path) -> dict:
    return json.loads(soup(page).select_one('script[type="application/ld+json"]').string)


def test_offer_page_describes_a_recurring_event_for_search_engines(content: Path, tmp_path: Path) -> None:
    write_offer(
        content,
        "treff",
        kurzbeschreibung="Kaffee </script><script>alert(1)</script> und Kuchen.",
        termine=[
            {"tage": ["di", "do"], "von": "15:00", "bis": "17:00"},
            {"tage": ["mi"], "rhythmus": "14-taeglich", "ab": "2026-01-07", "von": "18:00"},
            {"tage": ["sa"], "rhythmus": "monatlich", "woche": [1, -1], "von": "10:00", "bis": "12:00"},
            {"datum": "2026-12-12", "von": "14:00", "bis": "18:00"},
        ],
    )
    site = build_site(content, tmp_path / "site")
    page = soup(site / "angebote" / "treff" / "index.html")
    assert page.select_one('link[rel="canonical"]')["href"] == "https://mittendrin.example.org/angebote/treff/"
    assert page.select_one('meta[name="description"]')["content"].startswith("Kaffee ")
    assert "</script><script>" not in str(page.select_one('script[type="application/ld+json"]'))
    data = structured_data(site / "angebote" / "treff" / "index.html")
    assert data["@type"] == "Event" and data["name"] == "Kaffeeklatsch im Quartier"
    assert data["location"]["address"]["postalCode"] == "44628"
    assert data["isAccessibleForFree"] is True and data["organizer"]["name"] == "Nachbarschaftsverein Börnig e. V."
    weekly, biweekly, monthly, single = data["eventSchedule"]
    assert weekly == {
        "@type": "Schedule",
        "repeatFrequency": "P1W",
        "byDay": ["https://schema.org/Tuesday", "https://schema.org/Thursday"],
        "startTime": "15:00",
        "endTime": "17:00",
        "scheduleTimezone": "Europe/Berlin",
    }
    assert biweekly["repeatFrequency"] == "P2W" and biweekly["startDate"] == "2026-01-07"
    assert monthly["repeatFrequency"] == "P1M" and monthly["byMonthWeek"] == [1, -1]
    assert single["startDate"] == single["endDate"] == "2026-12-12"
    # the next occurrence from the build date (Wednesday 25 November 2026): the biweekly Wednesday, in its week
    assert data["startDate"] == data["endDate"] == "2026-11-25T18:00:00+01:00"


def test_booklet_groups_every_offer_once_by_district_then_weekday(content: Path, tmp_path: Path) -> None:
    write_offer(content, "wanne-fr", titel="Freitagstreff", bezirk="Wanne", stadtteil="Crange", termine=[{"tage": ["fr"], "von": "10:00"}])  # fmt: skip
    write_offer(content, "wanne-mo", titel="Montagscafé", bezirk="Wanne", stadtteil="Crange", termine=[{"tage": ["mo", "fr"], "von": "9:00"}])  # fmt: skip
    write_offer(content, "eickel", titel="Besuchsdienst", bezirk="Eickel", stadtteil="Eickel", termine=[{"nach_vereinbarung": True}])  # fmt: skip
    site = build_site(content, tmp_path / "site")
    page = soup(site / "angebotsheft" / "index.html")
    assert "Stand: 25. November 2026. 3 Angebote" in page.select_one(".lead").text
    outline = [(h.name, h.contents[0].strip()) for h in page.select("main h2, main h3, main h4")]
    assert outline == [
        ("h2", "Inhalt"),
        ("h2", "Stadtbezirk Eickel"),
        ("h3", "Nach Vereinbarung"),
        ("h4", "Besuchsdienst"),
        ("h2", "Stadtbezirk Herne-Mitte"),
        ("h2", "Stadtbezirk Sodingen"),
        ("h2", "Stadtbezirk Wanne"),
        ("h3", "Montag"),
        ("h4", "Montagscafé"),
        ("h3", "Freitag"),
        ("h4", "Freitagstreff"),
    ]
    targets = [a["href"].lstrip("#") for a in page.select(".contents a")]
    assert targets and all(page.find(id=t) for t in targets)
    assert "Telefon +49 2323 0123456" in page.select_one(".booklet-entry").text  # reachable without internet


def test_build_prints_the_booklet_as_pdf_with_chromium(content: Path, tmp_path: Path, cli) -> None:
    require("chromium", "bash scripts/install-test-tools.sh")
    require("pdftotext", "bash scripts/install-test-tools.sh")
    write_offer(content, "treff", titel="Kaffeeklatsch im Quartier")
    write_offer(content, "garten", titel="Gartenfreunde Crange", bezirk="Wanne", stadtteil="Crange")
    for day in ("mo", "di", "mi", "do", "fr", "sa"):
        for hour in ("10:00", "15:00"):
            write_offer(
                content, f"runde-{day}-{hour[:2]}", titel=f"Runde {day} {hour}", termine=[{"tage": [day], "von": hour}]
            )
    site = tmp_path / "www" / "mittendrin"
    code, out, _ = cli("build", "--content", content, "--out", site, "--base-url", "https://example.org/mittendrin/")
    assert code == 0
    pdf = site / "angebotsheft" / "angebotsheft.pdf"
    assert f"Angebotsheft als PDF: {pdf}" in out
    assert pdf.read_bytes().startswith(b"%PDF-")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for expected in ("Angebotsheft", "Stand: 25. November 2026", "Kaffeeklatsch im Quartier", "Gartenfreunde Crange"):
        assert expected in text
    # paper is precious: contents, then each district on its own page(s), several offers to a page
    assert text.count("\f") <= 10, f"{text.count(chr(12))} Seiten für 14 Angebote"
    link = soup(site / "angebotsheft" / "index.html").select_one('a[href$=".pdf"]')
    assert link["href"] == "/mittendrin/angebotsheft/angebotsheft.pdf"


def test_build_without_chromium_says_so_and_goes_on(
    content: Path, tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_offer(content, "treff")
    monkeypatch.setenv("PATH", str(tmp_path / "leer"))
    code, out, _ = cli("build", "--content", content, "--out", tmp_path / "site")
    assert code == 0
    assert "Chromium fehlt – das Angebotsheft wird nicht als PDF gedruckt" in out
    assert (tmp_path / "site" / "angebotsheft" / "index.html").is_file()
    assert not soup(tmp_path / "site" / "angebotsheft" / "index.html").select('a[href$=".pdf"]')


def test_an_offer_only_by_arrangement_is_a_service_not_an_event(content: Path, tmp_path: Path) -> None:
    write_offer(content, "telefonkette", ort=None, online=True, kontakt={"telefon": "02323 123456", "web": "https://example.org/kette"},
                termine=[{"nach_vereinbarung": True}])  # fmt: skip
    data = structured_data(build_site(content, tmp_path / "site") / "angebote" / "telefonkette" / "index.html")
    assert data["@type"] == "Service" and "startDate" not in data and "eventSchedule" not in data
    assert data["availableChannel"] == {
        "@type": "ServiceChannel",
        "servicePhone": {"@type": "ContactPoint", "telephone": "+492323123456"},
        "serviceUrl": "https://example.org/kette",
    }


def test_an_online_event_has_a_virtual_location_only_with_an_address(content: Path, tmp_path: Path) -> None:
    write_offer(content, "mit-web", ort=None, online=True, kontakt={"web": "https://example.org/kette"})
    write_offer(content, "nur-telefon", ort=None, online=True, kontakt={"telefon": "02323 123456"})
    site = build_site(content, tmp_path / "site")
    with_web = structured_data(site / "angebote" / "mit-web" / "index.html")
    assert with_web["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert with_web["location"] == {"@type": "VirtualLocation", "url": "https://example.org/kette"}
    phone_only = structured_data(site / "angebote" / "nur-telefon" / "index.html")
    assert phone_only["@type"] == "Event" and "location" not in phone_only
