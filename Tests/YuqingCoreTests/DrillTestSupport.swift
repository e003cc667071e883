@testable import YuqingCore

/// A minimal word splitter for core tests (the shell's lexer does this for real): blanks separate words, double
/// quotes group, one command per line, `#` lines are comments.
enum DrillTestLexer {
    static func lines(_ source: String) -> [DrillLine] {
        var out: [DrillLine] = []
        for (n, raw) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let chars = Array(raw)
            var words: [DrillWord] = []
            var i = 0
            while i < chars.count {
                if chars[i] == " " { i += 1; continue }
                if chars[i] == "#" && words.isEmpty { break }
                let start = i
                var text = ""
                var quoted = false
                if chars[i] == "\"" {
                    quoted = true
                    i += 1
                    while i < chars.count && chars[i] != "\"" { text.append(chars[i]); i += 1 }
                    i += 1
                } else {
                    while i < chars.count && chars[i] != " " { text.append(chars[i]); i += 1 }
                }
                words.append(DrillWord(text: text, line: n + 1, column: start + 1, length: i - start, quoted: quoted))
            }
            if !words.isEmpty { out.append(DrillLine(words: words, source: String(raw), line: n + 1)) }
        }
        return out
    }

    static func script(_ source: String) throws -> DrillScript {
        try DrillParser.parse(lines(source))
    }
}

enum DrillFixtures {
    static let epoch = Instant(date: CivilDate(year: 2019, month: 12, day: 21)!, hour: 9)
    static let trainee = Actor(name: "张警官", role: .liaison, dept: "police")
    static let control = DrillHeader.defaultControl

    static let script = """
    drill "测试演练"
    version 1
    epoch 2019-12-21T09:00
    seed 42
    objective O1 "及时认领" weight 2 threshold 100 50 20
    objective O2 "及时回应" weight 1
    trainee 张警官 --role liaison --dept police
    at +00:10 collect "网传某小区自来水发黄" --url https://weibo.com/1
    at +00:10 echo second
    expect E1 claim C1 by police within 1h points 10 objective O1
    expect E2 assess C1 within 30m after E1 points 10 objective O1
    expect E3 respond C1 within 2h points 20 objective O2
    on miss E1 echo "领导来电询问"
    on met E1 echo "做得好"
    after E2 +20m echo "媒体来电"
    end
    """

    static func event(_ body: EventBody, at: Instant, actor: Actor = trainee, caseID: Int = 1) -> Event {
        Event(seq: at.seconds, caseID: EntityID(.caseFile, caseID), subject: nil, actor: actor, effective: at,
                     recorded: at, body: body, prevHash: "", hash: "")
    }
    static func collected(at: Instant) -> Event {
        event(.collected(item: Item(title: "x", url: nil, source: .weibo, category: nil, excerpt: nil), dept: nil),
              at: at, actor: control)
    }
}
