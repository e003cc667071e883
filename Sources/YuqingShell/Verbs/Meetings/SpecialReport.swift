import YuqingCore

/// `report special CASE --out FILE`: the special report (舆情专报) to city leaders. (Stub until the meetings work lands.)
enum SpecialReport {
    static let spec = CommandSpec(
        name: "special", alias: "专报", group: .meetings,
        summary: Localized(zh: "生成舆情专报", en: "write the special report (舆情专报)"),
        synopsis: "report special CASE [--out FILE] [--lang zh|en]",
        positionals: [ArgSpec("case", .id(.caseFile))],
        flags: [FlagSpec("out", .path)])

    static func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
        throw ShellError(zh: "尚未实现", en: "not implemented yet", range: inv.verbRange, kind: .internal)
    }
}
