import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldGrid

// The police officer's list: flagged people and places to verify, and key houses.
Page {
    id: root
    objectName: "policePage"
    property var flags: Session.dataVersion >= 0 ? Session.flags() : []
    property var keyHouses: Session.dataVersion >= 0 ? Session.houses("key_house", 50) : []
    property string lastError: ""

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            ToolButton { text: "‹"; onClicked: root.StackView.view.pop() }
            Label { text: qsTr("核查（%1）").arg(root.flags.length); font.bold: true; Layout.fillWidth: true }
            SyncBadge { }
        }
    }
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 16
        ListView {
            id: list
            objectName: "flagList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: root.flags
            delegate: ItemDelegate {
                width: list.width
                contentItem: ColumnLayout {
                    Label { text: modelData.kind + " · " + (modelData.name || modelData.subjectType) + " · " + modelData.where; font.bold: true }
                    Label { text: modelData.reason + "（" + modelData.raisedBy + " " + modelData.raisedAt + "）"; color: "#666"
                            wrapMode: Text.Wrap; Layout.fillWidth: true }
                }
                onClicked: { verify.flagId = modelData.id; verify.open() }
            }
        }
        Label { text: qsTr("重点房屋（%1）").arg(root.keyHouses.length); font.bold: true }
        ListView {
            objectName: "keyHouseList"
            Layout.fillWidth: true
            Layout.preferredHeight: 200
            clip: true
            model: root.keyHouses
            delegate: Label { text: modelData.address + " · " + qsTr("%1人").arg(modelData.occupants) }
        }
        Label { objectName: "policeError"; text: root.lastError; color: "#c62828" }
        // Outside the area only with a reason: two hours, recorded in the audit log.
        Label { text: qsTr("越权查询（需填写事由，有效2小时，全程留痕）"); font.bold: true }
        RowLayout {
            Layout.fillWidth: true
            TextField { id: bgId; objectName: "breakGlassId"; placeholderText: qsTr("证件号码"); Layout.fillWidth: true }
            TextField { id: bgReason; objectName: "breakGlassReason"; placeholderText: qsTr("查询事由"); Layout.fillWidth: true }
            Button { objectName: "breakGlassButton"; text: qsTr("查询"); onClicked: Session.breakGlass(bgId.text, bgReason.text) }
        }
        Label {
            id: bgResult
            objectName: "breakGlassResult"
            property var result: ({})
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: result.ok ? "black" : "#c62828"
            text: result.ok ? result.fields.map(f => f.label + "：" + f.value).join("  ") + qsTr("（%1前有效）").arg(result.expires)
                            : (result.error || "")
            Connections {
                target: Session
                function onBreakGlassFinished(r) { bgResult.result = r }
            }
        }
    }
    Dialog {
        id: verify
        objectName: "verifyDialog"
        property string flagId: ""
        title: qsTr("核查结果")
        standardButtons: Dialog.Ok | Dialog.Cancel
        anchors.centerIn: parent
        ColumnLayout {
            ComboBox {
                id: outcome
                objectName: "verifyOutcome"
                textRole: "label"
                valueRole: "code"
                model: [ { code: "verified", label: qsTr("属实，已处置") }, { code: "cleared", label: qsTr("不属实，已排除") } ]
            }
            TextField { id: notes; objectName: "verifyNotes"; placeholderText: qsTr("核查情况") }
        }
        onAccepted: root.lastError = Session.verifyFlag(flagId, outcome.currentValue, notes.text)
    }
}
