"""Precision classes of branch `precision` (issue #8, r2s7): lone private attackers, raids by the police,
acts named as a topic or an aim, and background dated by the clause it hangs on. Sentences written for
Accord in wire style, never taken from an evaluation or blind set; beside each false-positive class, the
true positives of the same words that it must not kill."""

from __future__ import annotations

import pytest

from coded_events import has as _has, types as _types


@pytest.mark.parametrize(
    "text",
    [
        "A man stabbed four people at a bus station in Rotterdam on Saturday night.",
        "A teenager shot dead two classmates at a secondary school in the Czech city of Brno.",
        "A woman attacked shoppers with a knife at a supermarket in Marseille before being detained.",
        "A student opened fire in a lecture hall at a university in Kazan, killing six people.",
    ],
)
def test_events_frames_lone_private_attacker_is_no_assault(text):
    assert "ASSAULT" not in _types(text)


@pytest.mark.parametrize(
    "text, target",
    [
        ("A Palestinian gunman killed two Israeli soldiers at a checkpoint near Hebron.", "ISR"),
        ("A gunman killed a police officer in the Mexican city of Culiacan.", "MEX"),
        ("A man threw a grenade at the Israeli embassy in Copenhagen.", "ISR"),
    ],
)
def test_events_frames_named_attacker_or_political_victim_stays_an_assault(text, target):
    assert _has(text, "ASSAULT", target=target)


@pytest.mark.parametrize(
    "text, target",
    [
        ("Police in Bangladesh raided the offices of the main opposition party in Dhaka.", "BGD"),
        ("Kyrgyz security forces raided the newsroom of an independent news website in Bishkek.", "KGZ"),
        ("Guatemalan prosecutors raided the offices of the electoral tribunal and seized ballot boxes.", "GTM"),
        ("Tax police raided the headquarters of an opposition television channel in Tbilisi.", "GEO"),
    ],
)
def test_events_frames_police_raid_is_coercion(text, target):
    assert _has(text, "COERCE", target=target)
    assert "ASSAULT" not in _types(text)


@pytest.mark.parametrize(
    "text",
    [
        "Police raided a favela in Rio de Janeiro, killing 18 suspected gang members.",
        "Israeli troops raided the Jenin refugee camp overnight.",
        "Saudi-led coalition jets carried out air raids on Sanaa.",
    ],
)
def test_events_frames_deadly_or_military_raids_stay_assaults(text):
    assert "ASSAULT" in _types(text)


@pytest.mark.parametrize(
    "text, absent",
    [
        ("The two leaders discussed enhancing trilateral cooperation across the Indo-Pacific.", "COOPERATE"),
        ("The foreign ministers discussed the importance of continued military assistance to Ukraine.", "AID"),
        ("The prime minister praised Poland's generosity in hosting millions of Ukrainian refugees.", "AID"),
        ("The chancellor reaffirmed Germany's commitment to continue supporting the Moldovan armed forces.", "SUPPORT"),
        ("The president expressed his desire to deepen cooperation with Vietnam on maritime security.", "COOPERATE"),
    ],
)
def test_events_frames_topic_of_discussion_or_praise_is_no_event(text, absent):
    assert absent not in _types(text)


@pytest.mark.parametrize(
    "text, event",
    [
        ("Germany agreed to send Gepard anti-aircraft tanks to Ukraine.", "AGREE"),
        ("The two ministers met in Warsaw, and Poland sent 60 more tanks to Ukraine.", "AID"),
        ("Japan and the Philippines discussed the South China Sea and held a joint coast guard drill.", "COOPERATE"),
        ("Britain sent 5,000 anti-tank missiles to Ukraine, the defence minister told parliament.", "AID"),
    ],
)
def test_events_frames_acts_beside_a_topic_stay_events(text, event):
    assert event in _types(text)


@pytest.mark.parametrize(
    "text",
    [
        "The Korean War began in 1950 when North Korean troops crossed the 38th parallel.",
        "The Assad family had ruled Syria since 1971, when Hafez al-Assad seized power in a coup.",
        "Vietnam marked fifty years since the 1975 fall of Saigon, in which northern forces captured the city.",
        "Ten years ago, a Saudi-led force rolled into Bahrain to help crush protests.",
        "The border war broke out in 1998 when Eritrean troops attacked the town of Badme.",
    ],
)
def test_events_frames_clause_dated_by_its_head_is_background(text):
    assert _types(text) == set()


@pytest.mark.parametrize(
    "text, event",
    [
        ("Russian forces attacked the town of Pokrovsk on Monday, when Ukraine was marking its 1991 independence.",
         "ASSAULT"),
        ("Ukraine sent troops to Kursk to help repel Russian forces on Tuesday.", "ASSAULT"),
    ],
)
def test_events_frames_current_clause_beside_an_old_date_stays_an_event(text, event):
    assert event in _types(text)


@pytest.mark.parametrize(
    "text, absent",
    [
        ("Diplomats in Beirut said an Israeli ground invasion of southern Lebanon would be costly for both sides.",
         "ASSAULT"),
        ("Ghana moved extra troops to its northern border to counter militant incursions from Burkina Faso.",
         "ASSAULT"),
        ("The court refused to extradite the blogger to Belarus, citing the risk of torture.", "ASSAULT"),
        ("Niger's junta closed its airspace, citing the threat of a military intervention by its neighbours.",
         "THREATEN"),
    ],
)
def test_events_frames_nominal_event_not_said_to_happen_is_not_coded(text, absent):
    assert absent not in _types(text)


@pytest.mark.parametrize(
    "text, event",
    [
        ("The protests in Nairobi turned violent on Tuesday, the police said.", "PROTEST"),
        ("The invasion of Ukraine has killed tens of thousands of civilians, the UN said.", "ASSAULT"),
    ],
)
def test_events_frames_nominal_event_said_to_happen_stays(text, event):
    assert event in _types(text)
