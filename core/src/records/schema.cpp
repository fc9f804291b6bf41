#include "fieldgrid/records/schema.h"

#include <array>

namespace fieldgrid {

namespace {

using V = EnumValue;

constexpr V kVillageKind[] = {{"village", "村委会", "village"},
                              {"neighbourhood", "居委会", "neighbourhood committee"}};
constexpr V kAddressLevel[] = {
    {"road", "街路巷", "road"},         {"compound", "小区", "compound"},
    {"doorplate", "门牌", "doorplate"}, {"building", "楼栋", "building"},
    {"unit", "单元", "unit"},           {"floor", "楼层", "floor"},
    {"room", "户室", "room"}};
constexpr V kCrs[] = {{"wgs84", "WGS-84", "WGS-84"},
                      {"gcj02", "GCJ-02", "GCJ-02"},
                      {"cgcs2000", "CGCS2000", "CGCS2000"}};
constexpr V kActiveRetired[] = {{"active", "有效", "active"}, {"retired", "注销", "retired"}};
constexpr V kIdType[] = {{"resident_id", "居民身份证", "resident ID card"},
                         {"hk_mo_permit", "港澳居民居住证", "HK/Macao residence permit"},
                         {"tw_permit", "台湾居民居住证", "Taiwan residence permit"},
                         {"foreign_pr", "外国人永久居留身份证", "foreigner's permanent residence card"},
                         {"passport", "护照", "passport"},
                         {"other", "其他证件", "other document"}};
constexpr V kGender[] = {{"male", "男", "male"}, {"female", "女", "female"}, {"unknown", "未知", "unknown"}};
constexpr V kCategory[] = {{"huji", "户籍人口", "local hukou"},
                           {"laihu", "来沪人员", "migrant"},
                           {"jingwai", "境外人员", "foreigner"},
                           {"weiluohu", "未落户人员", "unregistered hukou"}};
constexpr V kResidenceStatus[] = {
    {"living", "在住", "living here"}, {"left", "离开", "moved out"}, {"cancelled", "注销", "cancelled"}};
constexpr V kSource[] = {{"door_visit", "上门采集", "door-to-door visit"},
                         {"social_report", "社会力量报送", "reported by N forces"},
                         {"self_declared", "自主申报", "self-declared"},
                         {"police_collected", "民警核采", "collected by police"},
                         {"data_sharing", "数据共享", "data sharing"}};
constexpr V kVerify[] = {{"unverified", "未核实", "unverified"},
                         {"verified", "已核实", "verified"},
                         {"disputed", "存疑", "disputed"}};
constexpr V kHouseType[] = {{"residential", "住宅", "residential"},
                            {"street_shop", "沿街商铺", "street shop"},
                            {"shop_home", "商住两用", "shop and home"},
                            {"complex_single", "综合单体", "mixed-use building"},
                            {"dormitory", "集体宿舍", "dormitory"},
                            {"basement", "地下空间", "underground space"},
                            {"field_shack", "田间窝棚", "field shack"},
                            {"site_shed", "工地工棚", "construction-site shed"},
                            {"homestead", "宅基地房屋", "rural homestead house"},
                            {"office", "办公用房", "office"},
                            {"factory", "厂房", "factory"}};
constexpr V kHouseUse[] = {{"self_occupied", "自住", "owner-occupied"},
                           {"rented", "出租", "rented out"},
                           {"vacant", "空置", "vacant"},
                           {"business", "经营", "business"},
                           {"day_rent", "日租", "day rent"},
                           {"dormitory", "集体宿舍", "dormitory"}};
constexpr V kManualLabels[] = {{"street_shop", "沿街商铺", "street shop"},
                               {"shop_home", "商住两用", "shop and home"},
                               {"complex_single", "综合单体", "mixed-use building"},
                               {"scale_rental", "规模租赁", "large-scale rental"},
                               {"underground", "地下空间", "underground space"},
                               {"field_shack", "田间窝棚", "field shack"},
                               {"site_shed", "工地工棚", "construction-site shed"},
                               {"homestead_rental", "宅基地出租房", "rented homestead house"},
                               {"day_rent", "日租房", "day-rent room"}};
constexpr V kDerivedLabels[] = {{"key_house", "重点房屋", "key house (10 or more residents)"},
                                {"group_rental_suspected", "疑似群租", "suspected group rental"},
                                {"concentrated_rental", "集中出租", "concentrated rental"}};
constexpr V kUnitType[] = {{"enterprise", "企业", "enterprise"},
                           {"shop", "个体商户", "shop"},
                           {"factory", "工厂", "factory"},
                           {"property_company", "物业公司", "property company"},
                           {"agency", "中介机构", "agency"},
                           {"institution", "机关事业单位", "public institution"},
                           {"social_org", "社会组织", "social organisation"},
                           {"other", "其他", "other"}};
constexpr V kUnitStatus[] = {{"active", "在营", "active"}, {"closed", "已注销", "closed"}};
constexpr V kVisitOutcome[] = {{"done", "已核查", "checked"},
                               {"nobody_home", "无人在家", "nobody home"},
                               {"refused", "拒绝配合", "refused"}};
constexpr V kTaskKind[] = {{"verify_person", "人员核查", "verify a person"},
                           {"verify_house", "房屋核查", "verify a house"},
                           {"verify_unit", "单位核查", "verify a unit"},
                           {"sweep", "兜底翻", "monthly sweep"},
                           {"other", "其他", "other"}};
constexpr V kTaskStatus[] = {{"issued", "已下发", "issued"},
                             {"received", "已签收", "received"},
                             {"answered", "已反馈", "answered"},
                             {"closed", "已办结", "closed"}};
constexpr V kTargetType[] = {{"person", "人员", "person"},
                             {"house", "房屋", "house"},
                             {"unit", "单位", "unit"},
                             {"address", "地址", "address"}};
constexpr V kOriginLevel[] = {{"district", "区级", "district"},
                              {"town", "镇级", "town"},
                              {"station", "派出所", "police station"},
                              {"grid", "微网格", "micro-grid"}};
constexpr V kRoles[] = {{"grid_leader", "微网格长", "grid leader"},
                        {"police", "社区民警", "community police"},
                        {"coordinator", "社区综合协管员", "coordinator"},
                        {"informant", "社会力量", "informant"},
                        {"office", "镇人口办", "town office"},
                        {"admin", "管理员", "administrator"}};
constexpr V kTipCategory[] = {{"suspicious_person", "可疑人员", "suspicious person"},
                              {"suspicious_house", "可疑房屋", "suspicious house"},
                              {"move_in", "人员迁入", "moved in"},
                              {"move_out", "人员迁出", "moved out"},
                              {"other", "其他", "other"}};
constexpr V kTipStatus[] = {{"new", "新线索", "new"},
                            {"acting", "处置中", "being handled"},
                            {"closed", "已办结", "closed"}};
constexpr V kFlagKind[] = {{"refused_registration", "拒绝登记", "refused registration"},
                           {"suspicious", "可疑", "suspicious"},
                           {"key_person", "重点人员", "key person"},
                           {"case_involved", "涉案人员", "involved in a case"},
                           {"key_house", "重点房屋", "key house"},
                           {"group_rental", "群租", "group rental"}};
constexpr V kFlagStatus[] = {{"open", "待核查", "open"},
                             {"verified", "已核实", "verified"},
                             {"cleared", "已排除", "cleared"}};
constexpr V kMeetingKind[] = {{"weekly_review", "周点评会", "weekly review"},
                              {"monthly_summary", "月小结会", "monthly summary"},
                              {"work_group", "工作群交流", "work group exchange"}};
constexpr V kClaimStatus[] = {{"pending", "待审核", "pending"},
                              {"approved", "已批准", "approved"},
                              {"rejected", "已驳回", "rejected"}};

FieldDef F(uint32_t n, std::string_view name, FieldType t, std::string_view zh) {
    FieldDef f{};
    f.number = n;
    f.name = name;
    f.type = t;
    f.zh = zh;
    return f;
}
FieldDef req(FieldDef f) {
    f.required = true;
    return f;
}
FieldDef ref(uint32_t n, std::string_view name, RecordType target, std::string_view zh) {
    FieldDef f = F(n, name, FieldType::Ref, zh);
    f.ref = target;
    return f;
}
template <size_t N>
FieldDef en(uint32_t n, std::string_view name, const V (&values)[N], std::string_view zh) {
    FieldDef f = F(n, name, FieldType::Enum, zh);
    f.values = std::span<const V>(values, N);
    return f;
}
template <size_t N>
FieldDef labels(uint32_t n, std::string_view name, const V (&values)[N], std::string_view zh) {
    FieldDef f = F(n, name, FieldType::Labels, zh);
    f.values = std::span<const V>(values, N);
    return f;
}
FieldDef past(FieldDef f) {
    f.not_future = true;
    return f;
}
FieldDef sensitive(FieldDef f) {
    f.sensitive = true;
    return f;
}
FieldDef longtext(FieldDef f) {
    f.max_len = 4000;
    return f;
}

using T = FieldType;
using R = RecordType;

std::vector<RecordDef> build() {
    std::vector<RecordDef> d;
    d.push_back({R::Village, "village", "村居",
                 {F(1, "code", T::Text, "编码"), req(F(2, "name", T::Text, "名称")),
                  en(3, "kind", kVillageKind, "类型"), F(4, "town", T::Text, "街镇"),
                  F(5, "admin_code", T::Text, "行政区划代码")}});
    d.push_back({R::Grid, "grid", "微网格",
                 {F(1, "code", T::Text, "编码"), req(F(2, "name", T::Text, "名称")),
                  req(ref(3, "village_id", R::Village, "所属村居")),
                  F(4, "police_area", T::Text, "警务责任区")}});
    d.push_back({R::Address, "address", "标准地址",
                 {ref(1, "parent_id", R::Address, "上级地址"),
                  req(en(2, "level", kAddressLevel, "地址级别")), req(F(3, "name", T::Text, "名称")),
                  F(4, "code", T::Text, "地址编码"), F(5, "admin_code", T::Text, "行政区划代码"),
                  ref(6, "village_id", R::Village, "所属村居"), ref(7, "grid_id", R::Grid, "所属网格"),
                  F(8, "lon", T::Real, "经度"), F(9, "lat", T::Real, "纬度"),
                  en(10, "crs", kCrs, "坐标系"), en(11, "status", kActiveRetired, "状态"),
                  F(12, "number", T::Int, "号"), F(13, "underground", T::Bool, "地下")}});
    d.push_back({R::Person, "person", "实有人口",
                 {req(en(1, "id_type", kIdType, "证件种类")),
                  req(sensitive(F(2, "id_no", T::Text, "证件号码"))), req(F(3, "name", T::Text, "姓名")),
                  en(4, "gender", kGender, "性别"), past(F(5, "birth_date", T::Date, "出生日期")),
                  F(6, "ethnicity", T::Text, "民族"), F(7, "nationality", T::Text, "国籍"),
                  F(8, "hukou_admin_code", T::Text, "户籍地区划"),
                  F(9, "hukou_address", T::Text, "户籍地址"),
                  sensitive(F(10, "phone", T::Text, "联系电话")),
                  F(11, "foreign_name", T::Text, "外文姓名"), F(12, "former_name", T::Text, "曾用名"),
                  F(13, "education", T::Text, "文化程度"), F(14, "marital", T::Text, "婚姻状况"),
                  F(15, "occupation", T::Text, "职业"),
                  sensitive(F(16, "legacy_id_no", T::Text, "原15位证件号码"))}});
    d.push_back({R::Residence, "residence", "居住信息",
                 {req(ref(1, "person_id", R::Person, "人员")),
                  req(ref(2, "address_id", R::Address, "居住地址")),
                  req(en(3, "category", kCategory, "人员类别")), F(4, "relation", T::Text, "与户主关系"),
                  past(F(5, "move_in_date", T::Date, "入住日期")),
                  req(en(6, "status", kResidenceStatus, "居住状态")),
                  past(F(7, "leave_date", T::Date, "离开日期")), F(8, "destination", T::Text, "去往地"),
                  en(9, "source", kSource, "登记来源"), en(10, "verify_state", kVerify, "核实状态"),
                  F(11, "verified_by", T::Text, "核实人"), F(12, "verified_at", T::Time, "核实时间"),
                  F(13, "reason", T::Text, "居住事由"), F(14, "permit_no", T::Text, "居住证号")}});
    d.push_back({R::House, "house", "实有房屋",
                 {req(ref(1, "address_id", R::Address, "房屋地址")),
                  req(en(2, "type", kHouseType, "房屋类型")), en(3, "use", kHouseUse, "使用情况"),
                  F(4, "rooms", T::Int, "间数"), F(5, "area_m2", T::Real, "建筑面积"),
                  F(6, "living_area_m2", T::Real, "居住面积"), F(7, "owner_name", T::Text, "房主姓名"),
                  sensitive(F(8, "owner_phone", T::Text, "房主电话")),
                  ref(9, "owner_person_id", R::Person, "房主"),
                  labels(10, "labels", kManualLabels, "房屋标签"), F(11, "rented", T::Bool, "是否出租"),
                  F(12, "cert_no", T::Text, "产权证号"), longtext(F(13, "notes", T::Text, "备注"))}});
    d.push_back({R::Unit, "unit", "实有单位",
                 {F(1, "uscc", T::Text, "统一社会信用代码"), req(F(2, "name", T::Text, "单位名称")),
                  req(en(3, "type", kUnitType, "单位类型")), F(4, "industry", T::Text, "行业"),
                  F(5, "legal_rep_name", T::Text, "法定代表人"),
                  ref(6, "legal_rep_person_id", R::Person, "法定代表人"),
                  sensitive(F(7, "phone", T::Text, "联系电话")),
                  req(ref(8, "address_id", R::Address, "单位地址")),
                  en(9, "status", kUnitStatus, "状态"), F(10, "key_unit", T::Bool, "重点单位"),
                  past(F(11, "registered_on", T::Date, "成立日期"))}});
    d.push_back({R::Employment, "employment", "从业人员",
                 {req(ref(1, "unit_id", R::Unit, "单位")), req(ref(2, "person_id", R::Person, "人员")),
                  F(3, "position", T::Text, "岗位"), F(4, "hire_date", T::Date, "入职日期"),
                  F(5, "leave_date", T::Date, "离职日期"), F(6, "lives_on_site", T::Bool, "从业且居住"),
                  en(7, "source", kSource, "登记来源"), en(8, "verify_state", kVerify, "核实状态")}});
    d.push_back({R::Visit, "visit", "走访记录",
                 {req(ref(1, "address_id", R::Address, "走访地址")), ref(2, "house_id", R::House, "房屋"),
                  req(F(3, "visitor", T::Text, "走访人")),
                  req(past(F(4, "visited_at", T::Time, "走访时间"))),
                  req(en(5, "outcome", kVisitOutcome, "结果")), longtext(F(6, "notes", T::Text, "备注")),
                  F(7, "lon", T::Real, "经度"), F(8, "lat", T::Real, "纬度"),
                  F(9, "residents_checked", T::Int, "核查人数"), ref(10, "grid_id", R::Grid, "网格")}});
    d.push_back({R::Task, "task", "核查任务",
                 {F(1, "number", T::Text, "任务编号"), req(F(2, "title", T::Text, "标题")),
                  req(en(3, "kind", kTaskKind, "任务类型")), en(4, "target_type", kTargetType, "对象类型"),
                  F(5, "target_id", T::Ref, "核查对象"), ref(6, "grid_id", R::Grid, "网格"),
                  F(7, "assignee", T::Text, "承办人"), F(8, "issued_by", T::Text, "下发人"),
                  F(9, "issued_at", T::Time, "下发时间"), F(10, "due_date", T::Date, "办结期限"),
                  req(en(11, "status", kTaskStatus, "状态")), longtext(F(12, "feedback", T::Text, "反馈")),
                  F(13, "closed_at", T::Time, "办结时间"),
                  en(14, "origin_level", kOriginLevel, "下发层级")}});
    d.push_back({R::Tip, "tip", "线索",
                 {req(F(1, "submitted_by", T::Text, "报送人")), en(2, "source_role", kRoles, "报送人角色"),
                  req(en(3, "category", kTipCategory, "线索类别")),
                  req(longtext(F(4, "content", T::Text, "内容"))), ref(5, "address_id", R::Address, "地址"),
                  ref(6, "person_id", R::Person, "人员"), ref(7, "house_id", R::House, "房屋"),
                  req(en(8, "status", kTipStatus, "状态")), F(9, "handled_by", T::Text, "处置人"),
                  longtext(F(10, "outcome", T::Text, "处置结果")),
                  past(F(11, "submitted_at", T::Time, "报送时间"))}});
    d.push_back({R::Flag, "flag", "核查标记",
                 {req(en(1, "subject_type", kTargetType, "对象类型")),
                  req(F(2, "subject_id", T::Ref, "对象")), req(en(3, "kind", kFlagKind, "标记类型")),
                  longtext(F(4, "reason", T::Text, "原因")), F(5, "raised_by", T::Text, "标记人"),
                  F(6, "raised_at", T::Time, "标记时间"), req(en(7, "status", kFlagStatus, "状态")),
                  longtext(F(8, "outcome", T::Text, "核查结果")), F(9, "verified_by", T::Text, "核查民警"),
                  F(10, "verified_at", T::Time, "核查时间"), longtext(F(11, "notes", T::Text, "备注"))}});
    d.push_back({R::Meeting, "meeting", "会议",
                 {req(ref(1, "village_id", R::Village, "村居")), ref(2, "grid_id", R::Grid, "网格"),
                  req(en(3, "kind", kMeetingKind, "会议类型")),
                  req(past(F(4, "held_at", T::Time, "召开时间"))),
                  longtext(F(5, "attendees", T::Text, "参会人员")),
                  longtext(F(6, "minutes", T::Text, "会议纪要")), F(7, "recorded_by", T::Text, "记录人")}});
    d.push_back({R::RewardClaim, "reward_claim", "奖励申请",
                 {req(F(1, "claimant", T::Text, "申请人")), ref(2, "tip_id", R::Tip, "线索"),
                  ref(3, "task_id", R::Task, "任务"), req(F(4, "month", T::Text, "月份")),
                  F(5, "amount", T::Real, "金额"), longtext(F(6, "reason", T::Text, "事由")),
                  req(en(7, "status", kClaimStatus, "状态")), F(8, "decided_by", T::Text, "审核人"),
                  F(9, "decided_at", T::Time, "审核时间")}});
    return d;
}

const std::vector<RecordDef>& defs() {
    static const std::vector<RecordDef> d = build();
    return d;
}

}  // namespace

const FieldDef* RecordDef::field(std::string_view n) const {
    for (const auto& f : fields)
        if (f.name == n) return &f;
    return nullptr;
}

const FieldDef* RecordDef::field_by_number(uint32_t number) const {
    for (const auto& f : fields)
        if (f.number == number) return &f;
    return nullptr;
}

int RecordDef::slot_of(uint32_t number) const {
    for (size_t i = 0; i < fields.size(); ++i)
        if (fields[i].number == number) return static_cast<int>(i);
    return -1;
}

int RecordDef::slot_of(std::string_view n) const {
    for (size_t i = 0; i < fields.size(); ++i)
        if (fields[i].name == n) return static_cast<int>(i);
    return -1;
}

bool valid_record_type(int t) { return t >= 1 && t <= kRecordTypeCount; }

const RecordDef& record_def(RecordType t) { return defs()[static_cast<size_t>(t) - 1]; }

const RecordDef* record_def(std::string_view name) {
    for (const auto& d : defs())
        if (d.name == name) return &d;
    return nullptr;
}

std::span<const RecordDef> all_records() { return defs(); }

const EnumValue* find_enum(const FieldDef& f, std::string_view code) {
    for (const auto& v : f.values)
        if (v.code == code) return &v;
    return nullptr;
}

std::span<const EnumValue> derived_house_labels() { return kDerivedLabels; }

}  // namespace fieldgrid
