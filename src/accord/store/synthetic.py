"""Hand-built coded documents for tests and the ingest benchmark (the coder is not needed to make them)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from accord.pipeline import CodedDocument
from accord.records import Actor, Document, Event, Location, Quote

# (type, quad, goldstein, cameo, trigger) — a small, realistic spread of PLOVER types.
_KINDS = (
    ("CONSULT", 1, 1.0, "040", "met"),
    ("AGREE", 1, 4.0, "057", "signed"),
    ("SUPPORT", 1, 3.5, "051", "praised"),
    ("COOPERATE", 2, 6.0, "061", "held joint exercises with"),
    ("AID", 2, 7.0, "071", "sent aid to"),
    ("REQUEST", 3, -5.0, "100", "urged"),
    ("ACCUSE", 3, -2.0, "112", "accused"),
    ("SANCTION", 4, -4.0, "163", "imposed sanctions on"),
    ("ASSAULT", 4, -9.0, "190", "shelled"),
)
_STATES = (
    ("RUS", "Russia", "Moscow", 524901), ("CHN", "China", "Beijing", 1816670), ("USA", "United States", "Washington", 4140963),
    ("UKR", "Ukraine", "Kyiv", 703448), ("JPN", "Japan", "Tokyo", 1850147), ("FRA", "France", "Paris", 2988507),
    ("DEU", "Germany", "Berlin", 2950159), ("IND", "India", "New Delhi", 1261481), ("BRA", "Brazil", "Brasilia", 3469058),
    ("TUR", "Turkey", "Ankara", 323786),
)


def actor(country: str, name: str | None = None, sector: str | None = "GOV", text: str | None = None,
          start: int = 0, kind: str = "state") -> Actor:
    name = name or country
    text = text or name
    return Actor(text=text, start=start, end=start + len(text), name=name, country=country, sector=sector,
                 id=f"accord:country:{country}", kind=kind)


def event(doc_id: str, text: str, kind: str, actors: list[Actor], recipients: list[Actor], day: str | None,
          *, trigger: str, mode: str | None = None, place: Location | None = None, goldstein: float | None = None,
          quad: int | None = None, cameo: str | None = None, confidence: float = 0.8, sentence: int = 0,
          start: int = 0, context: tuple[str, ...] = (), negated: bool = False, speaker: Actor | None = None) -> Event:
    """An event as the coder would emit it, with the trigger located in ``text``."""
    k = next((x for x in _KINDS if x[0] == kind), (kind, 1, 0.0, "010", trigger))
    t0 = text.find(trigger)
    return Event(
        doc_id=doc_id, sentence=sentence, text=text, start=start, end=start + len(text), event=kind, mode=mode,
        context=context, cameo=cameo or k[3], quad_class=quad or k[1], goldstein=k[2] if goldstein is None else goldstein,
        actor=tuple(actors), recipient=tuple(recipients), date=day, date_precision="day", event_loc=place,
        negated=negated, speaker=speaker, trigger=trigger,
        trigger_start=start + t0 if t0 >= 0 else None, trigger_end=start + t0 + len(trigger) if t0 >= 0 else None,
        rule=f"test.{kind.lower()}.v1", confidence=confidence,
    )


def place(name: str, country: str, geonameid: int | None = None, lat: float | None = None,
          lon: float | None = None) -> Location:
    return Location(text=name, name=name, country=country, lat=lat, lon=lon, geonameid=geonameid)


def coded(doc_id: str, text: str, day: str | None, events: list[Event] = (), quotes: list[Quote] = (), *,
          title: str | None = None, url: str | None = None, source: str | None = None) -> CodedDocument:
    doc = Document(id=doc_id, text=text, title=title, date=day, url=url, source=source or f"{doc_id}.txt")
    return CodedDocument(doc, events=tuple(events), quotes=tuple(quotes))


def synthetic_corpus(n_docs: int, events_per_doc: int = 10, seed: int = 7, start: date = date(2022, 1, 1)):
    """Yield ``n_docs`` coded documents with ``events_per_doc`` plausible events each (for benchmarks)."""
    rng = random.Random(seed)
    for i in range(n_docs):
        day = start + timedelta(days=rng.randrange(730))
        sentences, events, offset = [], [], 0
        for j in range(events_per_doc):
            (kind, _, _, _, trig) = rng.choice(_KINDS)
            a, b = rng.sample(_STATES, 2)
            s = f"Officials from {a[1]} {trig} their counterparts from {b[1]} in {a[2]} on {day.isoformat()}."
            ev = event(f"syn-{i}", s, kind, [actor(a[0], a[1], start=offset + 15)],
                       [actor(b[0], b[1], start=offset + 40)], day.isoformat(), trigger=trig,
                       place=place(a[2], a[0], a[3]), sentence=j, start=offset, confidence=round(rng.random(), 3))
            sentences.append(s)
            events.append(ev)
            offset += len(s) + 1
        yield coded(f"syn-{i}", " ".join(sentences), day.isoformat(), events, url=f"https://news{i % 17}.example.org/{i}")
