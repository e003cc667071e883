import Foundation
import YuqingCore
import YuqingStore

extension StoreVerbs {
    /// `store init [--shared GROUP]`: the permissions of the store's files. A personal store is 0600 in a 0700
    /// directory (the default when yuqing creates one); a store shared by the staff of one machine belongs to their
    /// group: files 0660 (the key 0640: group members sign checkpoints but never rewrite the key) in a 2770
    /// directory, so the files SQLite creates later (WAL, shared memory) get the group too. Each member still signs
    /// in as themselves.
    struct StoreInit: Verb {
        static let spec = CommandSpec(
            name: "init", alias: "初始化", group: .admin,
            summary: Localized(zh: "设定数据库文件的权限：个人（默认）或一个用户组共用", en: "set the store's file permissions: personal (default) or shared by a group"),
            synopsis: "store init [--shared GROUP]",
            help: Localized(
                zh: "个人数据库：文件 0600、目录 0700，只有本人可读写。--shared GROUP：本机同一用户组的工作人员共用，文件 0660（签名密钥 0640）、目录 2770。数据库须单独放在一个目录中（目录里有其他文件时拒绝，以免改动 /tmp 之类的公共目录）。每位工作人员仍以自己的系统登录名操作。",
                en: "A personal store: files 0600 in a 0700 directory, readable by you only. --shared GROUP: shared by the staff of one machine in that group: files 0660 (the signing key 0640) in a 2770 directory. The store must have a directory of its own (one holding other files is refused, so that a directory such as /tmp is never changed). Each member still signs in as themselves."),
            examples: ["store init", "store init --shared yuqing"],
            mutates: true)

        @Option(.word, help: Localized(zh: "共用的系统用户组", en: "the system group that shares it")) var shared: String?

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            guard let path = (ws.store as? SQLiteStore)?.path else {
                throw ShellError(zh: "只有 SQLite 数据库文件需要设定权限（PostgreSQL 由数据库角色控制）",
                                 en: "only an SQLite store file has permissions to set (PostgreSQL is governed by its roles)",
                                 range: inv.verbRange, kind: .usage)
            }
            var gid: gid_t?
            if let g = shared {
                guard let id = SecureFiles.groupID(g) else {
                    throw ShellError(Localized(zh: "没有系统用户组“\(g)”", en: "no system group “\(g)”"), range: $shared.range,
                                     hint: Localized(zh: "先由系统管理员建立（groupadd）并加入成员", en: "have the system administrator create it (groupadd) and add the members"),
                                     kind: .notFound)
                }
                gid = id
            }
            let dir = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
            let base = (path as NSString).lastPathComponent
            let own = Set([base, base + "-wal", base + "-shm", base + "-queue", base + ".key", base + ".head", "calendars"])
            let present = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            let foreign = present.filter { !own.contains($0) && !$0.hasPrefix(base + ".head.tmp") }.sorted()
            guard foreign.isEmpty else {
                throw ShellError(Localized(zh: "目录 \(dir) 里还有其他文件（\(foreign.prefix(3).joined(separator: "、"))…）：请把数据库放在单独的目录中",
                                           en: "the directory \(dir) holds other files (\(foreign.prefix(3).joined(separator: ", "))…): give the store a directory of its own"),
                                 range: inv.verbRange, kind: .usage)
            }
            let fileMode: mode_t = gid == nil ? 0o600 : 0o660
            let keyMode: mode_t = gid == nil ? 0o600 : 0o640
            let dirMode: mode_t = gid == nil ? 0o700 : 0o2770
            func set(_ p: String, _ mode: mode_t) throws(ShellError) {
                guard FileManager.default.fileExists(atPath: p) else { return }
                do {
                    if let gid { try SecureFiles.share(p, group: gid, mode: mode) } else if chmod(p, mode) != 0 {
                        throw StoreError.io("cannot set the mode of \(p): \(String(cString: strerror(errno)))")
                    }
                } catch { throw ShellError(caught: error, range: inv.verbRange) }
            }
            try set(dir, dirMode)
            for name in [base, base + "-wal", base + "-shm", base + "-queue", base + ".head"] { try set(dir + "/" + name, fileMode) }
            try set(dir + "/" + base + ".key", keyMode)
            let cal = dir + "/calendars"
            try set(cal, dirMode)
            for f in (try? FileManager.default.contentsOfDirectory(atPath: cal)) ?? [] { try set(cal + "/" + f, fileMode) }
            if let g = shared {
                return CommandOutput(zh: "数据库 \(path) 已由用户组 \(g) 共用：文件 0660（密钥 0640），目录 2770。",
                                     en: "The store \(path) is now shared by the group \(g): files 0660 (the key 0640), directory 2770.")
            }
            return CommandOutput(zh: "数据库 \(path) 为个人使用：文件 0600，目录 0700。", en: "The store \(path) is personal: files 0600, directory 0700.")
        }
    }
}
