import YuqingCore
import YuqingStore

extension LiveVerbs {
    /// `watch` (监看): the terminal becomes the duty room's wall board until a key is pressed.
    struct WatchVerb: Verb {
        static let spec = CommandSpec(
            name: "watch", alias: "监看", group: .queries,
            summary: Localized(zh: "全屏监看板：已超期、即将到期、进行中的会商、本部门动态，随变化刷新，按任意键退出",
                               en: "a full-screen live board: overdue, due soon, the meeting in progress, the department's events; refreshed on change until a key is pressed"),
            synopsis: "watch [--dept DEPT | --all]",
            help: Localized(
                zh: "供值班室大屏使用：已超期和 2 小时内到期的时限、进行中的会商（最近发言）、本部门最新动态。任何一处提交变化即刷新，时间每分钟更新；按任意键或 Ctrl-C 退出并恢复终端。适应终端宽度和高度，窗口改变大小时重画。默认显示本人所在部门（协调员和市领导为全部部门）；--dept 指定部门，--all 全部。联络员和部门负责人只能监看本部门（--all 或其他部门会被拒绝并记录）。脚本或管道中只输出一次当前内容。",
                en: "For a duty room's wall screen: overdue deadlines and those due within 2 hours, the meeting in progress (latest remarks), the department's latest events. Redrawn whenever anyone commits a change, the time every minute; any key or Ctrl-C leaves and restores the terminal. Fits the terminal's width and height and redraws when the window is resized. Shows your own department by default (coordinators and city leaders: every department); --dept picks one, --all shows all. Liaisons and department leaders watch their own department only (--all or another department is refused, and logged). In a script or a pipe it prints the board once."),
            examples: ["watch", "watch --dept police", "watch --all", "监看"],
            waits: true)

        @Option(.department, help: Localized(zh: "监看的部门", en: "the department to watch")) var dept: String?
        @Flag(help: Localized(zh: "全部部门", en: "every department")) var all: Bool

        func run(_ inv: Invocation, _ session: Session) throws(ShellError) -> CommandOutput {
            let ws = try Workspace.of(session)
            if dept != nil && all {
                throw ShellError(zh: "--dept 与 --all 不能同时使用", en: "--dept and --all cannot be combined", range: $all.range, kind: .usage)
            }
            let me = session.actor
            // A department's people watch their own department only (`Access.visibleDepartment`, the rule of every
            // listing): `--all` or another department is refused, and logged, like `show` of another's case.
            let scoped = try ws.visibleDepartment()
            if let mine = scoped {
                let asked = try dept.map { key throws(ShellError) in try ws.department(key, range: $dept.range).code }
                if all || (asked != nil && asked != mine) {
                    let reason = Localized(zh: "部门人员只能监看本部门（\(ws.deptName(mine, .zh))）的案件", en: "a department's people watch their own department (\(ws.deptName(mine, .en))) only")
                    try ws.refuse(reason, hint: Localized(zh: "用 watch 监看本部门", en: "`watch` shows your department"),
                                  range: all ? $all.range : $dept.range, session, inv)
                }
            }
            let everyone = scoped == nil && (all || [.coordinator, .cityLeader, .admin].contains(me.role) || me.dept == nil)
            let watched: String?
            if let scoped {
                watched = scoped
            } else if let key = dept {
                watched = try ws.department(key, range: $dept.range).code
            } else {
                watched = everyone ? nil : me.dept
            }
            let board = WatchBoard(ws: ws, session: session, dept: watched)
            // Only a person at a terminal gets the full screen (the REPL, `-c`, a script run at a terminal).
            guard session.runContext?.sink.isTerminal == true, let screen = TerminalScreen() else {
                // No terminal to take over: the board once, as text.
                let out = session.runContext?.sink
                let lines = board.lines(width: out?.width ?? 100, height: 60, onScreen: false)
                return CommandOutput(document: lines.joined(separator: "\n") + "\n")
            }
            defer { screen.restore() }
            let feed = try? ws.store.changeFeed()
            defer { feed?.close() }
            _ = try? feed?.changed()
            var dirty = true
            var shownMinute = session.now().seconds / 60
            while true {
                let minute = session.now().seconds / 60
                if dirty || screen.takeResize() || minute != shownMinute {
                    let size = screen.size
                    screen.draw(board.lines(width: size.width, height: size.height))
                    dirty = false
                    shownMinute = minute
                }
                if screen.waitForKey(ms: 250) || screen.interrupted { break }
                if (try? feed?.changed()) ?? false { dirty = true }
            }
            return CommandOutput(Localized(zh: "监看结束。", en: "Watch ended."))
        }
    }
}
