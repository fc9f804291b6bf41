import QtQuick
import QtTest
import FieldGrid

Item {
    id: root
    width: 1280; height: 800

TestCase {
    name: "TasksAndPolice"
    when: windowShown

    Component { id: tasksPage; TasksPage { width: 1280; height: 800 } }
    Component { id: policePage; PolicePage { width: 1280; height: 800 } }
    Component { id: housePage; HousePage { width: 1280; height: 800 } }

    function init() { tryVerify(() => Session.loggedIn && Session.dataVersion > 0, 30000) }

    function test_a_task_is_received_and_answered() {
        const open = Session.tasks().filter(t => t.open)
        verify(open.length > 0, "the demo town sends tasks down")
        const p = createTemporaryObject(tasksPage, root)
        const list = findChild(p, "taskList")
        tryVerify(() => list.count > 0)
        const i = Session.tasks().findIndex(t => t.open && !t.received)
        verify(i >= 0)
        const id = Session.tasks()[i].id
        compare(Session.receiveTask(id), "")
        compare(Session.answerTask(id, ""), "请填写反馈")  // feedback is required
        compare(Session.answerTask(id, "已上门核实，人员在住"), "")
        const t = Session.tasks().find(x => x.id === id)
        verify(!t.open)
        compare(t.feedback, "已上门核实，人员在住")
    }

    function test_b_police_verifies_a_flag() {
        // Coordinators flag; only police verify.
        const house = Session.houses("", 3)[0]
        const h = createTemporaryObject(housePage, root, { "houseId": house.id })
        compare(Session.flagRefusal(Session.house(house.id).addressId, "李某", "不开门"), "")
        const mine = Session.flags()
        verify(mine.length > 0)
        verify(Session.verifyFlag(mine[0].id, "cleared", "x") !== "", "a coordinator may not verify")
        tryVerify(() => Session.pendingChanges === 0, 30000)  // the flag reaches the server first

        Session.logout()
        verify(!Session.loggedIn)
        Session.login("police", "demo1234")
        tryVerify(() => Session.loggedIn, 15000)
        compare(Session.role, "police")
        verify(Session.canUnmask())
        tryVerify(() => Session.flags().some(f => f.reason.indexOf("不开门") >= 0), 30000)
        const p = createTemporaryObject(policePage, root)
        const list = findChild(p, "flagList")
        tryVerify(() => list.count > 0)
        const flag = Session.flags().find(f => f.reason.indexOf("不开门") >= 0)
        compare(Session.verifyFlag(flag.id, "verified", "已约谈房东，补登记"), "")
        verify(!Session.flags().some(f => f.id === flag.id))
    }

    function test_c_break_glass_needs_a_reason() {
        tryVerify(() => Session.role === "police", 15000)
        const p = createTemporaryObject(policePage, root)
        const result = findChild(p, "breakGlassResult")
        findChild(p, "breakGlassId").text = "110101199001011234"
        findChild(p, "breakGlassReason").text = ""
        mouseClick(findChild(p, "breakGlassButton"))
        tryVerify(() => result.text.indexOf("事由") >= 0)
        findChild(p, "breakGlassReason").text = "协查案件核实人员"
        mouseClick(findChild(p, "breakGlassButton"))
        tryVerify(() => result.text.indexOf("记录不存在") >= 0, 15000)
    }
}
}
