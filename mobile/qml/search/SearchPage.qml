import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldGrid

Page {
    id: root
    objectName: "searchPage"
    property string initialQuery: ""
    title: qsTr("搜索")

    Component { id: houseComponent; HousePage { } }
    Component { id: unitComponent; UnitPage { } }

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            ToolButton { text: "‹"; onClicked: root.StackView.view.pop() }
            TextField {
                id: box
                objectName: "searchField"
                text: root.initialQuery
                placeholderText: qsTr("证件号、姓名、拼音、首字母、电话、地址")
                Layout.fillWidth: true
                onTextChanged: results.query = text
            }
        }
    }
    ListView {
        id: list
        objectName: "searchResults"
        anchors.fill: parent
        clip: true
        model: SearchModel { id: results; query: root.initialQuery }
        delegate: ItemDelegate {
            width: list.width
            contentItem: ColumnLayout {
                Label { text: title + "  [" + match + "]"; font.bold: true }
                Label { text: subtitle; color: "#666"; elide: Text.ElideRight; Layout.fillWidth: true }
            }
            onClicked: {
                if (kind === "unit") { root.StackView.view.push(unitComponent, { "unitId": recordId }); return }
                const h = results.houseFor(index)
                if (h !== "") root.StackView.view.push(houseComponent, { "houseId": h })
            }
        }
        Label {
            anchors.centerIn: parent
            visible: list.count === 0 && box.text.length > 0
            text: qsTr("没有找到匹配的记录")
        }
    }
}
