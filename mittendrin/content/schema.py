"""The one definition of the offer file's fields: drives validation, the form, the field reference, the JSON Schema
and the open data's text columns (data/records.py)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from mittendrin.model.config import Config


@dataclass(frozen=True)
class Field:
    key: str
    kind: str  # text, registration, date, bool, district, quarter, age_groups, categories, schedule, place, …
    label: str
    help: str
    required: bool = False
    max_length: int = 0
    example: str = ""  # as written in the file; help and example may name the town's samples: {plz}, {bezirk} …
    attribute: str = ""  # of the Offer, which the checked value fills: "simple" for "einfach"


# The kinds whose value is a list of words from a vocabulary, written [a, b].
LIST_KINDS = ("age_groups", "categories", "languages", "weekdays", "weeks", "pauses")

# A new field goes at the end: a text field gets the next column of the open data, and the columns are a promise.
OFFER_FIELDS: tuple[Field, ...] = (
    Field(
        "titel",
        "text",
        "Titel",
        "Der Name des Angebots, kurz und klar.",
        True,
        100,
        "Kaffeeklatsch im Quartier",
        attribute="title",
    ),
    Field(
        "kurzbeschreibung",
        "text",
        "Kurzbeschreibung",
        "Ein oder zwei Sätze: Was passiert, für wen?",
        True,
        250,
        "Bei Kaffee und Kuchen kommen Nachbarinnen und Nachbarn ins Gespräch – ohne Anmeldung.",
        attribute="summary",
    ),
    Field(
        "traeger",
        "text",
        "Träger",
        "Der Verein, die Gemeinde oder Einrichtung, die das Angebot macht.",
        True,
        150,
        "Nachbarschaftsverein {stadtteil} e. V.",
        attribute="organiser",
    ),
    Field(
        "bezirk",
        "district",
        "Stadtbezirk",
        "Einer der Stadtbezirke aus der Liste.",
        True,
        example="{bezirk}",
        attribute="district",
    ),
    Field(
        "stadtteil",
        "quarter",
        "Stadtteil",
        "Der Stadtteil (Ortsteil) innerhalb des Stadtbezirks.",
        example="{stadtteil}",
        attribute="quarter",
    ),
    Field(
        "altersgruppen",
        "age_groups",
        "Altersgruppen",
        "Eine oder mehrere Altersgruppen als Liste; „alle“ heißt: offen für jedes Alter.",
        True,
        example="[senioren, erwachsene]",
        attribute="age_groups",
    ),
    Field(
        "kategorien",
        "categories",
        "Kategorien",
        "Eine oder mehrere Kategorien als Liste.",
        True,
        example="[treff, essen]",
        attribute="categories",
    ),
    Field(
        "termine",
        "schedule",
        "Termine",
        "Wann das Angebot stattfindet: wöchentlich, alle 14 Tage, monatlich, an einzelnen Tagen oder nach Vereinbarung.",
        True,
        attribute="appointments",
    ),
    Field(
        "faellt_aus",
        "cancellations",
        "Fällt aus",
        "Tage, an denen das Angebot nicht stattfindet: ein Datum (2026-12-24), ein Datum mit Grund "
        "(datum: 2026-12-31 und grund: Silvester) oder eine Pause (von: 2027-07-19, bis: 2027-08-31, grund: Sommerpause).",
        example="[2026-12-24]",
        attribute="cancellations",
    ),
    Field(
        "ort",
        "place",
        "Ort",
        "Wo das Angebot stattfindet. Nur weglassen, wenn es ausschließlich telefonisch oder online ist.",
        attribute="place",
    ),
    Field(
        "online",
        "bool",
        "Online",
        "true, wenn das Angebot (auch) online oder telefonisch stattfindet.",
        example="true",
        attribute="online",
    ),
    Field(
        "kosten",
        "text",
        "Kosten",
        "„kostenlos“ oder ein kurzer Text wie „2 € pro Treffen, Kaffee inklusive“.",
        True,
        120,
        "kostenlos",
        attribute="costs",
    ),
    Field(
        "anmeldung",
        "registration",
        "Anmeldung",
        "„nein“, „ja“ oder ein kurzer Text wie „ja, bis Montag vorher telefonisch“.",
        True,
        200,
        "nein",
        attribute="registration",
    ),
    Field(
        "barrierefreiheit",
        "accessibility",
        "Barrierefreiheit",
        "Stufenloser Zugang, rollstuhlgerechtes WC, Höranlage – und ein Hinweis. Sehr hilfreich für viele Menschen.",
        attribute="accessibility",
    ),
    Field(
        "sprachen",
        "languages",
        "Sprachen",
        "Sprachen als zweistellige Kürzel, zum Beispiel [de, tr]. Ohne Angabe: Deutsch.",
        example="[de, tr]",
        attribute="languages",
    ),
    Field(
        "einfach",
        "text",
        "In Leichter Sprache",
        "Das Angebot in wenigen kurzen Sätzen in Leichter Sprache: ein Gedanke pro Satz, einfache Wörter, "
        "kein Passiv. Wird auf der Seite des Angebots und im Angebotsheft gezeigt.",
        max_length=500,
        example="Wir trinken Kaffee. Wir reden miteinander. Sie können einfach kommen.",
        attribute="simple",
    ),
    Field(
        "kontakt",
        "contact",
        "Kontakt",
        "Mindestens eines von telefon, email oder web; dazu ein Name, wenn gewünscht.",
        True,
        attribute="contact",
    ),
    Field(
        "geprueft_am",
        "date",
        "Geprüft am",
        "Wann die Angaben zuletzt bestätigt wurden (JJJJ-MM-TT).",
        True,
        example="2026-10-01",
        attribute="confirmed_on",
    ),
    Field(
        "gueltig_ab",
        "date",
        "Gültig ab",
        "Das Angebot beginnt an diesem Tag; vorher wird es mit „ab …“ angekündigt (JJJJ-MM-TT).",
        example="2026-01-01",
        attribute="valid_from",
    ),
    Field(
        "gueltig_bis",
        "date",
        "Gültig bis",
        "Nach diesem Tag nicht mehr veröffentlichen (JJJJ-MM-TT).",
        example="2027-06-30",
        attribute="valid_until",
    ),
)

APPOINTMENT_FIELDS: tuple[Field, ...] = (
    Field(
        "tage",
        "weekdays",
        "Wochentage",
        "Wochentage als Liste, zum Beispiel [di, do]. Auch „Dienstag“ oder „Di.“ geht.",
        example="[di, do]",
    ),
    Field(
        "rhythmus",
        "rhythm",
        "Rhythmus",
        "„woechentlich“ (Standard), „14-taeglich“ oder „monatlich“.",
        example="14-taeglich",
    ),
    Field(
        "woche",
        "weeks",
        "Woche im Monat",
        "Bei „monatlich“: die Wochen im Monat, 1 bis 4 oder -1 für die letzte.",
        example="[1, 3]",
    ),
    Field("datum", "date", "Datum", "Ein einzelner Termin an diesem Tag (JJJJ-MM-TT).", example="2026-12-12"),
    Field(
        "nach_vereinbarung",
        "bool",
        "Nach Vereinbarung",
        "true, wenn Termine individuell abgesprochen werden.",
        example="true",
    ),
    Field("von", "time", "Von", 'Beginn als Uhrzeit in Anführungszeichen, zum Beispiel "15:00".', example='"15:00"'),
    Field("bis", "time", "Bis", 'Ende als Uhrzeit in Anführungszeichen, zum Beispiel "17:00".', example='"17:00"'),
    Field(
        "ab",
        "date",
        "Ab",
        "Erster Termin (bei „14-taeglich“ nötig: von diesem Tag an wird gezählt).",
        example="2026-01-07",
    ),
    Field("bis_datum", "date", "Bis Datum", "Letzter Termin.", example="2027-06-30"),
    Field(
        "nicht_in",
        "pauses",
        "Pause in",
        "Der Termin pausiert in den Schulferien und/oder an Feiertagen; die Stadt trägt die Ferien ein.",
        example="[schulferien, feiertage]",
    ),
    Field("hinweis", "text", "Hinweis", "Ein kurzer Hinweis, zum Beispiel „im Gemeindesaal“.", max_length=200),
)

CANCELLATION_FIELDS: tuple[Field, ...] = (
    Field("datum", "date", "Datum", "Ein einzelner Tag, an dem das Angebot ausfällt.", example="2026-12-31"),
    Field("von", "date", "Von", "Erster Tag einer Pause.", example="2027-07-19"),
    Field("bis", "date", "Bis", "Letzter Tag einer Pause (er zählt mit).", example="2027-08-31"),
    Field(
        "grund", "text", "Grund", "Wird angezeigt, zum Beispiel „Sommerpause“.", max_length=80, example="Sommerpause"
    ),
)

PLACE_FIELDS: tuple[Field, ...] = (
    Field("name", "text", "Name des Ortes", "Zum Beispiel „{ort_name}“.", max_length=150, example="{ort_name}"),
    Field("strasse", "text", "Straße und Hausnummer", "Zum Beispiel „{strasse}“.", True, 150, "{strasse}"),
    Field(
        "plz",
        "postcode",
        "Postleitzahl",
        'Fünf Ziffern in Anführungszeichen, zum Beispiel "{plz}".',
        True,
        example='"{plz}"',
    ),
    Field("ort", "text", "Ort", "Ohne Angabe gilt die Stadt aus der Konfiguration.", max_length=80, example="{stadt}"),
    Field(
        "lat", "coordinate", "Breitengrad", "Für die Karte, zum Beispiel {lat} (nur zusammen mit lon).", example="{lat}"
    ),
    Field(
        "lon", "coordinate", "Längengrad", "Für die Karte, zum Beispiel {lon} (nur zusammen mit lat).", example="{lon}"
    ),
)

ACCESSIBILITY_FIELDS: tuple[Field, ...] = (
    Field("stufenlos", "bool", "Stufenlos erreichbar", "true oder false.", example="true"),
    Field("rollstuhl_wc", "bool", "Rollstuhlgerechtes WC", "true oder false.", example="false"),
    Field("hoerschleife", "bool", "Höranlage (Induktionsschleife)", "true oder false.", example="false"),
    Field(
        "hinweis",
        "text",
        "Hinweis",
        "Zum Beispiel „Eingang über den Hof, Klingel rechts“.",
        max_length=300,
        example="Eingang über den Hof, Klingel rechts",
    ),
)

CONTACT_FIELDS: tuple[Field, ...] = (
    Field("name", "text", "Ansprechperson", "Optional.", max_length=100, example="Team Kaffeeklatsch"),
    Field("telefon", "phone", "Telefon", 'In Anführungszeichen, zum Beispiel "{telefon}".', example='"{telefon}"'),
    Field("email", "email", "E-Mail", "Zum Beispiel kaffeeklatsch@example.org.", example="kaffeeklatsch@example.org"),
    Field("web", "url", "Internetseite", "Mit https:// am Anfang.", example="https://example.org/kaffeeklatsch"),
)

GROUPS: dict[str, tuple[Field, ...]] = {
    "termine": APPOINTMENT_FIELDS,
    "faellt_aus": CANCELLATION_FIELDS,
    "ort": PLACE_FIELDS,
    "barrierefreiheit": ACCESSIBILITY_FIELDS,
    "kontakt": CONTACT_FIELDS,
}


def filled(field: Field, config: Config) -> Field:
    """The field as a town shows it: the placeholders in its help and example replaced by the town's samples."""
    samples = {**config.examples.placeholders, "stadt": config.town}
    return replace(field, help=field.help.format_map(samples), example=field.example.format_map(samples))
