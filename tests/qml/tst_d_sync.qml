import QtQuick
import QtTest
import FieldGrid

Item {
    id: root
    width: 1280; height: 800

TestCase {
    name: "SyncPage"
    when: windowShown
    width: 1280; height: 800

    Component { id: page; SyncPage { width: 1280; height: 800 } }

    function init() { tryVerify(() => Session.loggedIn && Session.dataVersion > 0, 30000) }

    function test_pending_changes_go_up() {
        const p = createTemporaryObject(page, root)
        mouseClick(findChild(p, "syncNow"))
        tryVerify(() => Session.pendingChanges === 0 && Session.syncState !== "pushing", 30000)
        verify(findChild(p, "pendingCount").text.indexOf("0") >= 0)
        compare(Session.rejectedChanges, 0)
        compare(Session.lastError, "")
    }
}
}
