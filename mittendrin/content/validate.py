"""Checks raw front matter against the schema and the town's vocabularies, and builds the typed Offer."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable, Sequence
from urllib.parse import urlsplit

from mittendrin.content.body import render_markdown, text_problem
from mittendrin.content.load import Node, RawOffer, slugify
from mittendrin.content.problems import Problem, Severity
from mittendrin.content.schema import (
    ACCESSIBILITY_FIELDS,
    APPOINTMENT_FIELDS,
    CANCELLATION_FIELDS,
    CONTACT_FIELDS,
    OFFER_FIELDS,
    PLACE_FIELDS,
    Field,
    filled,
)
from mittendrin.dates.occurrences import (
    PAUSE_KINDS,
    SCHOOL_HOLIDAYS,
    WINDOW_DAYS,
    days_yielded,
    known_until,
    missing_school_holidays,
)
from mittendrin.model.config import Config, District, Term
from mittendrin.model.offer import Accessibility, Appointment, Contact, Offer, Period, Place, Rhythm
from mittendrin.model.phone import parse_phone

TRUE_WORDS = {"true", "ja", "yes", "wahr", "on"}
FALSE_WORDS = {"false", "nein", "no", "falsch", "off"}
FREE_WORDS = ("kostenlos", "kostenfrei", "gratis", "umsonst", "frei", "0 €", "0,00 €")
RHYTHMS = {
    "woechentlich": Rhythm.WEEKLY,
    "jede-woche": Rhythm.WEEKLY,
    "weekly": Rhythm.WEEKLY,
    "14-taeglich": Rhythm.BIWEEKLY,
    "vierzehntaeglich": Rhythm.BIWEEKLY,
    "zweiwoechentlich": Rhythm.BIWEEKLY,
    "alle-14-tage": Rhythm.BIWEEKLY,
    "alle-2-wochen": Rhythm.BIWEEKLY,
    "jede-zweite-woche": Rhythm.BIWEEKLY,
    "alle-zwei-wochen": Rhythm.BIWEEKLY,
    "14-taegig": Rhythm.BIWEEKLY,
    "vierzehntaegig": Rhythm.BIWEEKLY,
    "monatlich": Rhythm.MONTHLY,
    "jeden-monat": Rhythm.MONTHLY,
    "monthly": Rhythm.MONTHLY,
}
LAST_WEEK_WORDS = {"letzte", "letzter", "letzten", "-1"}
TIME_PATTERN = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?(?:\s*uhr)?$", re.IGNORECASE)
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_GERMAN_DATE = re.compile(r"^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})$")
# Plausible, not RFC-complete: letters, digits and . _ % + - before the @, a domain (umlauts allowed) after it.
# Written so that browsers (HTML pattern, "v" mode: "-" escaped) and JSON Schema read it exactly as Python does.
EMAIL_PATTERN = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9ÄÖÜäöüß\-]+(?:\.[A-Za-z0-9ÄÖÜäöüß\-]+)*\.[A-Za-z]{2,}$")
URL_PATTERN = re.compile(r"^https?://[^\s<>\"'`\\]+$", re.IGNORECASE)
_HOST = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}$")
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " "})


def validate(raw: RawOffer, config: Config, today: dt.date) -> tuple[Offer | None, list[Problem]]:
    """Every problem of one offer file; the Offer only when there is no error."""
    offer, problems, _ = validate_until(raw, config, today)
    return offer, problems


def validate_until(raw: RawOffer, config: Config, today: dt.date) -> tuple[Offer | None, list[Problem], dt.date]:
    """validate, and the last day on which validating the same file again would give the same result (a check
    that compares with today, such as "not confirmed for a year", may turn out differently later)."""
    checker = _Checker(raw, config, today)
    offer = checker.offer()
    problems = sorted(checker.problems)
    return (None if any(p.is_error for p in problems) else offer), problems, checker.holds_until


def is_web_address(text: str) -> bool:
    """An http(s) address of a named host, without a user part: "https://stadt.de@evil.example" is refused."""
    if not URL_PATTERN.match(text):
        return False
    try:
        parts = urlsplit(text)
    except ValueError:  # an unclosed "[" of an IPv6 address
        return False
    return "@" not in parts.netloc and bool(_HOST.match(parts.hostname or ""))


def clock_time(text: str) -> dt.time | None:
    """A time of day as people write it: "15:00", "15.30", "15 Uhr"; None for anything else."""
    match = TIME_PATTERN.match(text.translate(_SPACES).strip())
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if hour < 24 and minute < 60:
            return dt.time(hour, minute)
    return None


def lookup(text: str, terms: Iterable[Term]) -> Term | None:
    """The term an association meant: by key, slug or name, ignoring case, umlaut spelling and a trailing dot."""
    wanted = slugify(text)
    for term in terms:
        if wanted in {slugify(term.code), term.slug, slugify(term.name)}:
            return term
    return None


class _Checker:
    def __init__(self, raw: RawOffer, config: Config, today: dt.date) -> None:
        self.raw, self.config, self.today = raw, config, today
        self.problems: list[Problem] = []
        self.misspelt: set[str] = set()  # known keys that an unknown key probably meant
        self.end_line = raw.body_line - 1  # the closing "---": where a missing field is added
        self.holds_until = dt.date.max  # narrowed by every check whose outcome depends on today
        self.appointment_lines: list[int] = []  # of each appointment, for messages about its dates

    # -- reporting ---------------------------------------------------------------------------------------------

    def error(self, line: int, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.raw.name, line, message, hint))

    def warn(self, line: int, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.raw.name, line, message, hint, Severity.WARNING))

    # -- the offer ---------------------------------------------------------------------------------------------

    def until(self, day: dt.date) -> None:
        """The result of a check that compares with today holds at most until this day."""
        self.holds_until = min(self.holds_until, day)

    def offer(self) -> Offer | None:
        front = self.raw.front
        self.known_keys(front, OFFER_FIELDS, "im Kopfbereich")
        read = self.readers(front)
        fields = {f.key: f for f in OFFER_FIELDS}
        checked: dict[str, object] = {}

        def value_of(key: str) -> object:
            """The checked value of a field, checked now if a field before it needs it (the place needs online)."""
            if key not in checked:
                checked[key] = read[fields[key].kind](fields[key], value_of)
            return checked[key]

        for key in fields:
            value_of(key)
        cancellations: list[tuple[Period, int]] = checked["faellt_aus"]  # type: ignore[assignment]
        self.check_dates(front, checked["geprueft_am"], checked["gueltig_ab"], checked["gueltig_bis"])  # type: ignore[arg-type]
        refused = text_problem(self.raw.body)
        if refused:
            self.error(self.raw.body_line, *refused)
        if any(p.is_error for p in self.problems):
            return None
        offer = Offer(
            slug=self.raw.slug,
            source=self.raw.name,
            **{field.attribute: _model_value(field.kind, checked[field.key]) for field in OFFER_FIELDS},
            free_of_charge=str(checked["kosten"]).lower().startswith(FREE_WORDS),
            body_html=render_markdown(self.raw.body),
        )
        self.check_pauses(offer, cancellations)
        return offer

    def readers(self, front: dict[str, Node]) -> dict[str, Callable[[Field, Callable[[str], object]], object]]:
        """How each kind of field is checked: from the front matter and, where it depends on one, another field's
        checked value."""
        config = self.config
        return {
            "text": lambda field, _: self.text(front, field),
            "registration": lambda field, _: self.registration(front, field),
            "date": lambda field, _: self.date_field(front, field),
            "bool": lambda field, _: self.boolean(front.get(field.key), field.key) or False,
            "district": lambda field, _: self.district(front, field),
            "quarter": lambda field, value_of: self.quarter(front.get(field.key), value_of("bezirk")),  # type: ignore[arg-type]
            "age_groups": lambda field, _: self.terms(front, field, config.age_groups, "Altersgruppe"),
            "categories": lambda field, _: self.terms(front, field, config.categories, "Kategorie"),
            "languages": lambda field, _: self.languages(front.get(field.key)),
            "schedule": lambda field, _: self.appointments(front, field),
            "cancellations": lambda field, _: self.cancellations(front.get(field.key)),
            "place": lambda field, value_of: self.place(front.get(field.key), bool(value_of("online"))),
            "accessibility": lambda field, _: self.accessibility(front.get(field.key)),
            "contact": lambda field, _: self.contact(front, field),
        }

    # -- shapes ------------------------------------------------------------------------------------------------

    def known_keys(self, mapping: dict[str, Node], fields: Sequence[Field], where: str) -> None:
        names = [f.key for f in fields]
        for key, node in mapping.items():
            if key in names:
                continue
            close = difflib.get_close_matches(key.lower(), names, n=1, cutoff=0.6)
            self.misspelt.update(close)
            hint = f"Meinten Sie „{close[0]}“?" if close else f"Erlaubt {where}: {', '.join(names)}."
            self.error(node.line, f"„{key}“ ist keine bekannte Angabe {where}.", hint)

    def require(self, mapping: dict[str, Node], field: Field, line: int | None = None) -> Node | None:
        node = mapping.get(field.key)
        if node is None or node.value in ("", [], {}) or (node.is_text and node.value in ("~", "null")):
            if field.required and field.key not in self.misspelt:  # "Meinten Sie …?" has already said it
                where = line if line is not None else (node.line if node else self.end_line)
                field = filled(field, self.config)  # the town's samples in help and example
                example = f" Zum Beispiel: {field.key}: {field.example}" if field.example else ""
                self.error(
                    where,
                    f"Die Angabe „{field.key}“ ({field.label}) fehlt oder ist leer.",
                    f"{field.help}{example}".strip(),
                )
            return None
        return node

    def scalar(self, node: Node, key: str) -> str | None:
        if not node.is_text:
            self.error(
                node.line,
                f"Bei „{key}“ steht eine Liste oder Gruppe, erwartet wird ein einzelner Wert.",
                f"Schreiben Sie {key}: und den Wert in dieselbe Zeile.",
            )
            return None
        return str(node.value)

    def text(self, mapping: dict[str, Node], field: Field, line: int | None = None) -> str | None:
        node = self.require(mapping, field, line)
        if node is None:
            return None
        value = self.scalar(node, field.key)
        if value is None:
            return None
        value = " ".join(value.split())
        if field.max_length and len(value) > field.max_length:
            self.error(
                node.line,
                f"„{field.key}“ ist {len(value)} Zeichen lang, erlaubt sind höchstens {field.max_length}.",
                "Kürzen Sie den Text; Ausführliches gehört in den freien Text unter dem Kopfbereich.",
            )
        return value

    def items(self, node: Node, key: str) -> list[Node]:
        """A list as written; a comma-separated line is read as a list too, because the intent is clear."""
        if isinstance(node.value, list):
            for item in node.value:
                if not item.is_text:
                    self.error(
                        item.line,
                        f"In der Liste „{key}“ steht etwas Verschachteltes.",
                        f"Schreiben Sie einfache Werte, zum Beispiel {key}: [a, b].",
                    )
            return [i for i in node.value if i.is_text and i.value]
        if isinstance(node.value, dict):
            self.error(node.line, f"„{key}“ muss eine Liste sein.", f"Zum Beispiel: {key}: [a, b]")
            return []
        return [Node(part.strip(), node.line) for part in str(node.value).split(",") if part.strip()]

    def boolean(self, node: Node | None, key: str) -> bool | None:
        if node is None:
            return None
        value = self.scalar(node, key)
        if value is None:
            return None
        if value.lower() in TRUE_WORDS:
            return True
        if value.lower() in FALSE_WORDS:
            return False
        self.error(
            node.line, f"„{key}: {value}“ ist weder ja noch nein.", f"Schreiben Sie {key}: true oder {key}: false."
        )
        return None

    # -- vocabularies ------------------------------------------------------------------------------------------

    def district(self, front: dict[str, Node], field: Field) -> District | None:
        node = self.require(front, field)
        if node is None:
            return None
        value = self.scalar(node, "bezirk")
        if value is None:
            return None
        found = lookup(value, self.config.districts)
        if found:
            return found
        allowed = ", ".join(d.name for d in self.config.districts)
        home = self.district_of_quarter(value)
        if home:
            self.error(
                node.line,
                f"„{value}“ ist ein Stadtteil im Stadtbezirk {home.name}, kein Stadtbezirk.",
                f"Schreiben Sie: bezirk: {home.name} und stadtteil: {value}",
            )
            return None
        extra = next((text for name, text in self.config.district_hints.items() if slugify(name) == slugify(value)), "")
        if not extra:
            close = difflib.get_close_matches(value, [d.name for d in self.config.districts], n=1, cutoff=0.6)
            extra = f"Meinten Sie „{close[0]}“?" if close else ""
        self.error(node.line, f"„{value}“ ist kein Stadtbezirk.", f"Erlaubt: {allowed}. {extra}".strip())
        return None

    def district_of_quarter(self, value: str) -> District | None:
        for district in self.config.districts:
            if any(slugify(q) == slugify(value) for q in district.quarters):
                return district
        return None

    def quarter(self, node: Node | None, district: District | None) -> str:
        if node is None:
            return ""
        value = self.scalar(node, "stadtteil")
        if not value:
            return ""
        home = self.district_of_quarter(value)
        if district and home and home != district:
            self.error(
                node.line,
                f"{value} liegt im Stadtbezirk {home.name}, nicht in {district.name}.",
                f"Schreiben Sie bezirk: {home.name} – oder prüfen Sie den Stadtteil.",
            )
        elif district and not home:
            close = difflib.get_close_matches(value, list(district.quarters), n=1, cutoff=0.6)
            hint = (
                f"Meinten Sie „{close[0]}“?"
                if close
                else f"Bekannte Stadtteile in {district.name}: {', '.join(district.quarters)}."
            )
            self.warn(node.line, f"Den Stadtteil „{value}“ kennen wir im Stadtbezirk {district.name} nicht.", hint)
        return next((q for d in self.config.districts for q in d.quarters if slugify(q) == slugify(value)), value)

    def terms(self, mapping: dict[str, Node], field: Field, vocabulary: Sequence[Term], noun: str) -> list[str]:
        node = self.require(mapping, field)
        if node is None:
            return []
        found: set[str] = set()
        allowed = ", ".join(t.code for t in vocabulary)
        for item in self.items(node, field.key):
            term = lookup(str(item.value), vocabulary)
            if term:
                found.add(term.slug)
                continue
            close = difflib.get_close_matches(slugify(str(item.value)), [t.code for t in vocabulary], n=1, cutoff=0.6)
            hint = f"Meinten Sie „{close[0]}“? " if close else ""
            self.error(item.line, f"„{item.value}“ ist keine {noun}.", f"{hint}Erlaubt: {allowed}.")
        return [t.slug for t in vocabulary if t.slug in found]

    def languages(self, node: Node | None) -> list[str]:
        if node is None:
            return ["de"]
        names = {slugify(name): code for code, name in self.config.languages.items()}
        codes: list[str] = []
        for item in self.items(node, "sprachen"):
            value = str(item.value).strip().lower()
            code = value if value in self.config.languages else names.get(slugify(value))
            if code is None:
                self.error(
                    item.line,
                    f"„{item.value}“ ist kein bekanntes Sprachkürzel.",
                    f"Verwenden Sie zweistellige Kürzel: {', '.join(list(self.config.languages)[:8])} …",
                )
            elif code not in codes:
                codes.append(code)
        return codes or ["de"]

    # -- schedule ----------------------------------------------------------------------------------------------

    def appointments(self, front: dict[str, Node], field: Field) -> list[Appointment]:
        node = self.require(front, field)
        if node is None:
            return []
        entries = node.value if isinstance(node.value, list) else [node]
        result: list[Appointment] = []
        for entry in entries:
            if not isinstance(entry.value, dict):
                self.error(
                    entry.line,
                    "Jeder Termin ist eine Gruppe von Angaben, die mit „- “ beginnt.",
                    'Zum Beispiel:\n      termine:\n        - tage: [di]\n          von: "15:00"\n          bis: "17:00"',
                )
                continue
            appointment = self.appointment(entry.value, entry.line)
            if appointment:
                result.append(appointment)
            else:
                self.appointment_lines.pop()  # only the lines of appointments that came through, in their order
        return result

    def appointment(self, entry: dict[str, Node], line: int) -> Appointment | None:
        self.known_keys(entry, APPOINTMENT_FIELDS, "bei einem Termin")
        note = " ".join(str(entry["hinweis"].value).split()) if "hinweis" in entry and entry["hinweis"].is_text else ""
        if self.boolean(entry.get("nach_vereinbarung"), "nach_vereinbarung"):
            self.appointment_lines.append(line)
            extra = [k for k in entry if k not in ("nach_vereinbarung", "hinweis")]
            if extra:
                self.error(
                    entry[extra[0]].line,
                    "Ein Termin „nach Vereinbarung“ hat keine Tage oder Uhrzeiten.",
                    "Schreiben Sie feste Termine als eigenen Eintrag mit „- tage: …“.",
                )
            return Appointment(Rhythm.BY_ARRANGEMENT, note=note)
        self.appointment_lines.append(line)
        paused_in = self.pause_kinds(entry.get("nicht_in"))
        start, end = self.times(entry, line)
        first = self.date_value(entry.get("ab"), "ab")
        last = self.date_value(entry.get("bis_datum"), "bis_datum")
        if first and last and last < first:
            self.error(entry["bis_datum"].line, "„bis_datum“ liegt vor „ab“.", "Prüfen Sie die beiden Daten.")
        if "datum" in entry:
            if "tage" in entry:
                self.error(
                    entry["tage"].line,
                    "Ein Termin hat entweder „datum“ (einmalig) oder „tage“ (regelmäßig), nicht beides.",
                    "Teilen Sie ihn in zwei Einträge mit je „- “.",
                )
            date = self.date_value(entry["datum"], "datum")
            if not date:
                return None
            return Appointment(Rhythm.DATE, date=date, start=start, end=end, note=note, paused_in=paused_in)
        if "tage" not in entry:
            self.error(
                line,
                "Bei diesem Termin fehlt, wann er stattfindet.",
                "Schreiben Sie tage: [di] (regelmäßig), datum: 2026-12-12 (einmalig) oder nach_vereinbarung: true.",
            )
            return None
        weekdays = self.weekdays(entry["tage"])
        rhythm = self.rhythm(entry.get("rhythmus"))
        weeks = self.weeks(entry.get("woche"), rhythm)
        if rhythm is Rhythm.BIWEEKLY and first is None:
            self.error(
                entry.get("rhythmus", entry["tage"]).line,
                "Bei „14-taeglich“ fehlt das Datum „ab“.",
                "Von diesem ersten Termin an wird gezählt, zum Beispiel ab: 2026-01-07.",
            )
        if rhythm is Rhythm.BIWEEKLY and first and weekdays and first.weekday() not in weekdays:
            day_names = [w.name for w in self.config.weekdays]
            self.warn(
                entry["ab"].line,
                f"„ab: {first:%Y-%m-%d}“ ist ein {day_names[first.weekday()]}, der Termin aber nicht.",
                "Alle 14 Tage wird ab der Woche dieses Datums gezählt. Tragen Sie bei „ab“ am besten den Tag des "
                "ersten Termins ein, dann stimmt die Zählung sicher.",
            )
        if rhythm is Rhythm.MONTHLY and not weeks and "woche" not in entry:
            self.error(
                entry.get("rhythmus", entry["tage"]).line,
                "Bei „monatlich“ fehlt, in welcher Woche des Monats.",
                "Zum Beispiel woche: [1] für den ersten oder woche: [-1] für den letzten im Monat.",
            )
        if not weekdays or rhythm is None or start is None:
            return None
        return Appointment(
            rhythm,
            weekdays=weekdays,
            weeks=weeks,
            start=start,
            end=end,
            first_date=first,
            last_date=last,
            note=note,
            paused_in=paused_in,
        )

    def pause_kinds(self, node: Node | None) -> tuple[str, ...]:
        if node is None:
            return ()
        found: set[str] = set()
        for item in self.items(node, "nicht_in"):
            value = slugify(str(item.value))
            kind = next((k for k in PAUSE_KINDS if value in (k, k.removesuffix("e"), f"{k}n")), None)
            if kind is None:
                close = difflib.get_close_matches(value, PAUSE_KINDS, n=1, cutoff=0.6)
                hint = f"Meinten Sie „{close[0]}“? " if close else ""
                self.error(
                    item.line,
                    f"„nicht_in: {item.value}“ kennen wir nicht.",
                    f"{hint}Erlaubt: {', '.join(PAUSE_KINDS)}, zum Beispiel nicht_in: [schulferien, feiertage].",
                )
                continue
            found.add(kind)
        return tuple(k for k in PAUSE_KINDS if k in found)

    def cancellations(self, node: Node | None) -> list[tuple[Period, int]]:
        """The entries under faellt_aus, each with its line: a date, a date with a reason, or a pause from–to."""
        if node is None:
            return []
        entries = node.value if isinstance(node.value, list) else [node]
        found: list[tuple[Period, int]] = []
        example = "Zum Beispiel:\n      faellt_aus:\n        - 2026-12-24\n        - von: 2027-07-19\n          bis: 2027-08-31\n          grund: Sommerpause"
        for entry in entries:
            if entry.is_text:
                day = self.date_value(entry, "faellt_aus")
                if day:
                    found.append((Period(day, day), entry.line))
                continue
            if not isinstance(entry.value, dict):
                self.error(
                    entry.line, "Unter „faellt_aus“ steht jeder Tag oder jede Pause in einer Zeile mit „- “.", example
                )
                continue
            mapping: dict[str, Node] = entry.value
            self.known_keys(mapping, CANCELLATION_FIELDS, "bei „faellt_aus“")
            reason = (
                " ".join(str(mapping["grund"].value).split()) if "grund" in mapping and mapping["grund"].is_text else ""
            )
            if len(reason) > 80:
                self.error(
                    mapping["grund"].line,
                    f"Der Grund ist {len(reason)} Zeichen lang, erlaubt sind höchstens 80.",
                    "Kürzen Sie ihn, zum Beispiel „Sommerpause“.",
                )
            if "datum" in mapping:
                day = self.date_value(mapping["datum"], "datum")
                if day:
                    found.append((Period(day, day, reason), entry.line))
                continue
            if "von" not in mapping or "bis" not in mapping:
                self.error(
                    entry.line,
                    "Bei „faellt_aus“ fehlt der Tag: „datum“ für einen Tag, „von“ und „bis“ für eine Pause.",
                    example,
                )
                continue
            first = self.date_value(mapping["von"], "von")
            last = self.date_value(mapping["bis"], "bis")
            if first and last and last < first:
                self.error(
                    mapping["bis"].line,
                    f"Die Pause endet ({last:%d.%m.%Y}), bevor sie beginnt ({first:%d.%m.%Y}).",
                    "Bei „von“ steht der erste Tag der Pause, bei „bis“ der letzte. Prüfen Sie die beiden Daten.",
                )
            elif first and last:
                found.append((Period(first, last, reason), entry.line))
        return found

    def check_pauses(self, offer: Offer, cancellations: Sequence[tuple[Period, int]]) -> None:
        """Warnings about dates: a cancellation on which the offer would not meet anyway (probably a typo), and a
        pause in the school holidays that the town's holiday data does not reach. Past cancellations are fine."""
        for period, line in cancellations:
            if period.last < self.today:
                continue  # over, and it stays over
            self.until(period.last)
            if not any(self.yields(a, offer, period) for a in offer.appointments):
                day_names = [w.name for w in self.config.weekdays]
                when = (
                    f"Am {day_names[period.first.weekday()]}, {period.first:%d.%m.%Y},"
                    if period.first == period.last
                    else f"Vom {period.first:%d.%m.%Y} bis {period.last:%d.%m.%Y}"
                )
                self.warn(
                    line,
                    f"{when} fände das Angebot ohnehin nicht statt – vielleicht ein Tippfehler im Datum?",
                    "Prüfen Sie das Datum bei „faellt_aus“: Es sollte ein Tag sein, an dem das Angebot sonst stattfindet.",
                )
        for appointment, line in zip(offer.appointments, self.appointment_lines, strict=True):
            if SCHOOL_HOLIDAYS not in appointment.paused_in:
                continue
            known = known_until(SCHOOL_HOLIDAYS, self.config, self.today)
            # The answer changes once the coming weeks reach past the last school holidays the config knows.
            self.until(max(self.today, known - dt.timedelta(days=WINDOW_DAYS)) if known > dt.date.min else self.today)
            missing = missing_school_holidays(appointment, offer, self.config, self.today)
            if missing:
                when = (
                    f"Für die Zeit nach dem {missing:%d.%m.%Y} sind in der Konfiguration der Stadt noch keine Schulferien eingetragen."
                    if missing > dt.date.min
                    else "In der Konfiguration der Stadt sind keine Schulferien eingetragen."
                )
                self.warn(
                    line,
                    f"{when} Termine dieses Eintrags zeigen wir erst, wenn die Ferien feststehen.",
                    "Die Stadt ergänzt die Schulferien in config.toml unter [[schulferien]]; an Ihrer Datei ist nichts falsch.",
                )

    @staticmethod
    def yields(appointment: Appointment, offer: Offer, period: Period) -> bool:
        """Whether the appointment's rhythm gives a day in the period, within its own and the offer's end."""
        ends = [d for d in (period.last, appointment.last_date, offer.valid_until) if d]
        return any(days_yielded(appointment, offer, period.first, min(ends)))

    def weekdays(self, node: Node) -> tuple[int, ...]:
        days: set[int] = set()
        for item in self.items(node, "tage"):
            value = str(item.value)
            term = lookup(value, self.config.weekdays) or lookup(value.rstrip("sS"), self.config.weekdays)
            if term is None:
                self.error(
                    item.line,
                    f"„{value}“ ist kein Wochentag.",
                    "Erlaubt: " + ", ".join(w.key for w in self.config.weekdays) + " (oder Montag, Dienstag …).",
                )
                continue
            days.add(self.config.weekdays.index(term))
        return tuple(sorted(days))

    def rhythm(self, node: Node | None) -> Rhythm | None:
        if node is None:
            return Rhythm.WEEKLY
        value = self.scalar(node, "rhythmus")
        if value is None:
            return None
        rhythm = RHYTHMS.get(slugify(value))
        if rhythm is None:
            self.error(
                node.line, f"„rhythmus: {value}“ kennen wir nicht.", "Erlaubt: woechentlich, 14-taeglich, monatlich."
            )
        return rhythm

    def weeks(self, node: Node | None, rhythm: Rhythm | None) -> tuple[int, ...]:
        if node is None:
            return ()
        if rhythm is not Rhythm.MONTHLY:
            self.error(
                node.line,
                "„woche“ passt nur zu „rhythmus: monatlich“.",
                "Ergänzen Sie rhythmus: monatlich oder löschen Sie die Zeile mit woche.",
            )
            return ()
        weeks: set[int] = set()
        for item in self.items(node, "woche"):
            value = str(item.value).strip().rstrip(".").lower()
            number = -1 if value in LAST_WEEK_WORDS else int(value) if value.isdigit() else 0
            if number not in (1, 2, 3, 4, -1):
                self.error(
                    item.line,
                    f"„{item.value}“ ist keine Woche im Monat.",
                    "Erlaubt: 1, 2, 3, 4 oder -1 für die letzte Woche, zum Beispiel woche: [1, 3].",
                )
                continue
            weeks.add(number)
        return tuple(sorted(weeks, key=lambda w: (w < 0, w)))

    def times(self, entry: dict[str, Node], line: int) -> tuple[dt.time | None, dt.time | None]:
        if "von" not in entry:
            self.error(
                line, "Bei diesem Termin fehlt die Uhrzeit „von“.", 'Zum Beispiel: von: "15:00" und bis: "17:00"'
            )
        start = self.time_value(entry.get("von"), "von")
        end = self.time_value(entry.get("bis"), "bis")
        if start and end and end <= start:
            self.error(
                entry["bis"].line,
                f"Das Ende ({end:%H:%M}) liegt nicht nach dem Beginn ({start:%H:%M}).",
                'Prüfen Sie „von“ und „bis“; Uhrzeiten im 24-Stunden-Format, zum Beispiel "19:00" statt "7:00".',
            )
        return start, end

    def time_value(self, node: Node | None, key: str) -> dt.time | None:
        if node is None:
            return None
        value = self.scalar(node, key)
        if value is None:
            return None
        if (time := clock_time(value)) is not None:
            return time
        self.error(
            node.line,
            f"„{key}: {value}“ ist keine Uhrzeit.",
            f'Schreiben Sie die Uhrzeit mit Doppelpunkt in Anführungszeichen, zum Beispiel {key}: "15:00".',
        )
        return None

    # -- dates -------------------------------------------------------------------------------------------------

    def date_value(self, node: Node | None, key: str) -> dt.date | None:
        if node is None:
            return None
        value = self.scalar(node, key)
        if value is None:
            return None
        value = value.strip()
        iso, german = _ISO_DATE.match(value), _GERMAN_DATE.match(value)
        try:
            if iso:
                return dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
            if german:
                return dt.date(int(german.group(3)), int(german.group(2)), int(german.group(1)))
        except ValueError:
            pass
        self.error(
            node.line,
            f"„{key}: {value}“ ist kein gültiges Datum.",
            f"Schreiben Sie Daten als Jahr-Monat-Tag, zum Beispiel {key}: 2026-10-01.",
        )
        return None

    def date_field(self, mapping: dict[str, Node], field: Field) -> dt.date | None:
        node = self.require(mapping, field)
        return self.date_value(node, field.key) if node else None

    def check_dates(
        self, front: dict[str, Node], confirmed: dt.date | None, start: dt.date | None, end: dt.date | None
    ) -> None:
        if confirmed:
            self.until(
                confirmed - dt.timedelta(days=1) if confirmed > self.today else confirmed + dt.timedelta(days=365)
            )
        if confirmed and confirmed > self.today:
            self.error(
                front["geprueft_am"].line,
                f"„geprueft_am: {confirmed:%Y-%m-%d}“ liegt in der Zukunft.",
                "Tragen Sie den Tag ein, an dem die Angaben zuletzt bestätigt wurden, höchstens heute.",
            )
        elif confirmed and (self.today - confirmed).days > 365:
            self.warn(
                front["geprueft_am"].line,
                "Die Angaben wurden seit über einem Jahr nicht bestätigt.",
                "Bitte prüfen Sie alles, fragen Sie beim Träger nach und setzen Sie geprueft_am auf das heutige Datum.",
            )
        if start and end and end < start:
            self.error(
                front["gueltig_bis"].line, "„gueltig_bis“ liegt vor „gueltig_ab“.", "Prüfen Sie die beiden Daten."
            )

    # -- groups ------------------------------------------------------------------------------------------------

    def group(self, node: Node | None, key: str) -> dict[str, Node] | None:
        if node is None:
            return None
        if not isinstance(node.value, dict):
            self.error(
                node.line,
                f"„{key}“ ist eine Gruppe von Angaben, jede in einer eigenen, eingerückten Zeile.",
                f"Zum Beispiel:\n      {key}:\n        name: …",
            )
            return None
        return node.value

    def place(self, node: Node | None, online: bool) -> Place | None:
        mapping = self.group(node, "ort")
        if mapping is None:
            if node is None and not online:
                self.error(
                    self.end_line,
                    "Die Angabe „ort“ fehlt.",
                    "Geben Sie die Adresse an (ort: mit strasse und plz) – oder online: true, wenn das Angebot "
                    "nur telefonisch oder online stattfindet.",
                )
            return None
        assert node is not None
        self.known_keys(mapping, PLACE_FIELDS, "bei „ort“")
        fields = {f.key: f for f in PLACE_FIELDS}
        street = self.text(mapping, fields["strasse"], node.line)
        name = self.text(mapping, fields["name"]) or ""
        town = self.text(mapping, fields["ort"]) or self.config.town
        postcode_node = self.require(mapping, fields["plz"], node.line)
        postcode = self.scalar(postcode_node, "plz") if postcode_node else None
        if postcode is not None and not re.fullmatch(r"\d{5}", postcode):
            self.error(
                postcode_node.line,
                f"„plz: {postcode}“ ist keine Postleitzahl.",
                f'Eine Postleitzahl hat fünf Ziffern, in Anführungszeichen: plz: "{self.config.examples.postcode}"',
            )
        elif postcode is not None and not self.config.has_postcode(postcode):
            self.warn(
                postcode_node.line,
                f"Die Postleitzahl {postcode} gehört nicht zu {self.config.town}.",
                f"Prüfen Sie sie; in {self.config.town}: {self.config.postcodes_in_words}.",
            )
        lat, lon = self.coordinate(mapping.get("lat"), "lat", 90), self.coordinate(mapping.get("lon"), "lon", 180)
        if (lat is None) != (lon is None) and ("lat" in mapping) != ("lon" in mapping):
            self.error(node.line, "„lat“ und „lon“ gehören zusammen.", "Geben Sie beide an oder keine.")
        if lat is not None and lon is not None:
            self.within_town(lat, lon, mapping["lat"].line)
        if street is None or postcode is None:
            return None
        return Place(street=street, postcode=postcode, town=town, name=name, lat=lat, lon=lon)

    def within_town(self, lat: float, lon: float, line: int) -> None:
        """A warning for coordinates outside the town: the map link would show another place."""
        bounds = self.config.bounds
        if bounds is None or bounds.holds(lat, lon):
            return
        town = self.config.town
        if bounds.holds(lon, lat):
            self.warn(
                line,
                f"„lat“ und „lon“ sind vertauscht: So läge der Ort nicht in {town}.",
                f"Schreiben Sie lat: {_decimal(lon)} und lon: {_decimal(lat)} (lat ist der Breitengrad, in {town} "
                f"um {_decimal(round((bounds.south + bounds.north) / 2, 2))}).",
            )
            return
        self.warn(
            line,
            f"Die Koordinaten lat: {_decimal(lat)}, lon: {_decimal(lon)} liegen nicht in {town}; der Link zur Karte "
            "zeigte einen anderen Ort.",
            f"Prüfen Sie die Zahlen (in {town}: lat zwischen {_decimal(bounds.south)} und {_decimal(bounds.north)}, "
            f"lon zwischen {_decimal(bounds.west)} und {_decimal(bounds.east)}) oder lassen Sie lat und lon weg.",
        )

    def coordinate(self, node: Node | None, key: str, limit: int) -> float | None:
        if node is None:
            return None
        value = self.scalar(node, key)
        try:
            number = float(str(value).replace(",", "."))
        except ValueError:
            number = float("nan")
        if not -limit <= number <= limit:
            self.error(
                node.line,
                f"„{key}: {value}“ ist keine Koordinate.",
                f"Zum Beispiel {key}: {'51.5383' if key == 'lat' else '7.2545'}",
            )
            return None
        return number

    def accessibility(self, node: Node | None) -> Accessibility | None:
        if node is None:
            self.warn(
                self.end_line,
                "Es fehlen Angaben zur Barrierefreiheit.",
                "Viele Menschen entscheiden danach, ob sie kommen können. Ergänzen Sie barrierefreiheit: mit "
                "stufenlos, rollstuhl_wc und hoerschleife (jeweils true oder false).",
            )
            return None
        mapping = self.group(node, "barrierefreiheit")
        if mapping is None:
            return None
        self.known_keys(mapping, ACCESSIBILITY_FIELDS, "bei „barrierefreiheit“")
        hint = next(f for f in ACCESSIBILITY_FIELDS if f.key == "hinweis")
        return Accessibility(
            step_free=self.boolean(mapping.get("stufenlos"), "stufenlos"),
            accessible_toilet=self.boolean(mapping.get("rollstuhl_wc"), "rollstuhl_wc"),
            hearing_loop=self.boolean(mapping.get("hoerschleife"), "hoerschleife"),
            note=self.text(mapping, hint) or "",
        )

    def registration(self, mapping: dict[str, Node], field: Field) -> str | None:
        value = self.text(mapping, field)
        if value and value.lower() in TRUE_WORDS:
            return "ja"
        if value and value.lower() in FALSE_WORDS:
            return "nein"
        return value

    def contact(self, front: dict[str, Node], field: Field) -> Contact | None:
        node = self.require(front, field)
        mapping = self.group(node, "kontakt")
        if node is None or mapping is None:
            return None
        self.known_keys(mapping, CONTACT_FIELDS, "bei „kontakt“")
        fields = {f.key: f for f in CONTACT_FIELDS}
        phone = self.text(mapping, fields["telefon"]) or ""
        email = self.text(mapping, fields["email"]) or ""
        web = self.text(mapping, fields["web"]) or ""
        if not (phone or email or web):
            self.error(
                node.line, "Bei „kontakt“ fehlt ein Weg, Sie zu erreichen.", "Geben Sie telefon, email oder web an."
            )
        international = display = ""
        if phone:
            international, display = self.phone(phone, mapping["telefon"].line)
        if international.startswith("+49") and not self.config.has_area_code("0" + international[3:]):
            self.warn(
                mapping["telefon"].line,
                f"Die Vorwahl von „{phone}“ ist keine aus {self.config.town}.",
                f"Prüfen Sie die Nummer; in {self.config.town}: {', '.join(self.config.area_codes)}. "
                "Stimmt sie, lassen Sie sie so.",
            )
        if email and not EMAIL_PATTERN.match(email):
            self.error(
                mapping["email"].line,
                f"„{email}“ ist keine gültige E-Mail-Adresse.",
                "Eine E-Mail-Adresse hat die Form name@beispiel.de, ohne Leerzeichen.",
            )
        if web and not web.lower().startswith(("http://", "https://")) and re.match(r"^www\.", web, re.IGNORECASE):
            web = "https://" + web
        if web and not is_web_address(web):
            self.error(
                mapping["web"].line,
                f"„{web}“ ist keine gültige Internetadresse.",
                "Schreiben Sie die vollständige Adresse mit https:// am Anfang, zum Beispiel https://example.org/angebot.",
            )
        return Contact(
            name=self.text(mapping, fields["name"]) or "",
            phone=phone,
            phone_international=international,
            phone_display=display,
            email=email,
            web=web,
        )

    def phone(self, phone: str, line: int) -> tuple[str, str]:
        parsed = parse_phone(phone)
        if parsed is None:
            self.error(
                line,
                f"„{phone}“ ist keine vollständige Telefonnummer.",
                f'Nur Ziffern, Leerzeichen, / und -, mit Vorwahl, zum Beispiel telefon: "{self.config.examples.phone}".',
            )
            return "", ""
        return parsed


def _model_value(kind: str, value: object) -> object:
    """A checked value as the Offer holds it: texts never None, lists as tuples, the district by its slug,
    cancellations as their periods in date order."""
    if kind in ("text", "registration"):
        return value or ""
    if kind == "district":
        return value.slug  # type: ignore[attr-defined]
    if kind == "cancellations":
        return tuple(sorted((period for period, _ in value), key=lambda p: (p.first, p.last)))  # type: ignore[attr-defined]
    if isinstance(value, list):
        return tuple(value)
    return value


def _decimal(number: float) -> str:
    """A coordinate as offer files write it: with a point, without trailing zeros."""
    return f"{number:.6f}".rstrip("0").rstrip(".")
