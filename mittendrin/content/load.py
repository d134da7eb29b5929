"""Reads offer files into raw front matter with line numbers, safely and without trusting their content."""

from __future__ import annotations

import contextlib
import functools
import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import frontmatter
import yaml

from mittendrin.content.problems import Problem, Severity, system_reason

MAX_FILE_BYTES = 256 * 1024
MAX_NODES = 2_000  # a real offer has about 60; alias bombs expand to millions
MAX_DEPTH = 12
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Invisible characters that sneak into keys from copy and paste: zero-width spaces, joiners, soft hyphen, BOM and
# the direction marks; a key "titel" with one of them inside must still be "titel".
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\ufeff"))
# What comes before the first colon of a line: the key, where invisible characters are removed before YAML reads it.
_KEY_PART = re.compile(r"^[^:\n]*", re.MULTILINE)
# In values only what never carries meaning goes: zero-width space, word joiner, BOM, and the direction overrides
# that make text display in another order than it is read (joiners and direction marks belong to some scripts).
INVISIBLE_IN_VALUES = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u202d\u202e"))
# Names Windows cannot create: an offer called con.md could not be checked out there.
WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)), *(f"lpt{n}" for n in range(1, 10))}
# Control characters other than tab and line breaks: YAML rejects them, and in a page they are invisible traps.
# NEL and the Unicode line and paragraph separators are line breaks to YAML but not to an editor, so line numbers
# in messages would be wrong.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CORE_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}


@dataclass(frozen=True)
class Node:
    """A YAML value with the file line it belongs to. Scalars keep their text as written."""

    value: str | list[Node] | dict[str, Node]
    line: int

    @property
    def is_text(self) -> bool:
        return isinstance(self.value, str)


@dataclass(frozen=True)
class RawOffer:
    path: Path
    name: str  # file path as shown in messages
    slug: str
    front: dict[str, Node]
    body: str
    body_line: int


class _TooLarge(Exception):
    pass


def offer_files(content: Path) -> list[Path]:
    """The offer files to publish, sorted: `_`-prefixed files are templates and drafts."""
    folder = content / "offers"
    return [folder / name for name in offer_names(content)]


def offer_names(content: Path) -> list[str]:
    """The names of the offer files in content/offers/, sorted."""
    folder = content / "offers"
    if not folder.is_dir():
        return []
    with os.scandir(folder) as entries:  # scandir knows each entry's type without a stat: 10,000 files in 20 ms
        return sorted(e.name for e in entries if e.name.endswith(".md") and not e.name.startswith("_") and _file(e))


def _file(entry: os.DirEntry) -> bool:
    """A file or a link: a link is listed without following it, so that load_offer names it (a loop of links
    would stop any stat with "Too many levels of symbolic links")."""
    return entry.is_file(follow_symlinks=False) or entry.is_symlink()


def unread_files(content: Path, display_name: Callable[[Path], str]) -> list[Problem]:
    """Warnings for files in offers/ that look meant as offers but are never read, so no offer is lost unnoticed."""
    problems = []
    folder = content / "offers"
    with os.scandir(folder) if folder.is_dir() else contextlib.nullcontext([]) as entries:
        unread = sorted(e.name for e in entries if not e.name.endswith(".md") and _file(e))
    for path in (folder / name for name in unread):
        if not path.name.startswith((".", "_")):
            problems.append(
                Problem(
                    display_name(path),
                    1,
                    f"„{path.name}“ wird nicht veröffentlicht: Angebote sind Dateien mit der Endung .md.",
                    f"Benennen Sie die Datei um, zum Beispiel in „{suggest_slug(path.name.split('.')[0])}.md“, "
                    "oder löschen Sie sie.",
                    Severity.WARNING,
                )
            )
    return problems


def load_offer(path: Path, name: str) -> RawOffer | list[Problem]:
    """Read one offer file, or say in German why it cannot be read."""

    def problem(line: int, message: str, hint: str = "") -> list[Problem]:
        return [Problem(name, line, message, hint)]

    slug = path.stem
    if not SLUG.fullmatch(slug) or len(slug) > 80:
        return problem(
            1,
            f"Der Dateiname „{path.name}“ taugt nicht als Internetadresse.",
            "Nur Kleinbuchstaben a–z, Ziffern und Bindestriche, höchstens 80 Zeichen, ohne Umlaute: "
            f"zum Beispiel „{suggest_slug(slug)}.md“.",
        )
    if slug in WINDOWS_RESERVED:
        return problem(
            1,
            f"Der Dateiname „{path.name}“ ist unter Windows reserviert; die Datei ließe sich dort nicht öffnen.",
            f"Wählen Sie einen Namen, der das Angebot beschreibt, zum Beispiel „{slug}-treff.md“.",
        )
    if path.is_symlink():
        return problem(
            1,
            f"„{path.name}“ ist ein Verweis (Symlink) auf eine andere Datei.",
            "Löschen Sie den Verweis und legen Sie das Angebot als gewöhnliche Datei in content/offers/ an.",
        )
    try:
        data = path.read_bytes()[: MAX_FILE_BYTES + 1]
    except OSError as error:
        return problem(
            1,
            f"Die Datei kann nicht gelesen werden. {system_reason(error)}.",
            "Prüfen Sie, ob die Datei vollständig hochgeladen ist und gelesen werden darf; sonst legen Sie sie neu an.",
        )
    if len(data) > MAX_FILE_BYTES:
        return problem(1, "Die Datei ist zu groß (mehr als 256 KB).", "Ein Angebot braucht nur wenige Absätze Text.")
    text = _decode(data)
    if isinstance(text, Problem):
        return [Problem(name, text.line, text.message, text.hint)]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    control = _CONTROL.search(text)
    if control:
        return problem(
            text.count("\n", 0, control.start()) + 1,
            f"In dieser Zeile steht ein unsichtbares Steuerzeichen (U+{ord(control.group()):04X}).",
            "Löschen Sie die Zeile und schreiben Sie sie neu; oft stammt das Zeichen aus kopiertem Text.",
        )

    if not text.startswith("---\n"):
        return problem(
            1,
            "Die Datei beginnt nicht mit einer Zeile „---“.",
            "Die erste Zeile muss genau --- sein; darunter folgen die Angaben, dann wieder eine Zeile ---, dann der Text.",
        )
    try:
        front_text, body = frontmatter.YAMLHandler().split(text)
    except ValueError:
        return problem(
            1,
            "Der Kopfbereich mit den Angaben wird nicht mit einer Zeile „---“ abgeschlossen.",
            "Setzen Sie nach der letzten Angabe (zum Beispiel geprueft_am) eine Zeile mit genau --- ein.",
        )
    first_line = text.count("\n", 0, text.index(front_text)) + 1 if front_text else 2
    body_line = first_line + front_text.count("\n") + 1

    too_deep = problem(
        first_line,
        f"Die Angaben sind zu tief verschachtelt: mehr als {MAX_DEPTH} Ebenen ineinander.",
        "Vergleichen Sie die Einrückung mit der Vorlage content/offers/_vorlage.md; ein Angebot braucht höchstens drei.",
    )
    multiplied = problem(
        first_line,
        "Die Angaben vervielfachen sich über Verweise (&/*).",
        "Schreiben Sie jede Angabe einfach aus; Verweise mit & und * werden nicht gebraucht.",
    )
    front_text = _KEY_PART.sub(lambda m: m.group().translate(INVISIBLE), front_text)
    try:
        depth, values = _shape(front_text)
        if depth > MAX_DEPTH:
            return too_deep
        if values > MAX_NODES:
            return problem(
                first_line,
                f"Im Kopfbereich stehen zu viele Einträge: {_thousands(values)} Werte, erlaubt sind höchstens "
                f"{_thousands(MAX_NODES)}.",
                "Tragen Sie regelmäßige Termine mit einem Rhythmus ein (zum Beispiel „rhythmus: woechentlich“) statt "
                "jeden Tag einzeln, und einzelne Termine nur für die nächsten Monate.",
            )
        root = yaml.compose(front_text, Loader=_LOADER)
    except yaml.MarkedYAMLError as error:
        if "nesting depth" in str(error.problem):  # newer libyaml stops deep nesting itself, while scanning
            return too_deep
        return [_yaml_problem(name, error, front_text, first_line)]
    except yaml.YAMLError:
        return problem(
            first_line,
            "Die Angaben im Kopfbereich können nicht gelesen werden.",
            "Vergleichen Sie sie mit der Vorlage content/offers/_vorlage.md.",
        )
    if root is None or not isinstance(root, yaml.MappingNode):
        return problem(
            first_line,
            "Im Kopfbereich stehen keine Angaben der Form „schluessel: wert“.",
            "Kopieren Sie die Vorlage content/offers/_vorlage.md und füllen Sie sie aus.",
        )
    problems: list[Problem] = []
    try:
        front = _to_node(root, first_line, name, problems, budget=[MAX_NODES], depth=0)
    except _TooLarge:  # only aliases make more nodes than the text has values, counted above
        return multiplied
    if problems:
        return problems
    assert isinstance(front.value, dict)
    return RawOffer(path, name, slug, front.value, body, body_line)


def address_clashes(files: list[Path], display_name: Callable[[Path], str]) -> list[Problem]:
    """Files whose names differ only in case, Unicode form or punctuation: they would share one address.

    On Windows and macOS such files even overwrite each other on checkout, so both are named in the message.
    """
    first: dict[str, Path] = {}
    problems: list[Problem] = []
    for path in files:
        key = suggest_slug(path.stem)
        if key not in first:
            first[key] = path
            continue
        problems.append(
            Problem(
                display_name(path),
                1,
                f"„{path.name}“ und „{first[key].name}“ ergäben dieselbe Adresse /angebote/{key}/.",
                "Führen Sie die beiden Angebote in einer Datei zusammen oder geben Sie einer einen anderen Namen.",
            )
        )
    return problems


@functools.lru_cache(maxsize=4096)  # validation compares each vocabulary entry with every term's name
def slugify(text: str) -> str:
    """The text as a part of an address: lower case, umlauts written out (ä → ae), other accents dropped (café →
    cafe), words joined by hyphens."""
    if SLUG.fullmatch(text):
        return text  # already one, as nearly every file name is: the steps below cost 0.2 s at 10,000 files
    # Decomposed after the umlauts are written out, so that é typed as one character or two is treated alike.
    plain = unicodedata.normalize("NFKD", unicodedata.normalize("NFC", text).translate(_UMLAUTS))
    return "-".join(re.findall(r"[a-z0-9]+", "".join(c for c in plain if not unicodedata.combining(c)).lower()))


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})


def suggest_slug(text: str) -> str:
    """A file name an association could use instead."""
    return slugify(text)[:80].strip("-") or "mein-angebot"


def _shape(front_text: str) -> tuple[int, int]:
    """How deeply lists and groups nest and how many values the text writes (aliases not expanded), from the
    parser's flat event stream.

    Checked before composing: the C composer recurses once per level, and a line of 100,000 "[" crashes the
    whole process instead of raising an error.
    """
    depth = deepest = values = 0
    for event in yaml.parse(front_text, Loader=_LOADER):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_DEPTH:
                break
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        values += isinstance(event, yaml.ScalarEvent | yaml.CollectionStartEvent)
    return deepest, values


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _decode(data: bytes) -> str | Problem:
    # UTF-16 without a BOM has a zero byte in every ASCII character; UTF-8 text never contains one.
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or max(data[0::2].count(0), data[1::2].count(0)) > len(data) // 3:
        return Problem(
            "", 1, "Die Datei ist als UTF-16 gespeichert.", "Speichern Sie sie im Editor als „UTF-8“ (ohne BOM)."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return Problem(
            "",
            line,
            "Die Datei enthält Zeichen, die nicht als UTF-8 gespeichert sind (oft Umlaute aus einem alten Editor).",
            "Speichern Sie die Datei im Editor mit der Kodierung „UTF-8“ und prüfen Sie die Umlaute in dieser Zeile.",
        )


def _to_node(
    node: yaml.Node,
    first_line: int,
    name: str,
    problems: list[Problem],
    budget: list[int],
    depth: int,
    line: int | None = None,
) -> Node:
    budget[0] -= 1
    if budget[0] < 0 or depth > MAX_DEPTH:
        raise _TooLarge
    here = line if line is not None else node.start_mark.line + first_line
    if node.tag not in _CORE_TAGS:
        problems.append(
            Problem(
                name,
                here,
                f"Die Markierung „{node.tag}“ ist hier nicht erlaubt.",
                "Schreiben Sie den Wert ohne Ausrufezeichen-Markierung; Text mit Sonderzeichen in Anführungszeichen.",
            )
        )
    if isinstance(node, yaml.ScalarNode):
        # YAML escapes such as "\u001b" in quoted text produce control characters the raw-text check cannot see.
        control = _CONTROL.search(node.value)
        if control:
            problems.append(
                Problem(
                    name,
                    here,
                    f"Der Wert enthält ein unsichtbares Steuerzeichen (U+{ord(control.group()):04X}).",
                    "Löschen Sie Schreibweisen wie \\u001b oder \\x07 aus dem Text.",
                )
            )
        return Node(node.value.translate(INVISIBLE_IN_VALUES).strip(), here)
    if isinstance(node, yaml.SequenceNode):
        items = [_to_node(item, first_line, name, problems, budget, depth + 1) for item in node.value]
        return Node(items, here)
    mapping: dict[str, Node] = {}
    for key_node, value_node in node.value:
        key_line = key_node.start_mark.line + first_line
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(Problem(name, key_line, "Hier steht eine Liste oder Gruppe, wo ein Name erwartet wird."))
            continue
        key = key_node.value.strip()
        if key in mapping:
            problems.append(
                Problem(
                    name,
                    key_line,
                    f"„{key}“ steht zweimal da.",
                    "Jede Angabe darf nur einmal vorkommen; löschen Sie eine.",
                )
            )
        mapping[key] = _to_node(value_node, first_line, name, problems, budget, depth + 1, line=key_line)
    return Node(mapping, here)


def _yaml_problem(name: str, error: yaml.MarkedYAMLError, front_text: str, first_line: int) -> Problem:
    """Translate a YAML syntax error into what an association can act on."""
    mark = error.problem_mark or error.context_mark
    line = (mark.line if mark else 0) + first_line
    source_lines = front_text.split("\n")
    index = line - first_line
    culprit = source_lines[index] if 0 <= index < len(source_lines) else ""
    reason = str(error.problem or "")
    if "\t" in culprit or "\t" in reason or "tab" in reason.lower():
        return Problem(
            name,
            line,
            "In dieser Zeile steht ein Tabulator.",
            "Rücken Sie nur mit Leerzeichen ein, nie mit der Tab-Taste.",
        )
    # The most frequent real mistake: a sentence with ": " inside an unquoted value.
    for candidate_index in (index, index - 1):
        if 0 <= candidate_index < len(source_lines):
            fixed = _quoted_fix(source_lines[candidate_index])
            if fixed:
                return Problem(
                    name,
                    candidate_index + first_line,
                    "Der Text enthält einen Doppelpunkt mit Leerzeichen („: “); so kann er nicht gelesen werden.",
                    f"Setzen Sie den Text in Anführungszeichen: {fixed}",
                )
    # An opening quote or bracket without its partner: the parser stops lines later, so name the line it opened on.
    for open_index in range(min(index, len(source_lines) - 1), -1, -1):
        unclosed, fixed = _unclosed(source_lines[open_index])
        if unclosed:
            return Problem(name, open_index + first_line, f"In dieser Zeile fehlt {unclosed}.", f"Richtig: {fixed}")
    if any(
        text in reason for text in ("indentation", "expected <block end>", "mapping values", "expected '-' indicator")
    ):
        return Problem(
            name,
            line,
            "Die Einrückung stimmt hier nicht.",
            "Angaben derselben Ebene beginnen genau untereinander; Unterpunkte werden mit zwei Leerzeichen eingerückt.",
        )
    return Problem(
        name,
        line,
        "Diese Zeile kann nicht gelesen werden.",
        "Oft fehlt in dieser oder der Zeile davor ein schließendes Anführungszeichen. Vergleichen Sie mit der Vorlage "
        "content/offers/_vorlage.md: „schluessel: wert“, Text mit Sonderzeichen in Anführungszeichen.",
    )


def _unclosed(source_line: str) -> tuple[str, str]:
    """What a line of front matter leaves open (a quotation mark or a list bracket), and the line closed."""
    if len(source_line) > 300:  # too long to repeat as the corrected line
        return "", ""
    value = source_line.partition(": ")[2].strip()
    if value[:1] in ('"', "'") and value.count(value[0]) % 2 == 1:
        return f"das schließende Anführungszeichen {value[0]}", source_line.strip() + value[0]
    if value.startswith("[") and value.count("[") > value.count("]"):
        return "die schließende eckige Klammer ]", source_line.strip() + "]"
    return "", ""


def _quoted_fix(source_line: str) -> str:
    match = re.match(r"^(\s*(?:- )?[\w-]+): (.+: .+)$", source_line)
    if not match or match.group(2).lstrip().startswith(('"', "'")):
        return ""
    value = match.group(2).replace("\\", "\\\\").replace('"', '\\"')
    return f'{match.group(1).strip()}: "{value}"'
