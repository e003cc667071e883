import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Files that are never readable by every user of the machine: the store, its WAL, checkpoints, keys and history
/// are created with an exact mode (0600, or 0660 in a group's shared directory), whatever the umask.
public enum SecureFiles {
    /// Creates the directories of `path` that are missing, each with `mode` (0700, or 2770 for a group); existing
    /// directories are left as they are (a store under /tmp must not change /tmp).
    public static func createDirectories(_ path: String, mode: mode_t = 0o700) throws {
        guard !path.isEmpty, !FileManager.default.fileExists(atPath: path) else { return }
        let parent = (path as NSString).deletingLastPathComponent
        if parent != path { try createDirectories(parent, mode: mode) }
        if mkdir(path, mode) != 0 && errno != EEXIST {
            throw StoreError.io("cannot create the directory \(path): \(String(cString: strerror(errno)))")
        }
        _ = chmod(path, mode)
    }

    /// Creates an empty file with `mode` unless it exists (so SQLite opens a file that was never world-readable;
    /// SQLite gives its WAL and shared-memory files the mode of the database file).
    public static func touch(_ path: String, mode: mode_t = 0o600) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        if fd < 0 {
            if errno == EEXIST { return }
            throw StoreError.io("cannot create \(path): \(String(cString: strerror(errno)))")
        }
        _ = fchmod(fd, mode)
        close(fd)
    }

    /// Creates a new file with `contents` and `mode`; fails if it exists.
    public static func createExclusive(_ path: String, contents: Data, mode: mode_t) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw StoreError.io("cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        _ = fchmod(fd, mode)
        try writeAll(fd, contents, path)
        try synced(fd, path)
    }

    /// Replaces `path` with `contents` atomically: written to a temporary file with `mode`, fsynced, then renamed —
    /// so after a power loss the file is the old one or the new one, never an empty one (an empty witness file
    /// fails `audit verify`, as a removed one does).
    public static func replace(_ path: String, contents: Data, mode: mode_t) throws {
        let tmp = path + ".tmp-\(getpid())"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw StoreError.io("cannot write \(tmp): \(String(cString: strerror(errno)))") }
        _ = fchmod(fd, mode)
        do {
            try writeAll(fd, contents, tmp)
            try synced(fd, tmp)
        } catch {
            close(fd)
            unlink(tmp)
            throw error
        }
        close(fd)
        guard rename(tmp, path) == 0 else {
            unlink(tmp)
            throw StoreError.io("cannot replace \(path): \(String(cString: strerror(errno)))")
        }
    }

    private static func synced(_ fd: Int32, _ path: String) throws {
        guard fsync(fd) == 0 else { throw StoreError.io("cannot write \(path): \(String(cString: strerror(errno)))") }
    }

    private static func writeAll(_ fd: Int32, _ data: Data, _ path: String) throws {
        try data.withUnsafeBytes { (buf: UnsafeRawBufferPointer) in
            guard let base = buf.baseAddress else { return }
            var off = 0
            while off < buf.count {
                let n = write(fd, base + off, buf.count - off)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw StoreError.io("cannot write \(path): \(String(cString: strerror(errno)))")
                }
                off += n
            }
        }
    }

    /// The permission bits of a file, or nil when it cannot be read.
    public static func mode(of path: String) -> mode_t? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return st.st_mode & 0o7777
    }

    /// True when every user of the machine may read the file.
    public static func worldReadable(_ path: String) -> Bool { (mode(of: path) ?? 0) & 0o004 != 0 }

    /// Gives `path` to `group` and sets its mode (`store init --shared GROUP`).
    public static func share(_ path: String, group gid: gid_t, mode: mode_t) throws {
        guard chown(path, uid_t.max, gid) == 0 else {
            throw StoreError.io("cannot give \(path) to the group: \(String(cString: strerror(errno)))")
        }
        guard chmod(path, mode) == 0 else {
            throw StoreError.io("cannot set the mode of \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// The id of a group by name, or nil.
    public static func groupID(_ name: String) -> gid_t? {
        guard let g = getgrnam(name) else { return nil }
        return g.pointee.gr_gid
    }

    /// The login of the user running yuqing: the system's record for the effective user id, never `$USER`.
    public static func login() -> String {
        if let pw = getpwuid(geteuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return "uid\(geteuid())"
    }
}
