import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldGrid

Page {
    id: root
    objectName: "loginPage"
    signal loggedIn()
    title: qsTr("登录")

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(parent.width - 48, 420)
        spacing: 16
        Label {
            text: qsTr("一标三实 · 网格采集")
            font.pixelSize: 28
            font.bold: true
            Layout.alignment: Qt.AlignHCenter
        }
        TextField {
            id: user
            objectName: "userField"
            placeholderText: qsTr("账号")
            Layout.fillWidth: true
            inputMethodHints: Qt.ImhNoAutoUppercase
        }
        TextField {
            id: password
            objectName: "passwordField"
            placeholderText: qsTr("密码")
            echoMode: TextInput.Password
            Layout.fillWidth: true
            onAccepted: login.clicked()
        }
        Button {
            id: login
            objectName: "loginButton"
            text: Session.busy ? qsTr("正在登录…") : qsTr("登录")
            enabled: !Session.busy && user.text.length > 0 && password.text.length > 0
            highlighted: true
            Layout.fillWidth: true
            onClicked: Session.login(user.text, password.text)
        }
        Label {
            id: message
            objectName: "loginMessage"
            wrapMode: Text.Wrap
            color: "#c62828"
            Layout.fillWidth: true
        }
    }
    Connections {
        target: Session
        function onLoginFinished(ok, text) {
            message.text = text
            if (ok) root.loggedIn()
        }
    }
}
