/// A closed set of codes typed in English or Chinese (`weibo` / `微博`), each with a localized name.
public protocol Code: RawRepresentable<String>, CaseIterable, Sendable, Hashable, Codable {
    var name: Localized { get }
}

extension Code {
    /// Accepts the English code (any case) or the Chinese name.
    public init?(code: String) {
        if let c = Self(rawValue: code.lowercased()) {
            self = c
            return
        }
        guard let c = Self.allCases.first(where: { $0.name.zh == code }) else { return nil }
        self = c
    }
}

/// Where an item was found (Art. 3).
public enum Source: String, Code {
    case website, weibo, wechat, news, forum, video, other
    public var name: Localized {
        switch self {
        case .website: Localized(zh: "网站", en: "website")
        case .weibo: Localized(zh: "微博", en: "Weibo")
        case .wechat: Localized(zh: "微信", en: "WeChat")
        case .news: Localized(zh: "新闻", en: "news")
        case .forum: Localized(zh: "论坛", en: "forum")
        case .video: Localized(zh: "视频", en: "video")
        case .other: Localized(zh: "其他", en: "other")
        }
    }
}

/// The gathering points of Art. 2.
public enum Category: String, Code {
    case demand, hotspot, style, suggestion, sensitive
    public var name: Localized {
        switch self {
        case .demand: Localized(zh: "利益诉求", en: "interests and demands")
        case .hotspot: Localized(zh: "热点话题", en: "hot topic")
        case .style: Localized(zh: "作风建设", en: "department style")
        case .suggestion: Localized(zh: "意见建议", en: "suggestion")
        case .sensitive: Localized(zh: "其他敏感", en: "other sensitive")
        }
    }
}

/// Where a case stands in the five steps of Art. 10 (collect, claim, judge, dispose, respond) and after.
public enum Stage: String, Code, Comparable {
    case collected, claimed, assessed, reported, verified, responded, following, closed
    public var name: Localized {
        switch self {
        case .collected: Localized(zh: "已收集", en: "collected")
        case .claimed: Localized(zh: "已认领", en: "claimed")
        case .assessed: Localized(zh: "已研判", en: "assessed")
        case .reported: Localized(zh: "已报送", en: "reported")
        case .verified: Localized(zh: "已核实", en: "verified")
        case .responded: Localized(zh: "已回应", en: "responded")
        case .following: Localized(zh: "跟踪中", en: "following")
        case .closed: Localized(zh: "已办结", en: "closed")
        }
    }
    private var order: Int { Stage.allCases.firstIndex(of: self) ?? 0 }
    public static func < (a: Stage, b: Stage) -> Bool { a.order < b.order }
}

/// How a new item relates to an existing case (Art. 9 ¶2: a recurrence reopens the watch).
public enum LinkKind: String, Code {
    case duplicate, recurrence
    public var name: Localized {
        switch self {
        case .duplicate: Localized(zh: "重复", en: "duplicate")
        case .recurrence: Localized(zh: "复发", en: "recurrence")
        }
    }
}

/// The direction of public opinion in a risk judgement (Art. 7).
public enum Trend: String, Code {
    case rising, stable, falling
    public var name: Localized {
        switch self {
        case .rising: Localized(zh: "上升", en: "rising")
        case .stable: Localized(zh: "平稳", en: "stable")
        case .falling: Localized(zh: "回落", en: "falling")
        }
    }
}

/// The possible impact in a risk judgement (Art. 7).
public enum Impact: String, Code {
    case low, medium, high, severe
    public var name: Localized {
        switch self {
        case .low: Localized(zh: "低", en: "low")
        case .medium: Localized(zh: "中", en: "medium")
        case .high: Localized(zh: "高", en: "high")
        case .severe: Localized(zh: "严重", en: "severe")
        }
    }
}
