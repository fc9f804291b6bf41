import QtQuick
import QtQuick.Controls
import FieldGrid

ApplicationWindow {
    id: window
    width: 1280
    height: 800
    visible: true
    title: qsTr("一标三实 · 网格采集")
    font.family: "Noto Sans CJK SC"
    font.pixelSize: 18

    StackView {
        id: stack
        objectName: "stack"
        anchors.fill: parent
        initialItem: Session.loggedIn ? homeComponent : loginComponent
    }
    Component {
        id: loginComponent
        LoginPage { onLoggedIn: stack.replace(homeComponent) }
    }
    Component {
        id: homeComponent
        HomePage { }
    }
}
