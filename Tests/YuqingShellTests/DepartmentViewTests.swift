import Foundation
import Testing
import YuqingCore
@testable import YuqingShell
import YuqingStore

/// Who sees which cases: a department's people (liaisons, department leaders) see their department's cases and the
/// unclaimed ones; coordinators, city leaders and administrators see all. A liaison's `watch --all` showed every
/// department's deadlines and events, and `cases`, `search`, `show`, `overdue` and their exports every case. One
/// rule (`Access.visibleDepartment`) now decides for every view, through the one authorization path.
@Suite struct DepartmentViewTests {
    /// C1 the police's, C2 the petitions bureau's, C3 not claimed yet; every claim overdue by the end.
    static func city() -> (admin: TestShell, liaison: TestShell) {
        let sh = TestShell(at: "2019-12-27T09:00")
        let r = sh.run("""
            collect "警方通报水质事件" --url https://weibo.com/1 --source weibo
            collect "信访水质投诉" --url https://weibo.com/2 --source weibo
            collect "水质无人认领" --url https://weibo.com/3 --source weibo
            as police
            claim C1
            as petitions
            claim C2
            as me
            """)
        #expect(r.failures == 0, "\(r.err)")
        let liaison = TestShell(sharing: sh, actor: Actor(name: "李娜", role: .liaison, dept: "police"), login: "lina")
        sh.clock.set(TestShell.instant("2019-12-30T17:00"))
        return (sh, liaison)
    }

    @Test func aLiaisonsWatchAllIsRefusedAndItsBoardShowsItsDepartment() {
        let (admin, liaison) = Self.city()
        let all = liaison.run("watch --all")
        #expect(all.failures == 1)
        #expect(all.err.contains("a department's people watch their own department (Public Security Bureau) only"), "\(all.err)")
        #expect(liaison.run("watch --dept petitions").failures == 1)
        let board = liaison.run("watch")
        #expect(board.failures == 0, "\(board.err)")
        #expect(board.out.contains("Public Security Bureau"), "\(board.out)")
        #expect(!board.out.contains("C2"), "\(board.out)")
        // The refusal is logged like every denial.
        #expect(admin.run("audit denials").out.contains("watch"))
        // A coordinator sees the whole city.
        let city = admin.run("watch --all")
        #expect(city.failures == 0, "\(city.err)")
        #expect(city.out.contains("C2"), "\(city.out)")
    }

    @Test func listingsAndExportsShowTheDepartmentsCasesAndTheUnclaimed() {
        let (admin, liaison) = Self.city()
        for command in ["cases", "cases --format csv", "cases --format json", "cases --format md", "cases where text ~ 水质",
                        "search 水质", "search 水质 --format json", "overdue", "overdue --format csv", "due within 3d", "overdue --all"] {
            let r = liaison.run(command)
            #expect(r.failures == 0, "\(command): \(r.err)")
            #expect(!r.out.contains("C2"), "\(command) shows another department's case:\n\(r.out)")
            #expect(admin.run(command).out.contains("C2"), "\(command) as a coordinator")
        }
        #expect(liaison.run("cases").out.contains("C1"))
        #expect(liaison.run("cases").out.contains("C3"))
        let counted = liaison.run("count by dept")
        #expect(!counted.out.contains("Letters and Calls"), "\(counted.out)")
        #expect(admin.run("count by dept").out.contains("Letters and Calls"))
    }

    @Test(arguments: ["show C2", "timeline C2", "why C2", "remind C2"])
    func aCaseOfAnotherDepartmentIsNotShown(_ command: String) {
        let (admin, liaison) = Self.city()
        let r = liaison.run(command)
        #expect(r.failures == 1, "\(command): \(r.out)")
        #expect(r.err.contains("C2 belongs to Letters and Calls Bureau"), "\(r.err)")
        #expect(!r.out.contains("信访水质投诉"))
        #expect(liaison.run(command.replacingOccurrences(of: "C2", with: "C1")).failures == 0)
        #expect(liaison.run(command.replacingOccurrences(of: "C2", with: "C3")).failures == 0)
        #expect(admin.run(command).failures == 0)
    }
}
