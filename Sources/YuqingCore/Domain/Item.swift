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
    public var title: String
    public var url: String?
    public var source: Source
    public var category: Category?
    public var excerpt: String?
    public var metrics: Metrics
    public init(title: String, url: String?, source: Source, category: Category?, excerpt: String?,
                metrics: Metrics = Metrics()) {
        self.title = title
        self.url = url
        self.source = source
        self.category = category
        self.excerpt = excerpt
        self.metrics = metrics
    }
}
