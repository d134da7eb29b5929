"""Problems found in content: values, not exceptions, so one run can report all of them."""

from __future__ import annotations

import errno
import re
from dataclasses import dataclass
from enum import Enum

# File names and quoted values come from strangers: control characters (terminal escape sequences) are shown as "?".
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


class Severity(Enum):
    ERROR = "Fehler"
    WARNING = "Hinweis"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format(self) -> str:
        """The message as an association reads it in a terminal."""
        text = f"{self.path}, Zeile {self.line}: {self.severity.value}: {self.message}"
        return _CONTROL.sub("?", f"{text}\n    → {self.hint}" if self.hint else text)

    def annotation(self) -> str:
        """The message as a GitHub Actions annotation on the line it concerns."""
        kind = "error" if self.is_error else "warning"
        text = _escape(f"{self.message} {self.hint}".strip())
        # In a property, ":" and "," would end the value: a file named "a,line=1::x.md" must not forge a command.
        path = _escape(self.path).replace(":", "%3A").replace(",", "%2C")
        return f"::{kind} file={path},line={self.line}::{text}"


def _escape(text: str) -> str:
    """GitHub's escaping for workflow commands, so a message can never start a command of its own."""
    return _CONTROL.sub("?", text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


# What the system says when a file cannot be read or written, in the words a volunteer or an admin understands.
_SYSTEM_REASONS = {
    errno.ENOSPC: "Auf dem Datenträger ist kein Platz mehr",
    errno.EDQUOT: "Der Speicherplatz für dieses Konto ist aufgebraucht",
    errno.EROFS: "Der Ordner ist schreibgeschützt",
    errno.EACCES: "Es fehlt die Berechtigung dafür",
    errno.EPERM: "Das ist nicht erlaubt (die Datei oder der Ordner ist gesperrt)",
    errno.ELOOP: "Verweise (Symlinks) zeigen im Kreis aufeinander",
    errno.ENOENT: "Die Datei oder der Ordner fehlt",
    errno.EISDIR: "Hier liegt ein Ordner, keine Datei",
    errno.ENOTDIR: "Ein Teil des Pfads ist kein Ordner",
    errno.EIO: "Der Datenträger meldet einen Lesefehler",
    errno.EMFILE: "Es sind zu viele Dateien zugleich geöffnet",
}


def system_reason(error: OSError) -> str:
    """The reason of a failed file operation in German, the system's own words in parentheses for whoever
    searches for them: "Der Ordner ist schreibgeschützt (Read-only file system)"."""
    original = error.strerror or str(error)
    german = _SYSTEM_REASONS.get(error.errno or 0)
    return f"{german} ({original})" if german else original
