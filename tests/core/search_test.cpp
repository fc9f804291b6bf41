// One search box: exact ID, phone, name, pinyin, initials, prefixes, address and unit text.
#include "fieldgrid/search/search.h"

#include <gtest/gtest.h>

#include <set>

#include "fieldgrid/demo/demo_town.h"
#include "test_util.h"

using namespace fieldgrid;
using namespace fieldgrid::testing;

namespace {

class SearchTest : public ::testing::Test {
protected:
    void SetUp() override {
        store_ = Store::open(dir_.file("s.db"));
        tree_ = make_tree(*store_);
        auto a = person("张三", "360426199101010071");
        a.set("phone", std::string("13811211114"));
        auto b = person("张三丰", "11010119491001001X");
        auto c = person("章三", "150102198807303035");  // same pinyin as 张三
        auto d = person("单田芳", make_resident_id("440113", Date{2014, 10, 5}, 1));
        zhangsan_ = a.id;
        zhangsanfeng_ = b.id;
        zhangshan_ = c.id;
        shan_ = d.id;
        std::vector<Change> cs{a, b, c, d, residence(a.id, tree_.room1), residence(b.id, tree_.room2),
                               residence(d.id, tree_.room2)};
        for (int i = 0; i < 30; ++i) {
            auto p = person("周" + std::to_string(i), make_resident_id("310118", Date{1980, 1, 1}, i));
            cs.push_back(p);
        }
        auto h = make(RecordType::House);
        h.set("address_id", tree_.room1).set("type", std::string("residential"));
        house_ = h.id;
        auto u = make(RecordType::Unit);
        u.set("name", std::string("上海珠溪机械制造有限公司")).set("type", std::string("factory"));
        u.set("address_id", tree_.door).set("uscc", std::string("91310115MA1K3BTP2B"));
        unit_ = u.id;
        cs.push_back(h);
        cs.push_back(u);
        expect_ok(store_->apply(cs));
    }
    SearchPage find(const std::string& text, size_t limit = 20, size_t offset = 0) {
        SearchQuery q;
        q.text = text;
        q.limit = limit;
        q.offset = offset;
        return search(store_->db(), q);
    }
    TempDir dir_;
    std::unique_ptr<Store> store_;
    Tree tree_;
    Uuid zhangsan_, zhangsanfeng_, zhangshan_, shan_, house_, unit_;
};

}  // namespace

TEST_F(SearchTest, ExactIdNumberIncludingLegacyForm) {
    auto r = find("360426199101010071");
    ASSERT_FALSE(r.hits.empty());
    EXPECT_EQ(r.hits[0].id, zhangsan_);
    EXPECT_EQ(r.hits[0].match, MatchKind::IdNumber);
    EXPECT_EQ(r.hits[0].title, "张三");
    EXPECT_NE(r.hits[0].subtitle.find("3604**********0071"), std::string::npos) << r.hits[0].subtitle;
    EXPECT_NE(r.hits[0].subtitle.find("珠溪路88弄3号301室"), std::string::npos) << r.hits[0].subtitle;
    auto legacy = find("150102880730303");
    ASSERT_FALSE(legacy.hits.empty());
    EXPECT_EQ(legacy.hits[0].id, zhangshan_);
    auto lower = find("11010119491001001x");
    ASSERT_FALSE(lower.hits.empty());
    EXPECT_EQ(lower.hits[0].id, zhangsanfeng_);
}

TEST_F(SearchTest, Phone) {
    auto r = find("+86 138 1121 1114");
    ASSERT_FALSE(r.hits.empty());
    EXPECT_EQ(r.hits[0].id, zhangsan_);
    EXPECT_EQ(r.hits[0].match, MatchKind::Phone);
}

TEST_F(SearchTest, NameExactBeforePrefix) {
    auto r = find("张三");
    ASSERT_GE(r.hits.size(), 2u);
    EXPECT_EQ(r.hits[0].id, zhangsan_);
    EXPECT_EQ(r.hits[0].match, MatchKind::Name);
    EXPECT_EQ(r.hits[1].id, zhangsanfeng_);
    EXPECT_EQ(r.hits[1].match, MatchKind::NamePrefix);
}

TEST_F(SearchTest, PinyinFullInitialsAndPrefix) {
    auto full = find("zhangsan");
    std::set<Uuid> exact;
    for (const auto& h : full.hits)
        if (h.match == MatchKind::Pinyin) exact.insert(h.id);
    EXPECT_EQ(exact, (std::set<Uuid>{zhangsan_, zhangshan_}));  // 张三 and 章三 sound alike
    ASSERT_FALSE(full.hits.empty());
    EXPECT_EQ(full.hits.back().id, zhangsanfeng_);  // prefix matches after exact ones
    EXPECT_EQ(full.hits.back().match, MatchKind::PinyinPrefix);

    auto ini = find("zs");
    std::set<Uuid> got;
    for (const auto& h : ini.hits)
        if (h.match == MatchKind::Initials) got.insert(h.id);
    EXPECT_EQ(got, (std::set<Uuid>{zhangsan_, zhangshan_}));
    ASSERT_EQ(ini.hits.size(), 3u);
    EXPECT_EQ(ini.hits[2].id, zhangsanfeng_);  // "zsf" starts with "zs": ranked after exact initials
    EXPECT_EQ(ini.hits[2].match, MatchKind::InitialsPrefix);
    auto zsf = find("ZSF");
    ASSERT_EQ(zsf.hits.size(), 1u);
    EXPECT_EQ(zsf.hits[0].id, zhangsanfeng_);
    auto shan = find("shantianfang");
    ASSERT_EQ(shan.hits.size(), 1u);
    EXPECT_EQ(shan.hits[0].id, shan_);
    auto spaced = find("Shan Tian");
    ASSERT_FALSE(spaced.hits.empty());
    EXPECT_EQ(spaced.hits[0].id, shan_);
}

TEST_F(SearchTest, AddressFindsHousesAddressesAndResidents) {
    auto r = find("88弄3号301");
    std::set<HitKind> kinds;
    bool resident = false;
    for (const auto& h : r.hits) {
        kinds.insert(h.kind);
        if (h.kind == HitKind::Person && h.id == zhangsan_) resident = true;
        if (h.kind == HitKind::House) {
            EXPECT_EQ(h.id, house_);
        }
    }
    EXPECT_TRUE(kinds.count(HitKind::House));
    EXPECT_TRUE(kinds.count(HitKind::Address));
    EXPECT_TRUE(resident);
}

TEST_F(SearchTest, UnitsByNameAndCode) {
    auto byname = find("机械制造");
    ASSERT_FALSE(byname.hits.empty());
    EXPECT_EQ(byname.hits[0].id, unit_);
    EXPECT_EQ(byname.hits[0].match, MatchKind::UnitName);
    auto bycode = find("91310115ma1k3btp2b");
    ASSERT_FALSE(bycode.hits.empty());
    EXPECT_EQ(bycode.hits[0].id, unit_);
    EXPECT_EQ(bycode.hits[0].match, MatchKind::UnitCode);
}

TEST_F(SearchTest, PagesDoNotOverlapAndSayWhenMoreExist) {
    std::set<Uuid> seen;
    size_t total = 0;
    for (size_t page = 0; page < 10; ++page) {
        auto r = find("zhou", 7, page * 7);
        for (const auto& h : r.hits) EXPECT_TRUE(seen.insert(h.id).second) << "repeated on page " << page;
        total += r.hits.size();
        if (!r.more) break;
        EXPECT_EQ(r.hits.size(), 7u);
    }
    EXPECT_EQ(total, 30u);
}

TEST_F(SearchTest, NothingForEmptyOrUnknown) {
    EXPECT_TRUE(find("").hits.empty());
    EXPECT_TRUE(find("   ").hits.empty());
    EXPECT_TRUE(find("qqqqxyz").hits.empty());
    EXPECT_TRUE(find("\"'); DROP TABLE person; --").hits.empty());
    EXPECT_EQ(count(*store_, "person"), 34);
}

TEST(MaskId, KeepsFirstAndLastFour) {
    EXPECT_EQ(mask_id("31011819900101123X"), "3101**********123X");
    EXPECT_EQ(mask_id("E1234567"), "E1234567");
}
