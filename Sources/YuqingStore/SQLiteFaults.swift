/// Storage failures a test can inject into a `SQLiteStore` (`store.faults = StoreFaults(failCommit: 3)`), for the
/// paths a full disk takes when a real one is not at hand. Not used outside tests.
final class StoreFaults {
    /// The commit (counted from 1) that fails with SQLITE_FULL, as on a full disk; later commits succeed.
    var failCommit: Int?
    private(set) var commits = 0

    init(failCommit: Int? = nil) { self.failCommit = failCommit }

    func commitShouldFail() -> Bool {
        commits += 1
        return commits == failCommit
    }
}
