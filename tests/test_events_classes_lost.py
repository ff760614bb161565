"""Classes of lost events covered by the `lost` work (issue #8; docs/LEXICON.md, "Lost events"): each test is a
class, with sentences written for Accord in wire style, never taken from an evaluation, dev or blind set or
from the corpus."""

from __future__ import annotations

import pytest

from accord.nlp.pipeline import load_nlp
from accord.events.lexicon import party_condition
from coded_events import coded as _coded, has as _has, types as _types  # noqa: F401


@pytest.mark.parametrize(
    "text, source, target",
    [
        ("Seoul said it would take strong measures if Pyongyang launched another spy satellite.", "KOR", "PRK"),
        ("Greece said it would react if Turkish survey ships entered its continental shelf.", "GRC", "TUR"),
        ("Moscow said it would retaliate if Norway closed its ports to Russian fishing vessels.", "RUS", "NOR"),
        ("Tehran said it would use force if the United States seized another Iranian tanker.", "IRN", "USA"),
        ("Manila said it would respond if Chinese coast guard vessels fired water cannon at its boats again.", "PHL", "CHN"),
    ],
)
def test_events_classes_lost_retaliation_on_a_party_condition_is_a_threat(text, source, target):
    assert _has(text, "THREATEN", source, target)


def test_events_classes_lost_action_against_a_party_on_a_condition_is_a_threat():
    assert _has("Ankara said it could take action against Greece if the island militarisation continued.", "THREATEN",
                target="GRC")


@pytest.mark.parametrize(
    "text",
    [
        "The central bank said it would act if inflation kept rising.",
        "The minister said the government would take steps if fuel prices rose further.",
        "The club said it would respond if supporters invaded the pitch again.",
        "The foreign ministry did not respond to a request for comment.",
        "The health ministry said it would take action to stop the spread of measles.",
        "The embassy responded to the letter on Tuesday.",
    ],
)
def test_events_classes_lost_retaliation_words_without_a_party_condition_are_no_threat(text):
    assert "THREATEN" not in _types(text)


def test_events_classes_lost_party_condition_reads_the_condition_subject():
    nlp = load_nlp()
    doc = nlp("Hanoi said it would respond if Beijing moved the oil rig closer.")
    assert party_condition(next(t for t in doc if t.lemma_ == "respond"))
    doc = nlp("Hanoi said it would respond if the price of rice went up.")
    assert not party_condition(next(t for t in doc if t.lemma_ == "respond"))


@pytest.mark.parametrize(
    "text, source",
    [
        ("Mexico sent the national guard to the southern border.", "MEX"),
        ("France sent two frigates and a submarine to the eastern Mediterranean.", "FRA"),
        ("Peru sent paratroopers and commandos to the mining region after the clashes.", "PER"),
    ],
)
def test_events_classes_lost_forces_sent_are_a_mobilization(text, source):
    assert _has(text, "MOBILIZE", source)


@pytest.mark.parametrize(
    "text, source",
    [
        ("Senegal's government suspended the private television station for a month.", "SEN"),
        ("Niger's junta suspended the broadcaster over its reporting on the army.", "NER"),
        ("Bolivia's supreme court suspended two judges accused of taking bribes.", "BOL"),
        ("Guatemala's congress suspended the attorney general over the case.", "GTM"),
    ],
)
def test_events_classes_lost_suspended_media_and_officials_are_coercion(text, source):
    assert _has(text, "COERCE", source)


def test_events_classes_lost_sport_suspensions_are_no_coercion():
    assert "COERCE" not in _types("The league suspended the goalkeeper for four games.")


@pytest.mark.parametrize(
    "text, source",
    [
        ("Argentine and Chilean delegates walked out of the meeting when the British envoy spoke.", "ARG"),
        ("Opposition senators in Colombia walked out of the chamber before the vote.", "COL"),
        ("Iranian diplomats walked out of the conference as the Israeli minister began his speech.", "IRN"),
    ],
)
def test_events_classes_lost_delegations_walking_out_protest(text, source):
    assert _has(text, "PROTEST", source)


@pytest.mark.parametrize(
    "text",
    [
        "The president walked out of the clinic after a routine check-up.",
        "The singer walked out of the studio smiling.",
    ],
)
def test_events_classes_lost_walking_out_of_a_building_is_no_event(text):
    assert _types(text) == set()


@pytest.mark.parametrize(
    "text, source, target",
    [
        ("Colombian police handed an alleged cartel boss to Spanish officers at Bogota airport.", "COL", "ESP"),
        ("Syria handed over three Jordanian nationals to Amman's security services.", "SYR", "JOR"),
        ("Kenya handed two suspected al-Shabaab financiers to Somali intelligence officers.", "KEN", "SOM"),
    ],
)
def test_events_classes_lost_people_handed_to_another_state_are_cooperation(text, source, target):
    assert _has(text, "COOPERATE", source, target)


def test_events_classes_lost_bodies_handed_to_the_other_side_are_a_release():
    assert _has("Israel handed the bodies of seven Palestinian fighters to the Red Cross.", "RETREAT", "ISR")


@pytest.mark.parametrize(
    "text, target",
    [
        ("The IMF approved a $1.2 billion loan for Ghana.", "GHA"),
        ("The European Investment Bank approved new lending of 400 million euros to Moldova.", "MDA"),
        ("The African Development Bank approved a grant to Malawi for cholera treatment centres.", "MWI"),
    ],
)
def test_events_classes_lost_approved_loans_and_grants_are_aid(text, target):
    assert _has(text, "AID", target=target)
    assert "AGREE" not in _types(text)


@pytest.mark.parametrize(
    "text",
    [
        "Parliament approved the credit card reform bill.",
        "The regulator approved the merger of the two telecoms companies.",
    ],
)
def test_events_classes_lost_approvals_of_laws_and_deals_are_no_aid(text):
    assert "AID" not in _types(text)


@pytest.mark.parametrize(
    "text, event",
    [
        ("Canada intends to continue to work closely with Mexico on migration.", "AGREE"),
        ("Chile will work closely with Peru to fight wildfires along the border.", "AGREE"),
        ("Ghana and Togo are coordinating closely on border security.", "COOPERATE"),
        ("Vietnam and the Philippines worked together to rescue the crew of the sunken trawler.", "COOPERATE"),
        ("Polish border guards teamed up with Lithuanian officers to break up the smuggling ring.", "COOPERATE"),
    ],
)
def test_events_classes_lost_working_together_is_cooperation_or_its_promise(text, event):
    assert event in _types(text)


def test_events_classes_lost_a_career_with_an_organisation_is_no_cooperation():
    assert _types("She worked with the UN refugee agency for ten years.") == set()


@pytest.mark.parametrize(
    "text",
    [
        "Rwanda began the deployment of police officers to Mozambique last week.",
        "Germany completed the deployment of 150 soldiers to Lithuania on Friday.",
        "France announced the deployment of 300 gendarmes to New Caledonia.",
    ],
)
def test_events_classes_lost_a_deployment_of_any_force_is_mobilisation(text):
    assert "MOBILIZE" in _types(text)


@pytest.mark.parametrize(
    "text",
    [
        "Spain is working with Morocco to curb irregular migration across the Strait of Gibraltar.",
        "Turkish police worked with Interpol to arrest the gang's leader in Istanbul.",
    ],
)
def test_events_classes_lost_working_with_a_party_on_a_task_is_cooperation(text):
    assert "COOPERATE" in _types(text)


def test_events_classes_lost_working_with_someone_on_no_task_is_no_cooperation():
    assert _types("The minister has worked with several governments on energy projects.") == set()


@pytest.mark.parametrize(
    "text",
    [
        "The Netherlands gave Ukraine two more Patriot missile batteries on Tuesday.",
        "Canada sent Poland four air defence systems.",
        "Japan announced 50 million dollars in humanitarian aid for Sudan.",
        "Norway unveiled 2 billion kroner in emergency assistance for Afghanistan.",
    ],
)
def test_events_classes_lost_weapons_systems_and_amounts_of_aid_are_aid(text):
    assert "AID" in _types(text)


@pytest.mark.parametrize(
    "text",
    [
        "The company announced 50 million dollars in new investment.",
        "The ministry gave the committee a new voting system.",
    ],
)
def test_events_classes_lost_money_and_systems_without_aid_are_no_aid(text):
    assert "AID" not in _types(text)


@pytest.mark.parametrize(
    "text, source",
    [
        ("Kenya and Tanzania launched a joint investment fund for the railway.", {"KEN", "TZA"}),
        ("Greece and Bulgaria set up a joint working group on migrant smuggling.", {"GRC", "BGR"}),
        ("Serbia and Hungary launched a joint venture to build the pipeline.", {"SRB", "HUN"}),
    ],
)
def test_events_classes_lost_a_joint_body_set_up_by_two_sides_is_cooperation(text, source):
    coop = [e for e in _coded(text) if e.event == "COOPERATE"]
    assert coop and {a.code for a in coop[0].actor} == source


@pytest.mark.parametrize(
    "text",
    [
        "Egypt and Sudan issued a joint statement on the Nile dam.",
        "The UN peacekeeping force patrolled the buffer zone.",
        "The sovereign wealth fund bought a stake in the port operator.",
    ],
)
def test_events_classes_lost_joint_statements_and_named_bodies_are_no_cooperation(text):
    assert "COOPERATE" not in _types(text) and "AID" not in _types(text)


@pytest.mark.parametrize(
    "text",
    [
        "The United States placed visa restrictions on Nicaraguan officials accused of rigging the vote.",
        "Britain put new sanctions on two Iranian banks.",
    ],
)
def test_events_classes_lost_sanctions_placed_or_put_on_a_party_are_sanctions(text):
    assert "SANCTION" in _types(text)
