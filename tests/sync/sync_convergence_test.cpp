// Devices editing overlapping records offline, then syncing in every order, end up equal.
#include <algorithm>

#include "harness.h"

using namespace fieldgrid;
using namespace fieldgrid::testing;

namespace {

class Convergence : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir;
        seeded_ = new SeededServer(seed_server(*dir_));
        server_ = new ServerProcess(seeded_->db, dir_->file("server.log"));
    }
    static void TearDownTestSuite() {
        EXPECT_EQ(server_->stop(), 0);  // graceful exit on SIGTERM
        delete server_;
        delete seeded_;
        delete dir_;
    }
    std::unique_ptr<Device> device(const std::string& name, const std::string& user) {
        auto d = std::make_unique<Device>(dir_->file(name + std::to_string(counter_++) + ".db"), server_->url());
        EXPECT_TRUE(d->login(user));
        auto r = d->sync();
        EXPECT_TRUE(r.ok) << r.error;
        return d;
    }
    static std::string server_view(RecordType t, const std::vector<Uuid>& ids) {
        auto s = Store::open(seeded_->db);
        return digest_of(*s, t, ids);
    }
    static inline TempDir* dir_ = nullptr;
    static inline SeededServer* seeded_ = nullptr;
    static inline ServerProcess* server_ = nullptr;
    static inline int counter_ = 0;
};

}  // namespace

TEST_F(Convergence, ThreeDevicesInEveryOrder) {
    std::vector<int> order{0, 1, 2};
    int round = 0;
    do {
        std::vector<std::unique_ptr<Device>> devs;
        devs.push_back(device("a", "coordinator"));
        devs.push_back(device("b", "coordinator"));
        devs.push_back(device("c", "gridleader"));
        auto people = people_in_grid(*devs[0]->store, seeded_->grid, 2);
        ASSERT_EQ(people.size(), 2u);
        const Uuid p1 = people[0], p2 = people[1];
        std::string tag = std::to_string(round);
        // Overlapping offline edits.
        expect_ok(edit(*devs[0]->store, RecordType::Person, p1, "occupation", std::string("厨师" + tag)));
        expect_ok(edit(*devs[0]->store, RecordType::Person, p1, "phone", std::string("1390000000" + tag)));
        expect_ok(edit(*devs[1]->store, RecordType::Person, p1, "phone", std::string("1380000000" + tag)));
        expect_ok(edit(*devs[1]->store, RecordType::Person, p2, "education", std::string("大专")));
        expect_ok(edit(*devs[2]->store, RecordType::Person, p2, "occupation", std::string("司机" + tag)));
        expect_ok(edit(*devs[2]->store, RecordType::Person, p1, "marital", std::string("已婚")));
        // A new person with a residence, made on one device.
        auto fresh = person("新来" + tag, make_resident_id("340102", Date{1990, 5, 6}, 100 + round * 2));
        auto room = devs[0]->store->db().prepare(
            "SELECT id FROM address WHERE level='room' AND grid_id=?1 ORDER BY id LIMIT 1");
        room.bind_blob(1, seeded_->grid.bytes.data(), 16);
        ASSERT_TRUE(room.step());
        auto rb = room.blob(0);
        Uuid room_id = Uuid::from_bytes(rb.data(), rb.size());
        expect_ok(devs[0]->store->apply(std::vector<Change>{fresh, residence(fresh.id, room_id)}));

        for (int i : order) {
            auto r = devs[static_cast<size_t>(i)]->sync();
            ASSERT_TRUE(r.ok) << r.error;
        }
        for (auto& d : devs) ASSERT_TRUE(d->sync().ok);  // everyone pulls what the others pushed
        std::vector<Uuid> ids{p1, p2, fresh.id};
        std::string want = server_view(RecordType::Person, ids);
        for (auto& d : devs) {
            EXPECT_EQ(digest_of(*d->store, RecordType::Person, ids), want) << "order round " << round;
            EXPECT_EQ(d->engine->status().pending, 0);
        }
        EXPECT_NE(want.find("新来" + tag), std::string::npos);
        ++round;
    } while (std::next_permutation(order.begin(), order.end()));
    EXPECT_EQ(round, 6);
}

TEST_F(Convergence, ConcurrentDifferentValuesMakeAConflictThatAPersonResolves) {
    auto a = device("ca", "coordinator");
    auto b = device("cb", "coordinator");
    Uuid p = people_in_grid(*a->store, seeded_->grid, 3)[2];
    expect_ok(edit(*a->store, RecordType::Person, p, "occupation", std::string("电工")));
    expect_ok(edit(*b->store, RecordType::Person, p, "occupation", std::string("焊工")));
    ASSERT_TRUE(a->sync().ok);
    auto rb = b->sync();
    ASSERT_TRUE(rb.ok);
    EXPECT_EQ(rb.conflicts, 1);
    ASSERT_TRUE(a->sync().ok);
    auto open_on = [&](Device& d) {
        auto q = d.store->db().prepare("SELECT count(*) FROM sync_conflict WHERE resolved=0 AND rid=?1");
        q.bind_blob(1, p.bytes.data(), 16);
        return q.step() ? q.int64(0) : -1;
    };
    EXPECT_EQ(open_on(*a), 1);  // both sides see it
    EXPECT_EQ(open_on(*b), 1);
    // Both hold the same winner meanwhile.
    EXPECT_EQ(a->store->get(RecordType::Person, p)->text("occupation"), b->store->get(RecordType::Person, p)->text("occupation"));
    // b's edit came later and won; the person on device a keeps their own value instead.
    auto cid = a->store->db().prepare("SELECT id FROM sync_conflict WHERE resolved=0 AND rid=?1");
    cid.bind_blob(1, p.bytes.data(), 16);
    ASSERT_TRUE(cid.step());
    auto cb = cid.blob(0);
    Uuid conflict = Uuid::from_bytes(cb.data(), cb.size());
    std::string before = a->store->get(RecordType::Person, p)->text("occupation");
    EXPECT_EQ(before, "焊工");
    ASSERT_TRUE(a->engine->resolve_conflict(conflict, sync::SyncEngine::Choice::Mine));
    std::string chosen = a->store->get(RecordType::Person, p)->text("occupation");
    EXPECT_EQ(chosen, "电工");
    ASSERT_TRUE(a->sync().ok);
    ASSERT_TRUE(b->sync().ok);
    EXPECT_EQ(b->store->get(RecordType::Person, p)->text("occupation"), chosen);
    EXPECT_EQ(open_on(*a), 0);
    auto c = device("cc", "coordinator");  // a newcomer no longer sees it
    EXPECT_EQ(open_on(*c), 0);
}

TEST_F(Convergence, IdenticalConcurrentValuesAreNotAConflict) {
    auto a = device("ia", "coordinator");
    auto b = device("ib", "coordinator");
    Uuid p = people_in_grid(*a->store, seeded_->grid, 4)[3];
    expect_ok(edit(*a->store, RecordType::Person, p, "education", std::string("本科")));
    expect_ok(edit(*b->store, RecordType::Person, p, "education", std::string("本科")));
    ASSERT_TRUE(a->sync().ok);
    auto r = b->sync();
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(r.conflicts, 0);
    auto q = b->store->db().prepare("SELECT count(*) FROM sync_conflict WHERE rid=?1");
    q.bind_blob(1, p.bytes.data(), 16);
    ASSERT_TRUE(q.step());
    EXPECT_EQ(q.int64(0), 0);
}

TEST_F(Convergence, ARejectedChangeStaysVisibleAndDoesNotBlockTheQueue) {
    auto a = device("ra", "coordinator");
    auto b = device("rb", "coordinator");
    // Both register the same ID number: the second to arrive is refused as a duplicate.
    std::string id_no = make_resident_id("340102", Date{1985, 3, 3}, 77);
    auto pa = person("甲", id_no), pb = person("乙", id_no);
    expect_ok(a->store->apply(pa));
    expect_ok(b->store->apply(pb));
    Uuid other = people_in_grid(*b->store, seeded_->grid, 5)[4];
    expect_ok(edit(*b->store, RecordType::Person, other, "occupation", std::string("保安")));
    ASSERT_TRUE(a->sync().ok);
    auto r = b->sync();
    EXPECT_TRUE(r.ok);
    EXPECT_EQ(r.rejected, 1);
    auto st = b->engine->status();
    EXPECT_EQ(st.pending, 0);  // the later edit went through
    ASSERT_EQ(st.rejected_changes.size(), 1u);
    EXPECT_NE(st.rejected_changes[0].reason.find("person.duplicate"), std::string::npos);
    auto s = Store::open(seeded_->db);
    EXPECT_EQ(s->get(RecordType::Person, other)->text("occupation"), "保安");
    EXPECT_FALSE(s->get(RecordType::Person, pb.id));
}
