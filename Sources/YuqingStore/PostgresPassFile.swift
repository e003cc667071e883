import Foundation
import YuqingCore

/// libpq's password file (`~/.pgpass`, or the file `PGPASSFILE` names), read when the URL, its `password=` and
/// `PGPASSWORD` give no password — so a desk's password need not sit in a URL, a script or the environment.
///
/// The rules are libpq's: one `hostname:port:database:username:password` a line, `*` matches anything in the
/// first four fields, `\:` and `\\` escape, `#` starts a comment line, the first matching line wins. For a Unix
/// socket the hostname field is matched against the socket's folder, and also against `localhost` when the folder
/// is the default one. A file that group or others may read or write is ignored with a warning (it should be
/// 0600), and so is anything that is not a regular file.
enum PostgresPassFile {
    /// The default socket folder: `localhost` in the file stands for it, as libpq's default does.
    static let defaultSocketFolder = "/var/run/postgresql"

    /// The file to read: `PGPASSFILE`, else `$HOME/.pgpass`; nil without either.
    static func path(_ environment: [String: String]) -> String? {
        if let p = environment["PGPASSFILE"], !p.isEmpty { return p }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.pgpass" }
        return nil
    }

    /// The password for a connection, and a warning when the file exists but was ignored.
    static func lookup(path: String, endpoint: PostgresLocation.Endpoint, database: String,
                       user: String) -> (password: String?, warning: Localized?) {
        var st = stat()
        guard stat(path, &st) == 0 else { return (nil, nil) }
        guard st.st_mode & 0o170000 == 0o100000 else {  // S_IFMT, S_IFREG
            return (nil, Localized(zh: "密码文件 \(path) 不是普通文件，已忽略", en: "the password file \(path) is not a plain file; it was ignored"))
        }
        guard st.st_mode & 0o077 == 0 else {
            return (nil, Localized(
                zh: "密码文件 \(path) 允许用户组或其他用户访问，已忽略；权限应为 0600（chmod 600 \(path)）",
                en: "the password file \(path) has group or world access and was ignored; its mode should be 0600 (chmod 600 \(path))"))
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            return (nil, nil)
        }
        let hosts: [String], port: Int
        switch endpoint {
        case let .tcp(host, p): (hosts, port) = ([host], p)
        case let .socket(folder, p): (hosts, port) = (folder == defaultSocketFolder ? [folder, "localhost"] : [folder], p)
        }
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = String(raw)
            if line.hasPrefix("#") || line.isEmpty { continue }
            let f = fields(line)
            guard f.count == 5 else { continue }
            func matches(_ pattern: String, _ values: [String]) -> Bool { pattern == "*" || values.contains(pattern) }
            if matches(f[0], hosts), matches(f[1], [String(port)]), matches(f[2], [database]), matches(f[3], [user]) {
                return (f[4], nil)
            }
        }
        return (nil, nil)
    }

    /// Splits a line at its unescaped colons into at most five fields (the last, the password, keeps any further
    /// colons), undoing `\:` and `\\`.
    static func fields(_ line: String) -> [String] {
        var out: [String] = []
        var current = ""
        var escaped = false
        for c in line {
            if escaped {
                current.append(c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == ":" && out.count < 4 {
                out.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        out.append(current)
        return out
    }
}
