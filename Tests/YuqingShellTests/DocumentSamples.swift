import Foundation
import Testing
@testable import YuqingCore
@testable import YuqingShell
import YuqingStore

/// The five official documents built from real scenarios run through the interpreter: the joint meeting of
/// `meeting_full.yq` (minutes, and the special report on its escalated case), January 2020 (monthly report, daily
/// log of Sunday 19 January, a make-up working day) and the night traffic drill (after-action report).
enum DocumentSamples {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func text(_ path: String) -> String {
        (try? String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)) ?? ""
    }

    /// The meeting scenario without its last command (the minutes), plus the department's contacts.
    nonisolated(unsafe) static let meeting: TestShell = {
        let t = TestShell(at: "2019-12-30T08:30", lang: .zh)
        let script = text("Tests/EndToEndTests/Golden/meeting_full.yq").split(separator: "\n")
            .filter { !$0.hasPrefix("meeting minutes") && !$0.hasPrefix("meetings") && !$0.hasPrefix("meeting show") }
            .joined(separator: "\n")
        let r = t.run(script + "\ndept contact police --leader 刘建军 --staff 李娜 --phone 0550-8011000\n")
        precondition(r.failures == 0, r.err)
        return t
    }()

    nonisolated(unsafe) static let drill: TestShell = {
        let t = TestShell(at: "2019-12-27T14:00", lang: .zh)
        let r = t.run("drill run \(root.path)/scripts/drills/night-traffic-video.yq --auto --actions \(root.path)/scripts/drills/night-traffic-video.actions.yq --quiet")
        precondition(r.failures == 0, r.err)
        return t
    }()

    static func document(_ kind: DocumentKind, _ lang: Language) throws -> OfficialDocument {
        switch kind {
        case .minutes:
            let ws = meeting.ws
            var input = try MinutesVerb.input(try ws.meeting(EntityID(.meeting, 1)), ws, session: meeting.session)
            input.number = DocumentNumber(prefix: kind.numberPrefix ?? Localized(""), year: 2019, sequence: 1)
            return MinutesBuilder.document(input, language: lang)
        case .special:
            let ws = meeting.ws
            let id = EntityID(.caseFile, 2)
            let c = try ws.caseFile(id)
            let now = meeting.clock.now()
            let number = DocumentNumber(prefix: kind.numberPrefix ?? Localized(""), year: 2019, sequence: 1)
            return SpecialReportBuilder.document(SpecialReportInput(caseFile: c, obligations: ws.obligations(c, now: now), directory: try ws.directory(),
                                                                    policy: ws.policy, at: now, number: number,
                                                                    meetings: try SpecialReport.meetings(of: id, ws)), language: lang)
        case .monthly:
            let number = DocumentNumber(prefix: kind.numberPrefix ?? Localized(""), year: 2020, sequence: 1)
            let ws = SupervisionMonthTests.shell.ws
            return SupervisionDocuments.monthly(try MonthlyContent.build(SupervisionMonthTests.scope()), lang: lang, number: number,
                                                chainHead: try ChainHeadText.line(ws, lang))
        case .daily:
            return try SupervisionDocuments.daily(ws: SupervisionMonthTests.shell.ws, date: CivilDate(year: 2020, month: 1, day: 3)!,
                                                  asOf: SupervisionMonthTests.now, lang: lang,
                                                  chainHead: try ChainHeadText.line(SupervisionMonthTests.shell.ws, lang))
        case .drill:
            let run = try #require(DrillController.of(drill.session).run)
            let o = try #require(run.outcome)
            return DrillReport(o.input, language: lang).document()
        }
    }
}
