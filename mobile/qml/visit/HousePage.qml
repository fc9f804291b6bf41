import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtPositioning
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

    // The tablet's position, when it has one; a visit is saved without it otherwise.
    PositionSource {
        id: gps
        objectName: "gps"
        active: root.visible
        updateInterval: 10000
    }
    readonly property bool hasPosition: gps.valid && gps.position.latitudeValid && gps.position.longitudeValid

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
        // Wraps on a phone held upright.
        Flow {
            Layout.fillWidth: true
            spacing: 6
            Label { text: qsTr("使用情况"); height: useBox.height; verticalAlignment: Text.AlignVCenter }
            ComboBox {
                id: useBox
                objectName: "houseUse"
                textRole: "label"
                valueRole: "code"
                model: Session.houseUses()
                Component.onCompleted: currentIndex = Math.max(0, indexOfValue(root.info.useCode))
            }
            Repeater {
                id: labelChoices
                model: Session.houseLabelChoices()
                delegate: CheckBox {
                    objectName: "label_" + modelData.code
                    text: modelData.label
                    checked: (root.info.labelCodes || []).indexOf(modelData.code) >= 0
                }
            }
            Button {
                objectName: "saveHouse"
                text: qsTr("保存房屋信息")
                onClicked: {
                    const codes = []
                    for (let i = 0; i < labelChoices.count; ++i)
                        if (labelChoices.itemAt(i).checked) codes.push(Session.houseLabelChoices()[i].code)
                    root.lastError = Session.updateHouse(root.houseId, useBox.currentValue, codes)
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
                        objectName: "unmask_" + modelData.name
                        visible: Session.canUnmask()
                        text: qsTr("显示证件号")
                        onClicked: root.lastError = qsTr("证件号码：%1（已记录查看）").arg(Session.unmaskId(modelData.personId))
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
        Label {
            objectName: "visitHistory"
            property var items: Session.dataVersion >= 0 && root.houseId !== "" ? Session.visits(root.houseId) : []
            text: items.length ? qsTr("走访记录：") + items.slice(0, 3).map(v => v.when + " " + v.visitor + " " + v.outcome).join("；")
                               : qsTr("尚无走访记录")
            color: "#555"
            elide: Text.ElideRight
            Layout.fillWidth: true
        }
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
                                                              root.people.filter(p => p.living).length,
                                                              root.hasPosition ? gps.position.coordinate.latitude : NaN,
                                                              root.hasPosition ? gps.position.coordinate.longitude : NaN)
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
