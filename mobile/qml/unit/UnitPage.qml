import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldGrid

// A unit and its staff roster (花名册).
Page {
    id: root
    objectName: "unitPage"
    property string unitId: ""
    property var info: Session.dataVersion >= 0 && unitId !== "" ? Session.unit(unitId) : ({})
    property var staff: Session.dataVersion >= 0 && unitId !== "" ? Session.roster(unitId) : []

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            ToolButton { text: "‹"; onClicked: root.StackView.view.pop() }
            Label { text: info.name || ""; font.bold: true; elide: Text.ElideRight; Layout.fillWidth: true }
            SyncBadge { }
        }
    }
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 16
        Label { objectName: "unitSummary"; text: (info.type || "") + " · " + (info.industry || "") + " · " + (info.uscc || "") }
        Label { text: (info.address || "") + " · " + qsTr("法定代表人 %1").arg(info.legalRep || ""); color: "#666" }
        Label { text: qsTr("从业人员花名册（%1人）").arg(root.staff.length); font.bold: true }
        ListView {
            id: list
            objectName: "rosterList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: root.staff
            delegate: ItemDelegate {
                width: list.width
                text: modelData.name + "  " + modelData.idMasked + "  " + modelData.position + "  " + qsTr("入职 %1").arg(modelData.hired)
                      + (modelData.livesOnSite ? "  " + qsTr("从业且居住") : "") + (modelData.left ? "  " + qsTr("已离职") : "")
            }
        }
    }
}
