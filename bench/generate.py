"""Writes N realistic, valid offer files for benchmarks: seeded, so every run and every tool gets the same input.

    python bench/generate.py 10000 /tmp/bench/content [--seed 7] [--config config.toml]

Every schedule form, district, quarter, age group and category of config.toml occurs; bodies are German Markdown
of 150–400 words with a list and links, like the ones associations write.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mittendrin.content.load import suggest_slug
from mittendrin.model.config import Config, load_config

CONFIG = Path(__file__).resolve().parent.parent / "config.toml"
DAYS = ["mo", "di", "mi", "do", "fr", "sa", "so"]
ACTIVITIES = [
    "Erzählcafé", "Strickrunde", "Spieleabend", "Mittagstisch", "Lauftreff", "Sprachcafé", "Handyhilfe",
    "Gartengruppe", "Repair-Café", "Singkreis", "Malwerkstatt", "Besuchsdienst", "Nachbarschaftsfrühstück",
    "Spaziergruppe", "Lesekreis", "Tanztee", "Kochabend", "Schachtreff", "Fahrradwerkstatt", "Hausaufgabenhilfe",
]  # fmt: skip
PLACES = ["im Quartier", "am Kirchplatz", "im Stadtteilzentrum", "am Park", "im Gemeindehaus", "an der Ecke", "im Hof"]
# Herne's postcodes (config.toml); drawn as before (randint 23–53), so that every later draw of the seed is the same.
HERNE_POSTCODES = [f"446{n}" for n in (*range(23, 30), *range(49, 54))]
STREETS = ["Bahnhofstraße", "Hauptstraße", "Kirchstraße", "Schulstraße", "Parkallee", "Am Markt", "Gartenweg"]
ORGANISERS = [
    "Nachbarschaftsverein",
    "Förderverein",
    "Kirchengemeinde",
    "Bürgerverein",
    "Sportverein",
    "Familienzentrum",
]
COSTS = ["kostenlos", "kostenlos", "2 € pro Treffen, Kaffee inklusive", "Material 3 €", "Spende erbeten"]
SENTENCES = [
    "Wir treffen uns in einem hellen Raum mit großen Tischen und genug Platz für alle.",
    "Wer zum ersten Mal kommt, wird an der Tür begrüßt und bekommt einen Platz neben jemandem, der sich auskennt.",
    "Vorkenntnisse braucht niemand; neugierig sein reicht völlig aus.",
    "Viele Gäste kommen allein und gehen mit einer Verabredung für die nächste Woche nach Hause.",
    "Kaffee und Tee stehen bereit, Kuchen bringt reihum jemand mit.",
    "Die Haltestelle der Buslinie liegt wenige Gehminuten entfernt, Parkplätze gibt es im Hof.",
    "Unsere Ehrenamtlichen achten darauf, dass alle zu Wort kommen, die möchten.",
    "Im Sommer sind wir oft draußen, im Winter drinnen bei warmen Getränken.",
    "Wer nicht gut zu Fuß ist, kann sich abholen lassen; sagen Sie uns einfach Bescheid.",
    "Es gibt keine feste Mitgliedschaft: Sie kommen, wann es Ihnen passt.",
    "Manchmal laden wir Gäste ein, die etwas Spannendes aus ihrem Leben oder Beruf erzählen.",
    "Kinder, Enkel und Nachbarn dürfen gern mitgebracht werden.",
    "Wir sprechen Deutsch, helfen uns aber gegenseitig auch in anderen Sprachen weiter.",
    "Am Ende jedes Treffens überlegen wir gemeinsam, was wir beim nächsten Mal machen.",
    "Fragen beantworten wir gern vorab am Telefon oder per E-Mail.",
    "Der Raum ist gut beleuchtet und ruhig, damit man sich auch mit Hörgerät gut unterhalten kann.",
]  # fmt: skip
BRING = ["gute Laune", "bequeme Schuhe", "eine Tasse", "Lesebrille", "Fragen", "Geschichten von früher", "Zeit"]


def offer_file(number: int, config: Config, rng: random.Random) -> tuple[str, str]:
    """The slug and full text of offer number `number`."""
    activity = ACTIVITIES[number % len(ACTIVITIES)]
    district = config.districts[number % len(config.districts)]
    quarter = district.quarters[(number // len(config.districts)) % len(district.quarters)]
    title = f"{activity} {rng.choice(PLACES)} {quarter}"
    slug = f"{suggest_slug(title)}-{number}"
    ages = sorted(rng.sample([a.slug for a in config.age_groups], rng.choice([1, 1, 2, 3])))
    categories = [c.slug for c in config.categories]
    picked = sorted({categories[number % len(categories)], rng.choice(categories)}, key=categories.index)
    lines = [
        "---",
        f"titel: {title}",
        f"kurzbeschreibung: Beim {activity} {quarter} kommen Menschen ins Gespräch – ohne Anmeldung und ohne Druck.",
        f"traeger: {rng.choice(ORGANISERS)} {quarter} e. V.",
        f"bezirk: {district.name}",
        f"stadtteil: {quarter}",
        f"altersgruppen: [{', '.join(ages)}]",
        f"kategorien: [{', '.join(picked)}]",
        "termine:",
        *schedule(number, rng),
    ]
    if number % 10 == 9:
        lines.append("online: true")
    else:
        lines += [
            "ort:",
            f"  name: Treffpunkt {quarter}",
            f"  strasse: {rng.choice(STREETS)} {rng.randint(1, 120)}",
            f'  plz: "{HERNE_POSTCODES[rng.randint(23, 53) % len(HERNE_POSTCODES)]}"',
            f"  lat: {51.50 + rng.random() * 0.06:.4f}",
            f"  lon: {7.14 + rng.random() * 0.14:.4f}",
        ]
    lines += [
        f'kosten: "{rng.choice(COSTS)}"',
        f"anmeldung: {rng.choice(['nein', 'nein', 'ja'])}",
        "barrierefreiheit:",
        f"  stufenlos: {rng.choice(['true', 'false'])}",
        f"  rollstuhl_wc: {rng.choice(['true', 'false'])}",
        f"  hoerschleife: {rng.choice(['true', 'false'])}",
        f"sprachen: [{rng.choice(['de', 'de, tr', 'de, en', 'de, ar, ru'])}]",
        "kontakt:",
        f'  telefon: "02323 {rng.randint(100000, 999999)}"',
        f"  email: angebot{number}@example.org",
        "geprueft_am: 2026-10-01",
        "gueltig_bis: 2030-12-31",
        "---",
        body(activity, rng),
    ]
    return slug, "\n".join(lines) + "\n"


def schedule(number: int, rng: random.Random) -> list[str]:
    """One of the five schedule forms by turn, sometimes followed by a second entry."""
    start = rng.randint(8, 18)
    times = [f'    von: "{start:02d}:00"', f'    bis: "{start + 2:02d}:00"']
    picked = sorted(rng.sample(DAYS, rng.choice([1, 1, 2])), key=DAYS.index)
    days = ", ".join(picked)
    # 14-taeglich counts from a first meeting on its first weekday in the week of Monday 5 January 2026
    first = f"2026-01-{5 + DAYS.index(picked[0]):02d}"
    forms = [
        [f"  - tage: [{days}]", *times],
        [f"  - tage: [{days}]", "    rhythmus: 14-taeglich", f"    ab: {first}", *times],
        [f"  - tage: [{days}]", "    rhythmus: monatlich", f"    woche: [{rng.choice(['1', '1, 3', '-1'])}]", *times],
        [f"  - datum: 2027-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}", *times],
        ["  - nach_vereinbarung: true"],
    ]
    entries = forms[number % len(forms)]
    if number % 7 == 0:
        entries = [
            *entries,
            f"  - tage: [{DAYS[number % 7]}]",
            '    von: "19:00"',
            "    nicht_in: [schulferien, feiertage]",
        ]
    if number % len(forms) == 0 and number % 11 == 0:  # weekly: a pause over the turn of the year
        entries += ["faellt_aus:", "  - von: 2026-12-23", "    bis: 2027-01-03", "    grund: Weihnachtspause"]
    return entries


def body(activity: str, rng: random.Random) -> str:
    """150–400 words of German Markdown with a list and links."""
    words = rng.randint(150, 400)
    paragraphs = [f"Der **{activity}** ist für alle offen, die Gesellschaft suchen."]
    count = len(paragraphs[0].split())
    while count < words:
        paragraph = " ".join(rng.sample(SENTENCES, 4))
        paragraphs.append(paragraph)
        count += len(paragraph.split())
        if len(paragraphs) == 3:
            paragraphs.append("Bitte mitbringen:\n\n" + "\n".join(f"- {item}" for item in rng.sample(BRING, 3)))
    paragraphs.append(
        "Mehr erfahren Sie auf [unserer Seite](https://example.org/verein) "
        "oder beim [Stadtteilbüro](https://example.org/stadtteilbuero)."
    )
    return "\n\n".join(paragraphs)


def generate(count: int, content: Path, seed: int = 7, config_path: Path = CONFIG) -> list[Path]:
    """Write `count` offers into content/offers/ and return their paths."""
    config = load_config(config_path)
    rng = random.Random(seed)
    folder = content / "offers"
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        slug, text = offer_file(number, config, rng)
        path = folder / f"{slug}.md"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("content", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--config", type=Path, default=CONFIG, help="the town whose vocabularies occur (config.toml)")
    args = parser.parse_args()
    generate(args.count, args.content, args.seed, args.config)


if __name__ == "__main__":
    main()
