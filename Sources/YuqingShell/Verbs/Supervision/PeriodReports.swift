import YuqingCore

/// `report monthly MONTH` and `report daily DATE`: supervision documents. (Stubs until the supervision work lands.)
enum PeriodReports {
    static let specs: [CommandSpec] = [
        CommandSpec(name: "monthly", alias: "月报", group: .supervision,
                    summary: Localized(zh: "月度督查报告", en: "the monthly supervision report"),
                    synopsis: "report monthly YEAR-MONTH [--out FILE]", positionals: [ArgSpec("month", .word)], flags: [FlagSpec("out", .path)]),
        CommandSpec(name: "daily", alias: "日志", group: .supervision,
                    summary: Localized(zh: "舆情日志", en: "the daily opinion log"),
                    synopsis: "report daily DATE [--out FILE]", positionals: [ArgSpec("date", .date)], flags: [FlagSpec("out", .path)]),
    ]

    static func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
        throw ShellError(zh: "尚未实现", en: "not implemented yet", range: inv.verbRange, kind: .internal)
    }
}
