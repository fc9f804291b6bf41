import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldGrid

// Browse the standard address tree: road › doorplate › building › unit › floor › room.
Page {
    id: root
    objectName: "addressPage"
    property var path: []   // [{id, name}] from the road down
    readonly property string currentId: path.length ? path[path.length - 1].id : ""
    property var nodes: Session.dataVersion >= 0 ? Session.addressChildren(currentId) : []

    function open(node) { path = path.concat([{ id: node.id, name: node.name }]) }
    function up() { path = path.slice(0, path.length - 1) }

    Component { id: housePage; HousePage { } }

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            ToolButton { text: "‹"; onClicked: root.path.length ? root.up() : root.StackView.view.pop() }
            Label {
                objectName: "addressPath"
                text: root.path.length ? root.path.map(p => p.name).join(" › ") : qsTr("全部街路巷")
                font.bold: true
                elide: Text.ElideLeft
                Layout.fillWidth: true
            }
            SyncBadge { }
        }
    }
    ListView {
        id: list
        objectName: "addressList"
        anchors.fill: parent
        clip: true
        model: root.nodes
        delegate: ItemDelegate {
            width: list.width
            contentItem: RowLayout {
                Label { text: modelData.name; font.bold: true }
                Label { text: modelData.level + (modelData.living > 0 ? " · " + qsTr("%1人在住").arg(modelData.living) : ""); color: "#666" }
                Item { Layout.fillWidth: true }
                Button {
                    objectName: "openHouse_" + index
                    visible: modelData.houseId !== ""
                    text: qsTr("走访")
                    onClicked: root.StackView.view.push(housePage, { "houseId": modelData.houseId })
                }
                Label { visible: modelData.hasChildren; text: "›"; font.pixelSize: 24 }
            }
            onClicked: if (modelData.hasChildren) root.open(modelData)
        }
    }
}
