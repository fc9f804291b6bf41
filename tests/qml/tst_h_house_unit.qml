import QtQuick
import QtTest
import FieldGrid

Item {
    id: root
    width: 1280; height: 800

TestCase {
    name: "HouseAndUnit"
    when: windowShown

    Component { id: housePage; HousePage { width: 1280; height: 800 } }
    Component { id: unitPage; UnitPage { width: 1280; height: 800 } }

    function init() { tryVerify(() => Session.loggedIn && Session.dataVersion > 0, 30000) }

    function test_use_and_labels_are_recorded_and_derived_labels_shown() {
        const house = Session.houses("key_house", 1)[0]
        const p = createTemporaryObject(housePage, root, { "houseId": house.id })
        verify(p.info.labels.indexOf("重点房屋") >= 0, "derived label shown")
        findChild(p, "label_day_rent").checked = true
        mouseClick(findChild(p, "saveHouse"))
        compare(p.lastError, "")
        verify(Session.house(house.id).labelCodes.indexOf("day_rent") >= 0)
        verify(Session.house(house.id).labels.indexOf("日租房") >= 0)
        // Visit history is on the page.
        compare(Session.saveVisit(house.id, "done", "", 1), "")
        tryVerify(() => findChild(p, "visitHistory").text.indexOf("已核查") >= 0)
    }

    function test_unmasking_is_for_police_and_audited() {
        const house = Session.houses("", 1)[0]
        const p = createTemporaryObject(housePage, root, { "houseId": house.id })
        const who = p.people[0]
        verify(who.idMasked.indexOf("**********") > 0)
        // The session is the police officer's by now (see the police tests).
        compare(Session.canUnmask(), Session.role === "police" || Session.role === "office" || Session.role === "admin")
        if (Session.canUnmask()) {
            mouseClick(findChild(p, "unmask_" + who.name))
            verify(findChild(p, "houseError").text.indexOf("已记录查看") >= 0)
            verify(findChild(p, "houseError").text.indexOf("**") < 0)
        }
    }

    function test_unit_shows_its_roster() {
        const units = Session.units(5)
        verify(units.length > 0 && units[0].staff > 0, JSON.stringify(units))
        const p = createTemporaryObject(unitPage, root, { "unitId": units[0].id })
        const list = findChild(p, "rosterList")
        tryCompare(list, "count", units[0].staff)
        verify(findChild(p, "unitSummary").text.indexOf("91310118") >= 0, "credit code shown")
    }
}
}
