import QtQuick
import QtTest
import FieldGrid

Item {
    id: root
    width: 1280; height: 800

TestCase {
    name: "AddressTree"
    when: windowShown

    Component { id: page; AddressPage { width: 1280; height: 800 } }

    function init() { tryVerify(() => Session.loggedIn && Session.dataVersion > 0, 30000) }

    function test_browse_from_road_down_to_a_room() {
        const p = createTemporaryObject(page, root)
        const list = findChild(p, "addressList")
        tryVerify(() => list.count > 0)
        verify(p.nodes.every(n => n.level === "街路巷"), "roads at the top")
        // Walk down, always into the first node that has children, until a leaf.
        const levels = []
        let guard = 0
        while (guard++ < 8) {
            const next = p.nodes.find(n => n.hasChildren)
            if (!next) break
            levels.push(next.level)
            p.open(next)
            tryVerify(() => p.nodes.length > 0)
        }
        verify(levels.length >= 2, levels.join(","))
        verify(findChild(p, "addressPath").text.indexOf(" › ") > 0)
        // At the bottom, some node is a house one can visit, and someone lives below the road.
        verify(p.nodes.some(n => n.houseId !== "" || n.living > 0), JSON.stringify(p.nodes[0]))
        p.up()
        compare(p.path.length, levels.length - 1)
    }
}
}
