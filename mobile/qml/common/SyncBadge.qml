import QtQuick
import QtQuick.Controls
import FieldGrid

// Where sync stands, always in view: pending changes, errors, conflicts, offline.
ToolButton {
    id: badge
    objectName: "syncBadge"
    readonly property string stateText: {
        switch (Session.syncState) {
        case "pushing": return qsTr("上传中")
        case "pulling": return qsTr("下载中")
        case "offline": return qsTr("离线")
        case "error": return qsTr("同步出错")
        case "conflict": return qsTr("有冲突")
        default: return Session.pendingChanges > 0 ? qsTr("待上传") : qsTr("已同步")
        }
    }
    text: stateText + (Session.pendingChanges > 0 ? " · " + Session.pendingChanges : "")
          + (Session.rejectedChanges > 0 ? " · " + qsTr("退回") + Session.rejectedChanges : "")
    palette.buttonText: Session.syncState === "error" || Session.rejectedChanges > 0 ? "#c62828"
                      : Session.syncState === "offline" ? "#ef6c00" : "#2e7d32"
}
