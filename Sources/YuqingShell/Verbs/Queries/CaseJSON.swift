import YuqingCore
import YuqingStore

/// The stable JSON shapes of `show`, `timeline`, `why` and `cases` (documented in docs/json.md). Keys are fixed
/// and ordered; times are ISO 8601 with the +08:00 offset; codes are the English codes.
enum CaseJSON {
    static func time(_ t: Instant?) -> JSONValue { t.map { .string($0.iso8601) } ?? .null }
    static func str(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }

    static func summary(_ s: CaseSummary) -> JSONValue {
        .object([
            ("id", .string(s.id.description)), ("title", .string(s.title)), ("url", str(s.url)),
            ("stage", .string(s.stage.rawValue)), ("dept", str(s.dept)), ("level", str(s.level?.rawValue)),
            ("source", .string(s.source.rawValue)), ("category", str(s.category?.rawValue)),
            ("historical", .bool(s.historical)), ("designated", .bool(s.designated)),
            ("collected", time(s.collectedAt)), ("claimed", time(s.claimedAt)),
            ("next_due", time(s.nextDue)), ("next_rule", str(s.nextDueRule)),
        ])
    }

    static func caseObject(_ c: CaseFile, obligations: [Obligation], ws: Workspace) -> JSONValue {
        .object([
            ("id", .string(c.id.description)), ("title", .string(c.title)), ("url", str(c.url)),
            ("stage", .string(c.stage.rawValue)), ("dept", str(c.dept)), ("suggested_dept", str(c.suggestedDept)),
            ("level", str(c.level?.rawValue)), ("historical", .bool(c.historical)), ("designated", .bool(c.designated)),
            ("source", .string(c.source.rawValue)), ("category", str(c.category?.rawValue)),
            ("collected", time(c.collectedAt)), ("claimed", time(c.claimedAt)), ("verified", time(c.verifiedAt)),
            ("responded", time(c.respondedAt)), ("closed", time(c.closedAt)),
            ("metrics", .object([("reposts", .int(c.metrics.reposts)), ("comments", .int(c.metrics.comments)),
                                 ("views", .int(c.metrics.views))])),
            ("items", .array(c.items.map { i in
                .object([("title", .string(i.title)), ("url", str(i.url)), ("source", .string(i.source.rawValue))])
            })),
            ("links", .array(c.links.map { .object([("case", .string($0.other.description)), ("kind", .string($0.kind.rawValue))]) })),
            ("obligations", .array(obligations.map(obligation))),
        ])
    }

    static func obligation(_ o: Obligation) -> JSONValue {
        .object([
            ("rule", .string(o.ruleID)), ("subject", str(o.subject)), ("article", .string(o.article)),
            ("title", .string(o.title.en)), ("title_zh", .string(o.title.zh)),
            ("due", time(o.due)), ("original_due", time(o.originalDue)), ("status", .string(o.status.rawValue)),
            ("met", time(o.metAt)), ("responsible", .string(o.responsible.code)),
            ("explanation", .string(o.explanation.en)), ("explanation_zh", .string(o.explanation.zh)),
        ])
    }

    static func event(_ e: Event) -> JSONValue {
        .object([
            ("seq", .int(Int(e.seq))), ("verb", .string(e.body.verb)), ("case", str(e.caseID?.description)),
            ("subject", str(e.subject?.description)), ("actor", .string(e.actor.name)),
            ("role", .string(e.actor.role.rawValue)), ("dept", str(e.actor.dept)),
            ("effective", time(e.effective)), ("recorded", time(e.recorded)), ("hash", .string(e.hash)),
            ("operator", str(e.recordedBy?.login)), ("operator_name", str(e.recordedBy?.name)),
            ("on_behalf", .bool(e.onBehalf)), ("backdated", .bool(e.backdated)),
        ])
    }
}
