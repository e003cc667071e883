#!/usr/bin/env python3
"""Generates a month of realistic activity for yuqing: January 2020 in Mingguang.

    python3 scripts/examples/month.py > scripts/examples/month-2020-01.yq
    yuqing --db /tmp/month.sqlite --no-init run scripts/examples/month-2020-01.yq

The month has a holiday on a weekday (New Year's Day, Wed Jan 1), a make-up workday on a Sunday (Jan 19, before
the Spring Festival) and the Spring Festival holiday (Jan 24 - Feb 2). Seven departments patrol every required slot
except a few deliberate misses, and nine cases run through the workflow with on-time, late, designated, extended
and overdue steps. The expected scores and findings are worked out by hand in
Tests/YuqingShellTests/SupervisionMonthTests.swift; change this file and that test together.

Everything is entered after the fact with --at, on a clock set to Monday 2020-02-03 09:00 (the assessment time).
"""
import datetime as dt

HOLIDAYS = {dt.date(2020, 1, 1)} | {dt.date(2020, 1, d) for d in range(24, 32)}
MAKEUP = {dt.date(2020, 1, 19)}

def working(d):
    if d in HOLIDAYS:
        return False
    if d in MAKEUP:
        return True
    return d.weekday() < 5

# (department, patrol staff) in directory order.
PATROLLERS = [
    ("propaganda", "张伟"), ("gov-office", "周涛"), ("police", "李娜"), ("emergency", "赵强"),
    ("petitions", "孙丽"), ("open-gov", "陈晓"), ("net-propaganda", "吴芳"),
]

def slot_times(d):
    """One patrol a few minutes into every required slot of the day."""
    if working(d):
        return [f"{h:02d}:05" for h in range(8, 18)] + ["18:10", "20:10", "22:10"]
    return [f"{h:02d}:10" for h in range(8, 24, 2)]

def patrols(dept, d):
    times = slot_times(d)
    # The deliberate misses (see the test for the arithmetic).
    if dept == "police" and d == dt.date(2020, 1, 8):
        times = [t for t in times if t not in ("12:05", "13:05")]          # 2 slots, gap 12:00-14:00
    if dept == "emergency" and d == dt.date(2020, 1, 1):
        times = [f"{h:02d}:30" for h in range(8, 18)]                     # hourly by day, nobody in the evening
    if dept == "gov-office" and d == dt.date(2020, 1, 24):
        times = []                                                          # nobody on New Year's Eve
    if dept == "petitions" and d == dt.date(2020, 1, 19):
        times = [f"{h:02d}:30" for h in range(8, 24, 2)]                  # rest-day cadence on a make-up workday
    return times

# Case activity: (date, time, actor, command). Actors: see ACTORS.
ACTORS = {
    "patrol": "as 陈晓 --role patrol --dept open-gov",
    "coord": "as 王敏 --role coordinator --dept open-gov",
    "police": "as 李娜 --role liaison --dept police",
    "emergency": "as 赵强 --role liaison --dept emergency",
    "petitions": "as 孙丽 --role liaison --dept petitions",
    "gov": "as 周涛 --role liaison --dept gov-office",
    "leader": "as 刘市长 --role city-leader",
}

def D(day):
    return dt.date(2020, 1, day)

CASES = [
    # C1 police, general: everything on time.
    (D(2), "09:10", "patrol", 'collect "网友反映明光路口红绿灯故障，早高峰拥堵" --url https://weibo.com/mg/1001 --source weibo --category demand --dept police --reposts 56'),
    (D(2), "09:40", "police", "claim C1"),
    (D(2), "09:50", "police", 'assess C1 --level general --note "诉求明确，交警已到场"'),
    (D(2), "10:30", "police", 'report C1 --text "红绿灯故障，交警现场指挥，已通知维修。"'),
    (D(8), "16:00", "police", 'verify C1 --summary "信号机主板损坏，已于 1 月 3 日更换"'),
    (D(10), "10:00", "police", 'respond C1 --channel weibo --url https://weibo.com/mgpolice/r1001 --text "路口信号灯已修复，感谢网友反映。"'),
    # C2 emergency: claimed 30 min late, verification 2 days 10 h late.
    (D(3), "17:30", "patrol", 'collect "网传城南化工厂夜间异味" --url https://tieba.baidu.com/p/2002 --source forum --category demand --dept emergency'),
    (D(3), "19:00", "emergency", "claim C2"),
    (D(3), "19:10", "emergency", 'assess C2 --level general'),
    (D(3), "20:00", "emergency", 'report C2 --text "已派员夜查，未见泄漏。"'),
    (D(13), "10:00", "emergency", 'verify C2 --summary "环保监测达标，异味系锅炉检修"'),
    (D(15), "11:00", "emergency", 'respond C2 --channel website --url http://www.mingguang.gov.cn/r2002 --text "经监测，排放达标。"'),
    # C3 petitions: nobody claimed; designated; extension approved; response late because Jan 19 is a workday.
    (D(4), "21:00", "patrol", 'collect "拆迁户反映补偿款迟迟未到位" --url https://weibo.com/mg/3003 --source weibo --category demand --dept petitions'),
    (D(5), "09:00", "coord", 'assign C3 petitions --note "逾期未认领，指定信访局办理"'),
    (D(5), "09:20", "petitions", 'assess C3 --level general'),
    (D(5), "10:30", "petitions", 'report C3 --text "已联系征收办核实补偿进度。"'),
    (D(7), "15:00", "petitions", 'extend C3 --days 3 --reason "涉及多个部门，需调取历史档案"'),
    (D(8), "10:00", "coord", "extend approve X1"),
    (D(15), "15:00", "petitions", 'verify C3 --summary "补偿款已拨付至街道，1 月 20 日前发放"'),
    (D(20), "10:00", "petitions", 'respond C3 --channel wechat --text "补偿款已拨付，正在发放。"'),
    # C4 police, high attention: unit report 40 min late; response reviewed by the coordinators.
    (D(6), "10:00", "patrol", 'collect "视频：民警执法被指态度粗暴" --url https://www.douyin.com/video/4004 --source video --category style --dept police --views 86000'),
    (D(6), "10:20", "police", "claim C4"),
    (D(6), "10:40", "police", 'assess C4 --level high-attention --note "视频传播快"'),
    (D(6), "13:00", "police", 'report C4 --text "已调取执法记录仪，核查中。"'),
    (D(10), "17:00", "police", 'verify C4 --summary "执法程序合规，个别用语不当，已批评教育"'),
    (D(14), "10:00", "police", 'respond C4 --draft "关于网传视频的情况通报"'),
    (D(15), "09:30", "coord", "review C4 approve"),
    (D(16), "10:00", "police", "respond C4 --publish --channel weibo --url https://weibo.com/mgpolice/r4004"),
    # C5 gov-office, major sensitive: escalation 1 h late (coordinators); leader instruction done on time.
    (D(7), "08:30", "patrol", 'collect "网传某小学食堂食品安全问题，家长聚集" --url https://weibo.com/mg/5005 --source weibo --category hotspot --dept gov-office --reposts 2100'),
    (D(7), "09:00", "gov", "claim C5"),
    (D(7), "09:30", "gov", 'assess C5 --level major-sensitive --note "家长聚集，媒体关注"'),
    (D(7), "12:30", "coord", 'escalate C5 --note "已报送分管副市长"'),
    (D(7), "14:00", "leader", 'instruct C5 --leader 刘市长 --text "立即核查，及时公布结果"'),
    (D(7), "15:00", "gov", "instruct undertake L1"),
    (D(13), "17:00", "gov", 'instruct complete L1 --note "联合调查组已完成核查"'),
    (D(14), "20:00", "gov", 'verify C5 --summary "抽检合格，个别餐次留样不规范，已整改"'),
    (D(20), "09:00", "gov", 'respond C5 --draft "关于某小学食堂情况的通报"'),
    (D(20), "11:00", "coord", "review C5 approve"),
    (D(20), "15:00", "gov", "respond C5 --publish --channel website --url http://www.mingguang.gov.cn/r5005"),
    # C8 emergency: verification overdue, leader instruction overdue.
    (D(16), "14:00", "patrol", 'collect "网友称河堤加固工程停工" --url https://tieba.baidu.com/p/6006 --source forum --category suggestion --dept emergency'),
    (D(16), "14:30", "emergency", "claim C8"),
    (D(16), "15:00", "emergency", 'assess C8 --level general'),
    (D(16), "16:00", "emergency", 'report C8 --text "已联系水务部门了解情况。"'),
    (D(17), "10:00", "leader", 'instruct C8 --leader 刘市长 --text "汛前必须复工，说明原因" --due 2020-01-21T18:00'),
    (D(17), "11:00", "emergency", "instruct undertake L2"),
    # C9: collected on a workday evening, never claimed.
    (D(22), "20:00", "patrol", 'collect "网传某镇卫生院春节停诊" --url https://weibo.com/mg/7007 --source weibo --category demand --dept police'),
    # C6: the same matter as C1 reposted: a duplicate, its clocks waived.
    (D(9), "11:00", "patrol", 'collect "明光路口红绿灯又坏了？" --url https://weibo.com/mg/8008 --source weibo --link C1 --as duplicate'),
    # C7 police: extension rejected; verification 9 h late because Jan 19 is a workday.
    (D(13), "09:00", "patrol", 'collect "网友反映夜市占道经营噪音扰民" --url https://weibo.com/mg/9009 --source weibo --category demand --dept police'),
    (D(13), "09:30", "police", "claim C7"),
    (D(13), "09:40", "police", 'assess C7 --level general'),
    (D(13), "11:00", "police", 'report C7 --text "已会同城管核查。"'),
    (D(14), "10:00", "police", 'extend C7 --days 5 --reason "需与城管联合整治"'),
    (D(15), "10:00", "coord", 'extend reject X2 --reason "可在时限内形成核实报告"'),
    (D(20), "09:00", "police", 'verify C7 --summary "已联合整治，划定经营区域"'),
    (D(23), "10:00", "police", 'respond C7 --channel weibo --url https://weibo.com/mgpolice/r9009 --text "已划定夜市经营区域，22 点后禁止外放音响。"'),
]

def main():
    out = []
    w = out.append
    w("# 2020 年 1 月：七个部门的巡查和九个案件（由 scripts/examples/month.py 生成，请勿手改）")
    w("# January 2020: patrols of seven departments and nine cases (generated by scripts/examples/month.py; do not edit).")
    w("# Holiday on a weekday (Jan 1), make-up workday on a Sunday (Jan 19), Spring Festival from Jan 24.")
    w("# Run:  yuqing --db /tmp/month.sqlite --no-init run scripts/examples/month-2020-01.yq")
    w("clock set 2020-02-03T09:00")
    w(ACTORS["coord"])
    w("dept contact propaganda --leader 马建国 --staff 张伟")
    w("dept contact gov-office --leader 黄志强 --staff 周涛")
    w("dept contact police --leader 刘建军 --staff 李娜")
    w("dept contact emergency --leader 钱卫东 --staff 赵强")
    w("dept contact petitions --leader 郑海燕 --staff 孙丽")
    w("dept contact open-gov --leader 王敏 --staff 陈晓")
    w("dept contact net-propaganda --leader 何静 --staff 吴芳")
    day = dt.date(2020, 1, 1)
    while day.month == 1:
        w("")
        kind = "holiday" if day in HOLIDAYS else "make-up workday" if day in MAKEUP else "workday" if working(day) else "rest day"
        w(f"# {day} {day.strftime('%a')} ({kind})")
        for dept, name in PATROLLERS:
            times = patrols(dept, day)
            if not times:
                continue
            # A department's liaison also patrols (liaisons may): the directory gives each person one role.
            role = "liaison" if f"as {name} --role liaison --dept {dept}" in ACTORS.values() else "patrol"
            w(f"as {name} --role {role} --dept {dept}")
            for t in times:
                w(f"patrol --at {day}T{t}")
        actor = None
        for (d, t, who, cmd) in sorted((c for c in CASES if c[0] == day), key=lambda c: c[1]):
            if who != actor:
                w(ACTORS[who])
                actor = who
            w(f"{cmd} --at {d}T{t}")
        day += dt.timedelta(days=1)
    print("\n".join(out))

if __name__ == "__main__":
    main()
