import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldGrid

// A new resident at the door: the ID number checked as it is typed, birth date and gender read
// from it, the same person found if registered anywhere, the draft kept if the app is killed.
Page {
    id: root
    objectName: "residentForm"
    property string addressId: ""
    readonly property string draftKey: "resident:" + addressId
    property var check: ({})
    property string saveError: ""
    property bool restoring: true
    signal saved()

    function draftFields() {
        return { idType: idType.currentValue, idNo: idNo.text, name: name.text, phone: phone.text,
                 category: category.currentValue, moveIn: moveIn.text }
    }
    function keepDraft() { if (!restoring) Session.saveDraft(draftKey, draftFields()) }

    Component.onCompleted: {
        const d = Session.draft(draftKey)
        if (d.idNo !== undefined) {
            idNo.text = d.idNo; name.text = d.name || ""; phone.text = d.phone || ""; moveIn.text = d.moveIn || ""
            idType.currentIndex = Math.max(0, idType.indexOfValue(d.idType))
            category.currentIndex = Math.max(0, category.indexOfValue(d.category))
        }
        restoring = false
    }

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            ToolButton { text: "‹"; onClicked: root.StackView.view.pop() }
            Label { text: qsTr("新增人员"); font.bold: true; Layout.fillWidth: true }
        }
    }
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 16
        spacing: 10
        ComboBox {
            id: idType
            objectName: "idType"
            textRole: "label"
            valueRole: "code"
            Layout.fillWidth: true
            model: [ { code: "resident_id", label: qsTr("居民身份证") }, { code: "hk_mo_permit", label: qsTr("港澳居民居住证") },
                     { code: "tw_permit", label: qsTr("台湾居民居住证") }, { code: "foreign_pr", label: qsTr("外国人永久居留身份证") },
                     { code: "passport", label: qsTr("护照") } ]
            onActivated: { root.check = Session.checkIdNumber(currentValue, idNo.text); keepDraft() }
        }
        TextField {
            id: idNo
            objectName: "idNo"
            placeholderText: qsTr("证件号码")
            Layout.fillWidth: true
            inputMethodHints: Qt.ImhPreferNumbers | Qt.ImhPreferUppercase
            onTextChanged: { root.check = text.length > 0 ? Session.checkIdNumber(idType.currentValue, text) : ({}); keepDraft() }
        }
        Label {
            objectName: "idCheck"
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: root.check.ok ? "#2e7d32" : "#c62828"
            text: !idNo.text ? "" : root.check.ok
                  ? qsTr("出生日期 %1 · 性别 %2").arg(root.check.birthDate || "-").arg(root.check.gender || "-")
                  : (root.check.error || "")
        }
        Label {
            objectName: "duplicateWarning"
            visible: !!root.check.duplicate
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: "#ef6c00"
            text: qsTr("此人已登记：%1（%2）。保存将为其添加本地址的居住登记。").arg(root.check.duplicateName || "").arg(root.check.duplicateAddress || qsTr("无居住地址"))
        }
        TextField { id: name; objectName: "name"; placeholderText: qsTr("姓名"); Layout.fillWidth: true; onTextChanged: keepDraft() }
        TextField { id: phone; objectName: "phone"; placeholderText: qsTr("手机号码"); Layout.fillWidth: true
                    inputMethodHints: Qt.ImhDialableCharactersOnly; onTextChanged: keepDraft() }
        ComboBox {
            id: category
            objectName: "category"
            textRole: "label"
            valueRole: "code"
            Layout.fillWidth: true
            model: [ { code: "laihu", label: qsTr("来沪人员") }, { code: "huji", label: qsTr("户籍人口") },
                     { code: "jingwai", label: qsTr("境外人员") }, { code: "weiluohu", label: qsTr("未落户人员") } ]
            onActivated: keepDraft()
        }
        TextField { id: moveIn; objectName: "moveIn"; placeholderText: qsTr("入住日期 YYYY-MM-DD"); Layout.fillWidth: true
                    onTextChanged: keepDraft() }
        Label { objectName: "saveError"; text: root.saveError; color: "#c62828"; wrapMode: Text.Wrap; Layout.fillWidth: true }
        Button {
            objectName: "saveResident"
            text: qsTr("保存")
            highlighted: true
            enabled: !!root.check.ok && (name.text.length > 0 || !!root.check.duplicate)
            Layout.fillWidth: true
            onClicked: {
                const f = draftFields()
                if (!f.name && root.check.duplicate) f.name = root.check.duplicateName
                root.saveError = Session.addResident(root.addressId, f)
                if (root.saveError === "") {
                    Session.clearDraft(root.draftKey)
                    root.saved()
                    if (root.StackView.view) root.StackView.view.pop()
                }
            }
        }
        Item { Layout.fillHeight: true }
    }
}
