"""German phone numbers as written by people, turned into tel: links and one display form."""

from __future__ import annotations

import re

PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9 /\-–.]{4,30}$")
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "(": "", ")": " "})


def parse_phone(written: str) -> tuple[str, str] | None:
    """('+492323123456', '+49 2323 123456') for '02323 123456'; None if it is no complete number."""
    text = " ".join(written.translate(_SPACES).split())
    if not PHONE_PATTERN.match(text):
        return None
    digits = re.sub(r"\D", "", text)
    if text.startswith(("+", "00")):
        local = re.sub(r"^(\+|00)\s*", "", text)
        return "+" + re.sub(r"\D", "", local), "+" + local
    if not text.startswith("0") or len(digits) < 6:
        return None
    grouped = re.match(r"^0(\d+)[ /\-–.]+(.+)$", text)
    display = f"+49 {grouped.group(1)} {grouped.group(2)}" if grouped else f"+49 {digits[1:]}"
    return "+49" + digits[1:], display
