"""Inputs as users have them: TOML front matter, JSONL corpora with other field names, stray bytes,
deeply nested HTML, other languages and unreadable folders (issues 10 and 13)."""

from __future__ import annotations

import json
import os

import pytest
from typer.testing import CliRunner

from accord.cli.main import app
from accord.errors import SettingsError
from accord.ingest import read_bytes, read_paths
from accord.ingest.jsonl import FIELD_KEYS, field_keys, parse_field_options
from accord.records import Document, Problem
from accord.settings import load_settings

BODY = ("Chile and Argentina signed an agreement on Monday to build a new road tunnel through the Andes, "
        "the two governments said in a joint statement after the ceremony in Mendoza.")


def test_ingest_inputs_toml_front_matter():
    md = (
        "+++\n"
        'title = "Leaders agree to reopen border crossings"\n'
        "date = 2023-03-14T09:00:00Z\n"
        'authors = ["Lena Fischer"]\n'
        'url = "https://news.example.org/2023/03/border"\n'
        "+++\n\n"
        "Serbia and Kosovo agreed on Tuesday to reopen two border crossings, the European Union said.\n"
    )
    (doc,) = read_bytes(md.encode(), "border.md")
    assert (doc.format, doc.title, doc.author, doc.date, doc.date_source) == (
        "markdown", "Leaders agree to reopen border crossings", "Lena Fischer", "2023-03-14", "metadata")
    assert doc.url == "https://news.example.org/2023/03/border"
    assert doc.text.startswith("Serbia and Kosovo") and "+++" not in doc.text


def test_ingest_inputs_toml_front_matter_sniffed_without_extension():
    md = '+++\ntitle = "Tunnel deal"\n+++\n\n' + BODY + "\n"
    (doc,) = read_bytes(md.encode(), "<stdin>")
    assert doc.format == "markdown" and doc.title == "Tunnel deal"


@pytest.mark.parametrize("text_key", ["text", "body", "content", "article"])
def test_ingest_inputs_jsonl_text_keys(tmp_path, text_key):
    path = tmp_path / "corpus.jsonl"
    record = {text_key: BODY, "headline": "Tunnel deal", "published": "2022-03-07", "link": "https://x.example/t"}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (doc,) = list(read_paths([path]))
    assert isinstance(doc, Document), doc
    assert (doc.text, doc.title, doc.date, doc.url, doc.date_source) == (BODY, "Tunnel deal", "2022-03-07", "https://x.example/t", "metadata")


def test_ingest_inputs_jsonl_field_option_comes_first(tmp_path):
    path = tmp_path / "corpus.jsonl"
    record = {"story_body": BODY, "text": "", "date": "not a date", "pub_time": "2022-03-07"}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    settings = load_settings(jsonl_fields=parse_field_options(["text=story_body", "date=pub_time"]))
    (doc,) = list(read_paths([path], settings))
    assert (doc.text, doc.date) == (BODY, "2022-03-07")
    assert field_keys([("date", "pub_time")])["date"][0] == "pub_time"
    assert field_keys()["text"] == FIELD_KEYS["text"]


@pytest.mark.parametrize("bad", ["text", "text=", "colour=story"])
def test_ingest_inputs_field_option_rejects_malformed(bad):
    with pytest.raises(SettingsError):
        parse_field_options([bad])


def test_ingest_inputs_cli_field_option(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_text(json.dumps({"story": BODY, "when": "2022-03-07"}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["code", str(path), "--no-store", "-f", "documents", "--field", "text=story", "--field", "date=when"])
    assert result.exit_code == 0, result.output
    line = json.loads(result.stdout.splitlines()[0])
    assert line["date"] == "2022-03-07" and line["text"] == BODY
    assert {e["date_source"] for e in line["events"]} <= {"text", "publication"}
    bad = CliRunner().invoke(app, ["code", str(path), "--no-store", "--field", "colour=story"])
    assert bad.exit_code == 2 and "E302" in bad.output and "Traceback" not in bad.output


def test_ingest_inputs_stray_byte_keeps_the_article():
    data = ("The talks in Genève were “constructive”, the Swiss foreign ministry said. " + BODY).encode("utf-8")
    data = data[:40] + b"\xff" + data[40:]
    (doc,) = read_bytes(data, "stray.txt")
    assert isinstance(doc, Document), doc
    assert "Genève" in doc.text and "\ufffd" in doc.text
    assert [w.code for w in doc.warnings] == ["W102"]


def test_ingest_inputs_latin1_text_is_still_read_as_latin1():
    data = ("Les ministres se sont réunis à Genève. " + BODY).encode("cp1252")
    (doc,) = read_bytes(data, "latin.txt")
    assert "Genève" in doc.text and not any(w.code == "W102" for w in doc.warnings)


def test_ingest_inputs_deep_html_keeps_its_text():
    body = f"<p>{BODY}</p><p>The presidents of both countries praised the project.</p>"
    html = "<html><head><title>Tunnel deal</title></head><body>" + "<div>" * 300 + body + "</div>" * 300 + "</body></html>"
    (doc,) = read_bytes(html.encode(), "deep.html")
    assert isinstance(doc, Document), doc
    assert [doc.text[p.start:p.end] for p in doc.paragraphs] == [BODY, "The presidents of both countries praised the project."]
    assert doc.title == "Tunnel deal"
    assert [w.code for w in doc.warnings] == ["W104"]


def test_ingest_inputs_deep_html_without_text_is_e106():
    html = "<html><body>" + "<div>" * 300 + "</div>" * 300 + "</body></html>"
    (problem,) = read_bytes(html.encode(), "empty.html")
    assert isinstance(problem, Problem) and problem.code == "E106"


FRENCH = ("Les ministres des affaires étrangères de la France et de l'Allemagne se sont réunis mardi à Paris "
          "pour discuter de la guerre en Ukraine et de la livraison d'armes, a annoncé le gouvernement dans un "
          "communiqué publié après la réunion qui a duré plusieurs heures.")
RUSSIAN = ("Министры иностранных дел России и Китая встретились во вторник в Пекине и обсудили войну на Украине "
           "и поставки оружия, сообщило правительство в заявлении после встречи, которая продолжалась несколько часов.")


@pytest.mark.parametrize("text, hint", [(FRENCH, "French"), (RUSSIAN, "Cyrillic")])
def test_ingest_inputs_non_english_is_flagged_w103(text, hint):
    (doc,) = read_bytes(text.encode(), "foreign.txt")
    assert [w.code for w in doc.warnings] == ["W103"]
    assert hint in doc.warnings[0].message


def test_ingest_inputs_english_and_short_texts_are_not_flagged():
    (doc,) = read_bytes(BODY.encode(), "en.txt")
    (short,) = read_bytes("Le président est arrivé.".encode(), "short.txt")
    assert not doc.warnings and not short.warnings


def test_ingest_inputs_warnings_counted_in_the_run_summary(tmp_path):
    (tmp_path / "fr.txt").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "en.txt").write_text(BODY, encoding="utf-8")
    result = CliRunner().invoke(app, ["code", str(tmp_path), "--no-store", "-f", "documents"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(l) for l in result.stdout.splitlines() if l.startswith("{")]
    by_source = {l["source"].rsplit("/", 1)[-1]: l for l in lines}
    assert [w["code"] for w in by_source["fr.txt"]["warnings"]] == ["W103"]
    assert by_source["en.txt"]["warnings"] == []
    assert "1 warning(s) (1 W103)" in result.output


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user to make a folder unreadable")
def test_ingest_inputs_unreadable_folder_is_reported(tmp_path):
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(BODY, encoding="utf-8")
    locked.chmod(0)
    try:
        items = list(read_paths([tmp_path]))
    finally:
        locked.chmod(0o755)
    problems = [i for i in items if isinstance(i, Problem)]
    assert [(p.code, p.source) for p in problems] == [("E112", str(locked))]
    assert sum(isinstance(i, Document) for i in items) == 1


def test_ingest_inputs_folder_that_cannot_be_listed_is_reported(tmp_path, monkeypatch):
    """The same as above for any user: listing the folder fails as it does without permission."""
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text(BODY, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(locked))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(read_paths([tmp_path]))
    problems = [i for i in items if isinstance(i, Problem)]
    assert [(p.code, p.source) for p in problems] == [("E112", str(locked))]
    assert "Permission denied" in problems[0].message
    assert sum(isinstance(i, Document) for i in items) == 1
