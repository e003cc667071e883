import PostgresNIO

/// The PostgreSQL schema, as named migrations (the same rule as `SQLiteSchema`: a migration that has shipped is
/// never edited; a change is a new one). Applied names are kept in `yuqing_migrations`.
///
/// Differences from SQLite, each for a reason:
/// * Text columns that are compared or sorted use `COLLATE "C"`: byte order, as SQLite's BINARY collation, so a
///   query gives the same answer on both whatever the database's locale.
/// * `payload` is `text`, not `jsonb`: the hash covers the stored text exactly, and jsonb would re-normalize it.
/// * Times are `bigint` seconds given by the caller; nothing has a default, no `now()`: time comes from yuqing.
/// * Flags are `boolean`.
enum PostgresSchema {
    /// Key of the transaction-level advisory lock that serializes migrations between processes starting together.
    static let migrationLock: Int64 = 0x7975_7169_6E67_0002

    static let migrations: [(name: String, statements: [String])] = [
        ("v1-events", [
            """
            CREATE TABLE events (
                seq bigint PRIMARY KEY CHECK (seq > 0),
                case_id text COLLATE "C",
                subject text COLLATE "C",
                actor_name text NOT NULL,
                actor_role text NOT NULL,
                actor_dept text,
                verb text COLLATE "C" NOT NULL,
                payload text NOT NULL,
                effective bigint NOT NULL,
                recorded bigint NOT NULL,
                prev_hash text NOT NULL,
                hash text NOT NULL
            )
            """,
            "CREATE INDEX events_case ON events(case_id, seq) WHERE case_id IS NOT NULL",
            "CREATE INDEX events_subject ON events(subject, seq) WHERE subject IS NOT NULL",
            "CREATE INDEX events_verb ON events(verb, effective)",
            "CREATE TABLE ids (kind text COLLATE \"C\" PRIMARY KEY, last bigint NOT NULL)",
            "CREATE TABLE meta (key text COLLATE \"C\" PRIMARY KEY, value text NOT NULL)",
        ]),
        ("v1-projections", [
            """
            CREATE TABLE cases (
                id text COLLATE "C" PRIMARY KEY,
                num bigint NOT NULL UNIQUE,
                snapshot text NOT NULL,
                last_hash text NOT NULL,
                title text COLLATE "C" NOT NULL,
                url text COLLATE "C",
                stage text COLLATE "C" NOT NULL,
                dept text COLLATE "C",
                level text COLLATE "C",
                source text COLLATE "C" NOT NULL,
                category text COLLATE "C",
                historical boolean NOT NULL,
                designated boolean NOT NULL,
                collected bigint NOT NULL,
                claimed bigint,
                next_due bigint,
                next_due_rule text COLLATE "C",
                version integer NOT NULL
            )
            """,
            "CREATE INDEX cases_stage_num ON cases(stage, num)",
            "CREATE INDEX cases_dept_num ON cases(dept, num)",
            "CREATE INDEX cases_level_num ON cases(level, num)",
            "CREATE INDEX cases_source_num ON cases(source, num)",
            "CREATE INDEX cases_category_num ON cases(category, num)",
            "CREATE INDEX cases_collected ON cases(collected)",
            "CREATE INDEX cases_next_due ON cases(next_due) WHERE next_due IS NOT NULL",
            """
            CREATE TABLE case_urls (
                url text COLLATE "C" NOT NULL,
                num bigint NOT NULL,
                case_id text COLLATE "C" NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
                PRIMARY KEY (url, num)
            )
            """,
            """
            CREATE TABLE dues (
                case_id text COLLATE "C" NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
                num bigint NOT NULL,
                rule text COLLATE "C" NOT NULL,
                due bigint,
                met_at bigint,
                dept text COLLATE "C",
                waived boolean NOT NULL
            )
            """,
            "CREATE INDEX dues_case ON dues(case_id)",
            "CREATE INDEX dues_open_ordered ON dues(due, num, rule) WHERE met_at IS NULL AND NOT waived",
            "CREATE INDEX dues_period ON dues(due, met_at)",
            """
            CREATE TABLE departments (
                code text COLLATE "C" PRIMARY KEY,
                seq bigint NOT NULL,
                json text NOT NULL
            )
            """,
        ]),
        // Who typed each event (the database role, next to the person it is attributed to): present means the
        // event's hash is of the v2 form. Checkpoints anchor the head outside the events table.
        ("v2-operators-checkpoints", [
            "ALTER TABLE events ADD COLUMN operator text, ADD COLUMN operator_name text",
            """
            CREATE TABLE checkpoints (
                n bigint PRIMARY KEY,
                count bigint NOT NULL,
                head text NOT NULL,
                at bigint NOT NULL,
                key text NOT NULL,
                signature text NOT NULL
            )
            """,
        ]),
        // The same projections as SQLite's `v5-perf-search-extensions`: each case's searchable text with its grams
        // (`SearchGrams.set`) under a GIN index (pg_trgm cannot find two-character Chinese words), and the
        // extension applications. Snapshots become compact bytes (`SnapshotCodec`); the JSON of older rows is kept
        // as its bytes, which the reader still understands. The rebuild asked for fills the new tables.
        ("v5-perf-search-extensions", [
            "ALTER TABLE cases ALTER COLUMN snapshot TYPE bytea USING convert_to(snapshot, 'UTF8')",
            "CREATE TABLE case_text (num bigint PRIMARY KEY, body text NOT NULL, grams text[] NOT NULL)",
            "CREATE INDEX case_text_grams ON case_text USING gin (grams)",
            """
            CREATE TABLE case_extensions (
                num bigint NOT NULL,
                ext bigint NOT NULL,
                dept text COLLATE "C",
                days integer NOT NULL,
                reason text NOT NULL,
                applied bigint NOT NULL,
                state text COLLATE "C" NOT NULL,
                decided_days integer,
                PRIMARY KEY (num, ext)
            )
            """,
            "CREATE INDEX case_extensions_pending ON case_extensions(num, ext) WHERE state = 'pending'",
            """
            INSERT INTO meta(key, value) VALUES ('projections.stale', 'perf-1')
            ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """,
        ]),
        // The same columns and indexes as SQLite's `v5-supervision` (see there and `SupervisionQueries.swift`), after
        // perf's migration. Applied names are read back in name order, which must be this order. Stores made on the
        // supervision branch before it met perf recorded these statements as `v3-supervision`: they are written so
        // that running them again changes nothing (IF NOT EXISTS).
        ("v5-supervision", [
            "ALTER TABLE cases ADD COLUMN IF NOT EXISTS first_recorded bigint, ADD COLUMN IF NOT EXISTS last_recorded bigint",
            """
            UPDATE cases SET first_recorded = e.f, last_recorded = e.l
            FROM (SELECT case_id, min(recorded) AS f, max(recorded) AS l FROM events WHERE case_id IS NOT NULL
                  GROUP BY case_id) e
            WHERE e.case_id = cases.id
            """,
            "CREATE INDEX IF NOT EXISTS cases_touched ON cases(last_recorded, first_recorded)",
            """
            ALTER TABLE dues ADD COLUMN IF NOT EXISTS designated boolean NOT NULL DEFAULT false,
                ADD COLUMN IF NOT EXISTS level text COLLATE "C",
                ADD COLUMN IF NOT EXISTS start_seq bigint, ADD COLUMN IF NOT EXISTS end_seq bigint,
                ADD COLUMN IF NOT EXISTS first_recorded bigint NOT NULL DEFAULT 0,
                ADD COLUMN IF NOT EXISTS last_recorded bigint NOT NULL DEFAULT 0
            """,
            """
            UPDATE dues SET designated = c.designated, level = c.level, first_recorded = coalesce(c.first_recorded, 0),
                last_recorded = coalesce(c.last_recorded, 0)
            FROM cases c WHERE c.id = dues.case_id
            """,
            "DROP INDEX IF EXISTS dues_period",
            "CREATE INDEX dues_period ON dues(due, num, rule)",
            "CREATE INDEX IF NOT EXISTS dues_score ON dues(dept, rule, due) INCLUDE (met_at, waived, designated, last_recorded)",
        ]),
        // The live terminals' wake-up (docs/architecture.md, "Live"): every statement that adds events or changes
        // meta data (a drill's journal) notifies `yuqing_changes`. A trigger fires inside the writing transaction,
        // and PostgreSQL delivers a NOTIFY only at COMMIT (and folds the notifications of one transaction into one):
        // a listener wakes exactly when the change is visible, never for a rolled-back write, at no extra round trip.
        ("v6-notify", [
            """
            CREATE FUNCTION yuqing_notify_changes() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('\(PostgresChangeFeed.channel)', '');
                RETURN NULL;
            END
            $$
            """,
            """
            CREATE TRIGGER events_notify AFTER INSERT ON events
            FOR EACH STATEMENT EXECUTE FUNCTION yuqing_notify_changes()
            """,
            """
            CREATE TRIGGER meta_notify AFTER INSERT OR UPDATE OR DELETE ON meta
            FOR EACH STATEMENT EXECUTE FUNCTION yuqing_notify_changes()
            """,
        ]),
        // As SQLite's `v7-snapshots-v3`: version 2 snapshots lacked fields; the next connection rebuilds once.
        ("v7-snapshots-v3", [
            """
            INSERT INTO meta(key, value) VALUES ('projections.stale', 'snapshots-3')
            ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """,
        ]),
        // The server checks who appends (docs/security.md §1): an event must name as its operator the role that
        // inserts it, which is what yuqing itself writes (on a server the operator is `current_user`). Without it a
        // desk's role could append, with `psql`, correctly chained events in anyone's name. The tables' owner is
        // exempt — it copies a store's history (`store copy`) and could drop the trigger anyway — and so are
        // superusers (`pg_has_role` holds for them).
        ("v8-operator-check", [
            """
            CREATE FUNCTION yuqing_check_operator() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.operator IS DISTINCT FROM current_user::text
                   AND NOT pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'USAGE')
                THEN
                    RAISE EXCEPTION 'an event must name the role that appends it: operator %, role %',
                        coalesce(NEW.operator, 'null'), current_user USING ERRCODE = 'insufficient_privilege';
                END IF;
                RETURN NEW;
            END
            $$
            """,
            """
            CREATE TRIGGER events_operator BEFORE INSERT ON events
            FOR EACH ROW EXECUTE FUNCTION yuqing_check_operator()
            """,
        ]),
        // As SQLite's `v9-snapshots-v4`: `majorSensitiveUntil` decides whether an escalation is still owed.
        ("v9-snapshots-v4", [
            """
            INSERT INTO meta(key, value) VALUES ('projections.stale', 'snapshots-4')
            ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """,
        ]),
    ]

    /// Applies the migrations not applied yet, in one transaction (PostgreSQL's DDL is transactional: all or
    /// nothing), under an advisory lock so that two processes opening a new database at once do not both create
    /// the tables.
    static func migrate(_ link: PostgresLink) throws {
        // Nothing to do (the usual case, and the only possible one on a read-only replica, where no lock can be
        // taken): check without a transaction first.
        let exists = try link.query("SELECT to_regclass('yuqing_migrations') IS NOT NULL").rows.first.map { row in
            var c = Cells(row)
            return try c.next(Bool.self)
        } ?? false
        let before = exists ? Set(try applied(link)) : []
        if before.isSuperset(of: migrations.map(\.name)) { return }
        try link.query("BEGIN")
        do {
            try link.query("SELECT pg_advisory_xact_lock(\(migrationLock))")
            try link.query("CREATE TABLE IF NOT EXISTS yuqing_migrations (name text PRIMARY KEY)")
            let done = Set(try applied(link))
            for m in migrations where !done.contains(m.name) {
                for s in m.statements { try link.query(s) }
                var b = PostgresBindings()
                b.append(m.name)
                try link.query("INSERT INTO yuqing_migrations(name) VALUES ($1)", b)
            }
            try link.query("COMMIT")
        } catch {
            if link.isOpen { _ = try? link.query("ROLLBACK") }
            // A desk's role may not change the schema: after an upgrade the owner migrates first. Say so, rather
            // than the server's "permission denied for schema public".
            if exists, case let .io(text)? = error as? StoreError, text.contains("SQLSTATE 42501") {
                throw StoreError.schemaBehind(pending: migrations.map(\.name).filter { !before.contains($0) })
            }
            throw error
        }
    }

    /// Names of the applied migrations (tests, `store info`).
    static func applied(_ link: PostgresLink) throws -> [String] {
        try link.query("SELECT name FROM yuqing_migrations ORDER BY name").rows.map { row in
            var c = Cells(row)
            return try c.next(String.self)
        }
    }
}
