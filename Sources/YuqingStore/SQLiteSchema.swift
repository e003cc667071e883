import GRDB

/// The SQLite schema, as named migrations. A migration that has shipped is never edited: a change is a new
/// migration (`v2-…`). Definitions are raw SQL, not derived from Swift types, so renaming a Swift property can
/// never silently change a table.
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-events") { db in
            // The log: the single source of truth. `seq` is assigned by yuqing (last + 1 in the writing
            // transaction), never by SQLite, so a PostgreSQL store can number identically.
            try db.execute(sql: """
                CREATE TABLE events (
                    seq INTEGER PRIMARY KEY,
                    case_id TEXT,
                    subject TEXT,
                    actor_name TEXT NOT NULL,
                    actor_role TEXT NOT NULL,
                    actor_dept TEXT,
                    verb TEXT NOT NULL,
                    payload TEXT NOT NULL,
                    effective INTEGER NOT NULL,
                    recorded INTEGER NOT NULL,
                    prev_hash TEXT NOT NULL,
                    hash TEXT NOT NULL
                );
                CREATE INDEX events_case ON events(case_id) WHERE case_id IS NOT NULL;
                CREATE INDEX events_subject ON events(subject) WHERE subject IS NOT NULL;
                CREATE INDEX events_verb ON events(verb, effective);
                CREATE TABLE ids (kind TEXT PRIMARY KEY, last INTEGER NOT NULL) WITHOUT ROWID;
                CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
                """)
        }
        m.registerMigration("v1-projections") { db in
            // Caches of folds of the events; `store rebuild` drops and recomputes them.
            try db.execute(sql: """
                CREATE TABLE cases (
                    id TEXT PRIMARY KEY,
                    num INTEGER NOT NULL UNIQUE,
                    snapshot TEXT NOT NULL,
                    title TEXT NOT NULL,
                    url TEXT,
                    stage TEXT NOT NULL,
                    dept TEXT,
                    level TEXT,
                    source TEXT NOT NULL,
                    category TEXT,
                    historical INTEGER NOT NULL,
                    designated INTEGER NOT NULL,
                    collected INTEGER NOT NULL,
                    claimed INTEGER,
                    next_due INTEGER,
                    next_due_rule TEXT,
                    version INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX cases_stage ON cases(stage);
                CREATE INDEX cases_dept ON cases(dept);
                CREATE INDEX cases_level ON cases(level);
                CREATE INDEX cases_source ON cases(source);
                CREATE INDEX cases_category ON cases(category);
                CREATE INDEX cases_collected ON cases(collected);
                CREATE INDEX cases_next_due ON cases(next_due) WHERE next_due IS NOT NULL;
                CREATE TABLE case_urls (
                    url TEXT NOT NULL,
                    num INTEGER NOT NULL,
                    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
                    PRIMARY KEY (url, num)
                ) WITHOUT ROWID;
                CREATE TABLE dues (
                    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
                    num INTEGER NOT NULL,
                    rule TEXT NOT NULL,
                    due INTEGER,
                    met_at INTEGER,
                    dept TEXT,
                    waived INTEGER NOT NULL
                );
                CREATE INDEX dues_case ON dues(case_id);
                CREATE INDEX dues_open ON dues(due) WHERE met_at IS NULL AND waived = 0;
                CREATE INDEX dues_period ON dues(due, met_at);
                CREATE TABLE departments (
                    code TEXT PRIMARY KEY,
                    seq INTEGER NOT NULL,
                    json TEXT NOT NULL
                ) WITHOUT ROWID;
                """)
        }
        m.registerMigration("v2-ordered-indexes") { db in
            // Listings read in case order and stop at a page: with the order column in the index, a filtered
            // `cases … limit 50` or `overdue` on a million cases reads a page instead of sorting every match.
            try db.execute(sql: """
                DROP INDEX dues_open;
                CREATE INDEX dues_open_ordered ON dues(due, num, rule) WHERE met_at IS NULL AND waived = 0;
                DROP INDEX cases_stage;
                DROP INDEX cases_dept;
                DROP INDEX cases_level;
                DROP INDEX cases_source;
                DROP INDEX cases_category;
                CREATE INDEX cases_stage_num ON cases(stage, num);
                CREATE INDEX cases_dept_num ON cases(dept, num);
                CREATE INDEX cases_level_num ON cases(level, num);
                CREATE INDEX cases_source_num ON cases(source, num);
                CREATE INDEX cases_category_num ON cases(category, num);
                """)
        }
        // `case_urls` holds post identities (`PostURL.identity`) instead of URLs as written.
        m.registerMigration("v3-post-url-identity", migrate: SQLitePostIdentity.rekey)
        m.registerMigration("v4-operators-checkpoints") { db in
            // Who typed each event (the signed-in operator, next to the person it is attributed to): present means
            // the event's hash is of the v2 form. Checkpoints anchor the head outside the events table.
            try db.execute(sql: """
                ALTER TABLE events ADD COLUMN operator TEXT;
                ALTER TABLE events ADD COLUMN operator_name TEXT;
                CREATE TABLE checkpoints (
                    n INTEGER PRIMARY KEY,
                    count INTEGER NOT NULL,
                    head TEXT NOT NULL,
                    at INTEGER NOT NULL,
                    key TEXT NOT NULL,
                    signature TEXT NOT NULL
                );
                """)
        }
        m.registerMigration("v5-perf-search-extensions") { db in
            // Full-text search (`cases where text ~ 水质`, `search`): each case's text (`CaseFile.searchText`) and
            // an FTS5 index of its grams (`SearchGrams`), contentless (the grams are not stored twice; the text is
            // kept in `case_text`, where the exact match is checked and the grams to delete are recomputed). And
            // the extension applications of every case, so `extensions` reads an index instead of every snapshot.
            // Both are projections: filled by the rebuild this migration asks for (see `SQLiteStore.init`).
            try db.execute(sql: """
                CREATE TABLE case_text (num INTEGER PRIMARY KEY, body TEXT NOT NULL);
                CREATE VIRTUAL TABLE case_search USING fts5(grams, content='', tokenize='unicode61');
                CREATE TABLE case_extensions (
                    num INTEGER NOT NULL,
                    ext INTEGER NOT NULL,
                    dept TEXT,
                    days INTEGER NOT NULL,
                    reason TEXT NOT NULL,
                    applied INTEGER NOT NULL,
                    state TEXT NOT NULL,
                    decided_days INTEGER,
                    PRIMARY KEY (num, ext)
                ) WITHOUT ROWID;
                CREATE INDEX case_extensions_pending ON case_extensions(num, ext) WHERE state = 'pending';
                INSERT INTO meta(key, value) VALUES ('projections.stale', 'perf-1')
                    ON CONFLICT(key) DO UPDATE SET value = excluded.value;
                """)
        }
        m.registerMigration("v5-supervision") { db in
            // Supervision (Art. 12, 13) reads the due index only: each entry says whether its case was designated,
            // the case's level and the events that started and ended its clock (filled by the next `store rebuild`;
            // until then findings read the evidence from the log), and when its case's first and last events were
            // logged — so an answer as of a past time takes the cases unchanged since from the index and folds only
            // the others. The cases carry the same two times, indexed, to find those others. `dues_period` is
            // ordered like the findings are listed (deadline, case, rule) and `dues_score` covers the assessment's
            // aggregate (see `SupervisionQueries.swift`).
            try db.execute(sql: """
                ALTER TABLE cases ADD COLUMN first_recorded INTEGER;
                ALTER TABLE cases ADD COLUMN last_recorded INTEGER;
                UPDATE cases SET first_recorded = (SELECT min(e.recorded) FROM events e WHERE e.case_id = cases.id),
                                 last_recorded = (SELECT max(e.recorded) FROM events e WHERE e.case_id = cases.id);
                CREATE INDEX cases_touched ON cases(last_recorded, first_recorded);
                ALTER TABLE dues ADD COLUMN designated INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE dues ADD COLUMN level TEXT;
                ALTER TABLE dues ADD COLUMN start_seq INTEGER;
                ALTER TABLE dues ADD COLUMN end_seq INTEGER;
                ALTER TABLE dues ADD COLUMN first_recorded INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE dues ADD COLUMN last_recorded INTEGER NOT NULL DEFAULT 0;
                UPDATE dues SET designated = (SELECT c.designated FROM cases c WHERE c.id = dues.case_id),
                                level = (SELECT c.level FROM cases c WHERE c.id = dues.case_id),
                                first_recorded = (SELECT c.first_recorded FROM cases c WHERE c.id = dues.case_id),
                                last_recorded = (SELECT c.last_recorded FROM cases c WHERE c.id = dues.case_id);
                DROP INDEX dues_period;
                CREATE INDEX dues_period ON dues(due, num, rule);
                CREATE INDEX dues_score ON dues(dept, rule, due, met_at, waived, designated, last_recorded);
                """)
        }
        m.registerMigration("v7-snapshots-v3") { db in
            // Snapshots of version 2 lacked who applied for an extension, who drafted, `liaisedAt` and
            // `earlierClosings` (`SnapshotCodec`), so `audit verify` reported such cases as edited. The next open
            // rebuilds the projections once, writing every snapshot in version 3.
            try db.execute(sql: """
                INSERT INTO meta(key, value) VALUES ('projections.stale', 'snapshots-3')
                    ON CONFLICT(key) DO UPDATE SET value = excluded.value
                """)
        }
        m.registerMigration("v9-snapshots-v4") { db in
            // Version 4 snapshots keep when a major sensitive case was judged below it again, which decides whether
            // its escalation is still owed (Art. 8 ¶3); the next open rebuilds the projections (and due rows) once.
            try db.execute(sql: """
                INSERT INTO meta(key, value) VALUES ('projections.stale', 'snapshots-4')
                    ON CONFLICT(key) DO UPDATE SET value = excluded.value
                """)
        }
        return m
    }
}
