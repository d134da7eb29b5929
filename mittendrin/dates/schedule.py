"""Appointments in natural German, and the questions listings ask of them (which day, how early, still current)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from mittendrin.dates.occurrences import PUBLIC_HOLIDAYS, SCHOOL_HOLIDAYS, Occurrence, Skip
from mittendrin.model.offer import Appointment, Offer, Period, Rhythm

MONTHS = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)


PAUSE_WORDS = {SCHOOL_HOLIDAYS: "nicht in den Schulferien", PUBLIC_HOLIDAYS: "nicht an Feiertagen"}


def german_date(date: dt.date) -> str:
    """2026-01-07 → '7. Januar 2026'."""
    return f"{date.day}. {MONTHS[date.month - 1]} {date.year}"


def day_and_date(date: dt.date, day_names: Sequence[str], year: bool = True) -> str:
    """'Mittwoch, 9. Dezember 2026' (or without the year)."""
    text = f"{day_names[date.weekday()]}, {german_date(date)}"
    return text if year else text.removesuffix(f" {date.year}")


def occurrence_text(occurrence: Occurrence, day_names: Sequence[str]) -> str:
    """'Mittwoch, 9. Dezember 2026, 15:00–17:00 Uhr'."""
    a = occurrence.appointment
    when = day_and_date(occurrence.day, day_names)
    return f"{when}, {time_range(a.start, a.end)}" if a.start else when


def skip_lines(skips: Sequence[Skip], appointments: Sequence[Appointment], day_names: Sequence[str]) -> tuple[str, ...]:
    """The cancellations and pauses among these skips, one line each: 'Fällt aus am Donnerstag, 24. Dezember 2026
    (Heiligabend)' for a single day, 'Pause vom 23. Dezember 2026 bis 6. Januar 2027 (Weihnachtsferien)' for more.
    Where a pause takes away only some of the offer's appointments (say, the one in the morning pauses in the school
    holidays and the evening one does not), the line names the time of those it takes away."""
    dated = {a for a in appointments if a.start}
    lines: list[str] = []
    for skip in skips:
        line = pause_text(skip.period, day_names, skip.day)
        paused = {s.appointment for s in skips if s.period == skip.period}
        if dated - paused:
            line += " – " + join_words(sorted({f"der Termin um {german_time(a.start)} Uhr" for a in paused if a.start}))
        if line not in lines:
            lines.append(line)
    return tuple(lines)


def pause_text(period: Period, day_names: Sequence[str], day: dt.date | None = None) -> str:
    """One cancellation or pause in German; `day` names the date a one-day period takes away."""
    reason = f" ({period.reason})" if period.reason else ""
    if period.first == period.last:
        return f"Fällt aus am {day_and_date(day or period.first, day_names)}{reason}"
    return f"Pause vom {german_date(period.first)} bis {german_date(period.last)}{reason}"


def german_time(time: dt.time) -> str:
    return f"{time.hour}:{time.minute:02d}"


def time_range(start: dt.time | None, end: dt.time | None) -> str:
    """'15:00–17:00 Uhr', or 'ab 15:00 Uhr' when the end is open."""
    if start is None:
        return ""
    if end is None:
        return f"ab {german_time(start)} Uhr"
    return f"{german_time(start)}–{german_time(end)} Uhr"


def join_words(words: Sequence[str]) -> str:
    """['a', 'b', 'c'] → 'a, b und c'."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} und {words[-1]}"


def describe(appointment: Appointment, day_names: Sequence[str]) -> str:
    """One appointment in German, e.g. 'jeden 1. und 3. Samstag im Monat, 10:00–12:00 Uhr'."""
    a = appointment
    if a.rhythm is Rhythm.BY_ARRANGEMENT:
        text = "nach Vereinbarung"
    elif a.rhythm is Rhythm.DATE:
        assert a.date is not None
        text = f"am {day_names[a.date.weekday()]}, {german_date(a.date)}"
    else:
        days = join_words([day_names[d] for d in a.weekdays])
        if a.rhythm is Rhythm.WEEKLY:
            text = f"jeden {days}"
        elif a.rhythm is Rhythm.BIWEEKLY:
            text = f"jeden zweiten {days}"
        else:
            weeks = join_words(["letzten" if w == -1 else f"{w}." for w in a.weeks])
            text = f"jeden {weeks} {days} im Monat"
    parts = [text]
    if a.rhythm is not Rhythm.BY_ARRANGEMENT and a.start:
        parts.append(time_range(a.start, a.end))
    description = ", ".join(parts)
    if a.first_date and a.last_date:
        description += f" (vom {german_date(a.first_date)} bis {german_date(a.last_date)})"
    elif a.first_date:
        description += f" (ab {german_date(a.first_date)})"
    elif a.last_date:
        description += f" (bis {german_date(a.last_date)})"
    pauses = [PAUSE_WORDS[kind] for kind in a.paused_in]
    if pauses:
        description += f", {join_words(pauses)}"
    if a.note:
        description += f" – {a.note}"
    return description


def is_current(appointment: Appointment, today: dt.date) -> bool:
    """False for a single date or a series that is over."""
    if appointment.rhythm is Rhythm.DATE:
        return appointment.date is not None and appointment.date >= today
    return appointment.last_date is None or appointment.last_date >= today


def current_appointments(offer: Offer, today: dt.date) -> tuple[Appointment, ...]:
    return tuple(a for a in offer.appointments if is_current(a, today))


def days_of(appointments: Sequence[Appointment]) -> tuple[int, ...]:
    """The weekdays (0 = Monday) on which these appointments take place."""
    days = {d for a in appointments for d in a.weekdays} | {a.date.weekday() for a in appointments if a.date}
    return tuple(sorted(days))


def start_on(appointments: Sequence[Appointment], day: int) -> dt.time | None:
    """The earliest start on that weekday, for sorting a day's listing."""
    starts = [a.start for a in appointments if a.start and (day in a.weekdays or (a.date and a.date.weekday() == day))]
    return min(starts, default=None)


def week_order(appointments: Sequence[Appointment]) -> tuple[int, dt.time]:
    """Sort key: the first weekday in the week and its start time; 'by arrangement' goes last."""
    days = days_of(appointments)
    if not days:
        return (7, dt.time.max)
    return (days[0], start_on(appointments, days[0]) or dt.time.max)


def starts_at_or_after(appointments: Sequence[Appointment], hour: int) -> bool:
    return any(a.start and a.start.hour >= hour for a in appointments)
