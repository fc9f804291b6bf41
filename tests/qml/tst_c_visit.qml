import QtQuick
import QtQuick.Controls
import QtTest
import FieldGrid

Item {
    id: root
    width: 1280; height: 800

TestCase {
    name: "Visit"
    when: windowShown
    width: 1280; height: 800

    Component { id: housePage; HousePage { width: 1280; height: 800 } }
    Component { id: form; ResidentForm { width: 1280; height: 800 } }

    function init() { tryVerify(() => Session.loggedIn && Session.dataVersion > 0, 30000) }

    // A valid resident ID for tests: region 340102, a birth date, a sequence.
    function makeId(birth, seq) {
        const first17 = "340102" + birth + seq
        const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = 0
        for (let i = 0; i < 17; ++i) sum += Number(first17[i]) * w[i]
        return first17 + "10X98765432"[sum % 11]
    }

    function test_move_out() {
        const house = Session.houses("", 3)[1]
        const p = createTemporaryObject(housePage, root, { "houseId": house.id })
        const before = p.people.filter(r => r.living).length
        verify(before > 0)
        const who = p.people.filter(r => r.living)[0]
        const pending = Session.pendingChanges
        mouseClick(findChild(p, "moveOut_" + who.name))
        const dialog = findChild(p, "moveOutDialog")
        tryVerify(() => dialog.opened)
        findChild(p, "destination").text = "安徽合肥"
        dialog.accept()
        compare(p.lastError, "")
        tryCompare(p, "people", p.people)  // re-read after the edit
        compare(p.people.filter(r => r.living).length, before - 1)
        verify(Session.pendingChanges > pending || Session.syncState !== "idle")
    }

    function test_new_resident_with_live_id_check_and_duplicate() {
        const house = Session.houses("", 3)[0]
        const info = Session.house(house.id)
        const f = createTemporaryObject(form, root, { "addressId": info.addressId })
        const idNo = findChild(f, "idNo")
        idNo.text = "34010219900101001"  // one character short
        verify(!f.check.ok)
        verify(findChild(f, "idCheck").text.length > 0)
        verify(!findChild(f, "saveResident").enabled)
        const id = makeId("19900101", "123")
        idNo.text = id
        verify(f.check.ok, f.check.error)
        verify(findChild(f, "idCheck").text.indexOf("1990-01-01") >= 0, "birth date read from the number")
        verify(findChild(f, "idCheck").text.indexOf("男") >= 0, "odd sequence digit: male")
        findChild(f, "name").text = "测试新人"
        findChild(f, "moveIn").text = "2026-11-02"
        const before = Session.residents(info.addressId).length
        mouseClick(findChild(f, "saveResident"))
        compare(f.saveError, "")
        compare(Session.residents(info.addressId).length, before + 1)
        // The same number at another house is found before saving.
        const other = Session.house(Session.houses("", 3)[2].id)
        const g = createTemporaryObject(form, root, { "addressId": other.addressId })
        findChild(g, "idNo").text = id
        verify(findChild(g, "duplicateWarning").visible)
        verify(findChild(g, "duplicateWarning").text.indexOf("测试新人") >= 0)
    }

    function test_draft_survives_the_form_being_closed() {
        const info = Session.house(Session.houses("", 3)[0].id)
        const f = createTemporaryObject(form, root, { "addressId": info.addressId })
        findChild(f, "idNo").text = makeId("19851231", "246")
        findChild(f, "name").text = "草稿人"
        findChild(f, "phone").text = "13900001111"
        f.destroy()
        wait(0)
        const again = createTemporaryObject(form, root, { "addressId": info.addressId })
        compare(findChild(again, "name").text, "草稿人")
        compare(findChild(again, "phone").text, "13900001111")
        verify(again.check.ok)
        Session.clearDraft(again.draftKey)
    }

    function test_refusal_is_flagged_to_police() {
        const house = Session.houses("", 3)[0]
        const p = createTemporaryObject(housePage, root, { "houseId": house.id })
        const flags = Session.homeSummary().flagsOpen
        mouseClick(findChild(p, "flagRefusal"))
        const d = findChild(p, "refusalDialog")
        tryVerify(() => d.opened)
        findChild(p, "refusedName").text = "王某"
        findChild(p, "refusedReason").text = "拒绝出示证件"
        d.accept()
        compare(p.lastError, "")
        compare(Session.homeSummary().flagsOpen, flags + 1)
    }

    function test_visit_is_saved() {
        const house = Session.houses("", 3)[0]
        const p = createTemporaryObject(housePage, root, { "houseId": house.id })
        const before = Session.visits(house.id).length
        mouseClick(findChild(p, "saveVisit"))
        compare(p.lastError, "")
        compare(Session.visits(house.id).length, before + 1)
        verify(Session.homeSummary().sweepChecked > 0)
    }
}
}
