import YuqingCore

/// Which permission of the one table (`Permission`, in the core) every verb and sub-verb needs. The interpreter
/// asks `Access.check` with it before any handler runs, so no verb can forget its check; verbs whose permission
/// depends on the case (a department's own case, separation of duties) or on what is asked (`score formula` only
/// looks unless given a value, `collect --link` also links) ask again with the case. A test checks that every
/// entry of the command table is listed here and nothing else is.
public enum CommandPermissions {
    /// Keyed by the verb's full name (`extend approve`).
    public static let table: [String: Permission] = [
        // Shell: `help`, `clear` and the settings are open to anyone; the rest needs a person of the directory.
        "help": .open, "lang": .open, "format": .open, "clear": .open, "quit": .open, "exit": .open, "commands-md": .open,
        "as": .shell, "clock": .shell, "set": .shell, "echo": .shell, "run": .shell, "source": .shell,
        "record": .shell, "record start": .shell, "record stop": .shell, "history": .shell,
        "clock set": .simulateClock, "clock advance": .simulateClock, "clock real": .simulateClock,
        // Cases.
        "collect": .collect, "collect import": .collect, "claim": .claim, "assign": .assign, "assess": .assess,
        "report": .report, "report special": .read, "report monthly": .read, "report daily": .read,
        "verify": .verify, "escalate": .escalate, "liaise": .assess,
        "extend": .extendApply, "extend approve": .extendDecide, "extend reject": .extendDecide,
        "respond": .respond, "review": .review, "follow": .follow, "link": .link, "close": .close,
        "instruct": .instruct, "instruct undertake": .instructionUndertake,
        "instruct supervise": .instructionSupervise, "instruct complete": .instructionComplete,
        // Queries.
        "extensions": .read, "show": .read, "timeline": .read, "why": .read, "cases": .read, "count": .read,
        "search": .read,
        "due": .read, "overdue": .read, "remind": .read,
        // Meetings.
        "meeting open": .meeting, "meeting attend": .meeting, "meeting agenda": .meeting, "meeting close": .meeting,
        "meeting show": .read, "meeting minutes": .read, "say": .remark, "risk": .assess, "decide": .decide,
        "meetings": .read,
        // Live terminals: joining a meeting is taking part in it; the rest only looks or sets this terminal.
        "meeting join": .remark, "meeting leave": .remark, "inbox": .read, "watch": .read, "notify": .shell,
        // Rules and calendar.
        "calendar": .read, "calendar check": .read, "calendar add": .read, "calendar between": .read,
        "calendar load": .loadCalendar,
        "policy show": .read, "policy export": .read, "policy use": .changePolicy, "policy name": .changePolicy,
        "policy cutoff": .changePolicy, "policy rule": .changePolicy, "policy set": .changePolicy,
        "policy remove": .changePolicy, "policy supervision": .changePolicy, "policy score": .changePolicy,
        "policy reading": .changePolicy,
        // Supervision.
        "patrol": .patrol, "patrol check": .read, "score": .read, "score formula": .read, "accountability": .read,
        // Drills: each runs in its own memory store, where the one who runs it is the trainer.
        "drill run": .drill, "drill status": .drill, "drill next": .drill, "drill advance": .drill,
        "drill note": .drill, "drill end": .drill, "drill report": .drill, "drill log": .drill,
        "drill replay": .drill, "drill denied": .drill, "drill check": .drill, "drill plan": .drill,
        "drill inject": .drill, "drill tick": .drill, "drill score": .drill, "drill history": .drill,
        "drill brief": .drill, "drill pause": .drill, "drill resume": .drill, "drill speed": .drill,
        "drill wait": .drill, "drill serve": .drill, "drill sync": .drill,
        // A trainee joins from their own desk whatever their role: the roster says who may play (docs/drills.md).
        "drill join": .shell, "drill leave": .shell,
        // Administration.
        "dept list": .read, "dept show": .read, "dept add": .manageDirectory, "dept contact": .manageDirectory,
        "user add": .manageUsers, "user list": .manageUsers, "user show": .manageUsers, "user disable": .manageUsers,
        "audit verify": .audit, "audit head": .audit, "audit behalf": .audit, "audit backdated": .audit,
        "audit denials": .audit,
        "store rebuild": .maintainStore, "store init": .maintainStore, "store copy": .maintainStore, "store info": .audit,
    ]

    /// The permission a parsed command needs (`shell` for a verb not in the table, which a test forbids).
    public static func permission(for spec: CommandSpec) -> Permission {
        table[spec.fullName] ?? .shell
    }
}
