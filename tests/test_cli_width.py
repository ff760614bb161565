"""Every table the CLI prints fits an 80-column terminal: prose is cut with an ellipsis, codes, dates and ids
are never cut or wrapped, headers are whole."""

from __future__ import annotations

import re

import pytest
from rich.console import Console
from typer.testing import CliRunner

from accord.cli.main import app
from accord.store import Store
from accord.store.synthetic import actor, coded, event, place

runner = CliRunner()

KYIV = ("Ukrainian Foreign Minister Dmytro Kuleba met his Polish counterpart Radoslaw Sikorski in Kyiv on Monday to "
        "discuss grain transit through Poland, air defence deliveries and the reconstruction conference in Rome.")
SANCTIONS = ("The European Union on Tuesday imposed a fourteenth package of sanctions on Russia, targeting liquefied "
             "natural gas re-exports, shadow-fleet tankers and banks that help Moscow evade earlier restrictions.")
DENIAL = ("The Kremlin said Russia had not shelled the Odesa port overnight and that it would not attack civilian "
          "shipping in the Black Sea, contradicting statements by the Ukrainian navy.")
THREAT = ("Russian Security Council deputy chairman Dmitry Medvedev warned that Moscow could target Polish logistics "
          "hubs if Warsaw allowed Western long-range missiles to be delivered through its territory.")
TITLE = "Kuleba and Sikorski meet in Kyiv as Warsaw and Kyiv seek to end the grain dispute before the harvest"


def _docs():
    kuleba = actor("UKR", "Dmytro Kuleba", text="Dmytro Kuleba", start=KYIV.find("Dmytro"), kind="person")
    sikorski = actor("POL", "Radoslaw Sikorski", text="Radoslaw Sikorski", start=KYIV.find("Radoslaw"), kind="person")
    meet = event("kyiv-0617", KYIV, "CONSULT", [kuleba], [sikorski], "2024-06-17", trigger="met", mode="visit",
                 place=place("Kyiv", "UKR", 703448, 50.45466, 30.5238))
    eu = actor("EUR", "European Union", sector=None, text="The European Union", kind="igo")
    sanction = event("eu-0618", SANCTIONS, "SANCTION", [eu], [actor("RUS", "Russia", text="Russia",
                     start=SANCTIONS.find("Russia"))], "2024-06-18", trigger="imposed a fourteenth package of sanctions")
    denial = event("odesa-0619", DENIAL, "ASSAULT", [actor("RUS", "Russia", text="Russia", start=DENIAL.find("Russia"))],
                   [actor("UKR", "Ukraine", sector="ECON", text="the Odesa port")], "2024-06-19", trigger="shelled",
                   negated=True, place=place("Odesa", "UKR", 698740))
    threat = event("medvedev-0619", THREAT, "THREATEN", [actor("RUS", "Dmitry Medvedev", kind="person", text="Dmitry Medvedev")],
                   [actor("POL", "Poland", text="Warsaw")], "2024-06-19", trigger="warned that Moscow could target")
    threat = type(threat)(**{**{f: getattr(threat, f) for f in threat.__slots__}, "hypothetical": True, "id": ""})
    return [
        coded("kyiv-0617", KYIV, "2024-06-17", [meet], title=TITLE, url="https://wire.example.org/kyiv-0617"),
        coded("eu-0618", SANCTIONS, "2024-06-18", [sanction], title="EU adopts its fourteenth sanctions package"),
        coded("odesa-0619", DENIAL, "2024-06-19", [denial], title="Kremlin denies shelling Odesa"),
        coded("medvedev-0619", THREAT, "2024-06-19", [threat], title="Medvedev warns Poland over missile transit"),
    ]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("width") / "width.duckdb"
    with Store(path) as s:
        s.add(_docs())
    return path


def _narrow(args: list[str]) -> str:
    result = runner.invoke(app, args, env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    return result.stdout


def _fits(text: str, unbroken: list[str]) -> None:
    lines = text.splitlines()
    assert lines and max(len(line) for line in lines) <= 80, "\n".join(line for line in lines if len(line) > 80)
    for token in unbroken:  # a code or date split over two lines would not appear whole on one line
        assert any(token in line for line in lines), (token, text)


@pytest.mark.parametrize("args, unbroken", [
    (["query", "events"], ["2024-06-17", "CONSULT/visit", "SANCTION", "THREATEN", "040", "163", "hypo", "neg",
                           "EUR>RUSGOV", "UKRGOV>POLGOV"]),
    (["query", "clusters"], ["2024-06-18", "SANCTION", "EUR>RUS", "UKR>POL", "mentions"]),
    (["query", "dyad", "RUS", "--undirected", "--all", "--by", "day"], ["2024-06-18", "2024-06-19", "gold_mean", "SANCTION 1"]),
    (["query", "dyad", "UKR", "POL", "--by", "month"], ["2024-06-01", "CONSULT 1"]),
    (["query", "actors", "--all"], ["RUS", "UKR", "POL", "EUR"]),
    (["query", "dyads", "--all"], ["RUS", "UKR"]),
    (["query", "types", "--all"], ["CONSULT", "SANCTION", "ASSAULT", "THREATEN"]),
    (["query", "network", "--all"], ["RUS", "POL"]),
])
def test_cli_width_query_tables_fit_80_columns(db, args, unbroken):
    out = _narrow([*args, "--db", str(db)])
    _fits(out, unbroken)


def test_cli_width_long_text_ends_in_an_ellipsis(db):
    out = _narrow(["query", "events", "--db", str(db)])
    assert "…" in out
    assert "Ukrainian" in out  # the start of the sentence is shown, not wrapped away


def test_cli_width_code_table_fits_80_columns():
    from accord.cli.code import _events_table

    console = Console(width=80, record=True, file=open("/dev/null", "w"))
    console.print(_events_table(_docs(), 80))
    text = console.export_text()
    _fits(text, ["2024-06-17", "CONSULT/visit (040)", "SANCTION (163)", "UKRGOV>POLGOV", "EUR>RUSGOV", "neg", "hypo"])
    assert not re.search(r"pledgin\s*$", text, re.M)


def test_cli_width_export_summary_is_one_line(db, tmp_path):
    result = runner.invoke(app, ["export", "-o", str(tmp_path / "e.csv"), "--db", str(db)], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert len(result.stderr.strip().splitlines()) == 1


def test_cli_width_progress_shows_done_out_of_total():
    from rich.progress import Progress

    from accord.cli.code import _Count

    progress = Progress(_Count())
    known = progress.add_task("coding", total=1050, completed=288)
    unknown = progress.add_task("coding", total=None, completed=288)
    assert str(_Count().render(progress.tasks[known])) == "288/1,050"
    assert str(_Count().render(progress.tasks[unknown])) == "288/?"
