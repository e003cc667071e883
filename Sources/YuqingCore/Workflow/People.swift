/// A person of the directory: who they are in the workflow (role, department) and, for people who sign in
/// themselves, the system login (or database role) that is theirs.
///
/// Operators come from the system, never from what is typed: `login` is matched against the OS login of the user
/// running yuqing (or the PostgreSQL role). People without a login are recorded by others: a department's speaker
/// whose remarks a coordinator records in a meeting, a liaison whose paper application an administrator back-fills.
public struct Person: Hashable, Sendable, Codable {
    public var name: String
    public var role: Role
    public var dept: String?
    /// The login this person signs in as; nil for people recorded by others.
    public var login: String?
    /// A disabled person keeps their history but may no longer sign in (`user disable`).
    public var disabled: Bool

    public init(name: String, role: Role, dept: String?, login: String? = nil, disabled: Bool = false) {
        self.name = name
        self.role = role
        self.dept = dept
        self.login = login
        self.disabled = disabled
    }

    /// The person as recorded on events they make themselves.
    public var actor: Actor { Actor(name: name, role: role, dept: dept) }
}

/// Who typed an event: the system login (or database role) of the operator and, when the directory knows them,
/// their name. Recorded on every event next to the actor (the person the event is attributed to), so an entry made
/// on behalf of someone else says so ("由 陈静 代录").
public struct Operator: Hashable, Sendable, Codable {
    public var login: String
    /// The operator's name in the directory, or nil when the directory does not know the login.
    public var name: String?

    public init(login: String, name: String?) {
        self.login = login
        self.name = name
    }

    /// The name to show: the directory's, else the login.
    public var display: String { name ?? login }
}

extension Event {
    /// True when the operator recorded this for someone else (a meeting remark, a back-filled paper record).
    /// Events written before operators were recorded (v1) say nothing and count as not on behalf.
    public var onBehalf: Bool {
        guard let by = recordedBy else { return false }
        return (by.name ?? by.login) != actor.name
    }

    /// Entered after the fact: the effective time (`--at`) lies more than `Event.backdateTolerance` before the time it
    /// was recorded.
    public var backdated: Bool { recorded.seconds - effective.seconds > Event.backdateTolerance }

    /// Seconds a command may take between reading "now" and writing; more than this is a back-dated entry.
    public static let backdateTolerance: Int64 = 60
}

/// The directory of people: a fold of `personSaved` events, by name and by login.
public struct People: Hashable, Sendable {
    public private(set) var all: [Person] = []

    public init(_ people: [Person] = []) {
        for p in people { save(p) }
    }

    /// The people of a log: the last `personSaved` of each name wins — among the changes an administrator made.
    /// A change nobody allowed (`unauthorizedChanges`, e.g. a desk's role making itself an administrator with SQL)
    /// is left out: it gives no authority at the prompt either, not only in `audit verify`.
    public static func fold(_ events: [Event]) -> People {
        DirectoryReplay(events, keepingHistory: false).people
    }

    public var isEmpty: Bool { all.isEmpty }

    public mutating func save(_ p: Person) {
        if let i = all.firstIndex(where: { $0.name == p.name }) { all[i] = p } else { all.append(p) }
    }

    public func named(_ name: String) -> Person? { all.first { $0.name == name } }

    /// The enabled person who signs in as `login`.
    public func signedIn(as login: String) -> Person? { all.first { $0.login == login && !$0.disabled } }

    /// Anyone, enabled or not, holding `login` (a disabled login cannot be given to someone else silently).
    public func holding(login: String) -> Person? { all.first { $0.login == login } }

    /// The people who sign in (`user list`), in the order they were added.
    public var users: [Person] { all.filter { $0.login != nil } }
}

extension People {
    /// The directory changes of a log that no administrator made, in log order: a change that gives a login,
    /// changes or disables a person who signs in, recorded by an operator who was not an enabled administrator of
    /// the directory as it stood just before. The only exception is a store's first operator enrolling as its
    /// administrator while nobody signs in yet. yuqing refuses all of these at the prompt (`user add` is for
    /// administrators), so one in the log was written past yuqing — on a server, by a desk's role with SQL in its
    /// own name (docs/security.md §1). People without a login (recorded by others) sign in to nothing and are not
    /// checked; events from before operators were recorded name no operator and are not checked either.
    public static func unauthorizedChanges(_ events: [Event]) -> [Event] {
        DirectoryReplay(events, keepingHistory: false).unauthorized
    }
}

/// The directory as yuqing's permission check saw it at each point of the log: the changes replayed in log order,
/// those no administrator made set aside (`People.unauthorizedChanges`) — they granted nothing, so what their
/// beneficiary did next is judged without them.
public struct DirectoryReplay: Sendable {
    /// The directory after each applied change, with the change's sequence number, in log order (kept only when
    /// asked: the shell's start needs the directory as it stands now, not as it stood at each event).
    private var states: [(seq: Int64, people: People)] = []
    /// The directory after the last change.
    public private(set) var people = People()
    public private(set) var unauthorized: [Event] = []

    /// `keepingHistory`: whether `people(before:)` will be asked.
    public init(_ events: [Event], keepingHistory: Bool = true) {
        for e in events {
            guard case let .personSaved(person) = e.body else { continue }
            if let by = e.recordedBy, person.login != nil || people.named(person.name)?.login != nil {
                let firstEnrolment = people.users.isEmpty && person.login == by.login && person.role == .admin
                let byAdministrator = people.signedIn(as: by.login)?.role == .admin
                guard firstEnrolment || byAdministrator else {
                    unauthorized.append(e)
                    continue
                }
            }
            people.save(person)
            if keepingHistory { states.append((e.seq, people)) }
        }
    }

    /// The directory just before the event `seq` was written (of a replay keeping its history).
    public func people(before seq: Int64) -> People {
        var lo = 0, hi = states.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if states[mid].seq < seq { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? People() : states[lo - 1].people
    }
}
