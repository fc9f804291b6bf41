import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldGrid

// Where sync stands, what the server refused and why, and conflicts side by side.
Page {
    id: root
    objectName: "syncPage"
    property var conflicts: Session.dataVersion >= 0 && Session.openConflicts >= 0 ? Session.conflicts() : []
    property var rejected: Session.rejectedChanges >= 0 ? Session.rejected() : []

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            ToolButton { text: "‹"; onClicked: root.StackView.view.pop() }
            Label { text: qsTr("数据同步"); font.bold: true; Layout.fillWidth: true }
            Button { objectName: "syncNow"; text: qsTr("立即同步"); onClicked: Session.syncNow() }
        }
    }
    ScrollView {
        anchors.fill: parent
        ColumnLayout {
            width: root.width - 32
            x: 16
            spacing: 10
            Label { objectName: "syncState"; text: qsTr("状态：%1").arg(badge.stateText) }
            SyncBadge { id: badge; visible: false }
            Label { objectName: "pendingCount"; text: qsTr("待上传：%1 条").arg(Session.pendingChanges) }
            Label { text: qsTr("上次成功：%1").arg(Session.lastSuccess || qsTr("从未")) }
            Label { visible: Session.lastError !== ""; text: qsTr("上次错误：%1").arg(Session.lastError); color: "#c62828"
                    wrapMode: Text.Wrap; Layout.fillWidth: true }
            Label { text: qsTr("被退回的修改（%1）").arg(root.rejected.length); font.bold: true }
            Repeater {
                objectName: "rejectedList"
                model: root.rejected
                delegate: Label { text: modelData.record + "：" + modelData.reason; color: "#c62828"; wrapMode: Text.Wrap
                                  Layout.fillWidth: true }
            }
            Label { text: qsTr("待处理的冲突（%1）").arg(root.conflicts.length); font.bold: true }
            Repeater {
                objectName: "conflictList"
                model: root.conflicts
                delegate: Frame {
                    Layout.fillWidth: true
                    ColumnLayout {
                        width: parent.width
                        Label { text: modelData.record + " " + modelData.recordName + " · " + modelData.field; font.bold: true }
                        RowLayout {
                            Label { text: qsTr("我的：%1").arg(modelData.mine); Layout.fillWidth: true }
                            Label { text: qsTr("对方：%1").arg(modelData.theirs); Layout.fillWidth: true }
                        }
                        RowLayout {
                            Button { objectName: "keepMine_" + index; text: qsTr("保留我的")
                                     onClicked: Session.resolveConflict(modelData.id, "mine", "") }
                            Button { objectName: "takeTheirs_" + index; text: qsTr("采用对方")
                                     onClicked: Session.resolveConflict(modelData.id, "theirs", "") }
                        }
                    }
                }
            }
        }
    }
}
