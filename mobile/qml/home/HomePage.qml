import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldGrid

Page {
    id: root
    objectName: "homePage"
    property var summary: Session.dataVersion >= 0 ? Session.homeSummary() : ({})

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            Label {
                text: Session.displayName + (summary.grids ? " · " + summary.grids : "")
                elide: Text.ElideRight
                Layout.fillWidth: true
                leftPadding: 12
            }
            SyncBadge { onClicked: root.StackView.view.push(syncComponent) }
        }
    }

    Component { id: searchComponent; SearchPage { } }
    Component { id: syncComponent; SyncPage { } }
    Component { id: tasksComponent; TasksPage { } }
    Component { id: policeComponent; PolicePage { } }
    Component { id: houseComponent; HousePage { } }
    Component { id: addressComponent; AddressPage { } }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 16
        spacing: 12
        TextField {
            objectName: "homeSearch"
            placeholderText: qsTr("搜索：证件号、姓名、拼音、首字母、电话、地址")
            Layout.fillWidth: true
            onAccepted: root.StackView.view.push(searchComponent, { "initialQuery": text })
        }
        GridLayout {
            columns: root.width > root.height ? 4 : 2
            Layout.fillWidth: true
            Repeater {
                model: [
                    { label: qsTr("在住人口"), value: summary.people, name: "tilePeople" },
                    { label: qsTr("实有房屋"), value: summary.houses, name: "tileHouses" },
                    { label: qsTr("实有单位"), value: summary.units, name: "tileUnits" },
                    { label: qsTr("本月兜底翻"), value: (summary.sweepPercent || 0) + "%", name: "tileSweep" },
                    { label: qsTr("待办任务"), value: summary.tasksOpen, name: "tileTasks",
                      alert: (summary.tasksOverdue || 0) > 0, note: qsTr("逾期 %1").arg(summary.tasksOverdue || 0) },
                    { label: qsTr("待核查人员"), value: summary.flagsOpen, name: "tileFlags" },
                    { label: qsTr("重点房屋"), value: summary.keyHouses, name: "tileKeyHouses" },
                    { label: qsTr("疑似群租"), value: summary.groupRentals, name: "tileGroupRentals" }
                ]
                delegate: Frame {
                    objectName: modelData.name
                    Layout.fillWidth: true
                    ColumnLayout {
                        Label { text: modelData.label; color: "#555" }
                        Label {
                            text: modelData.value === undefined ? "0" : String(modelData.value)
                            font.pixelSize: 30
                            font.bold: true
                            color: modelData.alert ? "#c62828" : "#1b5e20"
                        }
                        Label { visible: !!modelData.note; text: modelData.note || ""; color: modelData.alert ? "#c62828" : "#777" }
                    }
                }
            }
        }
        RowLayout {
            Button { objectName: "openAddresses"; text: qsTr("地址浏览"); onClicked: root.StackView.view.push(addressComponent) }
            Button { objectName: "openTasks"; text: qsTr("核查任务"); onClicked: root.StackView.view.push(tasksComponent) }
            Button { objectName: "openPolice"; text: qsTr("待核查人员与重点房屋"); visible: Session.role === "police" || Session.role === "admin"
                     onClicked: root.StackView.view.push(policeComponent) }
            Button { objectName: "openKeyHouse"; text: qsTr("走访重点房屋")
                     onClicked: { const h = Session.houses("key_house", 1); if (h.length) root.StackView.view.push(houseComponent, { "houseId": h[0].id }) } }
        }
        Label { text: qsTr("本网格在住人员（%1）").arg(people.total); font.bold: true }
        ListView {
            id: list
            objectName: "peopleList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: PeopleModel { id: people }
            delegate: ItemDelegate {
                width: list.width
                text: name + "  " + idMasked + "  " + where
            }
            ScrollBar.vertical: ScrollBar { }
        }
    }
    Connections {
        target: Session
        function onDataChanged() { people.reload() }
    }
}
