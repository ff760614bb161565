"""Cross-article deduplication: cluster the mentions of one real-world event reported by several documents.

Precision first. Two mentions may be linked only if they have

* the same PLOVER type and negation, the same actor codes and recipient codes (country + sector, as sets),
  and the same person/organisation ids where both sides name some;
* dates within ``window_days`` of each other, compatible modes (equal where both are known) and compatible
  places (the same GeoNames id or name, or no place on one side);
* evidence that says they are one event, by where they come from:
  - the same sentence never links;
  - the same document links only a statement repeated (near-identical wording): a joint statement's 31
    commitments stay 31 events;
  - documents of the same outlet link only on similar wording (one outlet's two readouts of a day are two
    events);
  - documents of different outlets link when everything above agrees; with no recipient they also need some
    shared evidence (wording, trigger word or a named place).

Linked mentions form connected components; a component is then cut into clusters in which every member is
within the window of every other (consecutive spans of ``window_days + 1`` days from its first day) and no
sentence appears twice, so a daily series of calls never chains into one event.

Everything scales with the number of mentions: the blocking keys hash the actor and recipient code sets
(sums of member hashes, no per-event lists), candidate pairs come from an equi-join on those integer keys
and days (each mention keeps its best few links), words are compared only where they decide, components
are found by vectorised label propagation and cut into clusters in numpy, and the clusters table is a few
SQL aggregations.
DuckDB's memory is capped while it runs (``MEMORY_LIMIT``; it spills to disk beyond). Incremental:
mentions not yet in a cluster are linked against everything stored and may join (or merge) stored
clusters; ``full=True`` rebuilds from scratch.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timezone

from accord.store.filters import Filters

#: Link thresholds on the wording (Jaccard of content-word stems of the two sentences).
SAME_DOCUMENT_JACCARD = 0.6
SAME_OUTLET_JACCARD = 0.35
NO_RECIPIENT_SCORE = 0.15
#: How many candidate links each new mention keeps (the strongest ones).
LINKS_PER_MENTION = 2
#: Types whose actor and recipient can swap places in a report of the same event.
SYMMETRIC_TYPES = ("CONSULT",)
#: DuckDB memory cap while clustering.
MEMORY_LIMIT = "1500MB"

_OUTLET = (r"coalesce(nullif(regexp_extract({d}.url, '^[A-Za-z]+://(?:www\.)?([^/:]+)', 1), ''), "
           r"regexp_replace(coalesce({d}.source, {d}.id), ':[0-9]+$', ''))")
# Crude stems of the content words of a sentence (four letters or more).
_WORDS = (r"list_distinct(list_transform(regexp_extract_all(lower({col}), '[a-z]{{4,}}'), "
          r"lambda w: regexp_replace(w, '(ations|ation|ings|ing|ies|ied|ed|es|s)$', '')))")
_TRIGGER_STEM = r"regexp_replace(lower(regexp_extract(coalesce({col}, ''), '[A-Za-z]+')), '(ing|ed|es|s)$', '')"
_TEMP = ("_dd_doc", "_dd_sig", "_dd_pairs", "_dd_words", "_dd_local", "_dd_assign", "_dd_mem", "_dd_agg",
         "_dd_sectors")


@dataclass
class DedupResult:
    events: int
    clusters: int
    merged: int  # clusters with more than one mention
    linked: int = 0  # mentions examined in this pass (new or replaced)
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return {"events": self.events, "clusters": self.clusters, "multi_mention_clusters": self.merged,
                "mentions_linked": self.linked, "seconds": self.seconds}


def _signatures(con) -> None:
    """One row per stored event with what linking needs, strings encoded as integers."""
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE _dd_doc AS
        SELECT id AS doc_id, row_number() OVER (ORDER BY id) AS doc, dense_rank() OVER (ORDER BY {_OUTLET.format(d="documents")}) AS outlet,
               coalesce(try_cast(left(date, 10) AS DATE)::TIMESTAMP, stored_at) AS seen
        FROM documents"""
    )
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE _dd_sig AS
        -- Sets as integers: the sum of the hashes of their distinct members (equal sets, equal sums; no list
        -- to build, sort and compare per event). Codes and the ids of persons and organisations are
        -- deduplicated apart, so that two actors with one code and two ids count the code once.
        WITH codes AS (
          SELECT DISTINCT event_id, role, coalesce(code, country, '?') AS v
          FROM event_actors WHERE role IN ('actor', 'recipient')),
        named AS (
          SELECT DISTINCT event_id, role, actor_id FROM event_actors
          WHERE role IN ('actor', 'recipient') AND actor_id IS NOT NULL AND kind NOT IN ('state', 'sector', 'collective')),
        ids AS (
          SELECT event_id, hash(sum(hash(actor_id)) FILTER (WHERE role = 'actor')) AS aids,
                 count(*) FILTER (WHERE role = 'actor') AS n_aids,
                 hash(sum(hash(actor_id)) FILTER (WHERE role = 'recipient')) AS rids,
                 count(*) FILTER (WHERE role = 'recipient') AS n_rids
          FROM named GROUP BY event_id),
        all_ids AS (
          SELECT event_id, hash(sum(hash(actor_id))) AS all_ids FROM (SELECT DISTINCT event_id, actor_id FROM named)
          GROUP BY event_id),
        parties AS (
          SELECT c.event_id, c.akey, c.rkey, i.aids, i.n_aids, i.rids, i.n_rids, x.all_ids
          FROM (SELECT event_id, coalesce(sum(hash(v)) FILTER (WHERE role = 'actor'), 0) AS akey,
                       coalesce(sum(hash(v)) FILTER (WHERE role = 'recipient'), 0) AS rkey
                FROM codes GROUP BY event_id) c
          LEFT JOIN ids i ON i.event_id = c.event_id LEFT JOIN all_ids x ON x.event_id = c.event_id)
        SELECT e.id, (row_number() OVER (ORDER BY e.id) - 1)::BIGINT AS n, dd.doc, e.sentence, dd.outlet,
               -- A meeting is the same event whoever is named first ("X met Y" = "Y received X").
               CASE WHEN e.event IN (SELECT unnest(?::VARCHAR[]))
                    THEN hash(e.event, e.negated, least(coalesce(p.akey, 0), coalesce(p.rkey, 0)),
                              greatest(coalesce(p.akey, 0), coalesce(p.rkey, 0)), e.day IS NULL)
                    ELSE hash(e.event, e.negated, coalesce(p.akey, 0), coalesce(p.rkey, 0), e.day IS NULL) END AS key,
               coalesce(p.rkey, 0) = 0 AS no_recipient,
               (epoch(coalesce(e.day, DATE '1900-01-01')) // 86400)::INTEGER AS day,
               CASE WHEN e.mode IS NULL THEN 0 ELSE hash(e.mode) END AS mode,
               coalesce(e.loc_geonameid, 0) AS gid,
               CASE WHEN e.loc_name IS NULL THEN 0 ELSE hash(lower(e.loc_name)) END AS loc,
               CASE WHEN coalesce(p.n_aids, 0) + coalesce(p.n_rids, 0) > 0 AND e.event IN (SELECT unnest(?::VARCHAR[]))
                    THEN p.all_ids WHEN coalesce(p.n_aids, 0) = 0 THEN 0 ELSE p.aids END AS aids,
               CASE WHEN coalesce(p.n_rids, 0) = 0 OR e.event IN (SELECT unnest(?::VARCHAR[])) THEN 0 ELSE p.rids END AS rids,
               CASE WHEN {_TRIGGER_STEM.format(col="e.trigger")} = '' THEN 0
                    ELSE hash({_TRIGGER_STEM.format(col="e.trigger")}) END AS tstem,
               cm.event_id IS NULL AS fresh
        FROM events e JOIN _dd_doc dd ON dd.doc_id = e.doc_id LEFT JOIN parties p ON p.event_id = e.id
        LEFT JOIN cluster_members cm ON cm.event_id = e.id""",
        [list(SYMMETRIC_TYPES)] * 3,
    )


def _links(con, window: int):
    """Candidate links (new mention ``a`` → stored or new mention ``b``), best first.

    Pairs come from an equi-join on the blocking key and the day (shifted across the window). The wording
    of the two sentences is compared only where it decides (one document, one outlet, no recipient);
    elsewhere the trigger word, the place and the day rank a mention's candidates."""
    w = int(window)
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE _dd_pairs AS
          SELECT a.n AS a, b.n AS b, a.day = b.day AS same_day,
                 a.doc = b.doc AS same_doc, a.outlet = b.outlet AS same_outlet, a.no_recipient,
                 a.tstem <> 0 AND a.tstem = b.tstem AS same_trigger,
                 (a.gid <> 0 AND a.gid = b.gid) OR (a.gid = 0 AND b.gid = 0 AND a.loc <> 0 AND a.loc = b.loc) AS same_place
          FROM (SELECT n, key, day, doc, sentence, outlet, no_recipient, mode, gid, loc, aids, rids, tstem,
                       unnest(range(-{w}, {w} + 1))::INTEGER AS shift FROM _dd_sig WHERE fresh) a
          JOIN _dd_sig b ON a.key = b.key AND b.day = a.day + a.shift
          WHERE a.n <> b.n AND (NOT b.fresh OR a.n < b.n)
            AND NOT (a.doc = b.doc AND a.sentence = b.sentence)
            AND (a.mode = 0 OR b.mode = 0 OR a.mode = b.mode)
            AND (a.gid = 0 OR b.gid = 0 OR a.gid = b.gid)
            AND (a.gid <> 0 OR b.gid <> 0 OR a.loc = 0 OR b.loc = 0 OR a.loc = b.loc)
            AND (a.aids = 0 OR b.aids = 0 OR a.aids = b.aids)
            AND (a.rids = 0 OR b.rids = 0 OR a.rids = b.rids)"""
    )
    con.execute(
        f"""CREATE OR REPLACE TEMP TABLE _dd_words AS
          WITH need AS (SELECT a AS n FROM _dd_pairs WHERE same_doc OR same_outlet OR no_recipient
                        UNION SELECT b FROM _dd_pairs WHERE same_doc OR same_outlet OR no_recipient)
          SELECT s.n, {_WORDS.format(col="e.text")} AS words
          FROM need JOIN _dd_sig s ON s.n = need.n JOIN events e ON e.id = s.id"""
    )
    return con.execute(
        f"""WITH worded AS (
          -- Only pairs whose two sentences both have words carry the word lists through a join (inner
          -- joins), and their intersection is taken once; every other pair scores a Jaccard of 0.
          SELECT a, b, CASE WHEN la + lb = 0 THEN 0.0 ELSE i::DOUBLE / (la + lb - i) END AS jac
          FROM (SELECT p.a, p.b, len(wa.words) AS la, len(wb.words) AS lb, len(list_intersect(wa.words, wb.words)) AS i
                FROM _dd_pairs p JOIN _dd_words wa ON wa.n = p.a JOIN _dd_words wb ON wb.n = p.b)
        ), measured AS (
          SELECT p.*, coalesce(w.jac, 0.0) AS jac FROM _dd_pairs p LEFT JOIN worded w ON w.a = p.a AND w.b = p.b
        ), scored AS (
          SELECT *, jac + 0.15 * same_trigger::INTEGER + 0.15 * same_place::INTEGER + 0.1 * same_day::INTEGER AS score
          FROM measured
        )
        SELECT a, b FROM scored
        WHERE CASE WHEN same_doc THEN jac >= {SAME_DOCUMENT_JACCARD}
                   WHEN same_outlet THEN jac >= {SAME_OUTLET_JACCARD}
                   WHEN no_recipient THEN score - 0.1 * same_day::INTEGER >= {NO_RECIPIENT_SCORE}
                   ELSE TRUE END
        QUALIFY row_number() OVER (PARTITION BY a ORDER BY score DESC, b) <= {LINKS_PER_MENTION}"""
    ).fetchnumpy()


def components(n: int, a, b):
    """Connected components of ``n`` nodes joined by edges ``a[i]–b[i]``: the smallest node of each
    component labels it (vectorised label propagation with pointer jumping)."""
    import numpy as np

    label = np.arange(n, dtype=np.int64)
    if len(a) == 0:
        return label
    a = np.asarray(a, dtype=np.int64)
    b = np.asarray(b, dtype=np.int64)
    while True:
        la, lb = label[a], label[b]
        low = np.minimum(la, lb)
        before = label.copy()
        np.minimum.at(label, la, low)
        np.minimum.at(label, lb, low)
        label = label[label]  # pointer jumping
        while True:
            jumped = label[label]
            if np.array_equal(jumped, label):
                break
            label = jumped
        if np.array_equal(label, before):
            return label


def build_clusters(store, window_days: int, *, full: bool = False) -> DedupResult:
    """Link new mentions into clusters (all mentions with ``full``) and rebuild the clusters table."""
    started = time.perf_counter()
    window = int(window_days)
    con = store.con
    previous = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    con.execute("BEGIN TRANSACTION")
    try:
        if full:
            con.execute("DELETE FROM cluster_members")
        else:
            gone = con.execute("DELETE FROM cluster_members WHERE NOT EXISTS "
                               "(SELECT 1 FROM events e WHERE e.id = cluster_members.event_id)").fetchone()[0]
            fresh = con.execute("SELECT count(*) FROM events e ANTI JOIN cluster_members m ON m.event_id = e.id").fetchone()[0]
            if not gone and not fresh:  # nothing new, nothing gone: the clusters stand
                con.execute("COMMIT")
                n_events, n_clusters, merged = con.execute(
                    "SELECT (SELECT count(*) FROM events), count(*), count(*) FILTER (WHERE num_mentions > 1) FROM clusters").fetchone()
                return DedupResult(int(n_events), int(n_clusters), int(merged), 0, round(time.perf_counter() - started, 2))
        _signatures(con)
        n_events, n_fresh = con.execute("SELECT count(*), count(*) FILTER (WHERE fresh) FROM _dd_sig").fetchone()
        if n_fresh:
            _link_fresh(con, window)
        _rebuild_cluster_table(con, window)
        for temp in _TEMP:
            con.execute(f"DROP TABLE IF EXISTS {temp}")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        con.execute(f"SET memory_limit = '{previous}'")
    n_clusters, merged = con.execute(
        "SELECT count(*), count(*) FILTER (WHERE num_mentions > 1) FROM clusters").fetchone()
    return DedupResult(int(n_events), int(n_clusters), int(merged), int(n_fresh),
                       round(time.perf_counter() - started, 2))


def _cut(label, day, doc, sentence, window: int):
    """Cut connected components into clusters; return each mention's head (the position of its cluster's
    first member, by day and then position).

    Positions are in id order. A component's mentions fall into spans of ``window + 1`` days from its first
    day; within a span, the k-th mention (in id order) of one sentence goes to the span's k-th cluster, so
    that no sentence appears twice in a cluster."""
    import numpy as np

    size = len(label)
    if not size:
        return np.zeros(0, dtype=np.int64)
    pos = np.arange(size, dtype=np.int64)
    first_day = np.full(size, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first_day, label, day)
    span = (day - first_day[label]) // (int(window) + 1)
    # The rank of each mention among the mentions of its sentence in its span (in id order).
    order = np.lexsort((pos, sentence, doc, span, label))
    keys = (label[order], span[order], doc[order], sentence[order])
    new_group = np.ones(size, dtype=bool)
    new_group[1:] = np.logical_or.reduce([k[1:] != k[:-1] for k in keys])
    starts = np.flatnonzero(new_group)
    rank = np.empty(size, dtype=np.int64)
    rank[order] = pos - np.repeat(starts, np.diff(np.append(starts, size)))
    # The head of each (component, span, rank): its earliest mention, ties to the first in id order.
    order = np.lexsort((pos, day, rank, span, label))
    keys = (label[order], span[order], rank[order])
    new_group = np.ones(size, dtype=bool)
    new_group[1:] = np.logical_or.reduce([k[1:] != k[:-1] for k in keys])
    group = np.cumsum(new_group) - 1
    head = np.empty(size, dtype=np.int64)
    head[order] = order[np.flatnonzero(new_group)][group]
    return head


def _link_fresh(con, window: int) -> None:
    """Cluster the linked mentions (with the stored clusters they touch); everything else stays alone."""
    import numpy as np
    import pyarrow as pa

    links = _links(con, window)
    involved = np.unique(np.concatenate([links["a"], links["b"]])).astype(np.int64)
    con.register("_dd_involved", pa.table({"n": involved}))
    try:
        # The mentions to decide on: the linked ones and every member of a stored cluster one of them is in.
        con.execute(
            """CREATE OR REPLACE TEMP TABLE _dd_local AS
               WITH touched AS (
                 SELECT DISTINCT m.cluster_id FROM cluster_members m JOIN _dd_sig s ON s.id = m.event_id
                 JOIN _dd_involved i ON i.n = s.n)
               SELECT s.n, s.day, s.doc, s.sentence, s.id, m.cluster_id AS old
               FROM _dd_sig s LEFT JOIN cluster_members m ON m.event_id = s.id
               WHERE EXISTS (SELECT 1 FROM _dd_involved i WHERE i.n = s.n)
                  OR EXISTS (SELECT 1 FROM touched t WHERE t.cluster_id = m.cluster_id)"""
        )
    finally:
        con.unregister("_dd_involved")
    local = con.execute("SELECT n, day, doc, sentence, old FROM _dd_local ORDER BY n").fetchnumpy()
    ns = local["n"]
    size = len(ns)
    ea = [np.searchsorted(ns, links["a"]), ]
    eb = [np.searchsorted(ns, links["b"]), ]
    old = local["old"]
    if size and any(o is not None for o in old.tolist()):
        # Stored clusters stay whole: their members are joined to each other.
        codes = {}
        first = np.full(size, -1, dtype=np.int64)
        for i, c in enumerate(old.tolist()):
            if c is not None:
                first[i] = codes.setdefault(c, i)
        has = first >= 0
        ea.append(np.nonzero(has)[0])
        eb.append(first[has])
    label = components(size, np.concatenate(ea), np.concatenate(eb))
    head = _cut(label, *(np.ma.filled(local[c], -1).astype(np.int64) for c in ("day", "doc", "sentence")), window)
    # Mentions are numbered in id order, so the cut works on positions; each member's cluster is named
    # after its head's id.
    con.register("_dd_cut", pa.table({"n": ns, "head": ns[head]}))
    try:
        con.execute(
            """CREATE OR REPLACE TEMP TABLE _dd_assign AS
               WITH h AS (SELECT DISTINCT head FROM _dd_cut),
               named AS (SELECT h.head, 'cl-' || regexp_extract(s.id, '([^-]+)$', 1) AS cluster_id
                         FROM h JOIN _dd_sig s ON s.n = h.head)
               SELECT s.id, named.cluster_id FROM _dd_cut c JOIN _dd_sig s ON s.n = c.n JOIN named ON named.head = c.head"""
        )
    finally:
        con.unregister("_dd_cut")
    con.execute("DELETE FROM cluster_members WHERE event_id IN (SELECT id FROM _dd_assign)")
    con.execute("INSERT INTO cluster_members SELECT cluster_id, id FROM _dd_assign")
    # New mentions with no link are events of their own.
    con.execute(
        """INSERT INTO cluster_members
           SELECT 'cl-' || regexp_extract(s.id, '([^-]+)$', 1), s.id FROM _dd_sig s
           ANTI JOIN _dd_local l ON l.n = s.n WHERE s.fresh"""
    )


def _rebuild_cluster_table(con, window: int) -> None:
    """The clusters table summarises cluster_members in a few SQL steps (the representative is the most
    confident mention, then the earliest, then the smallest id). Steps, not one statement, so that each
    stays within the memory cap; the actor rows are read once, for the sectors of every member and the
    countries of the representative together."""
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    con.execute("DELETE FROM clusters")
    con.execute(
        """CREATE OR REPLACE TEMP TABLE _dd_mem AS
           SELECT m.cluster_id, e.id, e.doc_id, e.mode, e.day, e.loc_name, e.confidence, dd.outlet, dd.seen,
                  row_number() OVER (PARTITION BY m.cluster_id ORDER BY e.confidence DESC, e.day NULLS LAST, e.id) = 1 AS rep
           FROM cluster_members m JOIN events e ON e.id = m.event_id JOIN _dd_doc dd ON dd.doc_id = e.doc_id"""
    )
    con.execute(
        """CREATE OR REPLACE TEMP TABLE _dd_agg AS
           WITH days AS (SELECT cluster_id, day, count(*) AS k FROM _dd_mem WHERE day IS NOT NULL GROUP BY ALL),
           topday AS (SELECT cluster_id, arg_min(day, (-k, day)) AS top FROM days GROUP BY cluster_id)
           -- Distinct counts as the lengths of distinct lists: one aggregation instead of one per DISTINCT.
           SELECT cluster_id, modes, last_day, any_place, k, len(doc_ids)::INTEGER AS docs,
                  len(list_distinct(outlets))::INTEGER AS outlets, seen, ids, doc_ids, conf, top, rep_id, rep_place
           FROM (SELECT m.cluster_id,
                   nullif(array_to_string(list_sort(list_distinct(list(mode) FILTER (WHERE mode IS NOT NULL))), ';'), '') AS modes,
                   max(day) AS last_day, min(loc_name) AS any_place, count(*)::INTEGER AS k, list(outlet) AS outlets,
                   min(seen) AS seen, list_sort(list(id)) AS ids, list_sort(list_distinct(list(doc_id))) AS doc_ids,
                   max(confidence) AS conf, any_value(topday.top) AS top,
                   any_value(id) FILTER (WHERE rep) AS rep_id, any_value(loc_name) FILTER (WHERE rep) AS rep_place
                 FROM _dd_mem m LEFT JOIN topday ON topday.cluster_id = m.cluster_id GROUP BY m.cluster_id)"""
    )
    con.execute(
        """CREATE OR REPLACE TEMP TABLE _dd_sectors AS
           SELECT m.cluster_id,
                  nullif(array_to_string(list_sort(list_distinct(list(a.sector) FILTER (WHERE a.role = 'actor' AND a.sector IS NOT NULL))), ';'), '') AS asec,
                  nullif(array_to_string(list_sort(list_distinct(list(a.sector) FILTER (WHERE a.role = 'recipient' AND a.sector IS NOT NULL))), ';'), '') AS rsec,
                  nullif(array_to_string(list_sort(list_distinct(list(a.country) FILTER (WHERE m.rep AND a.role = 'actor' AND a.country IS NOT NULL))), ';'), '') AS ac,
                  nullif(array_to_string(list_sort(list_distinct(list(a.country) FILTER (WHERE m.rep AND a.role = 'recipient' AND a.country IS NOT NULL))), ';'), '') AS rc
           FROM event_actors a JOIN _dd_mem m ON m.id = a.event_id GROUP BY m.cluster_id"""
    )
    con.execute(
        """INSERT INTO clusters
        SELECT agg.cluster_id, ('0x' || substr(sha256(agg.cluster_id), 1, 15))::BIGINT, e.event, agg.modes,
               sec.ac, sec.rc, sec.asec, sec.rsec, agg.top, agg.last_day,
               coalesce(agg.rep_place, agg.any_place), agg.k, agg.docs, agg.outlets, agg.seen, agg.ids, agg.doc_ids,
               agg.rep_id, e.text, agg.conf, ?, ?::TIMESTAMP
        FROM _dd_agg agg JOIN events e ON e.id = agg.rep_id LEFT JOIN _dd_sectors sec ON sec.cluster_id = agg.cluster_id""",
        [int(window), now],
    )


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
