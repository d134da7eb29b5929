"""Property-based: whatever bytes or YAML-shaped front matter arrive, loading and validating ends in a valid
offer or in clean German problems with a line in the file – never in another exception, and always quickly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from conftest import TOWN_CONFIG, VALID_OFFER
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mittendrin.content.body import render_markdown, text_problem
from mittendrin.content.load import RawOffer, load_offer
from mittendrin.content.problems import Problem
from mittendrin.content.schema import (
    ACCESSIBILITY_FIELDS,
    APPOINTMENT_FIELDS,
    CONTACT_FIELDS,
    OFFER_FIELDS,
    PLACE_FIELDS,
)
from mittendrin.content.validate import validate
from mittendrin.model.config import load_config

CONFIG = load_config(TOWN_CONFIG)
TODAY = dt.date(2026, 11, 25)
# Each example must finish within this time; a real offer takes about a millisecond.
SETTINGS = settings(
    max_examples=200, deadline=dt.timedelta(milliseconds=500), suppress_health_check=[HealthCheck.too_slow]
)

KEYS = sorted({f.key for fields in (OFFER_FIELDS, APPOINTMENT_FIELDS, PLACE_FIELDS, CONTACT_FIELDS,
                                    ACCESSIBILITY_FIELDS) for f in fields})  # fmt: skip
scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=40)
    | st.dates()
    | st.sampled_from(["15:00", "25:99", "di", "Montag", "ja", "nein", "14-taeglich", "-1", "kostenlos", "~"])
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=12), inner, max_size=5)
    ),
    max_leaves=25,
)


@pytest.fixture(scope="module")
def path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One file, rewritten by every example (a module fixture: Hypothesis runs many examples per test call)."""
    return tmp_path_factory.mktemp("eigenschaften") / "angebot.md"


def load_and_validate(path: Path, data: bytes) -> tuple[object, list[Problem], int]:
    """What check_content does with one file, plus the file's number of lines."""

    path.write_bytes(data)
    raw = load_offer(path, "angebot.md")
    lines = data.count(b"\n") + data.count(b"\r") + 1
    if isinstance(raw, list):
        return None, raw, lines
    assert isinstance(raw, RawOffer)
    offer, problems = validate(raw, CONFIG, TODAY)
    return offer, problems, lines


def assert_clean(offer: object, problems: list[Problem], lines: int) -> None:
    errors = [p for p in problems if p.is_error]
    assert (offer is None) == bool(errors)
    for problem in problems:
        assert problem.path == "angebot.md"
        assert 1 <= problem.line <= lines + 1, problem
        assert problem.message and "Traceback" not in problem.message


@SETTINGS
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_end_in_an_offer_or_clean_problems(path: Path, data: bytes) -> None:
    assert_clean(*load_and_validate(path, data))


@SETTINGS
@given(st.binary(max_size=600), st.binary(max_size=200))
def test_arbitrary_bytes_between_front_matter_lines(path: Path, front: bytes, body: bytes) -> None:
    assert_clean(*load_and_validate(path, b"---\n" + front + b"\n---\n" + body))


@SETTINGS
@given(st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=12), values, max_size=8), st.text(max_size=300))
def test_yaml_shaped_front_matter_ends_in_an_offer_or_clean_problems(path: Path, changes: dict, body: str) -> None:
    front = {**VALID_OFFER, **changes}
    text = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n" + body
    assert_clean(*load_and_validate(path, text.encode("utf-8", "surrogatepass")))


@SETTINGS
@given(st.text(max_size=800))
def test_arbitrary_text_ends_in_an_offer_or_clean_problems(path: Path, text: str) -> None:
    assert_clean(*load_and_validate(path, text.encode("utf-8", "surrogatepass")))


def test_the_valid_offer_is_an_offer(path: Path) -> None:
    """The properties above can fail: a valid file must give an offer and no error."""
    text = "---\n" + yaml.safe_dump(VALID_OFFER, allow_unicode=True, sort_keys=False) + "---\nText\n"
    offer, problems, _ = load_and_validate(path, text.encode())
    assert offer is not None and not [p for p in problems if p.is_error]


@SETTINGS
@given(st.text(alphabet=st.sampled_from("[]()<>!*_`#>-+=|:&;/\\\n 1.ahttps"), max_size=3000))
def test_markdown_of_special_characters_renders_or_is_refused_quickly(text: str) -> None:
    problem = text_problem(text)
    if problem is None:
        assert "<script" not in render_markdown(text)
    else:
        message, hint = problem
        assert message and hint
