import QtQuick
import QtTest
import FieldGrid

Item {
    id: root
    width: 1280; height: 800

TestCase {
    name: "HomeAndSearch"
    when: windowShown
    width: 1280; height: 800

    Component { id: home; HomePage { width: 1280; height: 800 } }
    Component { id: search; SearchPage { width: 1280; height: 800 } }

    function init() { tryVerify(() => Session.loggedIn && Session.dataVersion > 0, 30000) }

    function test_home_shows_my_grid() {
        const p = createTemporaryObject(home, root)
        const s = Session.homeSummary()
        verify(s.people > 0)
        verify(s.grids.indexOf("微网格") >= 0, s.grids)
        const list = findChild(p, "peopleList")
        tryVerify(() => list.count > 0)
        verify(list.count <= 100, "loads lazily, a page at a time")
        verify(findChild(p, "syncBadge").text.length > 0)
    }

    function test_search_by_name_pinyin_and_address() {
        const house = Session.houses("", 1)[0]
        const resident = Session.residents(Session.house(house.id).addressId)[0]
        const p = createTemporaryObject(search, root, { "initialQuery": resident.name })
        const list = findChild(p, "searchResults")
        tryVerify(() => list.count > 0)
        compare(list.model.data(list.model.index(0, 0), 258), resident.name)  // TitleRole
        // The same person by the address they live at.
        findChild(p, "searchField").text = ""
        findChild(p, "searchField").text = house.address
        tryVerify(() => list.count > 0)
        verify(list.model.houseFor(0) !== "")
        // Nothing for nonsense.
        findChild(p, "searchField").text = "qqqqxyz"
        tryCompare(list, "count", 0)
    }
}
}
