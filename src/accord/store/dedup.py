"""Cross-article deduplication: cluster the mentions of one real-world event reported by several documents.

Two mentions may belong to one event only if they have the same PLOVER type, the same actor and recipient
country sets, compatible sectors (equal where both are known), compatible modes (equal where both are
known), compatible places (the same place, or no place on one side) and dates within ``window_days`` of
the cluster's first day. Among the clusters a mention may join, it joins the one whose wording is most
similar (overlap of crude word stems of trigger and sentence). A cluster never spans more than the window,
so a daily series of calls does not chain into one event.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from urllib.parse import urlparse

import pyarrow as pa

from accord.store.filters import Filters
from accord.store.rows import gid

_WORD = re.compile(r"[a-z]+")
_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "ed", "es", "s")


_STEM_CACHE: dict[str, str] = {}


def _stem(w: str) -> str:
    try:
        return _STEM_CACHE[w]
    except KeyError:
        out = w
        for suf in _SUFFIXES:
            if w.endswith(suf) and len(w) - len(suf) >= 3:
                out = w[: -len(suf)]
                break
        if len(_STEM_CACHE) < 200_000:
            _STEM_CACHE[w] = out
        return out


def stems(text: str) -> frozenset[str]:
    """Crude stems of the content words of ``text`` (good enough to compare two wordings of one report)."""
    return frozenset(_stem(w) for w in _WORD.findall(text.lower()) if len(w) >= 4)


def jaccard(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


@dataclass
class Mention:
    id: str
    doc_id: str
    event: str
    mode: str | None
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    actor_sectors: frozenset[str]
    recipient_sectors: frozenset[str]
    day: date | None
    place: tuple[str | None, int | None, str | None]  # (name, geonameid, country)
    text: str
    trigger: str
    confidence: float
    first_seen: datetime | None
    outlet: str
    _words: frozenset[str] | None = None

    @property
    def words(self) -> frozenset[str]:
        """Word stems of trigger and sentence, computed only when two wordings are compared."""
        if self._words is None:
            self._words = stems(f"{self.trigger} {self.text}")
        return self._words


@dataclass
class Cluster:
    anchor: date | None
    members: list[Mention] = field(default_factory=list)
    places: list[tuple] = field(default_factory=list)
    modes: set[str] = field(default_factory=set)
    actor_sectors: set[str] = field(default_factory=set)
    recipient_sectors: set[str] = field(default_factory=set)

    def add(self, m: Mention) -> None:
        self.members.append(m)
        if m.place[0] or m.place[1]:
            self.places.append(m.place)
        if m.mode:
            self.modes.add(m.mode)
        self.actor_sectors |= m.actor_sectors
        self.recipient_sectors |= m.recipient_sectors

    def wording(self) -> frozenset[str]:
        return frozenset().union(*(m.words for m in self.members))


def same_place(a: tuple, b: tuple) -> bool:
    """Two resolved places are the same: equal GeoNames ids, or equal / contained names in one country."""
    (na, ga, ca), (nb, gb, cb) = a, b
    if ga is not None and gb is not None:
        return ga == gb
    if ca and cb and ca != cb:
        return False
    na, nb = (na or "").strip().lower(), (nb or "").strip().lower()
    return bool(na and nb and (na == nb or na in nb or nb in na))


def _sectors_ok(cluster: set[str], mention: frozenset[str]) -> bool:
    return not cluster or not mention or bool(cluster & mention)


def compatible(c: Cluster, m: Mention, window: int) -> bool:
    if c.anchor is not None and m.day is not None and abs((m.day - c.anchor).days) > window:
        return False
    if (c.anchor is None) != (m.day is None):
        return False
    if m.mode and c.modes and m.mode not in c.modes:
        return False
    if not _sectors_ok(c.actor_sectors, m.actor_sectors) or not _sectors_ok(c.recipient_sectors, m.recipient_sectors):
        return False
    if (m.place[0] or m.place[1]) and c.places and not any(same_place(m.place, p) for p in c.places):
        return False
    return True


def cluster_mentions(mentions: list[Mention], window: int) -> list[Cluster]:
    """Group mentions into clusters (deterministic: input order does not matter)."""
    blocks: dict[tuple, list[Mention]] = {}
    for m in mentions:
        blocks.setdefault((m.event, m.actors, m.recipients), []).append(m)
    clusters: list[Cluster] = []
    for key in sorted(blocks, key=lambda k: (k[0], k[1], k[2])):
        block = sorted(blocks[key], key=lambda m: (m.day or date.min, m.first_seen or datetime.max, m.id))
        active: list[Cluster] = []
        for m in block:
            if m.day is not None:
                active = [c for c in active if c.anchor is None or (m.day - c.anchor).days <= window]
            candidates = [c for c in active if compatible(c, m, window)]
            best = candidates[0] if len(candidates) == 1 else None
            if len(candidates) > 1:  # several events fit: join the one worded most alike
                best = max(candidates, key=lambda c: jaccard(m.words, c.wording()))
            if best is None:
                best = Cluster(anchor=m.day)
                active.append(best)
                clusters.append(best)
            best.add(m)
    return clusters


def representative(c: Cluster) -> Mention:
    """The highest-confidence mention; ties go to the most central wording, then the earliest."""
    def centrality(m: Mention) -> float:
        others = [o for o in c.members if o is not m]
        return sum(jaccard(m.words, o.words) for o in others) / len(others) if others else 0.0

    if len(c.members) == 1:
        return c.members[0]
    return max(c.members, key=lambda m: (round(m.confidence, 6), centrality(m), -c.members.index(m)))


def _outlet(url: str | None, source: str | None, doc_id: str) -> str:
    if url:
        host = urlparse(url).netloc.lower()
        if host:
            return host[4:] if host.startswith("www.") else host
    if source:
        return re.sub(r":\d+$", "", source)
    return doc_id


def load_mentions(store) -> list[Mention]:
    rows = store.con.execute(
        """SELECT e.id, e.doc_id, e.event, e.mode, e.day, e.loc_name, e.loc_geonameid, e.loc_country, e.text,
                  e.trigger, e.confidence, d.date, d.stored_at, d.url, d.source,
                  list(a.country ORDER BY a.country) FILTER (WHERE a.role = 'actor' AND a.country IS NOT NULL),
                  list(a.country ORDER BY a.country) FILTER (WHERE a.role = 'recipient' AND a.country IS NOT NULL),
                  list(a.sector) FILTER (WHERE a.role = 'actor' AND a.sector IS NOT NULL),
                  list(a.sector) FILTER (WHERE a.role = 'recipient' AND a.sector IS NOT NULL)
           FROM events e JOIN documents d ON d.id = e.doc_id
           LEFT JOIN event_actors a ON a.event_id = e.id
           GROUP BY ALL"""
    ).fetchall()
    out = []
    outlets: dict[str, str] = {}
    for (eid, doc, ev, mode, day, lname, lgid, lcountry, text, trig, conf, ddate, stored, url, source,
         acts, recs, asec, rsec) in rows:
        first_seen = None
        if ddate:
            try:
                first_seen = datetime.fromisoformat(ddate[:10])
            except ValueError:
                first_seen = None
        m = Mention(
            id=eid, doc_id=doc, event=ev, mode=mode,
            actors=tuple(sorted(set(acts or ()))), recipients=tuple(sorted(set(recs or ()))),
            actor_sectors=frozenset(asec or ()), recipient_sectors=frozenset(rsec or ()),
            day=day, place=(lname, lgid, lcountry), text=text or "", trigger=trig or "",
            confidence=float(conf or 0.0), first_seen=first_seen or stored,
            outlet=outlets.get(doc) or outlets.setdefault(doc, _outlet(url, source, doc)),
        )
        out.append(m)
    return out


_CLUSTER_SCHEMA = pa.schema(
    [
        ("cluster_id", pa.string()), ("gid", pa.int64()), ("event", pa.string()), ("mode", pa.string()),
        ("actor_country", pa.string()), ("recipient_country", pa.string()),
        ("actor_sector", pa.string()), ("recipient_sector", pa.string()),
        ("date", pa.date32()), ("last_date", pa.date32()), ("place", pa.string()),
        ("num_mentions", pa.int32()), ("num_documents", pa.int32()), ("num_sources", pa.int32()),
        ("first_seen", pa.timestamp("us")), ("event_ids", pa.list_(pa.string())), ("doc_ids", pa.list_(pa.string())),
        ("representative_id", pa.string()), ("representative_sentence", pa.string()), ("confidence", pa.float64()),
        ("window_days", pa.int32()), ("built_at", pa.timestamp("us")),
    ]
)


@dataclass
class DedupResult:
    events: int
    clusters: int
    merged: int  # clusters with more than one mention

    def to_dict(self) -> dict:
        return {"events": self.events, "clusters": self.clusters, "multi_mention_clusters": self.merged}


def _one(values) -> str | None:
    vals = sorted(set(v for v in values if v))
    return ";".join(vals) if vals else None


def build_clusters(store, window_days: int) -> DedupResult:
    """Recompute all clusters from the stored events and replace the clusters tables in one transaction."""
    mentions = load_mentions(store)
    clusters = cluster_mentions(mentions, window_days)
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    crow, mrow = [], []
    for c in clusters:
        rep = representative(c)
        days = [m.day for m in c.members if m.day]
        day = Counter(days).most_common()
        top = min((d for d, n in day if n == day[0][1]), default=None) if day else None
        anchor = min(c.members, key=lambda m: (m.day or date.min, m.first_seen or datetime.max, m.id))
        cid = "cl-" + anchor.id.rsplit("-", 1)[-1]
        ids = sorted(m.id for m in c.members)
        docs = sorted({m.doc_id for m in c.members})
        seen = [m.first_seen for m in c.members if m.first_seen]
        place = next((p[0] for p in c.places if p[0]), None)
        crow.append(
            (
                cid, gid(cid), rep.event, _one(c.modes), _one(rep.actors), _one(rep.recipients),
                _one(c.actor_sectors), _one(c.recipient_sectors), top, max(days) if days else None, place,
                len(c.members), len(docs), len({m.outlet for m in c.members}), min(seen) if seen else None,
                ids, docs, rep.id, rep.text, max(m.confidence for m in c.members), window_days, now,
            )
        )
        mrow.extend((cid, i) for i in ids)
    ctab = (
        pa.Table.from_arrays([pa.array(col, type=f.type) for col, f in zip(zip(*crow), _CLUSTER_SCHEMA)], schema=_CLUSTER_SCHEMA)
        if crow
        else _CLUSTER_SCHEMA.empty_table()
    )
    mtab = pa.table({"cluster_id": [r[0] for r in mrow], "event_id": [r[1] for r in mrow]},
                    schema=pa.schema([("cluster_id", pa.string()), ("event_id", pa.string())]))
    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM cluster_members")
        con.execute("DELETE FROM clusters")
        for name, table in (("clusters", ctab), ("cluster_members", mtab)):
            if table.num_rows:
                con.register("_accord_clusters", table)
                try:
                    cols = ", ".join(f'"{c}"' for c in table.column_names)
                    con.execute(f"INSERT INTO {name} ({cols}) SELECT {cols} FROM _accord_clusters")
                finally:
                    con.unregister("_accord_clusters")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return DedupResult(len(mentions), len(clusters), sum(1 for c in clusters if len(c.members) > 1))


def cluster_rows(store, filters: Filters, min_mentions: int = 1) -> list[dict]:
    """Clusters having at least one member event matching ``filters``, largest first."""
    store.ensure_clusters()
    where, params = filters.where("e")
    limit = f" LIMIT {int(filters.limit)}" if filters.limit else ""
    return store.rows(
        f"""SELECT c.* EXCLUDE (gid, built_at) FROM clusters c
            WHERE c.num_mentions >= ? AND EXISTS (
              SELECT 1 FROM cluster_members m JOIN events e ON e.id = m.event_id
              WHERE m.cluster_id = c.cluster_id AND {where})
            ORDER BY c.num_mentions DESC, c.date NULLS LAST, c.cluster_id{limit}""",
        [min_mentions, *params],
    )
