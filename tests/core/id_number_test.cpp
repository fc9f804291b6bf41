// Vectors from python-stdnum (tests/test_cn_ric.doctest), django-localflavor (cn tests) and hutool
// (IdcardUtilTest), used as facts.
#include "fieldgrid/validation/id_number.h"

#include <gtest/gtest.h>

using namespace fieldgrid;

namespace {
const Date kToday{2026, 12, 4};

std::string rules(const IdCheck& c) {
    std::string out;
    for (const auto& i : c.issues) out += i.rule + " ";
    return out;
}
bool has_rule(const IdCheck& c, const std::string& rule) {
    for (const auto& i : c.issues)
        if (i.rule == rule) return true;
    return false;
}
}  // namespace

TEST(IdNumber, AcceptsPublicValidVectors) {
    for (const char* v : {"360426199101010071", "44011320141005001X", "11010119491001001X",
                          "412723199010050012", "110102199101010078", "120110198012010073"}) {
        auto c = check_id(IdType::ResidentId, v, kToday);
        EXPECT_TRUE(c.ok()) << v << ": " << rules(c);
    }
    auto lower = check_id(IdType::ResidentId, "44011320141005001x", kToday);
    ASSERT_TRUE(lower.ok());
    EXPECT_EQ(lower.info->normalized, "44011320141005001X");
}

TEST(IdNumber, ReadsBirthDateAndGender) {
    auto c = check_id(IdType::ResidentId, "360426199101010071", kToday);
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c.info->birth, (Date{1991, 1, 1}));
    EXPECT_EQ(c.info->gender, 'm');
    EXPECT_EQ(c.info->region, "360426");
    auto f = check_id(IdType::ResidentId, "830000200209060065", kToday);  // even sequence digit
    EXPECT_FALSE(f.ok());  // an 83 prefix is a Taiwan permit, not a resident ID
    auto tw = check_id(IdType::TwPermit, "830000200209060065", kToday);
    ASSERT_TRUE(tw.ok()) << rules(tw);
    EXPECT_EQ(tw.info->gender, 'f');
}

TEST(IdNumber, RejectsPublicInvalidVectorsNamingTheRule) {
    EXPECT_TRUE(has_rule(check_id(IdType::ResidentId, "36042619910102009X", kToday), "id.checksum"));
    EXPECT_TRUE(has_rule(check_id(IdType::ResidentId, "360426199113010079", kToday), "id.birth_date"));
    EXPECT_TRUE(has_rule(check_id(IdType::ResidentId, "990426199112010074", kToday), "id.region"));
    EXPECT_TRUE(has_rule(check_id(IdType::ResidentId, "T60426199101010078", kToday), "id.format"));
    EXPECT_TRUE(has_rule(check_id(IdType::ResidentId, "3301022011022000D6", kToday), "id.format"));
    // django-localflavor's invalid numbers.
    EXPECT_TRUE(has_rule(check_id(IdType::ResidentId, "92010119491001001X", kToday), "id.region"));
    EXPECT_TRUE(has_rule(check_id(IdType::ResidentId, "91010119491301001X", kToday), "id.birth_date"));
    EXPECT_TRUE(has_rule(check_id(IdType::ResidentId, "910101194910010014", kToday), "id.checksum"));
    // The same numbers guessed as the 2023 permanent residence card form are still rejected.
    for (const char* v : {"92010119491001001X", "91010119491301001X", "910101194910010014", "990426199112010074"}) {
        auto c = check_id(guess_id_type(v), v, kToday);
        EXPECT_FALSE(c.ok()) << v;
    }
}

TEST(IdNumber, RetiredRegionCodesAreAccepted) {
    // hutool's 321083197812162119: 321083 was 兴化市 under 扬州市 until 1996 (now 321281).
    auto c = check_id(IdType::ResidentId, "321083197812162119", kToday);
    EXPECT_TRUE(c.ok()) << rules(c);
    // 412723 was 商水县 under the former 周口地区 (python-stdnum's vector).
    EXPECT_TRUE(check_id(IdType::ResidentId, "412723199010050012", kToday).ok());
}

TEST(IdNumber, StrictRegionRejectsCodesOutsideGb2260) {
    // validator.js's 235407195106112745 passes the checksum, but 235407 was never a county code.
    auto c = check_id(IdType::ResidentId, "235407195106112745", kToday);
    EXPECT_TRUE(has_rule(c, "id.region"));
    EXPECT_EQ(c.issues.size(), 1u) << rules(c);  // checksum and date are fine
}

TEST(IdNumber, FutureBirthDateIsRejected) {
    std::string first17 = "11010120301001001";
    std::string id = first17 + id_check_char(first17);
    EXPECT_TRUE(has_rule(check_id(IdType::ResidentId, id, kToday), "id.birth_future"));
}

TEST(IdNumber, ConvertsLegacy15DigitNumbers) {
    auto a = check_id(IdType::ResidentId, "150102880730303", kToday);
    ASSERT_TRUE(a.ok()) << rules(a);
    EXPECT_EQ(a.info->normalized, "150102198807303035");
    EXPECT_EQ(a.info->legacy, "150102880730303");
    auto b = check_id(IdType::ResidentId, "110101491001001", kToday);
    ASSERT_TRUE(b.ok());
    EXPECT_EQ(b.info->normalized, "11010119491001001X");
    EXPECT_TRUE(has_rule(check_id(IdType::ResidentId, "010101491001001", kToday), "id.region"));
    EXPECT_TRUE(has_rule(check_id(IdType::ResidentId, "110101491041001", kToday), "id.birth_date"));
    EXPECT_TRUE(has_rule(check_id(IdType::ResidentId, "11010149100100A", kToday), "id.format"));
}

TEST(IdNumber, WrongLengthIsNamed) {
    auto c = check_id(IdType::ResidentId, "1101011949", kToday);
    ASSERT_EQ(c.issues.size(), 1u);
    EXPECT_EQ(c.issues[0].rule, "id.length");
    EXPECT_EQ(c.issues[0].field, "id_no");
    EXPECT_FALSE(c.issues[0].zh.empty());
    EXPECT_TRUE(has_rule(check_id(IdType::ResidentId, "", kToday), "required"));
}

TEST(IdNumber, ResidencePermitsFromHongKongMacaoTaiwan) {
    EXPECT_TRUE(check_id(IdType::HkMoPermit, "81000019980902013X", kToday).ok());
    EXPECT_TRUE(check_id(IdType::HkMoPermit, "820000200009100032", kToday).ok());
    EXPECT_TRUE(has_rule(check_id(IdType::HkMoPermit, "830000200209060065", kToday), "id.permit_prefix"));
    EXPECT_TRUE(has_rule(check_id(IdType::HkMoPermit, "810000199809020131", kToday), "id.checksum"));
    EXPECT_EQ(guess_id_type("81000019980902013X"), IdType::HkMoPermit);
    EXPECT_EQ(guess_id_type("830000200209060065"), IdType::TwPermit);
}

TEST(IdNumber, ForeignPermanentResidenceCards) {
    auto c2023 = check_id(IdType::ForeignPr, "932682198501010017", kToday);
    ASSERT_TRUE(c2023.ok()) << rules(c2023);
    EXPECT_EQ(c2023.info->birth, (Date{1985, 1, 1}));
    EXPECT_TRUE(has_rule(check_id(IdType::ForeignPr, "932682198501010018", kToday), "id.checksum"));
    EXPECT_TRUE(has_rule(check_id(IdType::ForeignPr, "992682198501010013", kToday), "id.pr_province"));
    auto c2017 = check_id(IdType::ForeignPr, "USA310085010101", kToday);
    ASSERT_TRUE(c2017.ok()) << rules(c2017);
    EXPECT_EQ(c2017.info->birth, (Date{1985, 1, 1}));
    EXPECT_TRUE(has_rule(check_id(IdType::ForeignPr, "US1310085010101", kToday), "id.format"));
    EXPECT_TRUE(has_rule(check_id(IdType::ForeignPr, "USA310085130101", kToday), "id.birth_date"));
    EXPECT_EQ(guess_id_type("932682198501010017"), IdType::ForeignPr);
    EXPECT_EQ(guess_id_type("USA310085010101"), IdType::ForeignPr);
}

TEST(IdNumber, Passports) {
    auto p = check_id(IdType::Passport, "e12345678", kToday);
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p.info->normalized, "E12345678");
    EXPECT_TRUE(has_rule(check_id(IdType::Passport, "E12", kToday), "id.passport"));
    EXPECT_TRUE(has_rule(check_id(IdType::Passport, "E1234567/8", kToday), "id.passport"));
}

TEST(IdNumber, CheckCharacterMatchesWeights) {
    EXPECT_EQ(id_check_char("11010119491001001"), 'X');
    EXPECT_EQ(id_check_char("36042619910101007"), '1');
    EXPECT_EQ(id_type_code(IdType::ForeignPr), "foreign_pr");
    EXPECT_EQ(id_type_from_code("passport"), IdType::Passport);
    EXPECT_FALSE(id_type_from_code("driver_licence"));
}
