import GRDB
import YuqingCore

/// `case_urls` maps a post's identity to its cases (see `PostURL`). Stores made before identities held the URLs as
/// written; the migration re-keys them once. A later change of `PostURL`'s rules is followed by `store rebuild`,
/// which recomputes the table from the cases' items (the URLs as written are kept there).
enum SQLitePostIdentity {
    static func rekey(_ db: Database) throws {
        // Through a temporary copy and a cursor: a million URLs are never held in memory at once.
        try db.execute(sql: """
            CREATE TEMP TABLE case_urls_written AS SELECT url, num, case_id FROM case_urls;
            DELETE FROM case_urls;
            """)
        let insert = try db.makeStatement(sql: "INSERT OR IGNORE INTO case_urls(url, num, case_id) VALUES (?, ?, ?)")
        let rows = try Row.fetchCursor(db, sql: "SELECT url, num, case_id FROM case_urls_written")
        while let row = try rows.next() {
            let url: String = row["url"]
            try insert.execute(arguments: [PostURL.identity(url), row["num"] as Int, row["case_id"] as String])
        }
        try db.execute(sql: "DROP TABLE case_urls_written")
    }
}
