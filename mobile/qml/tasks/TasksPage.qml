import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldGrid

// Orders sent down: sign for them, act at the door, answer with feedback. Overdue ones in red.
Page {
    id: root
    objectName: "tasksPage"
    property var tasks: Session.dataVersion >= 0 ? Session.tasks() : []
    property string lastError: ""

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            ToolButton { text: "‹"; onClicked: root.StackView.view.pop() }
            Label { text: qsTr("核查任务"); font.bold: true; Layout.fillWidth: true }
            SyncBadge { }
        }
    }
    ListView {
        id: list
        objectName: "taskList"
        anchors.fill: parent
        anchors.margins: 16
        clip: true
        model: root.tasks
        delegate: Frame {
            width: list.width
            ColumnLayout {
                width: parent.width
                Label {
                    text: modelData.number + " " + modelData.title + " · " + modelData.status
                          + (modelData.overdue ? " · " + qsTr("已逾期") : "")
                    color: modelData.overdue ? "#c62828" : "black"
                    font.bold: true
                }
                Label { text: qsTr("期限 %1 · %2下发").arg(modelData.due).arg(modelData.issuedBy); color: "#666" }
                Label { visible: modelData.feedback !== ""; text: qsTr("反馈：%1").arg(modelData.feedback) }
                RowLayout {
                    visible: modelData.open
                    Button { objectName: "receive_" + index; text: qsTr("签收"); visible: !modelData.received
                             onClicked: root.lastError = Session.receiveTask(modelData.id) }
                    TextField { id: feedback; objectName: "feedback_" + index; placeholderText: qsTr("核查反馈"); Layout.fillWidth: true }
                    Button { objectName: "answer_" + index; text: qsTr("反馈")
                             onClicked: root.lastError = Session.answerTask(modelData.id, feedback.text) }
                }
            }
        }
    }
}
