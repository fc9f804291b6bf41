import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldGrid

// A visit at a house: who is registered here, who still lives here, who is new.
Page {
    id: root
    objectName: "housePage"
    property string houseId: ""
    property var info: Session.dataVersion >= 0 && houseId !== "" ? Session.house(houseId) : ({})
    property var people: Session.dataVersion >= 0 && info.addressId ? Session.residents(info.addressId) : []
    property string lastError: ""
    title: info.address || ""

    Component { id: residentForm; ResidentForm { } }

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            ToolButton { text: "‹"; onClicked: root.StackView.view.pop() }
            Label { text: info.address || ""; font.bold: true; elide: Text.ElideRight; Layout.fillWidth: true }
            SyncBadge { }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 16
        spacing: 10
        Label {
            objectName: "houseSummary"
            text: qsTr("%1 · %2 · %3间 · %4人在住").arg(info.type || "").arg(info.use || "").arg(info.rooms || 0).arg(info.occupants || 0)
        }
        Flow {
            spacing: 8
            Layout.fillWidth: true
            Repeater {
                objectName: "houseLabels"
                model: info.labels || []
                delegate: Label {
                    text: modelData
                    padding: 6
                    color: "white"
                    background: Rectangle { color: "#c62828"; radius: 4 }
                }
            }
        }
        ListView {
            id: list
            objectName: "residentList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: root.people
            delegate: ItemDelegate {
                width: list.width
                contentItem: RowLayout {
                    ColumnLayout {
                        Layout.fillWidth: true
                        Label { text: modelData.name + "  " + modelData.gender + "  " + modelData.category; font.bold: true }
                        Label { text: modelData.idMasked + "  " + modelData.where + "  " + modelData.status; color: "#666" }
                    }
                    Button {
                        objectName: "confirm_" + modelData.name
                        visible: modelData.living
                        text: modelData.verified ? qsTr("已核实") : qsTr("仍在住")
                        enabled: !modelData.verified
                        onClicked: root.lastError = Session.confirmLiving(modelData.residenceId)
                    }
                    Button {
                        objectName: "moveOut_" + modelData.name
                        visible: modelData.living
                        text: qsTr("已迁出")
                        onClicked: { moveOut.residenceId = modelData.residenceId; moveOut.open() }
                    }
                }
            }
        }
        Label { objectName: "houseError"; text: root.lastError; color: "#c62828"; wrapMode: Text.Wrap; Layout.fillWidth: true }
        RowLayout {
            Button {
                objectName: "addResident"
                text: qsTr("新增人员")
                onClicked: root.StackView.view.push(residentForm, { "addressId": info.addressId })
            }
            Button {
                objectName: "flagRefusal"
                text: qsTr("拒绝登记")
                onClicked: refusal.open()
            }
            Item { Layout.fillWidth: true }
            ComboBox {
                id: outcome
                objectName: "visitOutcome"
                textRole: "label"
                valueRole: "code"
                model: [ { code: "done", label: qsTr("已核查") }, { code: "nobody_home", label: qsTr("无人在家") },
                         { code: "refused", label: qsTr("拒绝配合") } ]
            }
            Button {
                objectName: "saveVisit"
                text: qsTr("保存走访")
                highlighted: true
                onClicked: root.lastError = Session.saveVisit(root.houseId, outcome.currentValue, "",
                                                              root.people.filter(p => p.living).length)
            }
        }
    }

    Dialog {
        id: moveOut
        objectName: "moveOutDialog"
        property string residenceId: ""
        title: qsTr("登记迁出")
        standardButtons: Dialog.Ok | Dialog.Cancel
        anchors.centerIn: parent
        ColumnLayout {
            TextField { id: leaveDate; objectName: "leaveDate"; placeholderText: qsTr("离开日期 YYYY-MM-DD")
                        text: new Date().toISOString().slice(0, 10) }
            TextField { id: destination; objectName: "destination"; placeholderText: qsTr("去往地") }
        }
        onAccepted: root.lastError = Session.moveOut(residenceId, leaveDate.text, destination.text)
    }
    Dialog {
        id: refusal
        objectName: "refusalDialog"
        title: qsTr("拒绝登记，报告民警")
        standardButtons: Dialog.Ok | Dialog.Cancel
        anchors.centerIn: parent
        ColumnLayout {
            TextField { id: refusedName; objectName: "refusedName"; placeholderText: qsTr("姓名或称呼") }
            TextField { id: refusedReason; objectName: "refusedReason"; placeholderText: qsTr("情况说明") }
        }
        onAccepted: root.lastError = Session.flagRefusal(info.addressId, refusedName.text, refusedReason.text)
    }
}
