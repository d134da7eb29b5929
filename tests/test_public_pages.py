"""The pages around the offers: legal texts from content/seiten/, 404, Angebotsheft, sitemap, robots.txt, JSON-LD."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import pikepdf
import pytest
import segno
from audit import require
from bs4 import BeautifulSoup
from conftest import TOWN_CONFIG, build_site, serve, write_offer

from mittendrin.cli import main
from mittendrin.content.textpages import for_sign_video

BERLIN = ZoneInfo("Europe/Berlin")


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
    home = soup(example_site / "index.html")
    footer_links = [a["href"] for a in home.select("footer a")]
    for path in ("/impressum/", "/datenschutz/", "/barrierefreiheit/"):
        assert path in footer_links
    # The booklet sits in the header, where people look for it, not 3,000 px down a phone's footer.
    assert "/angebotsheft/" in [a["href"] for a in home.select("header nav a")]


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


def test_leichte_sprache_explains_the_site_and_is_linked_in_every_header(example_site: Path) -> None:
    page = soup(example_site / "leichte-sprache" / "index.html")
    assert page.h1.text == "Leichte Sprache" and page.html["lang"] == "de"
    # the four points of BITV 2.0 § 4: contents, use, the accessibility statement, more in Leichte Sprache
    assert [h.text for h in page.select("main h2")] == [
        "Was steht auf dieser Internet·seite?",
        "So benutzen Sie die Seite",
        "Barriere·frei: Was geht gut? Was geht noch nicht?",
        "Sie finden eine Barriere?",
        "Wo gibt es mehr in Leichter Sprache?",
    ]
    text = page.main.text
    assert "{{" not in text and "mittendrin@example.org" in text and "02323 16-2551" in text
    assert page.select_one("main a[href='../barrierefreiheit/']")
    # one sentence per line: a line break after every sentence of a paragraph
    assert page.main.find(string=re.compile("Sie reden miteinander")).find_next_sibling().name == "br"
    for html in example_site.rglob("*.html"):
        header = soup(html).select_one("header nav")
        if header:  # the printed booklet editions have no site navigation
            assert header.find("a", string="Leichte Sprache")["href"] == "/leichte-sprache/", html


def test_a_content_folder_without_the_leichte_sprache_page_gets_the_shipped_one(content: Path, tmp_path: Path) -> None:
    write_offer(content, "treff")
    (content / "seiten").mkdir()
    (content / "seiten" / "impressum.md").write_text(
        "---\ntitel: Impressum\nbeschreibung: Wer wir sind.\n---\nStadt Beispiel\n", encoding="utf-8"
    )
    site = build_site(content, tmp_path / "site")
    assert soup(site / "impressum" / "index.html").main.find(string=re.compile("Stadt Beispiel"))
    assert soup(site / "leichte-sprache" / "index.html").h1.text == "Leichte Sprache"


def test_an_offer_in_leichte_sprache_shows_it_under_its_heading(content: Path, tmp_path: Path) -> None:
    write_offer(content, "einfach", einfach="Wir trinken Kaffee. Am 3. Mai ist ein Fest.  Sie können einfach kommen.")
    write_offer(content, "schwer", titel="Ohne Leichte Sprache")
    site = build_site(content, tmp_path / "site")
    page = soup(site / "angebote" / "einfach" / "index.html")
    heading = page.find("h2", string="In Leichter Sprache")
    section = heading.find_parent("section")
    assert section.find_parent(attrs={"lang": True}) is page.html and page.html["lang"] == "de"
    assert [line.strip() for line in section.p.stripped_strings] == [
        "Wir trinken Kaffee.", "Am 3. Mai ist ein Fest.", "Sie können einfach kommen."
    ]  # fmt: skip
    assert len(section.p.find_all("br")) == 2  # one sentence per line
    assert not soup(site / "angebote" / "schwer" / "index.html").find("h2", string="In Leichter Sprache")
    booklet = soup(site / "angebotsheft" / "index.html")
    assert "In Leichter Sprache:Wir trinken Kaffee.Am 3. Mai ist ein Fest." in booklet.select_one(".simple").text


def test_the_statement_offers_a_form_to_report_a_barrier_by_email(example_site: Path) -> None:
    page = soup(example_site / "barrierefreiheit" / "index.html")
    form = page.select_one("form#barriere-melden")
    # no server: without JavaScript the browser hands the answers to the visitor's e-mail program
    assert form["action"] == "mailto:mittendrin@example.org?subject=Barriere%20melden"
    assert (form["method"], form["enctype"]) == ("post", "text/plain")
    fields = form.select("input, textarea")
    assert [f["name"] for f in fields] == ["Seite", "Beschreibung"]
    for field in fields:
        label = page.select_one(f"label[for='{field['id']}']")
        assert label and label.text.strip() and page.find(id=field["aria-describedby"])
    assert form.select_one("textarea").has_attr("required")
    assert page.find("script", src="/assets/barriere.js")
    # beside the form: phone, post and the Ombudsstelle, and when the statement was last reviewed
    text = " ".join(page.main.text.split())
    assert "Telefon: 02323 16-2551" in text and "Post: Stadt Herne, Stabsstelle Zukunft der Gesellschaft" in text
    assert "Ombudsstelle für barrierefreie Informationstechnik des Landes Nordrhein-Westfalen" in text
    assert "Diese Erklärung wurde zuletzt am 25. November 2026 überprüft." in text
    headings = [h.text for h in page.select("main h2")]
    assert headings.index("Barriere melden: Feedback und Kontakt") < headings.index("Durchsetzungsverfahren")
    after_form = form.find_next("h2")
    assert after_form.text == "Durchsetzungsverfahren"  # the form stands in its section, where the marker is


@pytest.mark.browser
def test_the_barrier_form_composes_an_email_with_the_page_address(page, example_site: Path) -> None:
    with serve(example_site) as root:
        offer = root + "angebote/erzaehlcafe-herne-mitte/"
        page.goto(offer)
        page.locator("footer").get_by_role("link", name="Barrierefreiheit").click()
        page.wait_for_url(root + "barrierefreiheit/", wait_until="load")  # after the deferred script
        assert page.get_by_label("Auf welcher Seite ist die Barriere?").input_value() == offer  # where they came from
        page.get_by_label("Was ist die Barriere?").fill("Der Kalender-Link ist mit dem Bildschirmleser stumm.")
        page.get_by_role("button", name="E-Mail-Programm öffnen").click()
        status = page.get_by_role("status")
        status.wait_for()
        href = status.get_by_role("link", name="die Meldung als E-Mail öffnen").get_attribute("href")
    mail = urlsplit(href)
    assert (mail.scheme, mail.path) == ("mailto", "mittendrin@example.org")
    query = parse_qs(mail.query)
    assert query["subject"] == ["Barriere melden"]
    assert query["body"] == [f"Seite: {offer}\n\nBarriere:\nDer Kalender-Link ist mit dem Bildschirmleser stumm.\n"]


@pytest.mark.browser
def test_without_javascript_the_browser_writes_the_email_from_the_form(browser, example_site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    with serve(example_site) as root:
        page.goto(root + "barrierefreiheit/")
        page.get_by_label("Auf welcher Seite ist die Barriere?").fill(root + "heute/")
        page.get_by_label("Was ist die Barriere?").fill("Die Liste ist zu klein.")
        with page.expect_request(lambda request: request.url.startswith("mailto:")) as opened:
            page.get_by_role("button", name="E-Mail-Programm öffnen").click()
    context.close()
    mail = urlsplit(opened.value.url)
    assert (mail.scheme, mail.path, parse_qs(mail.query)["subject"]) == (
        "mailto",
        "mittendrin@example.org",
        ["Barriere melden"],
    )
    lines = parse_qs(mail.query)["body"][0].splitlines()  # text/plain: one "name=value" line per field
    assert lines[:2] == [f"Seite={root}heute/", "Beschreibung=Die Liste ist zu klein."]


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
        ("h2", "Stadtbezirk Wanne"),
        ("h3", "Montag"),
        ("h4", "Montagscafé"),
        ("h3", "Freitag"),
        ("h4", "Freitagstreff"),
    ]
    # no empty sections: the districts without an offer are named in one sentence
    assert (
        "In den Stadtbezirken Herne-Mitte und Sodingen gibt es im Moment kein Angebot."
        in page.select_one(".contents").text
    )
    targets = [a["href"].lstrip("#") for a in page.select(".contents a")]
    assert targets and all(page.find(id=t) for t in targets)
    assert "Telefon +49 2323 0123456" in page.select_one(".booklet-entry").text  # reachable without internet


BOOKLETS = ("angebotsheft.pdf", "angebotsheft-grossdruck.pdf")


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two builds of the same content on the same day, with both PDFs, into different folders (so Chromium prints
    from a print server on another port): 14 offers in two districts, one with a cancellation."""
    require("chromium", "bash scripts/install-test-tools.sh")
    require("pdftotext", "bash scripts/install-test-tools.sh")
    content = tmp_path_factory.mktemp("heft") / "content"
    write_offer(content, "treff", titel="Kaffeeklatsch im Quartier", faellt_aus=[{"datum": "2026-12-24", "grund": "Heiligabend"}],
                einfach="Wir trinken Kaffee. Sie können einfach kommen.")  # fmt: skip
    write_offer(content, "garten", titel="Gartenfreunde Crange", bezirk="Wanne", stadtteil="Crange",
                kontakt={"telefon": "02325 987654"})  # fmt: skip
    for day in ("mo", "di", "mi", "do", "fr", "sa"):
        for hour in ("10:00", "15:00"):
            write_offer(
                content, f"runde-{day}-{hour[:2]}", titel=f"Runde {day} {hour}", termine=[{"tage": [day], "von": hour}]
            )
    sites = []
    for name in ("eins", "zwei"):
        site = tmp_path_factory.mktemp(name) / "www" / "mittendrin"
        code = main(["--config", str(TOWN_CONFIG), "build", "--content", str(content), "--out", str(site), "--base-url", "https://example.org/mittendrin/"])  # fmt: skip
        assert code == 0
        sites.append(site)
    return sites[0], sites[1]


def pdf_pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def test_build_prints_both_booklets_on_a4_with_page_numbers(printed: tuple[Path, Path]) -> None:
    site = printed[0]
    for name in BOOKLETS:
        pdf = site / "angebotsheft" / name
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert re.search(r"Page size: +594.96 x 841.92 pts \(A4\)", info), info
        assert "Title:           Angebotsheft" in info and "Begegnungsangebote in Herne" in info
        pages = pdf_pages(pdf)
        for number, text in enumerate(pages, start=1):
            assert f"Seite {number} von {len(pages)}" in text, f"{name}, Seite {number}"
        cover, contents = pages[0], pages[1]
        for expected in ("Herne", "Stand: 25. November 2026", "So bekommen Sie ein neues Heft", "Telefon 02323 16-2551",
                         "https://example.org/mittendrin/angebotsheft/"):  # fmt: skip
            assert expected in " ".join(cover.split()), expected
        # the contents' page numbers are the pages where each district begins; no empty district has a section
        listed = re.findall(r"Stadtbezirk (\S+) \(\d+ Angebote?\) +Seite (\d+)", contents)
        assert [district for district, _ in listed] == ["Sodingen", "Wanne"]
        for district, number in listed:
            begins = next(i for i, text in enumerate(pages[2:], start=3) if f"Stadtbezirk {district}" in text)
            assert begins == int(number), (name, district)
            assert pages[begins - 1].lstrip().startswith(f"Stadtbezirk {district}")
        assert "In den Stadtbezirken Eickel und Herne-Mitte gibt es im Moment kein Angebot." in " ".join(
            contents.split()
        )
        text = " ".join(" ".join(pages).split())
        for expected in ("Kaffeeklatsch im Quartier", "Gartenfreunde Crange", "Telefon +49 2325 987654",
                         "Fällt aus am Donnerstag, 24. Dezember 2026 (Heiligabend)", "Dienstag, 1. Dezember 2026, 15:00–17:00 Uhr",
                         ):  # fmt: skip
            assert expected in text, expected
        assert "https://example.org/mittendrin/angebote/garten/" in text.replace(" ", "")  # long ones wrap
        assert "(/" not in text  # no web-only links such as "(/angebot-eintragen/)"
        assert text.count("Stadtbezirk Eickel") == 0
    link = soup(site / "angebotsheft" / "index.html").select('a[href$=".pdf"]')
    assert [a["href"] for a in link] == [f"/mittendrin/angebotsheft/{name}" for name in BOOKLETS]


def test_the_booklets_lead_to_the_public_site_only(printed: tuple[Path, Path], tmp_path: Path) -> None:
    site = printed[0]
    for name in BOOKLETS:
        pdf = site / "angebotsheft" / name
        plain = tmp_path / f"qdf-{name}"
        with pikepdf.open(pdf) as document:
            document.save(plain, qdf=True, compress_streams=False)  # what `qpdf --qdf` writes: streams decompressed
            links = [
                str(annotation.A.URI)
                for page in document.pages
                for annotation in page.get("/Annots", [])
                if "/A" in annotation and "/URI" in annotation.A
            ]
        for raw in (pdf.read_bytes(), plain.read_bytes()):
            assert b"127.0.0.1" not in raw and b"localhost" not in raw
        assert links and all(link.startswith("https://example.org/mittendrin/") for link in links), links
    # each offer's QR code is segno's code of its public address
    source = soup(site / "angebotsheft" / "druck" / "index.html")
    entries = source.select(".booklet-entry")
    assert len(entries) == 14
    for entry in entries:
        address = entry.select_one("dd a")["href"]
        expected = BeautifulSoup(segno.make(address, error="m").svg_inline(), "html.parser").path["d"]
        assert address.startswith("https://example.org/mittendrin/angebote/")
        assert entry.select_one("svg.qr path")["d"] == expected


def test_the_booklets_print_the_text_in_leichte_sprache(printed: tuple[Path, Path]) -> None:
    for name in BOOKLETS:
        text = " ".join(" ".join(pdf_pages(printed[0] / "angebotsheft" / name)).split())
        assert "In Leichter Sprache: Wir trinken Kaffee. Sie können einfach kommen." in text


def test_two_builds_of_the_same_content_and_day_give_the_same_pdfs(printed: tuple[Path, Path]) -> None:
    first, second = printed
    for name in BOOKLETS:
        assert (first / "angebotsheft" / name).read_bytes() == (second / "angebotsheft" / name).read_bytes(), name
    with pikepdf.open(first / "angebotsheft" / BOOKLETS[0]) as document:
        assert str(document.docinfo["/CreationDate"]) == str(document.docinfo["/ModDate"]) == "D:20261125000000Z"
        assert str(document.Root.Lang) == "de"


def smallest_word_height(pdf: Path) -> float:
    """The smallest word box of the PDF, in pt: for DejaVu Sans 1.164 times the font size (12 pt: 13.97 pt). Chromium
    shrinks a page whose content is too wide, which this catches too."""
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    heights = [float(b) - float(a) for a, b in re.findall(r'<word [^>]*yMin="([\d.]+)" [^>]*yMax="([\d.]+)"', boxes)]
    assert len(heights) > 500
    return min(heights)


def test_body_text_is_at_least_12_pt_and_16_pt_in_grossdruck(printed: tuple[Path, Path]) -> None:
    normal, large = (smallest_word_height(printed[0] / "angebotsheft" / name) for name in BOOKLETS)
    assert normal >= 12 * 1.16, normal
    assert large >= 16 * 1.16, large


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


WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November",
          "Dezember")  # fmt: skip
ISO_WITH_OFFSET = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00")


def in_german(start: str, end: str) -> str:
    """A JSON-LD start and end as the page writes a date: 'Mittwoch, 9. Dezember 2026, 15:00–17:00 Uhr'."""
    begins, ends = dt.datetime.fromisoformat(start), dt.datetime.fromisoformat(end)
    day = f"{WEEKDAYS[begins.weekday()]}, {begins.day}. {MONTHS[begins.month - 1]} {begins.year}"
    hours = f"ab {clock(begins)}" if ends == begins else f"{clock(begins)}–{clock(ends)}"
    return f"{day}, {hours} Uhr"


def clock(moment: dt.datetime) -> str:
    return f"{moment.hour}:{moment.minute:02d}"


def first_date_on(page: BeautifulSoup) -> str | None:
    """The first of "Nächste Termine", or the single "Nächster Termin" further ahead."""
    found = page.select_one("ul.next-dates li") or page.select_one("p.next-date")
    return found.text.strip() if found else None


def test_structured_data_starts_at_the_first_date_the_page_lists(example_site: Path) -> None:
    kinds = []
    for path in sorted((example_site / "angebote").glob("*/index.html")):
        first, data = first_date_on(soup(path)), structured_data(path)
        slug = path.parent.name
        if first is None:
            assert data["@type"] == "Service", slug
            assert "startDate" not in data and "endDate" not in data and "eventSchedule" not in data, slug
            kinds.append("Service")
            continue
        assert data["@type"] == "Event", slug
        assert ISO_WITH_OFFSET.fullmatch(data["startDate"]) and ISO_WITH_OFFSET.fullmatch(data["endDate"]), slug
        start = dt.datetime.fromisoformat(data["startDate"])
        assert start.utcoffset() == start.astimezone(BERLIN).utcoffset(), f"{slug}: the offset of Herne on that day"
        assert in_german(data["startDate"], data["endDate"]) == first, slug
        kinds.append("Event")
    assert kinds.count("Service") >= 1 and kinds.count("Event") >= 25


def test_structured_data_in_summer_time_has_the_summer_offset(content: Path, tmp_path: Path) -> None:
    write_offer(content, "sommer", gueltig_ab="2027-06-01", termine=[{"tage": ["mi"], "von": "10:00", "bis": "11:30"}])
    site = build_site(content, tmp_path / "site")
    path = site / "angebote" / "sommer" / "index.html"
    assert first_date_on(soup(path)) == "Mittwoch, 2. Juni 2027, 10:00–11:30 Uhr"  # beyond the eight weeks: p.next-date
    data = structured_data(path)
    assert (data["startDate"], data["endDate"]) == ("2027-06-02T10:00:00+02:00", "2027-06-02T11:30:00+02:00")


def json_ld_objects(node: object) -> Iterator[dict]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from json_ld_objects(value)
    elif isinstance(node, list):
        for value in node:
            yield from json_ld_objects(value)


def test_no_page_has_a_virtual_location_without_an_address(example_site: Path) -> None:
    virtual = []
    for path in sorted(example_site.rglob("*.html")):
        for script in soup(path).select('script[type="application/ld+json"]'):
            found = [o for o in json_ld_objects(json.loads(script.string)) if o.get("@type") == "VirtualLocation"]
            assert all(o.get("url", "").startswith("https://") for o in found), path
            virtual += found
    assert virtual, "the example content has an online offer with a web address"


def test_the_event_schedule_names_the_days_it_skips(example_site: Path) -> None:
    walk = structured_data(example_site / "angebote" / "gemeinsam-gehen-gysenberg-boernig" / "index.html")
    (weekly,) = walk["eventSchedule"]
    assert weekly["exceptDate"] == ["2026-12-24", "2026-12-31"]  # faellt_aus
    homework = structured_data(example_site / "angebote" / "hausaufgabenhilfe-und-spiel-herne-sued" / "index.html")
    (mondays_and_thursdays,) = homework["eventSchedule"]
    skipped = mondays_and_thursdays["exceptDate"]
    assert skipped[:6] == ["2026-12-24", "2026-12-28", "2026-12-31", "2027-01-04", "2027-03-22", "2027-03-25"]
    assert "2027-05-06" in skipped and "2027-05-17" in skipped, "Christi Himmelfahrt and Pfingstmontag"
    assert skipped == sorted(skipped) and skipped[-1] <= "2028-01-08", "no later than the last known school holiday"


def test_a_text_block_for_or_against_a_sign_language_video_is_kept_by_the_config() -> None:
    text = (
        "Vorher\n<!-- wenn-gebaerdensprache -->\nMit Video.\n<!-- ende -->\n"
        "<!-- wenn-keine-gebaerdensprache -->\nOhne Video.\n<!-- ende -->\nNachher\n"
    )
    assert for_sign_video(text, True) == "Vorher\nMit Video.\nNachher\n"
    assert for_sign_video(text, False) == "Vorher\nOhne Video.\nNachher\n"
