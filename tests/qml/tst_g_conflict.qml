import QtQuick
import QtTest
import FieldGrid
import FieldGridTest

Item {
    id: root
    width: 1280; height: 800

TestCase {
    name: "Conflict"
    when: windowShown

    Component { id: page; SyncPage { width: 1280; height: 800 } }

    function init() { tryVerify(() => Session.loggedIn && Session.dataVersion > 0, 30000) }

    function test_concurrent_edits_are_resolved_side_by_side() {
        tryVerify(() => Session.pendingChanges === 0 && Session.syncState !== "pushing" && Session.syncState !== "pulling", 30000)
        const house = Session.houses("", 5)[3]
        const who = Session.residents(Session.house(house.id).addressId).filter(r => r.living)[0]
        // Another tablet records a destination and syncs first...
        verify(OtherDevice.setDestination(who.residenceId, "浙江杭州"))
        // ...while this one, not yet having pulled it, records the move-out with another.
        compare(Session.moveOut(who.residenceId, "2026-11-20", "安徽合肥"), "")
        tryVerify(() => Session.openConflicts > 0, 30000)
        const p = createTemporaryObject(page, root)
        const c = p.conflicts.find(x => x.mine === "安徽合肥")
        verify(c !== undefined, JSON.stringify(p.conflicts))
        compare(c.theirs, "浙江杭州")
        const i = p.conflicts.indexOf(c)
        mouseClick(findChild(p, "takeTheirs_" + i))
        tryVerify(() => !Session.conflicts().some(x => x.id === c.id), 15000)
        const after = Session.residents(Session.house(house.id).addressId).find(r => r.residenceId === who.residenceId)
        compare(after.destination, "浙江杭州")  // theirs, as chosen
        compare(after.leaveDate, "2026-11-20")  // the rest of the move-out stands
        tryVerify(() => Session.pendingChanges === 0, 30000)
    }
}
}
