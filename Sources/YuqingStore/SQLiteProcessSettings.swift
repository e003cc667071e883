import CSQLiteConfig

/// SQLite settings that belong to the process rather than to a connection, applied once before the first connection
/// is opened (`SQLiteStore.configuration` touches `applied` first).
enum SQLiteProcessSettings {
    /// Memory statistics off: with them on, each of SQLite's allocations and frees takes a process-wide mutex to
    /// count bytes (about 5 % of a script's time in perf), and yuqing never reads the counts. When a connection was
    /// opened before this ran (another library in the same process), SQLite refuses the change (SQLITE_MISUSE) and
    /// keeps counting: slower, nothing else.
    static let applied: Int32 = yuqing_sqlite_disable_memstatus()
}
