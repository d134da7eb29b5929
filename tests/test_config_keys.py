"""config.toml checked like content: unknown keys and wrong kinds of value are errors with line and allowed keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TOWN_CONFIG, write_offer

from mittendrin.model.config import ConfigError, load_config

SHIPPED = (TOWN_CONFIG).read_text(encoding="utf-8")


def config_with(tmp_path: Path, old: str, new: str) -> Path:
    assert old in SHIPPED
    path = tmp_path / "config.toml"
    path.write_text(SHIPPED.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(text))


def test_the_shipped_config_passes() -> None:
    assert load_config(TOWN_CONFIG).town == "Herne"


@pytest.mark.parametrize(
    ("old", "new", "at", "message"),
    [
        ('town = "Herne"', 'twon = "Herne"', "twon", "„twon“ gibt es in [site] nicht. Meinten Sie „town“? Erlaubt: name, short_name, town,"),
        ('branch = "main"', "branch = 3", "branch", "„branch“ in [repository] muss Text sein"),
        ("[suche]", "[suchen]", "[suchen]", "Den Abschnitt [suchen] gibt es nicht. Meinten Sie „suche“?"),
        ('slug = "eickel"', 'slug = "eickel"\naliases = ["Eikel"]', "aliases", "„aliases“ gibt es in [[districts]] nicht. Erlaubt: slug, name, quarters."),
        ("open_to_all = true", 'open_to_all = "ja"', "open_to_all", "„open_to_all“ in [[age_groups]] muss true oder false sein"),
        ("south = 51.48", 'south = "51,48"', "bounds", "„south“ in [site] bounds muss eine Zahl sein"),
    ],
    ids=["tippfehler", "typ", "abschnitt", "liste", "wahrheitswert", "gruppe"],
)  # fmt: skip
def test_a_wrong_key_or_value_names_its_line(tmp_path: Path, old: str, new: str, at: str, message: str) -> None:
    path = config_with(tmp_path, old, new)
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert f"{path}, Zeile {line_of(path, at.split()[0] if at.startswith('[') else at)}: {message}" in str(raised.value)


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(SHIPPED.replace('town = "Herne"', 'twon = "Herne"').replace("[suche]", "[suchen]"), "utf-8")
    with pytest.raises(ConfigError, match=r"In der Konfiguration stimmt etwas nicht \(2 Stellen\)"):
        load_config(path)


def test_values_left_as_examples_are_named_with_their_lines() -> None:
    config = load_config(TOWN_CONFIG)
    contact = line_of(TOWN_CONFIG, 'email = "mittendrin@example.org"')  # the first: [contact]
    assert any(f"Zeile {contact}: [contact] email" in warning for warning in config.placeholders)
    assert not any("base_url" in warning for warning in config.placeholders)  # publishing builds are given it


def test_a_build_for_publishing_warns_of_examples_and_of_another_repository(
    cli, content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_offer(content, "treff")
    monkeypatch.setenv("GITHUB_REPOSITORY", "stadt-gelsenkirchen/mittendrin")
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.com")
    code, _, err = cli(
        "build", "--content", content, "--out", tmp_path / "site", "--no-pdf", "--base-url", "https://x.de/"
    )
    assert code == 0
    assert "Hinweis: " in err and "[contact] email = „mittendrin@example.org“ ist noch ein Beispielwert" in err
    assert "gebaut wird aber https://github.com/stadt-gelsenkirchen/mittendrin" in err
    monkeypatch.setenv("GITHUB_REPOSITORY", "stadt-herne/mittendrin")
    _, _, err = cli(
        "build", "--content", content, "--out", tmp_path / "site", "--no-pdf", "--base-url", "https://x.de/"
    )
    assert "gebaut wird aber" not in err
