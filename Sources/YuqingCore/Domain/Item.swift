/// Public reaction counts for a post (Art. 7 judges by "public reaction, follow-up posts, media involvement").
public struct Metrics: Hashable, Sendable, Codable {
    public var reposts: Int
    public var comments: Int
    public var views: Int
    public init(reposts: Int = 0, comments: Int = 0, views: Int = 0) {
        self.reposts = reposts
        self.comments = comments
        self.views = views
    }
}

/// One online post collected about a matter. Several items with the same URL are one case.
public struct Item: Hashable, Sendable, Codable {
    /// The longest title yuqing accepts, in characters (`collect`, imports; docs/reliability.md).
    public static let maxTitleLength = 1_000

    public var title: String
    public var url: String?
    public var source: Source
    public var category: Category?
    public var excerpt: String?
    public var metrics: Metrics
    /// Who posted it (an account or a site's byline), when the export says. Added later: nil in older logs, and
    /// left out of the stored payload when nil, so older events hash as before.
    public var author: String?
    public init(title: String, url: String?, source: Source, category: Category?, excerpt: String?,
                metrics: Metrics = Metrics(), author: String? = nil) {
        self.title = title
        self.url = url
        self.source = source
        self.category = category
        self.excerpt = excerpt
        self.metrics = metrics
        self.author = author
    }
}

/// Counts observed again for a post already in a case (`collect import` of a later export). A count the export
/// did not state is nil and leaves the stored one alone.
public struct MetricsUpdate: Hashable, Sendable, Codable {
    public var reposts: Int?
    public var comments: Int?
    public var views: Int?
    public init(reposts: Int? = nil, comments: Int? = nil, views: Int? = nil) {
        self.reposts = reposts
        self.comments = comments
        self.views = views
    }

    /// `base` with the stated counts put in.
    public func applied(to base: Metrics) -> Metrics {
        Metrics(reposts: reposts ?? base.reposts, comments: comments ?? base.comments, views: views ?? base.views)
    }

    /// True when applying it would change nothing.
    public func isNoChange(for base: Metrics) -> Bool { applied(to: base) == base }
}
