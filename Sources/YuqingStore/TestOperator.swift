import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Several operators from one OS user, for tests only (docs/security.md, "Testing with several operators").
///
/// The processes of a test all run as the same OS user, so they would all be the same operator; a meeting held from
/// three terminals needs three. `YUQING_TEST_OPERATOR=LOGIN` makes a process sign in as LOGIN instead of the OS
/// login — but only where that gives nobody anything they did not have:
///
/// - only in a debug build (the code is not compiled into a release build, which is what is installed);
/// - never on PostgreSQL, where the operator is the database role the server authenticated;
/// - on a SQLite file only when it is a *personal* store of the user running yuqing: the file is theirs and
///   neither its group nor others may read or write it, and its directory is theirs and writable by nobody else.
///   Its owner can already write anything into such a file (security.md, "what yuqing cannot protect against");
///   on a shared store (`store init --shared`, group-writable) the variable is ignored, so no member of the group
///   can pass for another;
/// - on a scratch (memory) store, which lives and dies with the process.
public enum TestOperator {
    public static let variable = "YUQING_TEST_OPERATOR"

    /// The login asked for by the environment when it may be honoured on `store`, else nil (the OS login stands).
    public static func login(for store: any Store,
                             environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        #if DEBUG
        guard let login = environment[variable], isLogin(login), store.currentRole == nil else { return nil }
        if store is MemoryStore { return login }
        guard let path = (store as? SQLiteStore)?.path, isPersonal(path) else { return nil }
        return login
        #else
        return nil
        #endif
    }

    /// Letters, digits, `.`, `_` and `-`, as logins are (nothing that could read as another column or a path).
    static func isLogin(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 64 && s.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)
        }
    }

    /// Owned by the effective user, no access for group or others; its directory owned by them too and writable by
    /// nobody else (so nobody else could have put the file there or swap it).
    static func isPersonal(_ path: String) -> Bool {
        let me = geteuid()
        var file = stat()
        guard lstat(path, &file) == 0, (file.st_mode & S_IFMT) == S_IFREG, file.st_uid == me,
              file.st_mode & 0o077 == 0 else { return false }
        var dir = stat()
        let parent = (path as NSString).deletingLastPathComponent
        guard stat(parent.isEmpty ? "." : parent, &dir) == 0, dir.st_uid == me, dir.st_mode & 0o022 == 0 else {
            return false
        }
        return true
    }
}
