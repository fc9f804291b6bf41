// The field table in core and the messages in records.proto describe the same records.
#include "fieldgrid/records/schema.h"

#include <google/protobuf/descriptor.h>
#include <gtest/gtest.h>

#include "fieldgrid/v1/records.pb.h"

using namespace fieldgrid;
namespace pb = google::protobuf;

namespace {
std::string camel(std::string_view snake) {
    std::string out;
    bool up = true;
    for (char c : snake) {
        if (c == '_') {
            up = true;
            continue;
        }
        out.push_back(up ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c);
        up = false;
    }
    return out;
}
}  // namespace

TEST(Schema, EveryRecordMatchesItsProtoMessage) {
    const pb::FileDescriptor* file = fieldgrid::v1::Village::descriptor()->file();
    ASSERT_EQ(all_records().size(), static_cast<size_t>(kRecordTypeCount));
    const pb::EnumDescriptor* types = file->FindEnumTypeByName("RecordType");
    ASSERT_NE(types, nullptr);
    for (const auto& def : all_records()) {
        const pb::Descriptor* msg = file->FindMessageTypeByName(camel(def.name));
        ASSERT_NE(msg, nullptr) << def.name;
        auto* tv = types->FindValueByNumber(static_cast<int>(def.type));
        ASSERT_NE(tv, nullptr) << def.name;
        std::string upper(def.name);
        for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        EXPECT_EQ(tv->name(), "RECORD_TYPE_" + upper);
        EXPECT_EQ(msg->field_count(), static_cast<int>(def.fields.size()) + 1) << def.name;  // + id
        for (const auto& f : def.fields) {
            const pb::FieldDescriptor* pf = msg->FindFieldByNumber(static_cast<int>(f.number));
            ASSERT_NE(pf, nullptr) << def.name << "." << f.name;
            EXPECT_EQ(pf->name(), f.name) << def.name;
            switch (f.type) {
                case FieldType::Int:
                case FieldType::Time: EXPECT_EQ(pf->type(), pb::FieldDescriptor::TYPE_SINT64) << f.name; break;
                case FieldType::Real: EXPECT_EQ(pf->type(), pb::FieldDescriptor::TYPE_DOUBLE) << f.name; break;
                case FieldType::Bool: EXPECT_EQ(pf->type(), pb::FieldDescriptor::TYPE_BOOL) << f.name; break;
                default: EXPECT_EQ(pf->type(), pb::FieldDescriptor::TYPE_STRING) << f.name; break;
            }
        }
    }
}

TEST(Schema, LookupsByNameAndNumber) {
    const RecordDef& person = record_def(RecordType::Person);
    EXPECT_EQ(person.name, "person");
    ASSERT_NE(person.field("id_no"), nullptr);
    EXPECT_TRUE(person.field("id_no")->sensitive);
    EXPECT_EQ(person.field_by_number(3)->name, "name");
    EXPECT_EQ(person.slot_of("name"), 2);
    EXPECT_EQ(person.slot_of(999u), -1);
    EXPECT_EQ(record_def("house")->type, RecordType::House);
    EXPECT_EQ(record_def("nope"), nullptr);
    const FieldDef* cat = record_def(RecordType::Residence).field("category");
    ASSERT_NE(find_enum(*cat, "laihu"), nullptr);
    EXPECT_EQ(find_enum(*cat, "laihu")->zh, "来沪人员");
    EXPECT_EQ(find_enum(*cat, "martian"), nullptr);
}

TEST(Schema, FieldNumbersAreUniquePerRecord) {
    for (const auto& def : all_records()) {
        for (size_t i = 0; i < def.fields.size(); ++i)
            for (size_t j = i + 1; j < def.fields.size(); ++j) {
                EXPECT_NE(def.fields[i].number, def.fields[j].number) << def.name;
                EXPECT_NE(def.fields[i].name, def.fields[j].name) << def.name;
            }
    }
}
