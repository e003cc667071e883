/// The identity of an online post behind the many URLs that lead to it.
///
/// Monitoring platforms, share buttons and mobile sites hand out the same post under different addresses:
/// `https://weibo.com/1749127163/O8DMqvF1x?refer_flag=1001030103_`, `http://m.weibo.cn/status/5021734530057453`,
/// `https://mp.weixin.qq.com/s?__biz=…&mid=…&idx=1&sn=…&chksm=…&scene=27#wechat_redirect`. yuqing keeps the URL as
/// written (it is what a coordinator clicks) and compares posts by `PostURL.identity`, so the same post is the same
/// case whatever tracking parameters, mobile host or scheme it carries.
///
/// Per platform the identity keeps only what names the post (Weibo's numeric mid, WeChat's `__biz/mid/idx/sn`,
/// Douyin's video id…); other sites keep host, path and the query without tracking parameters. Pure string work, no
/// Foundation: the core stays free of I/O. Stores index these keys: a change to the rules that makes other URLs
/// equal needs `store rebuild` (it re-keys the index from the URLs as written) or a store migration.
public enum PostURL {
    /// The comparison key of a post's URL: equal keys are the same post. Not a URL (`weibo:5021734530057453`).
    public static func identity(_ url: String) -> String {
        let trimmed = url.trimmingWhitespace()
        guard let p = Parts(trimmed) else { return trimmed }
        if let key = platformKey(p) { return key }
        return genericKey(p)
    }

    /// Why `url` cannot be stored as a post's (or a response's) link, nil when it can: only a web address is
    /// accepted — `http://` or `https://` (any case) and a host — so a link printed in a document or clicked in a
    /// listing never runs a script (`javascript:`, `vbscript:`, `data:`) or opens a file (`file:`). A space or a
    /// control, format (bidi, zero-width) or separator character anywhere is refused too, by its position: it would
    /// hide what the link really is. Pure: the shell shows the reason at the option, an import at the row.
    public static func problem(_ url: String) -> Localized? {
        for (i, u) in url.unicodeScalars.enumerated() {
            // Printable ASCII, nearly all of any link, is never hidden: spared the Unicode tables (every collect).
            if u.value > 0x20 && u.value < 0x7F { continue }
            let hidden: Bool = switch u.properties.generalCategory {
            case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator: true
            default: u.properties.isWhitespace
            }
            guard hidden else { continue }
            let hex = String(u.value, radix: 16, uppercase: true)
            let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            return Localized(zh: "链接第 \(i + 1) 个字符是空白或控制字符（\(code)），不能作为网址",
                             en: "the link holds a space or control character (\(code)) at character \(i + 1): it is not a web address")
        }
        let lower = url.lowercased()
        let scheme = ["https://", "http://"].first { lower.hasPrefix($0) }
        guard let scheme else {
            let named = url.firstIndex(of: ":").map { String(url[..<$0]) }
                .flatMap { $0.isEmpty || $0.count > 20 || !$0.allSatisfy({ $0.isASCIILetter || $0.isASCIIDigit || "+-.".contains($0) }) ? nil : $0 }
            let shown = url.count > 60 ? String(url.prefix(60)) + "…" : url
            return Localized(
                zh: "链接“\(shown)”不是网页地址\(named.map { "（\($0): 链接）" } ?? "")：只接受以 http:// 或 https:// 开头的链接",
                en: "the link “\(shown)” is not a web address\(named.map { " (a \($0): link)" } ?? ""): only links beginning with http:// or https:// are accepted")
        }
        let rest = url.dropFirst(scheme.count)
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let host = authority.split(separator: "@", omittingEmptySubsequences: false).last ?? ""
        guard !host.isEmpty, !host.hasPrefix(":") else {
            return Localized(zh: "链接“\(url)”没有网站地址（\(scheme) 之后应为域名）",
                             en: "the link “\(url)” names no host (a domain name comes after \(scheme))")
        }
        return nil
    }

    // MARK: platforms

    static func platformKey(_ p: Parts) -> String? {
        let host = p.host
        let segs = p.segments
        func on(_ domain: String) -> Bool { host == domain || host.hasSuffix("." + domain) }
        if on("weibo.com") || on("weibo.cn") {
            // weibo.com/{uid}/{bid} · m.weibo.cn/status/{mid|bid} · m.weibo.cn/detail/{mid} · m.weibo.cn/{uid}/{mid}
            if segs.count >= 2, ["status", "detail"].contains(segs[0]), let mid = weiboMid(segs[1]) {
                return "weibo:" + mid
            }
            if segs.count == 2, segs[0].allSatisfy(\.isASCIIDigit), let mid = weiboMid(segs[1]) {
                return "weibo:" + mid
            }
            if let mid = p.query("mid").flatMap(weiboMid) ?? p.query("id").flatMap(weiboMid), segs.first == "detail" || segs.isEmpty {
                return "weibo:" + mid
            }
            return nil
        }
        if host == "mp.weixin.qq.com" {
            // The long form names the article by account, message, position and signature; `/s/{token}` is the
            // short form (a different key: the two forms cannot be matched without fetching the page).
            if let biz = p.query("__biz"), let mid = p.query("mid") ?? p.query("appmsgid") {
                let idx = p.query("idx") ?? p.query("itemidx") ?? "1"
                return "wechat:\(biz)/\(mid)/\(idx)/\(p.query("sn") ?? p.query("sign") ?? "")"
            }
            if segs.count == 2, segs[0] == "s" { return "wechat:s/" + segs[1] }
            return nil
        }
        if on("douyin.com") || on("iesdouyin.com") {
            if host.hasPrefix("v.") { return segs.first.map { "douyin:short/" + $0 } }
            for kind in ["video", "note"] {
                if let i = segs.firstIndex(of: kind), i + 1 < segs.count, segs[i + 1].allSatisfy(\.isASCIIDigit) {
                    return "douyin:\(kind)/\(segs[i + 1])"
                }
            }
            if let id = p.query("modal_id"), id.allSatisfy(\.isASCIIDigit) { return "douyin:video/" + id }
            return nil
        }
        if on("toutiao.com") {
            // /article/{id} · /a{id} · /i{id} · /group/{id} · /w/{id} · /video/{id}
            if segs.count >= 2, ["article", "group", "w", "video", "item"].contains(segs[0]),
               segs[1].allSatisfy(\.isASCIIDigit) {
                return "toutiao:" + segs[1]
            }
            if let s = segs.first, s.count > 1, s.first == "a" || s.first == "i",
               s.dropFirst().allSatisfy(\.isASCIIDigit) {
                return "toutiao:" + s.dropFirst()
            }
            return nil
        }
        if on("zhihu.com") {
            if let i = segs.firstIndex(of: "answer"), i + 1 < segs.count { return "zhihu:answer/" + segs[i + 1] }
            if host.hasPrefix("zhuanlan."), segs.count >= 2, segs[0] == "p" { return "zhihu:p/" + segs[1] }
            for kind in ["question", "pin", "zvideo"] where segs.count >= 2 && segs[0] == kind {
                return "zhihu:\(kind)/" + segs[1]
            }
            return nil
        }
        if on("bilibili.com") {
            if let i = segs.firstIndex(of: "video"), i + 1 < segs.count {
                let id = segs[i + 1]
                // `BV1xx411c7mD`: the id is case-sensitive after its prefix; `?p=2` names a part of a video.
                let norm = id.lowercased().hasPrefix("bv") ? "BV" + id.dropFirst(2) : id.lowercased()
                let part = p.query("p").flatMap { $0 == "1" ? nil : $0 }
                return "bilibili:video/" + norm + (part.map { "?p=" + $0 } ?? "")
            }
            if segs.count >= 2, segs[0] == "opus" || (host.hasPrefix("t.") && segs.count == 1) {
                return "bilibili:" + segs.joined(separator: "/")
            }
            if host.hasPrefix("t."), let s = segs.first { return "bilibili:dynamic/" + s }
            return nil
        }
        if on("kuaishou.com") || on("gifshow.com") || on("chenzhongtech.com") {
            for kind in ["short-video", "photo", "video"] {
                if let i = segs.firstIndex(of: kind), i + 1 < segs.count { return "kuaishou:" + segs[i + 1] }
            }
            if let id = p.query("photoId") { return "kuaishou:" + id }
            if host == "v.kuaishou.com" { return segs.first.map { "kuaishou:short/" + $0 } }
            return nil
        }
        if host == "tieba.baidu.com" || host == "m.tieba.baidu.com" || host == "jump2.bdimg.com" {
            if segs.count >= 2, segs[0] == "p" { return "tieba:p/" + segs[1] }
            if let kz = p.query("kz") ?? p.query("tid") { return "tieba:p/" + kz }
            return nil
        }
        if host == "liuyan.people.com.cn" {
            // 人民网领导留言板: /threads/content?tid=N, or /threads/content/N on the mobile site.
            if let tid = p.query("tid") { return "liuyan:" + tid }
            if segs.count >= 3, segs[0] == "threads", segs[1] == "content" { return "liuyan:" + segs[2] }
            return nil
        }
        return nil
    }

    /// Weibo names a post by a numeric mid or by its base-62 form (`O8DMqvF1x`); both become the mid.
    static func weiboMid(_ s: String) -> String? {
        if !s.isEmpty, s.count >= 10, s.allSatisfy(\.isASCIIDigit) { return s }
        guard s.count >= 8, s.count <= 10, s.allSatisfy({ $0.isASCIIDigit || $0.isASCIILetter }),
              s.contains(where: \.isASCIILetter) else { return nil }
        let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
        var digits: [String] = []
        var chars = Array(s)
        // Groups of four characters from the right, each a base-62 number written as seven decimal digits.
        while !chars.isEmpty {
            let group = chars.suffix(4)
            chars.removeLast(group.count)
            var n = 0
            for c in group {
                guard let v = alphabet.firstIndex(of: c) else { return nil }
                n = n * 62 + v
            }
            var d = String(n)
            if !chars.isEmpty { d = String(repeating: "0", count: max(0, 7 - d.count)) + d }
            digits.insert(d, at: 0)
        }
        return digits.joined()
    }

    // MARK: other sites

    /// Query parameters that only say who shared a link or where it was clicked.
    static func isTracking(_ name: String) -> Bool {
        let n = name.lowercased()
        if n.hasPrefix("utm_") || n.hasPrefix("share_") || n.hasPrefix("sharer_") || n.hasPrefix("spm") { return true }
        return trackingNames.contains(n)
    }

    static let trackingNames: Set<String> = [
        "from", "refer_flag", "referfrom", "ref", "source", "src", "fromsource", "frommodule", "sudaref", "scene",
        "srcid", "clicktime", "enterid", "timestamp", "t", "isappinstalled", "wfr", "sharefrom", "share",
        "is_from_webapp", "sender_device", "u_code", "did", "iid", "tt_from", "app", "vd_source", "bd_vid",
        "_wv", "wxshare_count", "chksm", "nsukey", "mpshare", "sessionid", "ascene", "devicetype", "version",
        "lang", "pass_ticket", "exportkey", "acctmode", "fbclid", "gclid", "yclid", "mc_cid", "mc_eid", "display",
        "retcode", "weibo_id", "luicode", "lfid", "featurecode", "jumpfrom", "rcm", "rcmd", "type", "zhida_source",
        "edition", "unique_k", "utm", "channel", "wechat_redirect", "hmsr", "hmpl", "hmcu", "hmkw", "hmci",
    ]

    /// Mobile and `www.` hosts serve the same page on news and government sites.
    static func siteHost(_ host: String) -> String {
        for prefix in ["www.", "m.", "wap.", "3g.", "mobile."] where host.hasPrefix(prefix) {
            let rest = String(host.dropFirst(prefix.count))
            if rest.contains(".") { return rest }
        }
        return host
    }

    static func genericKey(_ p: Parts) -> String {
        var path = p.path
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        if path == "/" { path = "" }
        let kept = p.queryItems.filter { !isTracking($0.name) }.sorted { ($0.name, $0.value) < ($1.name, $1.value) }
        let query = kept.map { $0.value.isEmpty ? $0.name : $0.name + "=" + $0.value }.joined(separator: "&")
        return siteHost(p.host) + path + (query.isEmpty ? "" : "?" + query)
    }

    // MARK: parsing

    /// A URL taken apart without Foundation: scheme and fragment dropped, host lowercased without port or
    /// credentials, path as written, query items in order.
    struct Parts {
        var host: String
        var path: String
        var queryItems: [(name: String, value: String)]

        var segments: [String] { path.split(separator: "/").map(String.init) }

        func query(_ name: String) -> String? {
            queryItems.first(where: { $0.name == name }).map(\.value).flatMap { $0.isEmpty ? nil : $0 }
        }

        init?(_ url: String) {
            // Nearly every URL is ASCII, where a character is one byte (but for `\r\n`, which a URL never holds):
            // taken apart byte by byte, to the same parts (`PostURLTests` compares the two): the identity of a
            // rebuild's URLs went from 5 to 2 µs each, most of it the walk over characters.
            if url.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) {
                self.init(asciiBytes: url)
            } else {
                self.init(characters: url)
            }
        }

        /// `init(characters:)` for a URL of ASCII characters without a carriage return, on its UTF-8 bytes.
        init?(asciiBytes url: String) {
            let u = url.utf8
            var start = u.startIndex
            let colonSlashes = Array("://".utf8)
            if let colon = u.firstIndex(of: 0x3A), u[colon...].starts(with: colonSlashes) {
                let scheme = u[..<colon]
                let isSchemeByte: (UInt8) -> Bool = { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A || $0 == 0x2B || $0 == 0x2D || $0 == 0x2E }
                guard !scheme.isEmpty, scheme.allSatisfy(isSchemeByte) else { return nil }
                start = u.index(colon, offsetBy: 3)
            } else if u.starts(with: [0x2F, 0x2F]) {
                start = u.index(start, offsetBy: 2)
            }
            let end = u[start...].firstIndex(of: 0x23) ?? u.endIndex
            let rest = u[start..<end]
            let hostEnd = rest.firstIndex(where: { $0 == 0x2F || $0 == 0x3F }) ?? rest.endIndex
            var host = rest[..<hostEnd]
            if let at = host.lastIndex(of: 0x40) { host = host[host.index(after: at)...] }
            if let colon = host.lastIndex(of: 0x3A), host[host.index(after: colon)...].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                host = host[..<colon]
            }
            if host.last == 0x2E { host = host.dropLast() }
            guard host.contains(0x2E), !host.contains(0x20) else { return nil }
            self.host = String(Substring(host)).lowercased()
            let afterHost = rest[hostEnd...]
            if let q = afterHost.firstIndex(of: 0x3F) {
                path = String(Substring(afterHost[..<q]))
                queryItems = afterHost[afterHost.index(after: q)...].split(separator: 0x26).compactMap { pair in
                    guard !pair.isEmpty else { return nil }
                    if let eq = pair.firstIndex(of: 0x3D) {
                        return (String(Substring(pair[..<eq])), String(Substring(pair[pair.index(after: eq)...])))
                    }
                    return (String(Substring(pair)), "")
                }
            } else {
                path = String(Substring(afterHost))
                queryItems = []
            }
        }

        /// The parts, character by character: any URL.
        init?(characters url: String) {
            var rest = Substring(url)
            if let colon = rest.firstIndex(of: ":"), rest[colon...].hasPrefix("://") {
                let scheme = rest[..<colon]
                let isSchemeChar: (Character) -> Bool = { $0.isASCIILetter || $0 == "+" || $0 == "-" || $0 == "." }
                guard !scheme.isEmpty, scheme.allSatisfy(isSchemeChar) else { return nil }
                rest = rest[colon...].dropFirst(3)
            } else if rest.hasPrefix("//") {
                rest = rest.dropFirst(2)
            }
            if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
            let hostEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
            var host = rest[..<hostEnd]
            if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
            if let colon = host.lastIndex(of: ":"), host[host.index(after: colon)...].allSatisfy(\.isASCIIDigit) {
                host = host[..<colon]
            }
            if host.hasSuffix(".") { host = host.dropLast() }
            guard host.contains("."), !host.contains(where: { $0 == " " }) else { return nil }
            self.host = host.lowercased()
            let afterHost = rest[hostEnd...]
            if let q = afterHost.firstIndex(of: "?") {
                path = String(afterHost[..<q])
                queryItems = afterHost[afterHost.index(after: q)...].split(separator: "&").compactMap { pair in
                    guard !pair.isEmpty else { return nil }
                    if let eq = pair.firstIndex(of: "=") {
                        return (String(pair[..<eq]), String(pair[pair.index(after: eq)...]))
                    }
                    return (String(pair), "")
                }
            } else {
                path = String(afterHost)
                queryItems = []
            }
        }
    }
}

extension Character {
    // By the ASCII value, not `isNumber`/`isLetter`: those look Unicode properties up for every character, and a
    // post's URL is tested character by character (the same answers: an ASCII character is a digit or a letter
    // exactly when its value is one; `"\r\n"`'s value is that of `\n`, neither).
    var isASCIIDigit: Bool { asciiValue.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
    var isASCIILetter: Bool { asciiValue.map { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A } ?? false }
}

extension StringProtocol {
    /// Without leading and trailing spaces, tabs, line breaks and full-width spaces (no Foundation in the core).
    func trimmingWhitespace() -> String {
        // Most text (every URL) starts and ends with a visible ASCII character: nothing to trim, and no character
        // to classify. A whitespace character never joins a following ASCII one into a single character, so a
        // last byte in `!`…`~` ends a character that is not whitespace.
        let whole = String(self)
        if let first = whole.utf8.first, let last = whole.utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return whole
        }
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}
