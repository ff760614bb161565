"""Offline geocoding and the place of an event in a parsed sentence."""

from __future__ import annotations

import re

import pytest

from accord.geo import find_event_location, geocode, load_gazetteer, normalise_name


@pytest.mark.parametrize(
    "name, country, lat, lon",
    [
        ("Beijing", "CHN", 39.9, 116.4),
        ("Astana", "KAZ", 51.2, 71.4),
        ("Nur-Sultan", "KAZ", 51.2, 71.4),
        ("Kyiv", "UKR", 50.45, 30.5),
        ("Kiev", "UKR", 50.45, 30.5),
        ("Washington", "USA", 38.9, -77.0),
        ("Washington, D.C.", "USA", 38.9, -77.0),
        ("New York", "USA", 40.7, -74.0),
        ("Bogota", "COL", 4.6, -74.1),
        ("Gaza Strip", "PSE", 31.4, 34.4),
        ("Crimea", "UKR", 45.0, 34.1),
        ("the White House", "USA", 38.9, -77.0),
    ],
)
def test_geo_geocode_cities_and_regions(name, country, lat, lon):
    loc = geocode(name)
    assert loc is not None and loc.country == country
    assert abs(loc.lat - lat) < 0.5 and abs(loc.lon - lon) < 0.5
    assert loc.text == name


@pytest.mark.parametrize(
    "name, country, capital_lat, capital_lon",
    [
        ("China", "CHN", 39.9, 116.4),
        ("the United States", "USA", 38.9, -77.0),
        ("U.S.", "USA", 38.9, -77.0),
        ("Britain", "GBR", 51.5, -0.1),
        ("Georgia", "GEO", 41.7, 44.8),
        ("Ivory Coast", "CIV", 6.8, -5.3),
        ("Brazil", "BRA", -15.8, -47.9),
    ],
)
def test_geo_countries_are_placed_at_their_capital(name, country, capital_lat, capital_lon):
    loc = geocode(name)
    assert loc.country == country
    assert abs(loc.lat - capital_lat) < 0.5 and abs(loc.lon - capital_lon) < 0.5


def test_geo_us_state_and_qualified_city():
    texas = geocode("Texas")
    assert texas.country == "USA" and abs(texas.lat - 30.3) < 0.5  # Austin
    springfield = geocode("Springfield, Illinois")
    assert abs(springfield.lat - 39.8) < 0.3 and abs(springfield.lon + 89.6) < 0.3


def test_geo_country_hint_prefers_a_place_in_that_country():
    assert geocode("Washington").geonameid == geocode("Washington", "USA").geonameid
    assert geocode("Washington", "GBR").country == "GBR"


@pytest.mark.parametrize("name", ["", "   ", "Chinese", "Xqzzyvillebrook"])
def test_geo_unknown_names_return_none(name):
    assert geocode(name) is None


@pytest.mark.parametrize(
    "raw, key", [("São Paulo", "sao paulo"), ("the Netherlands", "netherlands"), ("U.S.", "us"), ("Nur-Sultan", "nur sultan")]
)
def test_geo_normalise_name(raw, key):
    assert normalise_name(raw) == key


def test_geo_index_is_built_once():
    assert load_gazetteer() is load_gazetteer()


def _locate(nlp, sentence, actors=()):
    doc = nlp(sentence)
    spans = [(m.start(), m.end()) for a in actors for m in [re.search(re.escape(a), sentence)]]
    return find_event_location(next(iter(doc.sents)), spans)


@pytest.mark.parametrize(
    "sentence, actors, place, country",
    [
        ("Chinese and Russian leaders met in Beijing on Tuesday.", ["Chinese", "Russian leaders"], "Beijing", "CHN"),
        ("Putin signed the declaration at the summit in Astana on Thursday.", ["Putin"], "Astana", "KAZ"),
        ("Talks between Moscow and Kyiv were held in Istanbul.", ["Moscow", "Kyiv"], "Istanbul", "TUR"),
        ("The French president will make a state visit to Beijing next month.", ["The French president"], "Beijing", "CHN"),
        ("Macron visited Beijing last week.", ["Macron"], "Beijing", "CHN"),
        ("Heavy fighting broke out on the outskirts of Khartoum overnight.", [], "Khartoum", "SDN"),
        ("Three soldiers were killed near Bakhmut, the army said.", ["Three soldiers", "the army"], "Bakhmut", "UKR"),
        ("Students rallied outside Tbilisi, demanding new elections.", ["Students"], "Tbilisi", "GEO"),
        ("Police arrested dozens of protesters in central Minsk.", ["Police", "protesters"], "Minsk", "BLR"),
        ("Russia launched a missile attack on Odesa.", ["Russia"], "Odesa", "UKR"),
        ("Blinken arrived in Kyiv for talks with Zelensky.", ["Blinken", "Zelensky"], "Kyiv", "UKR"),
        ("Japan and South Korea held talks in Seoul.", ["Japan", "South Korea"], "Seoul", "KOR"),
    ],
)
def test_geo_find_event_location(nlp, sentence, actors, place, country):
    loc = _locate(nlp, sentence, actors)
    assert loc is not None, sentence
    assert (loc.text, loc.country) == (place, country)
    assert sentence[loc.start : loc.end] == place


@pytest.mark.parametrize(
    "sentence, actors",
    [
        ("Beijing said it would retaliate against the new tariffs.", ["Beijing"]),
        ("Moscow and Beijing agreed to expand trade in local currencies.", ["Moscow", "Beijing"]),
        ("The Chinese foreign minister criticised American investment in Taiwan.", ["The Chinese foreign minister"]),
        ("The Ukrainian president spoke by phone with his French counterpart.", ["The Ukrainian president", "his French counterpart"]),
        ("Washington imposed sanctions on Iran.", ["Washington", "Iran"]),
    ],
)
def test_geo_actors_and_topics_are_not_event_places(nlp, sentence, actors):
    assert _locate(nlp, sentence, actors) is None


def test_geo_location_offsets_are_document_coordinates(nlp):
    text = "The talks ended without a deal. Envoys met again in Doha on Friday."
    doc = nlp(text)
    second = list(doc.sents)[1]
    loc = find_event_location(second, [])
    assert loc.country == "QAT" and text[loc.start : loc.end] == "Doha"


@pytest.mark.parametrize(
    "sentence, place, country, lat",
    [
        ("The agency deployed a medical team to Alexandria, Louisiana on Monday.", "Alexandria", "USA", 31.3),
        ("The two presidents agreed to expand vaccine production in Africa.", "Africa", None, 7.2),
        ("Officials met at the White House to review the plan.", "the White House", "USA", 38.9),
    ],
)
def test_geo_qualified_names_regions_and_facilities(nlp, sentence, place, country, lat):
    loc = _locate(nlp, sentence)
    assert (loc.text, loc.country) == (place, country)
    assert abs(loc.lat - lat) < 0.5


def test_geo_common_word_town_names_are_not_taken_from_untagged_words(nlp):
    assert _locate(nlp, "The president stressed the rule of law within the Alliance.") is None


@pytest.mark.parametrize(
    "name, country",
    [("Cauca", "COL"), ("Zamfara", "NGA"), ("Rakhine", "MMR"), ("Khyber Pakhtunkhwa", "PAK"),
     ("North Darfur", "SDN"), ("Cabo Delgado", "MOZ"), ("Syunik", "ARM"), ("Paktika", "AFG")],
)
def test_geo_first_level_subdivisions_give_their_country_without_coordinates(name, country):
    loc = geocode(name)
    assert loc is not None and loc.country == country and (loc.lat, loc.lon) == (None, None), loc


def test_geo_subdivisions_never_displace_a_city_or_country_and_generic_names_stay_out():
    from accord.geo.gazetteer import Gazetteer, _index_subdivisions

    assert geocode("Donetsk").lat is not None  # the city, with its coordinates
    assert geocode("Niger").country == "NER"  # the country, not Nigeria's Niger state
    gaz = Gazetteer()
    _index_subdivisions(gaz, {"CM": "CMR", "ZA": "ZAF", "NG": "NGA", "KE": "KEN"}, {
        "subdivision_generic_words": ["north", "west", "central", "plateau", "coast", "centre"]})
    assert gaz.lookup("North-West") is None and gaz.lookup("Plateau") is None and gaz.lookup("Centre") is None
    assert gaz.lookup("Borno").country == "NGA"


def test_geo_a_name_several_countries_use_for_a_subdivision_has_no_country():
    place = load_gazetteer().lookup("Punjab")
    assert place is not None and place.country is None


@pytest.mark.parametrize(
    "text, event, source, target",
    [
        ("Azerbaijani artillery shelled villages in Syunik overnight.", "ASSAULT", "AZE", "ARM"),
        ("Pakistani jets struck suspected militant hideouts in Paktika.", "ASSAULT", "PAK", "AFG"),
        ("Rwandan troops crossed into Ituri, Congolese officials said.", "MOBILIZE", "RWA", "COD"),
    ],
)
def test_geo_a_recipient_named_by_a_subdivision_is_its_country(text, event, source, target):
    from accord.pipeline import code_text
    from accord.settings import load_settings

    evs = [e for e in code_text(text, date="2024-05-10", settings=load_settings(coder="v1")).events
           if e.event == event and not e.negated]
    assert evs and source in {a.country for a in evs[0].actor} and target in {a.country for a in evs[0].recipient}, evs
