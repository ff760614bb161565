"""The store's tables, as ordered migrations: a file at version N is brought to the latest version in steps.

Each migration is a list of SQL statements applied in one transaction together with the row that records
it in ``schema_version``; a crash mid-migration leaves the file at the previous version. Never edit a
released migration: append a new one.
"""

from __future__ import annotations

from dataclasses import dataclass

from accord.errors import Code, StoreError

_ACTOR_COLS = """
    {p}mention VARCHAR, {p}start INTEGER, {p}end INTEGER, {p}name VARCHAR, {p}country VARCHAR,
    {p}sector VARCHAR, {p}code VARCHAR, {p}id VARCHAR, {p}kind VARCHAR, {p}via VARCHAR"""


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "documents, events, event_actors, quotes, runs",
        (
            """CREATE TABLE documents (
                id VARCHAR NOT NULL, checksum VARCHAR NOT NULL, title VARCHAR, author VARCHAR,
                date VARCHAR, url VARCHAR, links VARCHAR[], source VARCHAR, format VARCHAR, text VARCHAR,
                paragraphs VARCHAR, coder_version VARCHAR, run_id VARCHAR, stored_at TIMESTAMP,
                num_events INTEGER, num_quotes INTEGER, problems VARCHAR)""",
            """CREATE TABLE events (
                id VARCHAR NOT NULL, gid BIGINT, doc_id VARCHAR NOT NULL, sentence INTEGER, text VARCHAR,
                start INTEGER, "end" INTEGER, event VARCHAR, mode VARCHAR, context VARCHAR[], cameo VARCHAR,
                quad_class TINYINT, goldstein DOUBLE, date VARCHAR, date_precision VARCHAR, day DATE,
                loc_text VARCHAR, loc_name VARCHAR, loc_country VARCHAR, loc_lat DOUBLE, loc_lon DOUBLE,
                loc_geonameid BIGINT, loc_start INTEGER, loc_end INTEGER,
                negated BOOLEAN, intent BOOLEAN, hypothetical BOOLEAN, quoted BOOLEAN,
                trigger VARCHAR, trigger_start INTEGER, trigger_end INTEGER, rule VARCHAR, confidence DOUBLE,
                coder_version VARCHAR)""",
            # role is 'actor', 'recipient' or 'speaker' (the speaker of a quoted event, at most one).
            """CREATE TABLE event_actors (
                event_id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, role VARCHAR NOT NULL, position SMALLINT,
                text VARCHAR, start INTEGER, "end" INTEGER, name VARCHAR, country VARCHAR, sector VARCHAR,
                code VARCHAR, actor_id VARCHAR, kind VARCHAR, via VARCHAR)""",
            f"""CREATE TABLE quotes (
                id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, text VARCHAR, start INTEGER, "end" INTEGER,
                speaker_text VARCHAR, cue VARCHAR, block BOOLEAN,
                {_ACTOR_COLS.format(p="sp_")})""",
            """CREATE TABLE runs (
                id VARCHAR NOT NULL, started_at TIMESTAMP, finished_at TIMESTAMP, accord_version VARCHAR,
                coder_version VARCHAR, settings VARCHAR, counts VARCHAR, problems VARCHAR)""",
        ),
    ),
    Migration(
        2,
        "dedup clusters, cluster members, dyads view",
        (
            """CREATE TABLE clusters (
                cluster_id VARCHAR NOT NULL, gid BIGINT, event VARCHAR, mode VARCHAR,
                actor_country VARCHAR, recipient_country VARCHAR, actor_sector VARCHAR, recipient_sector VARCHAR,
                date DATE, last_date DATE, place VARCHAR, num_mentions INTEGER, num_documents INTEGER,
                num_sources INTEGER, first_seen TIMESTAMP, event_ids VARCHAR[], doc_ids VARCHAR[],
                representative_id VARCHAR, representative_sentence VARCHAR, confidence DOUBLE,
                window_days INTEGER, built_at TIMESTAMP)""",
            "CREATE TABLE cluster_members (cluster_id VARCHAR NOT NULL, event_id VARCHAR NOT NULL)",
            """CREATE VIEW dyads AS
                SELECT e.id AS event_id, e.doc_id, e.day, e.event, e.mode, e.quad_class, e.goldstein,
                       e.negated, e.hypothetical, e.confidence,
                       a.position AS actor_position, a.name AS actor_name, a.country AS actor_country,
                       a.sector AS actor_sector, a.code AS actor_code,
                       r.position AS recipient_position, r.name AS recipient_name,
                       r.country AS recipient_country, r.sector AS recipient_sector, r.code AS recipient_code
                FROM events e
                JOIN event_actors a ON a.event_id = e.id AND a.role = 'actor'
                LEFT JOIN event_actors r ON r.event_id = e.id AND r.role = 'recipient'""",
        ),
    ),
    Migration(
        3,
        "date_source on events and documents, document warnings",
        (
            # rows stored before this version were dated from the text or the publication date; which one is unknown
            "ALTER TABLE events ADD COLUMN date_source VARCHAR",
            "ALTER TABLE documents ADD COLUMN date_source VARCHAR",
            "ALTER TABLE documents ADD COLUMN warnings VARCHAR",
        ),
    ),
)

MIGRATIONS += (
    Migration(
        4,
        "accord marker table; run status (running, finished, interrupted)",
        (
            "CREATE TABLE accord_meta (key VARCHAR NOT NULL, value VARCHAR)",
            "INSERT INTO accord_meta VALUES ('application', 'accord')",
            "ALTER TABLE runs ADD COLUMN status VARCHAR",
            "UPDATE runs SET status = CASE WHEN finished_at IS NULL THEN 'interrupted' ELSE 'finished' END",
        ),
    ),
)

MIGRATIONS += (
    Migration(
        5,
        "coder version names the coder: '+v2' on what runs of coder v2 stored as '1'",
        tuple(
            # Until this version coder v2's output was stored as coder "1", like v1's; the run's settings say
            # which coder it was. The head is not known any more, so these rows match no head: a v2 run
            # codes them again, a v1 run too.
            f"UPDATE {table} SET coder_version = coder_version || '+v2' WHERE coder_version NOT LIKE '%+%' AND {where}"
            for table, where in (
                ("documents", "run_id IN (SELECT id FROM runs WHERE settings LIKE '%\"coder\": \"v2\"%')"),
                ("events", "doc_id IN (SELECT id FROM documents WHERE coder_version LIKE '%+v2')"),
                ("runs", "settings LIKE '%\"coder\": \"v2\"%'"),
            )
        ),
    ),
)

LATEST = MIGRATIONS[-1].version

#: The table that marks a DuckDB file as an Accord store (files from before version 4 have
#: ``schema_version`` and ``documents`` instead).
MARKER = "accord_meta"


def is_accord_database(table_names: set[str]) -> bool:
    """Whether a database with these tables is an Accord store."""
    return MARKER in table_names or {"schema_version", "documents"} <= table_names


def current_version(con) -> int:
    """The schema version of an open database (0 for an empty file)."""
    has = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
    ).fetchone()[0]
    if not has:
        return 0
    return int(con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0])


def migrate(con) -> int:
    """Apply every pending migration in order; return the resulting version."""
    version = current_version(con)
    if version > LATEST:
        raise StoreError(Code.STORE_SCHEMA_NEWER, f"(file is at version {version}, this Accord knows {LATEST})")
    if version == 0:
        con.execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER, description VARCHAR, applied_at TIMESTAMP)"
        )
    for migration in MIGRATIONS:
        if migration.version <= version:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            for statement in migration.statements:
                con.execute(statement)
            con.execute(
                "INSERT INTO schema_version VALUES (?, ?, current_timestamp)",
                [migration.version, migration.description],
            )
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        version = migration.version
    return version
