import QtQuick
import QtTest
import FieldGrid

Item {
    id: root
    width: 1280; height: 800

TestCase {
    name: "Login"
    when: windowShown
    width: 800; height: 600

    Component { id: page; LoginPage { width: 800; height: 600 } }
    SignalSpy { id: finished; target: Session; signalName: "loginFinished" }

    function test_wrong_password_then_login_and_first_sync() {
        const p = createTemporaryObject(page, root)
        const loggedIn = signalSpy(p, "loggedIn")
        findChild(p, "userField").text = "coordinator"
        findChild(p, "passwordField").text = "wrong-password"
        mouseClick(findChild(p, "loginButton"))
        finished.wait(15000)
        verify(!Session.loggedIn)
        verify(findChild(p, "loginMessage").text.indexOf("错误") >= 0, findChild(p, "loginMessage").text)
        findChild(p, "passwordField").text = "demo1234"
        mouseClick(findChild(p, "loginButton"))
        tryVerify(() => Session.loggedIn, 15000)
        compare(loggedIn.count, 1)
        compare(Session.role, "coordinator")
        // The first sync runs in the background and brings the grid.
        tryVerify(() => Session.dataVersion > 0 && Session.syncState === "idle", 30000)
        verify(Session.homeSummary().people > 0)
    }

    function signalSpy(target, name) {
        const s = Qt.createQmlObject('import QtTest; SignalSpy {}', this)
        s.target = target
        s.signalName = name
        return s
    }
}
}
