"""The town's settings and vocabularies, read from config.toml into typed objects."""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

import holidays

from mittendrin.model.config_keys import config_problems, placeholders
from mittendrin.model.offer import Period
from mittendrin.model.phone import parse_phone


@dataclass(frozen=True)
class Term:
    """One entry of a vocabulary: its key in offer files, its address slug and its German name."""

    slug: str
    name: str
    key: str = ""
    detail: str = ""
    open_to_all: bool = False
    min_age: int | None = None  # for open-data exports (HSDS minimum_age/maximum_age)
    max_age: int | None = None

    @property
    def code(self) -> str:
        """What an offer file writes for this term."""
        return self.key or self.slug


@dataclass(frozen=True)
class District(Term):
    quarters: tuple[str, ...] = ()


@dataclass(frozen=True)
class Contact:
    office: str
    phone: str
    email: str
    address: str

    @property
    def phone_href(self) -> str:
        parsed = parse_phone(self.phone)
        return f"tel:{parsed[0]}" if parsed else ""


@dataclass(frozen=True)
class Examples:
    """The samples the guide, the form, the offer template and the hints show ([beispiel]): the town's own values,
    so that a copied example is valid there and a fork shows nothing of another town."""

    district: str
    quarter: str
    place: str
    street: str
    postcode: str
    phone: str
    lat: float
    lon: float

    @property
    def placeholders(self) -> dict[str, str]:
        """What the field table's help texts name: {bezirk}, {stadtteil}, {ort_name}, {strasse}, {plz} …"""
        return {
            "bezirk": self.district,
            "stadtteil": self.quarter,
            "ort_name": self.place,
            "strasse": self.street,
            "plz": self.postcode,
            "telefon": self.phone,
            "lat": str(self.lat),
            "lon": str(self.lon),
        }


@dataclass(frozen=True)
class Bounds:
    """A box around the town, in degrees: generous, so that it catches typos and swapped values, not the edge."""

    south: float
    west: float
    north: float
    east: float

    def holds(self, lat: float, lon: float) -> bool:
        return self.south <= lat <= self.north and self.west <= lon <= self.east


@dataclass(frozen=True)
class SiteFile:
    """A file the config names (the logo, the sign-language video) that the build copies into the site."""

    source: Path
    url: str  # its address below the site's root: "medien/willkommen.mp4"
    size: int  # in bytes

    @property
    def suffix(self) -> str:
        return self.source.suffix.lower()


@dataclass(frozen=True)
class SignVideo:
    """The video in Deutscher Gebärdensprache for the home page and /leichte-sprache/ (BITV 2.0 Anlage 2)."""

    video: SiteFile
    captions: SiteFile  # WebVTT
    duration: str  # "4:30": minutes and seconds
    poster: SiteFile | None = None


@dataclass(frozen=True)
class Config:
    name: str
    short_name: str
    town: str
    base_url: str
    tagline: str
    campaign: str
    contact: Contact
    districts: tuple[District, ...]
    district_hints: dict[str, str]
    age_groups: tuple[Term, ...]
    categories: tuple[Term, ...]
    weekdays: tuple[Term, ...]
    languages: dict[str, str]
    state: str = ""  # the Bundesland, for addresses in open-data exports
    repository_url: str = ""  # GitHub repository of the content, for "Angaben ändern" and the form
    repository_branch: str = "main"
    # who approves changes (the generated part of .github/CODEOWNERS): the office's and the web team's accounts
    repository_editors: str = ""
    repository_web_team: str = ""
    examples: Examples = Examples("", "", "", "", "", "", 0.0, 0.0)  # set from [beispiel] by load_config
    legal: dict[str, str] = field(default_factory=dict)  # names and addresses for the Impressum and other legal pages
    school_holidays: tuple[Period, ...] = ()  # the town's school holidays, in date order
    holiday_country: str = "DE"  # public holidays: country and subdivision as the PyPI package "holidays" names them
    holiday_region: str = ""
    synonyms: tuple[tuple[str, ...], ...] = ()  # groups of words residents type for the same thing, for the search
    unindexed_words: tuple[str, ...] = ()  # words shown on a page but kept out of the search index ("Telefonnummer")
    bounds: Bounds | None = None  # the town's area, in which every offer's coordinates should lie
    postcodes: tuple[tuple[str, str], ...] = ()  # the town's postcode ranges, first and last, both included
    area_codes: tuple[str, ...] = ()  # the town's phone area codes ("02323"); numbers with another one get a warning
    logo: SiteFile | None = None  # the town's logo in every page's header
    logo_alt: str = ""
    sign_video: SignVideo | None = None
    placeholders: tuple[str, ...] = ()  # values still left as examples, "config.toml, Zeile 7: …", see config_keys

    @property
    def site_files(self) -> tuple[SiteFile, ...]:
        """The files named in the config that the site serves."""
        video = self.sign_video
        files = (self.logo, *((video.video, video.captions, video.poster) if video else ()))
        return tuple(f for f in files if f)

    def has_postcode(self, postcode: str) -> bool:
        return not self.postcodes or any(first <= postcode <= last for first, last in self.postcodes)

    def has_area_code(self, national: str) -> bool:
        """Whether a national number ("02323 …") is the town's; mobile and service numbers (01…) count as anyone's."""
        return not self.area_codes or national.startswith(("01", *self.area_codes))

    @property
    def postcodes_in_words(self) -> str:
        return ", ".join(first if first == last else f"{first}–{last}" for first, last in self.postcodes)

    @property
    def base_path(self) -> str:
        """The path part of the base URL, always starting and ending with '/'."""
        path = urlsplit(self.base_url).path.strip("/")
        return f"/{path}/" if path else "/"

    def with_base_url(self, base_url: str) -> Config:
        return replace(self, base_url=base_url if base_url.endswith("/") else base_url + "/")

    def district(self, slug: str) -> District:
        return next(d for d in self.districts if d.slug == slug)

    def age_group(self, slug: str) -> Term:
        return next(a for a in self.age_groups if a.slug == slug)

    def for_every_age(self, slugs: Iterable[str]) -> bool:
        """Whether one of these age groups stands for all generations ("alle")."""
        return any(slug in self._open_to_all for slug in slugs)

    def ages_of(self, slugs: Iterable[str]) -> tuple[Term, ...]:
        """The age groups an offer with these groups is for, in the config's order: every group when one of them
        stands for all generations, as the filters, listings, search and inventory count it."""
        slugs = tuple(slugs)
        every = self.for_every_age(slugs)
        return tuple(a for a in self.age_groups if every or a.slug in slugs)

    @functools.cached_property
    def _open_to_all(self) -> frozenset[str]:
        return frozenset(a.slug for a in self.age_groups if a.open_to_all)

    def category(self, slug: str) -> Term:
        return next(c for c in self.categories if c.slug == slug)

    def weekday(self, key: str) -> Term:
        return next(w for w in self.weekdays if w.key == key)


class ConfigError(Exception):
    """The config file is missing or malformed; the message is German and says what to fix."""


def load_config(path: Path) -> Config:
    """Read and check config.toml."""
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except FileNotFoundError:
        raise ConfigError(f"{path}: Die Konfigurationsdatei fehlt.") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: Die Konfigurationsdatei ist kein gültiges TOML ({error}).") from None
    if problems := config_problems(data, text, str(path)):
        count = "eine Stelle" if len(problems) == 1 else f"{len(problems)} Stellen"
        raise ConfigError(f"In der Konfiguration stimmt etwas nicht ({count}):\n" + "\n".join(problems))
    try:
        site, contact = data["site"], data["contact"]
        config = Config(
            name=site["name"],
            short_name=site.get("short_name", site["name"]),
            town=site["town"],
            base_url=site["base_url"].rstrip("/") + "/",
            tagline=site.get("tagline", ""),
            campaign=site.get("campaign", ""),
            contact=Contact(contact["office"], contact["phone"], contact["email"], contact["address"]),
            districts=tuple(
                District(slug=d["slug"], name=d["name"], quarters=tuple(d.get("quarters", ())))
                for d in data["districts"]
            ),
            district_hints=dict(data.get("district_hints", {})),
            age_groups=tuple(
                Term(
                    slug=a["slug"],
                    name=a["name"],
                    detail=a.get("range", ""),
                    open_to_all=a.get("open_to_all", False),
                    min_age=a.get("min_age"),
                    max_age=a.get("max_age"),
                )
                for a in data["age_groups"]
            ),
            categories=tuple(Term(slug=c["slug"], name=c["name"]) for c in data["categories"]),
            weekdays=tuple(Term(slug=w["slug"], name=w["name"], key=w["key"]) for w in data["weekdays"]),
            languages=dict(data.get("languages", {})),
            state=site.get("state", ""),
            repository_url=data.get("repository", {}).get("url", "").rstrip("/"),
            repository_branch=data.get("repository", {}).get("branch", "main"),
            legal={key: str(value) for key, value in data.get("legal", {}).items()},
            school_holidays=_school_holidays(data.get("schulferien", [])),
            holiday_country=data.get("feiertage", {}).get("land", "DE"),
            holiday_region=data.get("feiertage", {}).get("bundesland", ""),
            synonyms=tuple(tuple(str(word) for word in group) for group in data.get("suche", {}).get("synonyme", [])),
            unindexed_words=tuple(str(word) for word in data.get("suche", {}).get("nicht_im_index", [])),
            bounds=_bounds(site.get("bounds")),
            postcodes=tuple(_postcode_range(text) for text in site.get("postcodes", [])),
            area_codes=tuple(site.get("area_codes", [])),
            logo=_site_file(path, site.get("logo"), "[site] logo", LOGO_TYPES),
            logo_alt=site.get("logo_alt", ""),
            sign_video=_sign_video(path, data.get("gebaerdensprache")),
            placeholders=tuple(placeholders(data, text, str(path))),
        )
    except (KeyError, TypeError) as error:
        raise ConfigError(
            f"{path}: In der Konfiguration fehlt ein Eintrag oder ist falsch geschrieben: {error}."
        ) from None
    if config.logo and not config.logo_alt:
        raise ConfigError(f'{path}: [site] logo braucht einen Alternativtext: logo_alt = "Stadt {config.town}".')
    regions = holidays.list_supported_countries().get(config.holiday_country)
    if regions is None or (config.holiday_region and config.holiday_region not in regions):
        known = ", ".join(r for r in regions or () if r.isupper())
        raise ConfigError(
            f"{path}: [feiertage] land = „{config.holiday_country}“, bundesland = „{config.holiday_region}“ kennt die "
            f"Feiertagsbibliothek nicht." + (f" Bundesländer: {known}." if known else " Für Deutschland: land = „DE“.")
        )
    config = replace(
        config,
        examples=_examples(path, data.get("beispiel", {}), config),
        **_owners(data.get("repository", {}), config.repository_url),
    )
    if len(config.weekdays) != 7:
        raise ConfigError(f"{path}: Es müssen genau sieben Wochentage (Montag bis Sonntag) eingetragen sein.")
    return config


LOGO_TYPES = (".svg", ".png")
VIDEO_TYPES = (".mp4", ".webm")
POSTER_TYPES = (".jpg", ".jpeg", ".png", ".webp")
MEDIA_FOLDER = "medien"  # where the site serves the files the config names
_DURATION = re.compile(r"\d{1,3}:[0-5]\d")


def _site_file(config_path: Path, name: str | None, key: str, suffixes: tuple[str, ...]) -> SiteFile | None:
    """A file named relative to the config's folder (e.g. "assets/logo.svg" or "content/medien/dgs.mp4")."""
    if name is None:
        return None
    source = config_path.parent / name
    if source.suffix.lower() not in suffixes:
        raise ConfigError(f"{config_path}: {key} = „{name}“: erlaubt sind Dateien auf {', '.join(suffixes)}.")
    if not source.is_file():
        raise ConfigError(f"{config_path}: {key} = „{name}“: Diese Datei gibt es nicht (gesucht: {source}).")
    return SiteFile(source, f"{MEDIA_FOLDER}/{source.name}", source.stat().st_size)


def _sign_video(config_path: Path, entry: dict | None) -> SignVideo | None:
    """[gebaerdensprache]: video, captions and poster named relative to the config's folder, the duration as "4:30"."""
    if entry is None:
        return None
    where = "[gebaerdensprache]"
    missing = [key for key in ("video", "untertitel", "dauer") if key not in entry]
    if missing:
        raise ConfigError(f"{config_path}: In {where} fehlt: {', '.join(missing)}.")
    if not _DURATION.fullmatch(entry["dauer"]):
        raise ConfigError(f"{config_path}: {where} dauer = „{entry['dauer']}“: Minuten und Sekunden, etwa „4:30“.")
    video = _site_file(config_path, entry["video"], f"{where} video", VIDEO_TYPES)
    captions = _site_file(config_path, entry["untertitel"], f"{where} untertitel", (".vtt",))
    assert video and captions  # both named, checked above
    poster = _site_file(config_path, entry.get("poster"), f"{where} poster", POSTER_TYPES)
    names = [f.url for f in (video, captions, poster) if f]
    if len(set(names)) < len(names):
        raise ConfigError(f"{config_path}: Die Dateien in {where} brauchen verschiedene Namen.")
    return SignVideo(video, captions, entry["dauer"], poster)


def _postcode_range(text: str) -> tuple[str, str]:
    first, _, last = text.partition("-")
    first, last = first.strip(), (last or first).strip()
    if not (first.isdigit() and last.isdigit() and len(first) == len(last) == 5 and first <= last):
        raise TypeError(f"[site] postcodes: „{text}“ ist keine Postleitzahl und kein Bereich wie „44623-44629“")
    return first, last


def _bounds(entry: dict | None) -> Bounds | None:
    if entry is None:
        return None
    bounds = Bounds(*(float(entry[side]) for side in ("south", "west", "north", "east")))
    if not (-90 <= bounds.south < bounds.north <= 90 and -180 <= bounds.west < bounds.east <= 180):
        raise TypeError("[site] bounds: south < north (Breitengrade) und west < east (Längengrade)")
    return bounds


def _school_holidays(entries: list[dict]) -> tuple[Period, ...]:
    periods = []
    for entry in entries:
        first, last = entry["von"], entry["bis"]
        if not isinstance(first, dt.date) or not isinstance(last, dt.date) or last < first:
            raise TypeError(
                f"schulferien „{entry.get('name', '')}“: von und bis als Datum (2026-12-23), bis nicht vor von"
            )
        periods.append(Period(first, last, str(entry["name"])))
    return tuple(sorted(periods, key=lambda p: p.first))


def _owners(repository: dict, url: str) -> dict[str, str]:
    """The GitHub accounts for CODEOWNERS: as given, else teams of the repository's owner to be created or renamed."""
    owner = urlsplit(url).path.strip("/").split("/")[0] or "ihre-organisation"
    return {
        "repository_editors": repository.get("editors", f"@{owner}/redaktion"),
        "repository_web_team": repository.get("web_team", f"@{owner}/web"),
    }


def _examples(path: Path, entry: dict, config: Config) -> Examples:
    """[beispiel], each value checked against the town, so that the offer template passes `check`. A value left
    out is taken from the town's first district, postcode and area code and the middle of its bounds."""
    district = config.districts[0] if config.districts else None
    bounds = config.bounds
    examples = Examples(
        district=entry.get("bezirk", district.name if district else ""),
        quarter=entry.get("stadtteil", district.quarters[0] if district and district.quarters else ""),
        place=entry.get("ort_name", "Gemeindehaus"),
        street=entry.get("strasse", "Beispielstraße 12"),
        postcode=entry.get("plz", config.postcodes[0][0] if config.postcodes else "12345"),
        phone=entry.get("telefon", f"{config.area_codes[0]} 123456" if config.area_codes else "0123 456789"),
        lat=float(entry.get("lat", round((bounds.south + bounds.north) / 2, 4) if bounds else 51.5)),
        lon=float(entry.get("lon", round((bounds.west + bounds.east) / 2, 4) if bounds else 7.5)),
    )
    named = next((d for d in config.districts if d.name == examples.district), None)
    parsed = parse_phone(examples.phone)
    problems = [
        f"bezirk = „{examples.district}“ ist keiner der Stadtbezirke ({', '.join(d.name for d in config.districts)})"
        if named is None
        else "",
        f"stadtteil = „{examples.quarter}“ liegt nicht im Stadtbezirk {named.name} ({', '.join(named.quarters)})"
        if named and named.quarters and examples.quarter not in named.quarters
        else "",
        f"plz = „{examples.postcode}“ ist keine Postleitzahl der Stadt ({config.postcodes_in_words or 'fünf Ziffern'})"
        if not (re.fullmatch(r"\d{5}", examples.postcode) and config.has_postcode(examples.postcode))
        else "",
        f"telefon = „{examples.phone}“ ist keine Telefonnummer mit einer Vorwahl der Stadt ({', '.join(config.area_codes)})"
        if parsed is None or (parsed[0].startswith("+49") and not config.has_area_code("0" + parsed[0][3:]))
        else "",
        f"lat = {examples.lat}, lon = {examples.lon} liegen nicht in [site] bounds"
        if bounds and not bounds.holds(examples.lat, examples.lon)
        else "",
    ]
    if found := [problem for problem in problems if problem]:
        raise ConfigError(f"{path}: [beispiel] " + "; ".join(found) + ".")
    return examples
