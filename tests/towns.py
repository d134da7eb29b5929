"""A second town for the tests that prove nothing of Herne is built in: its config, as a fork would write it."""

from __future__ import annotations

from conftest import TOWN_CONFIG

# Another town, as a fork would configure it: none of Herne's names, postcodes, area codes or coordinates.
OTHER_TOWN = """\
[site]
name = "Mittendrin – Gemeinsam in Gelsenkirchen"
town = "Gelsenkirchen"
base_url = "https://mittendrin.gelsenkirchen.example/"
bounds = { south = 51.48, west = 6.98, north = 51.64, east = 7.16 }
postcodes = ["45879-45899"]
area_codes = ["0209"]

[repository]
url = "https://github.com/stadt-gelsenkirchen/mittendrin"

[contact]
office = "Stadt Gelsenkirchen, Referat Soziales"
phone = "0209 169-0"
email = "mittendrin@gelsenkirchen.example"
address = "Hans-Sachs-Haus, Ebertstraße 11, 45879 Gelsenkirchen"

[beispiel]
bezirk = "Nord"
stadtteil = "Buer"
ort_name = "Bürgerhaus Buer"
strasse = "Musterweg 3"
plz = "45894"
telefon = "0209 987654"
lat = 51.578
lon = 7.05

[[districts]]
slug = "mitte"
name = "Mitte"
quarters = ["Altstadt", "Bulmke-Hüllen", "Schalke"]

[[districts]]
slug = "nord"
name = "Nord"
quarters = ["Buer", "Hassel", "Scholven"]

[[districts]]
slug = "ost"
name = "Ost"
quarters = ["Erle", "Resse"]

[[districts]]
slug = "sued"
name = "Süd"
quarters = ["Ückendorf", "Rotthausen"]

[[districts]]
slug = "west"
name = "West"
quarters = ["Horst", "Beckhausen"]

"""
TESTS_TOWN = TOWN_CONFIG.read_text(encoding="utf-8")
# Age groups, categories, holidays, synonyms, weekdays and languages: the same in any NRW town.
SHARED_VOCABULARIES = TESTS_TOWN[TESTS_TOWN.index("# min_age/max_age") :]
HERNE = ("Herne", "Eickel", "Sodingen", "Wanne", "Börnig", "Crange", "Baukau", "Barbara", "Stabsstelle", "4462")
HERNE += ("02323", "02325", "51.5383", "7.2545", "stadt-herne")
