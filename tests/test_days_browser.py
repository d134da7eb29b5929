"""/heute/ and /termine/ in a real browser, at the visitor's own today (Playwright's clock), with and without JavaScript.

The site is built on Wednesday, 5 May 2027, the first Wednesday of the month. Its lists reach a week further, to
Wednesday, 12 May, the second Wednesday, and Thursday, 6 May, is a public holiday in NRW (Christi Himmelfahrt), so one
build covers every case. The expected titles below are worked out by hand from the calendar of May 2027:

    Mo Di Mi Do Fr Sa So
                 1  2          1 May (Saturday) is a holiday too, before the build
     3  4  5  6  7  8  9       5: 1st Wednesday (build) · 6: Christi Himmelfahrt
    10 11 12 13 14 15 16       12: 2nd Wednesday (build + 7)
    17 18 19 20 21 22 23       17: Pfingstmontag · 19: 3rd Wednesday
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator

import pytest
from audit import axe_violations
from conftest import build_site, serve, write_offer
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

BUILT_ON = "1809475200"  # SOURCE_DATE_EPOCH: Wednesday, 2027-05-05 00:00 UTC
BERLIN = "Europe/Berlin"  # May is summer time: +02:00


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    content = tmp_path_factory.mktemp("tage") / "content"
    wednesday, thursday = ["mi"], ["do"]
    write_offer(content, "mittwochstreff", titel="Mittwochstreff",
                termine=[{"tage": wednesday, "von": "15:00", "bis": "17:00"}])  # fmt: skip
    write_offer(content, "zeitungsfruehstueck", titel="Zeitungsfrühstück",
                termine=[{"tage": wednesday, "rhythmus": "monatlich", "woche": [1], "von": "09:00", "bis": "11:00"}])  # fmt: skip
    write_offer(content, "spielenachmittag", titel="Spielenachmittag",
                termine=[{"tage": wednesday, "rhythmus": "monatlich", "woche": [2, 4], "von": "13:00", "bis": "15:00"}])  # fmt: skip
    write_offer(content, "donnerstagscafe", titel="Donnerstagscafé",
                termine=[{"tage": thursday, "von": "14:00", "bis": "16:00", "nicht_in": ["feiertage"]}])  # fmt: skip
    write_offer(content, "gartengruppe", titel="Gartengruppe",
                termine=[{"tage": thursday, "von": "10:00", "bis": "12:00"}])  # fmt: skip
    write_offer(content, "dienstagsgymnastik", titel="Dienstagsgymnastik",
                termine=[{"tage": ["di"], "von": "10:00", "bis": "11:00"}],
                faellt_aus=[{"datum": "2027-05-11", "grund": "Betriebsausflug"}])  # fmt: skip
    write_offer(content, "maifest", titel="Maifest im Quartier",
                termine=[{"datum": "2027-05-11", "von": "11:00", "bis": "14:00"}])  # fmt: skip
    write_offer(content, "telefonkette", titel="Telefonkette", ort=None, online=True,
                termine=[{"tage": ["mo", "mi"], "von": "10:00", "bis": "11:00"}])  # fmt: skip
    write_offer(content, "besuchsdienst", titel="Besuchsdienst", termine=[{"nach_vereinbarung": True}])
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", BUILT_ON)
        site = build_site(content, tmp_path_factory.mktemp("tage-site") / "site")
    with serve(site) as url:
        yield url


@contextlib.contextmanager
def visitor(browser, clock: str | None = None, javascript: bool = True) -> Iterator:
    """A page in Berlin whose clock stands still at `clock`; fails the test when a script on it throws."""
    context = browser.new_context(locale="de-DE", timezone_id=BERLIN, java_script_enabled=javascript)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    if clock:
        page.clock.set_fixed_time(clock)  # before the first page loads, so that every script sees it
    try:
        yield page
        assert errors == []
    finally:
        context.close()


def day_list(page) -> dict[str, list[str]]:
    """What the day's list shows: entries at a place and those under "Am Telefon oder online", as "time title"."""
    return page.evaluate(
        """() => {
             const shown = {vorOrt: [], telefon: [], gruppe: []};
             let part = shown.vorOrt;
             for (const child of document.getElementById('heute-tag').children) {
               if (child.matches('.day-group')) { shown.gruppe.push(child.textContent.trim()); part = shown.telefon; }
               for (const entry of child.querySelectorAll('.day-entry'))
                 part.push(`${entry.querySelector('.day-time').textContent} ${entry.querySelector('a').textContent}`);
             }
             return shown;
           }"""
    )


HEUTE = [
    pytest.param(
        "2027-05-05T10:00:00+02:00",  # the build date, the first Wednesday: weekly, woche [1] and the phone offer
        "Mittwoch, 5. Mai 2027",
        ["9:00–11:00 Uhr Zeitungsfrühstück", "15:00–17:00 Uhr Mittwochstreff"],
        ["10:00–11:00 Uhr Telefonkette"],
        id="1. Mittwoch",
    ),
    pytest.param(
        "2027-05-06T00:30:00+02:00",  # Christi Himmelfahrt, half an hour after midnight (still 5 May in UTC)
        "Donnerstag, 6. Mai 2027",
        ["10:00–12:00 Uhr Gartengruppe"],  # the Donnerstagscafé pauses on public holidays
        [],
        id="Feiertag",
    ),
    pytest.param(
        "2027-05-11T18:00:00+02:00",  # six days after the build, a Tuesday: the gymnastics are cancelled that day
        "Dienstag, 11. Mai 2027",
        ["11:00–14:00 Uhr Maifest im Quartier"],
        [],
        id="Build + 6",
    ),
    pytest.param(
        "2027-05-12T08:00:00+02:00",  # the second Wednesday, the last day the page has a list for: weekly, woche [2, 4]
        "Mittwoch, 12. Mai 2027",
        ["13:00–15:00 Uhr Spielenachmittag", "15:00–17:00 Uhr Mittwochstreff"],
        ["10:00–11:00 Uhr Telefonkette"],
        id="2. Mittwoch",
    ),
]


@pytest.mark.parametrize(("clock", "name", "at_places", "by_phone"), HEUTE)
def test_heute_lists_exactly_what_takes_place_on_the_visitors_today(
    browser, root: str, clock: str, name: str, at_places: list[str], by_phone: list[str]
) -> None:
    with visitor(browser, clock) as page:
        page.goto(root + "heute/")
        expect(page.locator("#heute-stand")).to_have_text(f"Heute ist {name}.")
        assert page.locator("h1").inner_text() == f"Heute: {name}"
        shown = day_list(page)
        assert shown["vorOrt"] == at_places
        assert shown["telefon"] == by_phone
        assert shown["gruppe"] == (["Am Telefon oder online"] if by_phone else [])
        arranged = page.locator("h2", has_text="Nach Vereinbarung")
        assert arranged.count() == 1
        assert page.locator(".day-arranged a").all_inner_texts() == ["Besuchsdienst"]  # apart, never in a day's list


def test_heute_on_an_empty_day_says_so_and_leads_to_the_next_day_with_offers(browser, root: str) -> None:
    with visitor(browser, "2027-05-07T09:00:00+02:00") as page:  # Friday: nothing until Monday's phone offer
        page.goto(root + "heute/")
        expect(page.locator("#heute-stand")).to_have_text("Heute ist Freitag, 7. Mai 2027.")
        empty = page.locator("#heute-tag .empty")
        assert empty.inner_text().startswith("An diesem Tag findet kein Angebot statt.")
        assert "Der nächste Tag mit einem Angebot: Montag, 10. Mai 2027." in empty.inner_text()
        empty.get_by_role("link", name="Montag, 10. Mai 2027", exact=True).click()
        page.wait_for_url("**/termine/#tag-2027-05-10")
        monday = page.locator("#tag-2027-05-10")
        expect(monday).to_be_visible()
        expect(monday).to_be_in_viewport()
        assert monday.locator(".day-entry a").all_inner_texts() == ["Telefonkette"]
        assert axe_violations(page) == []  # /termine/ with empty days, and below /heute/ with an empty list
        page.go_back()
        expect(page.locator("#heute-stand")).to_have_text("Heute ist Freitag, 7. Mai 2027.")
        assert axe_violations(page) == []


def test_heute_after_its_last_list_shows_the_build_date_and_says_so(browser, root: str) -> None:
    with visitor(browser, "2027-05-14T09:00:00+02:00") as page:  # nine days after the build: no list for that day
        page.goto(root + "heute/")
        status = page.locator("#heute-stand")
        expect(status).to_have_text(re.compile("^Für heute liegt hier noch keine Liste vor."))
        assert "Sie sehen die Liste für Mittwoch, 5. Mai 2027" in status.inner_text()
        assert page.locator("#heute-tag").get_attribute("data-datum") == "2027-05-05"
        assert page.locator("h1").inner_text() == "Angebote am Mittwoch, 5. Mai 2027"  # not "Heute: …"


def test_heute_when_the_days_list_cannot_be_loaded_shows_the_build_date_and_says_so(browser, root: str) -> None:
    with visitor(browser, "2027-05-07T09:00:00+02:00") as page:
        page.route("**/heute/2027-05-07.html", lambda route: route.abort())  # the connection drops
        page.goto(root + "heute/")
        expect(page.locator("#heute-stand")).to_have_text(
            "Die Liste für heute konnte nicht geladen werden. Sie sehen die Liste für Mittwoch, 5. Mai 2027."
        )
        assert page.locator("h1").inner_text() == "Angebote am Mittwoch, 5. Mai 2027"


def test_without_javascript_heute_shows_the_build_date_and_names_it(browser, root: str) -> None:
    with visitor(browser, javascript=False) as page:
        page.goto(root + "heute/")
        assert page.locator("#heute-stand").inner_text() == (
            "Diese Liste gilt für Mittwoch, 5. Mai 2027, den Tag, an dem die Seite zuletzt erstellt wurde."
        )
        assert "Mittwoch, 5. Mai 2027" in page.locator("h1").inner_text()
        shown = day_list(page)
        assert shown["vorOrt"] == ["9:00–11:00 Uhr Zeitungsfrühstück", "15:00–17:00 Uhr Mittwochstreff"]
        assert shown["telefon"] == ["10:00–11:00 Uhr Telefonkette"]


# The fourteen days from Saturday, 8 May (build + 3), each with what takes place on it, worked out by hand.
TERMINE_FROM_8_MAY = {
    "2027-05-08": [],
    "2027-05-09": [],
    "2027-05-10": ["Telefonkette"],
    "2027-05-11": ["Maifest im Quartier"],  # Dienstagsgymnastik: faellt_aus
    "2027-05-12": ["Spielenachmittag", "Mittwochstreff", "Telefonkette"],  # 2nd Wednesday; phone offers last
    "2027-05-13": ["Gartengruppe", "Donnerstagscafé"],
    "2027-05-14": [],
    "2027-05-15": [],
    "2027-05-16": [],
    "2027-05-17": ["Telefonkette"],  # Pfingstmontag; the phone chain does not pause on holidays
    "2027-05-18": ["Dienstagsgymnastik"],
    "2027-05-19": ["Mittwochstreff", "Telefonkette"],  # 3rd Wednesday
    "2027-05-20": ["Gartengruppe", "Donnerstagscafé"],
    "2027-05-21": [],
}


def visible_days(page) -> dict[str, list[str]]:
    return {
        section.get_attribute("data-datum"): section.locator(".day-entry a").all_inner_texts()
        for section in page.locator("section.day:visible").all()
    }


def test_termine_shows_fourteen_days_from_the_visitors_today(browser, root: str) -> None:
    with visitor(browser, "2027-05-08T11:00:00+02:00") as page:
        page.goto(root + "termine/")
        expect(page.locator("#termine-stand")).to_have_text("Ab heute, Samstag, 8. Mai 2027.")
        assert page.locator("section.day").count() == 21  # three weeks in the page, from the build date
        assert page.locator("section.day:visible").first.get_attribute("data-datum") == "2027-05-08"
        assert page.locator("section.day:visible").count() == 14
        assert visible_days(page) == TERMINE_FROM_8_MAY
        assert page.locator("#titel-2027-05-12").inner_text() == "Mittwoch, 12. Mai 2027 · 3 Angebote"
        assert page.locator("#titel-2027-05-08").inner_text() == "Samstag, 8. Mai 2027"  # no "0 Angebote"
        phone = page.locator("#tag-2027-05-12 .day-group")
        assert phone.inner_text() == "Am Telefon oder online"
        assert phone.evaluate("(h) => h.tagName") == "H3"  # below the day's own h2


def test_termine_empty_day_says_so_and_leads_to_the_next_day_with_offers(browser, root: str) -> None:
    with visitor(browser, "2027-05-08T11:00:00+02:00") as page:
        page.goto(root + "termine/")
        empty = page.locator("#tag-2027-05-08 .empty")
        assert "An diesem Tag findet kein Angebot statt." in empty.inner_text()
        empty.get_by_role("link", name="Montag, 10. Mai 2027", exact=True).click()
        page.wait_for_url("**/termine/#tag-2027-05-10")
        expect(page.locator("#tag-2027-05-10")).to_be_in_viewport()


def test_termine_link_to_a_day_beyond_the_fourteen_shows_that_day(browser, root: str) -> None:
    with visitor(browser, "2027-05-08T11:00:00+02:00") as page:
        page.goto(root + "termine/")
        last = page.locator("#tag-2027-05-21 .empty")  # the last day shown, a Friday: the next offer is on Monday
        assert page.locator("#tag-2027-05-24").is_hidden()
        last.get_by_role("link", name="Montag, 24. Mai 2027", exact=True).click()
        page.wait_for_url("**/termine/#tag-2027-05-24")
        expect(page.locator("#tag-2027-05-24")).to_be_in_viewport()
        assert page.locator("#tag-2027-05-24 .day-entry a").all_inner_texts() == ["Telefonkette"]


def test_termine_after_the_pages_last_day_shows_what_it_has_and_says_so(browser, root: str) -> None:
    with visitor(browser, "2027-05-15T11:00:00+02:00") as page:  # build + 10: the page's 21 days end on 25 May
        page.goto(root + "termine/")
        expect(page.locator("#termine-stand")).to_have_text(
            "Ab heute, Samstag, 15. Mai 2027. Für die Tage danach liegt hier noch keine Liste vor."
        )
        dates = [s.get_attribute("data-datum") for s in page.locator("section.day:visible").all()]
        assert dates == [f"2027-05-{day}" for day in range(15, 26)]


def test_without_javascript_termine_shows_fourteen_days_from_the_build_date(browser, root: str) -> None:
    with visitor(browser, javascript=False) as page:
        page.goto(root + "termine/")
        assert page.locator("#termine-stand").inner_text() == (
            "Ab Mittwoch, 5. Mai 2027, dem Tag, an dem die Seite zuletzt erstellt wurde."
        )
        dates = [s.get_attribute("data-datum") for s in page.locator("section.day:visible").all()]
        assert dates == [f"2027-05-{day:02}" for day in range(5, 19)]
