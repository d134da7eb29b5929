"""Problems found in content: values, not exceptions, so one run can report all of them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


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
        return f"{text}\n    → {self.hint}" if self.hint else text

    def annotation(self) -> str:
        """The message as a GitHub Actions annotation on the line it concerns."""
        kind = "error" if self.is_error else "warning"
        text = f"{self.message} {self.hint}".strip().replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{kind} file={self.path},line={self.line}::{text}"
