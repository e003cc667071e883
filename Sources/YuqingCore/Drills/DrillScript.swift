/// A drill scenario (演练脚本): the header, the timed injects, what trainees are expected to do and what happens
/// when they do or do not. Times are offsets from the epoch in whole seconds, so a whole run can be moved by
/// changing one line.
public struct DrillScript: Sendable, Hashable {
    public var header: DrillHeader
    public var injects: [Inject]
    public var expectations: [Expectation]
    public var contingencies: [Contingency]
    public var chained: [ChainedInject]

    public init(header: DrillHeader, injects: [Inject] = [], expectations: [Expectation] = [],
                contingencies: [Contingency] = [], chained: [ChainedInject] = []) {
        self.header = header
        self.injects = injects
        self.expectations = expectations
        self.contingencies = contingencies
        self.chained = chained
    }

    public func expectation(_ id: String) -> Expectation? { expectations.first { $0.id == id } }
    public func objective(_ id: String) -> Objective? { header.objectives.first { $0.id == id } }

    /// Every command the drill itself may run: scheduled injects, contingencies, chained injects.
    public var commands: [DrillCommand] {
        injects.map(\.command) + contingencies.map(\.command) + chained.map(\.command)
    }

    /// The labels commands give to what they create (`at +00:20 @rumour collect …`).
    public var labels: [String] { commands.compactMap(\.label) }

    /// Departments the injects add (`dept add water 市水务局`): code → Chinese name, so a handout or a briefing
    /// written before they run can name them.
    public var declaredDepartments: [String: String] {
        var out: [String: String] = [:]
        for c in commands where ["dept", "部门"].contains(c.verb) && c.words.count >= 4 && ["add", "添加"].contains(c.words[1].text) {
            out[c.words[2].text] = c.words[3].text
        }
        return out
    }

    /// The English names the script's `dept add … --en NAME` give (an English briefing named them by their codes).
    public var declaredDepartmentsEN: [String: String] {
        var out: [String: String] = [:]
        for c in commands where ["dept", "部门"].contains(c.verb) && c.words.count >= 4 && ["add", "添加"].contains(c.words[1].text) {
            if let i = c.words.firstIndex(where: { !$0.quoted && $0.text == "--en" }), i + 1 < c.words.count {
                out[c.words[2].text] = c.words[i + 1].text
            }
        }
        return out
    }
}

public struct DrillHeader: Sendable, Hashable {
    public var title: String
    public var version: String?
    public var epoch: Instant
    public var seed: UInt64
    public var objectives: [Objective]
    public var trainees: [Trainee]
    /// Who the injects are executed as (exercise control); `control NAME --role ROLE`.
    public var control: Actor
    /// The drill lasts at least this long after the epoch (`duration 4h`), even when nothing is scheduled.
    public var duration: Span?
    /// The overall rating thresholds (`rating 90 70 40`).
    public var rating: RatingThresholds
    /// Each policy deadline (obligations engine) falling due during the drill counts like an expectation
    /// worth this many points (`deadlines points 5 [objective O]`); 0 lists them without scoring.
    public var deadlinePoints: Int
    public var deadlineObjective: String?
    /// The report's facts about the exercise (HSEEP's exercise overview): `organizer`, `place`, `scope`,
    /// `summary` (the scenario in a paragraph), the evaluators and the point of contact.
    public var organizer: String?
    public var place: String?
    public var scope: String?
    public var summary: String?
    public var evaluators: [StaffMember]
    public var contacts: [StaffMember]
    /// Stepped mode: how much drill time each recorded trainee action takes (`step 1m`), so no two actions share
    /// an instant and a meeting of six remarks lasts six steps.
    public var step: Span
    /// The default due date of a generated improvement item, this long after the session (`plan-due 30d`).
    public var planDue: Span
    /// Handout paragraphs for one role, department or trainee (`brief water "…"`), printed by `drill brief`.
    public var briefs: [RoleBrief]

    public static let defaultControl = Actor(name: "演练导调", role: .coordinator, dept: nil)
    public static let defaultStep = Span(seconds: 60)
    public static let defaultPlanDue = Span(seconds: 30 * 86_400)

    public init(title: String, version: String? = nil, epoch: Instant, seed: UInt64 = 0, objectives: [Objective] = [],
                trainees: [Trainee] = [], control: Actor = DrillHeader.defaultControl, duration: Span? = nil,
                rating: RatingThresholds = .standard, deadlinePoints: Int = 5, deadlineObjective: String? = nil,
                organizer: String? = nil, place: String? = nil, scope: String? = nil, summary: String? = nil,
                evaluators: [StaffMember] = [], contacts: [StaffMember] = [], step: Span = DrillHeader.defaultStep,
                planDue: Span = DrillHeader.defaultPlanDue, briefs: [RoleBrief] = []) {
        self.title = title
        self.version = version
        self.epoch = epoch
        self.seed = seed
        self.objectives = objectives
        self.trainees = trainees
        self.control = control
        self.duration = duration
        self.rating = rating
        self.deadlinePoints = deadlinePoints
        self.deadlineObjective = deadlineObjective
        self.organizer = organizer
        self.place = place
        self.scope = scope
        self.summary = summary
        self.evaluators = evaluators
        self.contacts = contacts
        self.step = step
        self.planDue = planDue
        self.briefs = briefs
    }

    /// The trainee of this name, if the roster has one.
    public func trainee(named name: String) -> Trainee? { trainees.first { $0.name == name } }

    /// Whether an action by this actor is a trainee's (scored). With a roster, only its names are; without one,
    /// anybody but exercise control and the evaluators.
    public func isTrainee(_ name: String) -> Bool {
        if !trainees.isEmpty { return trainees.contains { $0.name == name } }
        return name != control.name && !evaluators.contains { $0.name == name }
    }
}

/// An evaluator or a point of contact named in the report: `evaluator 陈静 --org 市委网信办`,
/// `contact 刘洋 --phone 0550-1234567 --org 市政务公开办`.
public struct StaffMember: Sendable, Hashable {
    public var name: String
    public var org: String?
    public var phone: String?
    public init(name: String, org: String? = nil, phone: String? = nil) {
        self.name = name
        self.org = org
        self.phone = phone
    }
}

/// `brief TARGET "text"`: a handout paragraph for the trainees a target names (a trainee, a department code or a
/// role code; `all` for everyone).
public struct RoleBrief: Sendable, Hashable {
    public var target: String
    public var text: String
    public init(target: String, text: String) {
        self.target = target
        self.text = text
    }
}

/// What the exercise tests (HSEEP objective), with its weight in the overall picture and its rating thresholds.
public struct Objective: Sendable, Hashable {
    public var id: String
    public var text: String
    public var weight: Int
    public var thresholds: RatingThresholds
    public init(id: String, text: String, weight: Int = 1, thresholds: RatingThresholds = .standard) {
        self.id = id
        self.text = text
        self.weight = weight
        self.thresholds = thresholds
    }
}

/// A role trainees play: `trainee 张警官 --role liaison --dept police`.
public struct Trainee: Sendable, Hashable {
    public var name: String
    public var role: Role
    public var dept: String?
    /// Where the line is, for `drill check` (unknown departments).
    public var position: DrillPosition?
    public init(name: String, role: Role, dept: String?, position: DrillPosition? = nil) {
        self.name = name
        self.role = role
        self.dept = dept
        self.position = position
    }
    public var actor: Actor { Actor(name: name, role: role, dept: dept) }
}

/// A command of the language carried by a drill line, with where it is (diagnostics of injected commands point
/// into the script).
public struct DrillCommand: Sendable, Hashable {
    public var text: String
    public var line: Int
    public var column: Int
    /// The verb, for timelines and validation.
    public var verb: String
    /// The command's words as lexed (quotes removed), for the checks of `drill check` and label references.
    public var words: [DrillWord]
    /// The body of its `<<END` block, if any.
    public var textBlock: String?
    /// The included file it comes from; nil for the script itself.
    public var file: String?
    /// `to water,赵强`: a private inject, shown to these trainees only (a trainee, a department or a role).
    public var audience: [String]
    /// `@rumour`: the entity this command creates (a case, an instruction, a meeting) is called `@rumour`
    /// elsewhere in the script, so an ad hoc inject that creates another case shifts no reference.
    public var label: String?

    public init(text: String, line: Int, column: Int, verb: String, words: [DrillWord] = [], textBlock: String? = nil,
                file: String? = nil, audience: [String] = [], label: String? = nil) {
        self.text = text
        self.line = line
        self.column = column
        self.verb = verb
        self.words = words
        self.textBlock = textBlock
        self.file = file
        self.audience = audience
        self.label = label
    }

    /// The first line of the command, for timelines (text blocks are left out).
    public var summary: String {
        String(text.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
    }

    /// What a timeline or a report shows of the command: the message itself for `echo` (a text block's text, not
    /// `echo <<END`), else the first line with a text block's `<<END` replaced by the block's first line.
    public var display: String {
        let block = textBlock.map { $0.hasSuffix("\n") ? String($0.dropLast()) : $0 }
        if ["echo", "回显"].contains(verb.lowercased()) {
            let said = words.dropFirst().filter { !$0.text.hasPrefix("<<") }.map(\.text).joined(separator: " ")
            return [said, block].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "\n")
        }
        var first = summary
        if let block, let r = DrillCommand.lastBlockMarker(first) {
            let head = first[..<r].trimmingWhitespace()
            let firstLine = block.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
            first = head + " “" + firstLine + (block.contains("\n") ? "…" : "") + "”"
        }
        return first
    }

    /// Where the last `<<` of a line starts.
    static func lastBlockMarker(_ s: String) -> String.Index? {
        var i = s.endIndex
        while i > s.startIndex {
            let prev = s.index(before: i)
            if s[prev] == "<", prev > s.startIndex, s[s.index(before: prev)] == "<" { return s.index(before: prev) }
            i = prev
        }
        return nil
    }
}

/// Where an expectation points: a case id the script predicts (`C1`) or a label an inject gives the case it
/// creates (`@rumour`), which stays right whatever else is created first.
public enum DrillRef: Sendable, Hashable, CustomStringConvertible {
    case id(EntityID)
    case label(String)

    public var description: String {
        switch self {
        case .id(let id): id.description
        case .label(let l): "@" + l
        }
    }
}

/// `at +00:10 COMMAND`: happens at a fixed offset (plus an optional seeded jitter).
public struct Inject: Sendable, Hashable {
    public var offset: Span
    /// `at +00:10 jitter 5m …`: a seeded random extra delay in `0...jitter`.
    public var jitter: Span?
    public var command: DrillCommand
    public init(offset: Span, jitter: Span? = nil, command: DrillCommand) {
        self.offset = offset
        self.jitter = jitter
        self.command = command
    }
}

/// `expect E1 claim C1 by police within 1h points 10 objective O1`, with optional content:
/// `expect E2 assess @rumour level major-sensitive within 1h after E1 points 10`.
public struct Expectation: Sendable, Hashable {
    public var id: String
    public var action: ExpectedAction
    public var subject: DrillRef?
    public var dept: String?
    /// What the action must say, beyond having been done.
    public var content: ExpectedContent
    public var within: Span
    /// `after E1`: the window starts when E1 is done (or at E1's deadline when it is not); `after +04:00` at that
    /// offset; otherwise when the case first appears (the drill epoch for `collect`).
    public var after: String?
    /// `after +04:00`: the window starts at this offset from the epoch (e.g. when an inject lands).
    public var afterOffset: Span?
    public var points: Int
    public var objective: String?
    public var position: DrillPosition
    /// Where `by DEPT` and `to DEPT` were written, for `drill check`.
    public var deptPosition: DrillPosition?
    public var subjectPosition: DrillPosition?

    public init(id: String, action: ExpectedAction, subject: DrillRef?, dept: String? = nil,
                content: ExpectedContent = ExpectedContent(), within: Span, after: String? = nil, points: Int,
                objective: String? = nil, position: DrillPosition = DrillPosition(line: 0, column: 0, length: 0)) {
        self.id = id
        self.action = action
        self.subject = subject
        self.dept = dept
        self.content = content
        self.within = within
        self.after = after
        self.points = points
        self.objective = objective
        self.position = position
    }

    /// The case id when the script names one (not a label).
    public var caseID: EntityID? {
        if case .id(let id) = subject { return id }
        return nil
    }
}

/// `on miss E1 COMMAND` / `on met E1 COMMAND`.
public struct Contingency: Sendable, Hashable {
    public enum Trigger: String, Sendable, Hashable { case miss, met }
    public var trigger: Trigger
    public var expectation: String
    public var command: DrillCommand
    public init(trigger: Trigger, expectation: String, command: DrillCommand) {
        self.trigger = trigger
        self.expectation = expectation
        self.command = command
    }
}

/// `after E1 +20m COMMAND`: DELAY after the expectation is done (on time or late); never when it is not.
public struct ChainedInject: Sendable, Hashable {
    public var expectation: String
    public var delay: Span
    public var command: DrillCommand
    public init(expectation: String, delay: Span, command: DrillCommand) {
        self.expectation = expectation
        self.delay = delay
        self.command = command
    }
}
