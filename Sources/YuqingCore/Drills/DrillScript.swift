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

    public static let defaultControl = Actor(name: "演练导调", role: .coordinator, dept: nil)

    public init(title: String, version: String? = nil, epoch: Instant, seed: UInt64 = 0, objectives: [Objective] = [],
                trainees: [Trainee] = [], control: Actor = DrillHeader.defaultControl, duration: Span? = nil,
                rating: RatingThresholds = .standard, deadlinePoints: Int = 5, deadlineObjective: String? = nil) {
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
    public init(name: String, role: Role, dept: String?) {
        self.name = name
        self.role = role
        self.dept = dept
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
    public init(text: String, line: Int, column: Int, verb: String) {
        self.text = text
        self.line = line
        self.column = column
        self.verb = verb
    }

    /// The first line of the command, for timelines (text blocks are left out).
    public var summary: String {
        String(text.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
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

/// `expect E1 claim C1 by police within 1h points 10 objective O1`.
public struct Expectation: Sendable, Hashable {
    public var id: String
    public var action: ExpectedAction
    public var caseID: EntityID?
    public var dept: String?
    public var within: Span
    /// `after E1`: the window starts when E1 is done (or at E1's deadline when it is not); `after +04:00` at that
    /// offset; otherwise when the case first appears (the drill epoch for `collect`).
    public var after: String?
    /// `after +04:00`: the window starts at this offset from the epoch (e.g. when an inject lands).
    public var afterOffset: Span?
    public var points: Int
    public var objective: String?
    public var position: DrillPosition

    public init(id: String, action: ExpectedAction, caseID: EntityID?, dept: String? = nil, within: Span,
                after: String? = nil, points: Int, objective: String? = nil,
                position: DrillPosition = DrillPosition(line: 0, column: 0, length: 0)) {
        self.id = id
        self.action = action
        self.caseID = caseID
        self.dept = dept
        self.within = within
        self.after = after
        self.points = points
        self.objective = objective
        self.position = position
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
