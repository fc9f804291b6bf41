#include "fieldgrid/demo/demo_town.h"

#include <algorithm>
#include <random>
#include <stdexcept>
#include <unordered_set>

#include "fieldgrid/validation/id_number.h"
#include "fieldgrid/validation/region.h"
#include "fieldgrid/validation/uscc.h"

namespace fieldgrid {

namespace {

constexpr const char* kSurnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
    "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁",
    "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏",
    "韦", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛", "段", "雷", "侯", "龙", "史",
    "陶", "黎", "贺", "顾", "毛", "郝", "龚", "邵", "万", "钱", "严", "覃", "武", "戴", "莫", "孔",
    "单", "区", "查", "解", "仇", "朴", "翟", "盖", "欧阳", "司马", "诸葛", "上官"};
constexpr const char* kGiven[] = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀", "霞", "平", "刚", "桂", "英", "华", "玉", "萍", "红", "飞", "鹏", "辉", "建", "国",
    "文", "斌", "宇", "浩", "凯", "晨", "欣", "怡", "佳", "琳", "雪", "梅", "兰", "婷", "倩", "颖",
    "思", "雨", "子", "轩", "睿", "博", "嘉", "俊", "涵", "萱", "然", "泽", "一", "诺", "梓", "晓",
    "春", "海", "林", "志", "永", "德", "长", "乐", "家", "荣", "福", "贵", "金", "银", "松", "柏"};
constexpr const char* kNeighbourhoods[] = {"珠溪", "新溪", "东湖", "西湖", "井亭", "古镇", "沙家埭", "淀湖",
                                           "祥凝", "漕港", "放生桥", "课植"};
constexpr const char* kVillages[] = {"张马", "沈巷", "新胜", "李庄", "王金", "安庄", "淀峰", "周荡",
                                     "山湾", "先锋", "林家", "庆丰", "建新", "张巷", "朱浦", "薛间",
                                     "岑卜", "河祝", "慈门", "沈泾塘", "南新", "勤星", "王泾"};
constexpr const char* kRoadStems[] = {"珠溪", "课植园", "祥凝浜", "新溪", "淀山湖", "朱枫", "康业", "漕平",
                                      "青淀", "复兴", "东湖", "西湖", "美周", "放生桥", "沙家埭", "酒华",
                                      "大新", "泰安", "胜利", "人民", "淀湖", "港周", "双银", "鑫盛"};
constexpr const char* kRoadSuffix[] = {"路", "街", "公路", "大道"};
constexpr const char* kCompounds[] = {"苑", "新村", "花园", "小区", "家园", "公寓"};
constexpr const char* kShopKinds[] = {"便利店", "面馆", "理发店", "五金店", "水果店", "快递驿站", "药房", "烟杂店"};
constexpr const char* kFactoryKinds[] = {"机械制造有限公司", "电子科技有限公司", "服装有限公司", "包装材料有限公司",
                                         "食品有限公司", "塑料制品有限公司"};
constexpr const char* kForeignNames[] = {"SMITH JOHN", "KIM MINJUN", "TANAKA YUKI", "NGUYEN VAN AN",
                                         "MUELLER ANNA", "GARCIA LUIS"};
// Provinces migrants come from, weighted roughly as in Shanghai's suburbs.
constexpr std::pair<const char*, int> kOrigins[] = {{"34", 22}, {"32", 14}, {"41", 12}, {"51", 8},
                                                    {"36", 8},  {"42", 7},  {"37", 6},  {"43", 5},
                                                    {"33", 5},  {"45", 3},  {"52", 3},  {"50", 3},
                                                    {"35", 2},  {"23", 1},  {"62", 1}};

class Builder {
public:
    Builder(Store& store, const DemoOptions& opt)
        : store_(store),
          opt_(opt),
          rng_(opt.seed * 0x9e3779b97f4a7c15ULL + 12345),
          ids_([this] { return id_clock_; }, opt.seed),
          as_of_(std::min(opt.as_of, Date::today_china())) {
        id_clock_ = (Date{2026, 1, 1}.days_since_epoch() * 86400000LL) + static_cast<int64_t>(opt.seed % 1000);
        const auto& t = RegionTable::builtin();
        for (size_t i = 0; i < t.size(); ++i) {
            const std::string& code = t.code_at(i);
            if (code.substr(4) == "00" || code.substr(4) == "01") continue;  // not a county
            by_province_[code.substr(0, 2)].push_back(code);
        }
    }

    DemoSummary run() {
        int64_t n = std::max<int64_t>(opt_.persons, 10);
        int villages = static_cast<int>(std::max<int64_t>(3, n / 6000));
        int64_t per_village = n / villages;
        for (int v = 0; v < villages; ++v) {
            bool urban = v % 3 == 0;
            int64_t quota = v == villages - 1 ? n - persons_ : per_village;
            build_village(v, urban, quota);
        }
        flush();
        return sum_;
    }

private:
    Store& store_;
    DemoOptions opt_;
    std::mt19937_64 rng_;
    int64_t id_clock_ = 0;
    UuidGen ids_;
    Date as_of_;
    std::vector<Change> pending_;
    DemoSummary sum_;
    int64_t persons_ = 0;
    int64_t flushed_persons_ = 0;
    std::unordered_set<std::string> used_ids_;
    std::unordered_map<std::string, std::vector<std::string>> by_province_;
    int road_counter_ = 0;
    int64_t unit_counter_ = 0;
    int task_counter_ = 0;
    Uuid village_, grid_;
    std::vector<Uuid> village_grids_;
    std::vector<Uuid> recent_people_;  // for rosters, flags and tips
    std::vector<Uuid> recent_houses_;
    std::string coordinator_, police_;

    int rand_int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
    bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
    template <typename T, size_t N>
    const T& pick(const T (&arr)[N]) {
        return arr[static_cast<size_t>(rand_int(0, static_cast<int>(N) - 1))];
    }

    Uuid add(RecordType t, std::initializer_list<std::pair<std::string_view, Value>> fields) {
        Change c{t, ids_.next(), {}};
        for (const auto& [name, value] : fields) c.set(name, value);
        pending_.push_back(std::move(c));
        if (pending_.size() >= opt_.batch) flush();
        return pending_.empty() ? last_id_ : pending_.back().id;
    }
    Uuid last_id_;

    void flush() {
        if (pending_.empty()) return;
        last_id_ = pending_.back().id;
        auto res = store_.apply(pending_);
        if (!res.ok) throw std::runtime_error("demo town change rejected: " + format_issues(res.issues));
        pending_.clear();
        id_clock_ += 1000;
        if (opt_.progress && persons_ != flushed_persons_) opt_.progress(persons_);
        flushed_persons_ = persons_;
    }

    std::string name() {
        std::string n = pick(kSurnames);
        n += pick(kGiven);
        if (chance(0.7)) n += pick(kGiven);
        return n;
    }

    Date birth_for_age(int age) {
        int64_t days = as_of_.days_since_epoch() - age * 365LL - rand_int(0, 364);
        return Date::from_days(days);
    }

    std::string phone() {
        std::string p = "1";
        p += static_cast<char>('3' + rand_int(0, 6));
        for (int i = 0; i < 9; ++i) p += static_cast<char>('0' + rand_int(0, 9));
        return p;
    }

    std::string county_in(const std::string& province) {
        auto& v = by_province_[province];
        if (v.empty()) return "310118";
        return v[static_cast<size_t>(rand_int(0, static_cast<int>(v.size()) - 1))];
    }

    std::string origin_county() {
        int total = 0;
        for (const auto& o : kOrigins) total += o.second;
        int r = rand_int(1, total);
        for (const auto& o : kOrigins) {
            r -= o.second;
            if (r <= 0) return county_in(o.first);
        }
        return "340102";
    }

    // A person and their residence at `address`. Returns the person id.
    Uuid person_at(const Uuid& address, std::string_view category, int age, std::string_view relation) {
        bool male = chance(0.5);
        Date birth = birth_for_age(age);
        std::string id_type = "resident_id", id_no, region, foreign;
        if (category == "jingwai") {
            int form = rand_int(0, 3);
            if (form == 0) {
                id_type = "foreign_pr";
                do {
                    std::string first17 = "931" + std::string(rand_int(0, 1) ? "840" : "392") +
                                          birth.str().substr(0, 4) + birth.str().substr(5, 2) +
                                          birth.str().substr(8, 2) + std::to_string(rand_int(10, 99)) +
                                          std::to_string(male ? 1 : 2);
                    id_no = first17 + id_check_char(first17);
                } while (!used_ids_.insert(id_no).second);
            } else if (form == 1) {
                id_type = rand_int(0, 1) ? "hk_mo_permit" : "tw_permit";
                std::string prefix = id_type == "tw_permit" ? "830000" : "810000";
                do {
                    id_no = make_resident_id(prefix, birth, rand_int(0, 499) * 2 + (male ? 1 : 0));
                } while (!used_ids_.insert(id_no).second);
            } else {
                id_type = "passport";
                do {
                    id_no = std::string(1, static_cast<char>('A' + rand_int(0, 25))) +
                            std::to_string(rand_int(10000000, 99999999));
                } while (!used_ids_.insert(id_no).second);
                foreign = pick(kForeignNames);
            }
        } else {
            region = category == "huji" ? (chance(0.8) ? "310118" : county_in("31")) : origin_county();
            do {
                id_no = make_resident_id(region, birth, rand_int(0, 499) * 2 + (male ? 1 : 0));
            } while (!used_ids_.insert(id_no).second);
        }
        Change p{RecordType::Person, ids_.next(), {}};
        p.set("id_type", id_type).set("id_no", id_no).set("name", foreign.empty() ? name() : foreign);
        if (id_type == "passport") {
            p.set("gender", std::string(male ? "male" : "female")).set("birth_date", birth.str());
            p.set("nationality", std::string(rand_int(0, 1) ? "KOR" : "JPN"));
        } else {
            p.set("nationality", std::string("CHN"));
        }
        if (!region.empty()) p.set("hukou_admin_code", region);
        if (age >= 16) p.set("phone", phone());
        p.set("ethnicity", std::string(chance(0.95) ? "汉族" : "回族"));
        Uuid pid = p.id;
        pending_.push_back(std::move(p));

        bool left = chance(0.04);
        Change r{RecordType::Residence, ids_.next(), {}};
        int years = std::min(age, rand_int(0, 15));
        Date moved = Date::from_days(as_of_.days_since_epoch() - years * 365LL - rand_int(0, 364));
        r.set("person_id", pid).set("address_id", address).set("category", std::string(category));
        r.set("relation", std::string(relation)).set("move_in_date", moved.str());
        r.set("status", std::string(left ? "left" : "living"));
        if (left) {
            int64_t span = as_of_.days_since_epoch() - moved.days_since_epoch();
            r.set("leave_date", Date::from_days(moved.days_since_epoch() +
                                                rand_int(0, static_cast<int>(std::max<int64_t>(0, span))))
                                    .str());
            r.set("destination", std::string(chance(0.5) ? "返回原籍" : "本市其他区"));
        }
        static constexpr const char* kSources[] = {"door_visit", "door_visit", "door_visit", "social_report",
                                                   "self_declared", "police_collected"};
        r.set("source", std::string(pick(kSources)));
        r.set("verify_state", std::string(chance(0.85) ? "verified" : "unverified"));
        pending_.push_back(std::move(r));
        ++persons_;
        ++sum_.persons;
        ++sum_.residences;
        if (recent_people_.size() < 400) recent_people_.push_back(pid);
        else recent_people_[static_cast<size_t>(rand_int(0, 399))] = pid;
        if (pending_.size() >= opt_.batch) flush();
        return pid;
    }

    void family_at(const Uuid& address, std::string_view category, int size) {
        int head_age = rand_int(25, 75);
        person_at(address, category, head_age, "户主");
        if (size > 1) person_at(address, category, std::max(18, head_age + rand_int(-4, 4)), "配偶");
        for (int i = 2; i < size; ++i) {
            int kid = head_age > 50 ? rand_int(18, head_age - 22) : rand_int(0, std::max(0, head_age - 22));
            person_at(address, category, kid, "子女");
        }
    }

    void renters_at(const Uuid& address, int n) {
        for (int i = 0; i < n; ++i) person_at(address, chance(0.97) ? "laihu" : "weiluohu", rand_int(18, 55), "租客");
    }

    Uuid addr(const Uuid* parent, std::string_view level, std::string name, int64_t number,
              std::string code = {}) {
        Change c{RecordType::Address, ids_.next(), {}};
        if (parent) c.set("parent_id", *parent);
        c.set("level", std::string(level)).set("name", std::move(name)).set("number", number);
        if (!code.empty()) c.set("code", std::move(code));
        if (!parent) {
            c.set("village_id", village_).set("admin_code", std::string("310118101"));
        }
        c.set("grid_id", grid_);
        Uuid id = c.id;
        pending_.push_back(std::move(c));
        ++sum_.addresses;
        if (pending_.size() >= opt_.batch) flush();
        return id;
    }

    Uuid house(const Uuid& address, std::string_view type, std::string_view use, int rooms, double area,
               std::string labels = {}) {
        Change c{RecordType::House, ids_.next(), {}};
        c.set("address_id", address).set("type", std::string(type)).set("use", std::string(use));
        c.set("rooms", static_cast<int64_t>(rooms)).set("area_m2", area);
        c.set("living_area_m2", area * 0.7);
        c.set("rented", use == "rented" || use == "day_rent" || use == "dormitory");
        c.set("owner_name", name());
        if (!labels.empty()) c.set("labels", std::move(labels));
        Uuid id = c.id;
        pending_.push_back(std::move(c));
        ++sum_.houses;
        if (recent_houses_.size() < 200) recent_houses_.push_back(id);
        else recent_houses_[static_cast<size_t>(rand_int(0, 199))] = id;
        if (pending_.size() >= opt_.batch) flush();
        return id;
    }

    Uuid unit(const Uuid& address, std::string name, std::string_view type, std::string_view industry,
              int staff) {
        Change c{RecordType::Unit, ids_.next(), {}};
        c.set("uscc", make_uscc(static_cast<uint64_t>(++unit_counter_) * 7919 + opt_.seed, "310118"));
        c.set("name", std::move(name)).set("type", std::string(type)).set("industry", std::string(industry));
        c.set("legal_rep_name", this->name()).set("phone", phone()).set("address_id", address);
        c.set("status", std::string("active"));
        c.set("registered_on", Date::from_days(as_of_.days_since_epoch() - rand_int(100, 5000)).str());
        Uuid id = c.id;
        pending_.push_back(std::move(c));
        ++sum_.units;
        for (int i = 0; i < staff && !recent_people_.empty(); ++i) roster(id, recent_people_[static_cast<size_t>(rand_int(0, static_cast<int>(recent_people_.size()) - 1))], false);
        return id;
    }

    std::unordered_set<std::string> rostered_;
    void roster(const Uuid& unit_id, const Uuid& person, bool on_site) {
        if (!rostered_.insert(unit_id.str() + person.str()).second) return;
        Change e{RecordType::Employment, ids_.next(), {}};
        e.set("unit_id", unit_id).set("person_id", person).set("position", std::string(on_site ? "操作工" : "店员"));
        e.set("hire_date", Date::from_days(as_of_.days_since_epoch() - rand_int(30, 2000)).str());
        e.set("lives_on_site", on_site).set("source", std::string("social_report"));
        e.set("verify_state", std::string(chance(0.8) ? "verified" : "unverified"));
        pending_.push_back(std::move(e));
        ++sum_.employments;
        if (pending_.size() >= opt_.batch) flush();
    }

    Uuid new_road(const std::string& label) {
        ++road_counter_;
        return addr(nullptr, "road", label, road_counter_, "310118101" + std::to_string(100000 + road_counter_));
    }

    std::string road_name() {
        std::string stem = kRoadStems[static_cast<size_t>(road_counter_) % std::size(kRoadStems)];
        std::string suffix = kRoadSuffix[(static_cast<size_t>(road_counter_) / std::size(kRoadStems)) % std::size(kRoadSuffix)];
        size_t round = static_cast<size_t>(road_counter_) / (std::size(kRoadStems) * std::size(kRoadSuffix));
        return stem + (round ? std::to_string(round + 1) + "号" : "") + suffix;
    }

    void build_village(int index, bool urban, int64_t quota) {
        std::string vname = urban ? std::string(kNeighbourhoods[static_cast<size_t>(index / 3) % std::size(kNeighbourhoods)])
                                  : std::string(kVillages[static_cast<size_t>(index) % std::size(kVillages)]);
        size_t round = urban ? static_cast<size_t>(index / 3) / std::size(kNeighbourhoods)
                             : static_cast<size_t>(index) / std::size(kVillages);
        if (round) vname += std::to_string(round + 1);
        vname += urban ? "居委会" : "村";
        std::string vcode = "310118101" + std::to_string(urban ? 100 + index : 200 + index);
        village_ = add(RecordType::Village, {{"code", vcode}, {"name", vname},
                                             {"kind", std::string(urban ? "neighbourhood" : "village")},
                                             {"town", std::string("朱家角镇")},
                                             {"admin_code", std::string("310118101")}});
        ++sum_.villages;
        int grids = static_cast<int>(std::max<int64_t>(1, quota / 1000));
        village_grids_.clear();
        for (int g = 0; g < grids; ++g) {
            Uuid gid = add(RecordType::Grid, {{"code", vcode + "-" + std::to_string(g + 1)},
                                              {"name", vname + "第" + std::to_string(g + 1) + "微网格"},
                                              {"village_id", village_},
                                              {"police_area", std::string("310118560100") + std::to_string(index % 10)}});
            village_grids_.push_back(gid);
            sum_.grid_ids.push_back(gid);
            ++sum_.grids;
        }
        coordinator_ = name();
        police_ = name();
        int64_t start = persons_;
        int64_t per_grid = std::max<int64_t>(1, quota / grids);
        size_t g = 0;
        grid_ = village_grids_[0];
        while (persons_ - start < quota) {
            size_t want_grid = std::min(village_grids_.size() - 1, static_cast<size_t>((persons_ - start) / per_grid));
            if (want_grid != g) g = want_grid;
            grid_ = village_grids_[g];
            int64_t left = quota - (persons_ - start);
            if (urban) build_lane(left);
            else build_village_road(left);
        }
        workflow(vname);
    }

    // A neighbourhood lane: apartment buildings, shops along the road, a property company.
    void build_lane(int64_t left) {
        Uuid road = new_road(road_name());
        int lanes = rand_int(1, 3);
        for (int l = 0; l < lanes && left > 0; ++l) {
            int lane_no = 100 + l * 50 + rand_int(0, 40);
            Uuid lane = addr(&road, "doorplate", std::to_string(lane_no) + "弄", lane_no);
            unit(lane, std::string(kVillages[static_cast<size_t>(rand_int(0, 5))]) + std::string(pick(kCompounds)) + "物业管理有限公司" + std::to_string(unit_counter_ + 1) + "部", "property_company", "物业管理", 2);
            int buildings = rand_int(3, 8);
            for (int b = 1; b <= buildings && left > 0; ++b) {
                Uuid bld = addr(&lane, "building", std::to_string(b) + "号", b);
                int floors = 6, per_floor = rand_int(2, 4);
                if (chance(0.08)) {
                    Uuid bf = addr(&bld, "floor", "地下1层", -1);
                    Uuid room = addr(&bf, "room", "地下室", 1);
                    house(room, "basement", "rented", 1, rand_int(20, 60), "underground");
                    int n = rand_int(2, 6);
                    renters_at(room, n);
                    left -= n;
                }
                for (int f = 1; f <= floors && left > 0; ++f) {
                    Uuid fl = addr(&bld, "floor", std::to_string(f) + "层", f);
                    for (int r = 1; r <= per_floor && left > 0; ++r) {
                        int room_no = f * 100 + r;
                        Uuid room = addr(&fl, "room", std::to_string(room_no) + "室", room_no);
                        double area = rand_int(45, 120);
                        double roll = std::uniform_real_distribution<double>(0, 1)(rng_);
                        if (roll < 0.07) {
                            house(room, "residential", "vacant", rand_int(1, 3), area);
                        } else if (roll < 0.12) {
                            // A flat let to many: under 5 m² of living area each.
                            house(room, "residential", "rented", rand_int(2, 3), area);
                            int n = std::max(5, static_cast<int>(area * 0.7 / 4.0));
                            n = std::min(n, 14);
                            renters_at(room, n);
                            left -= n;
                        } else if (roll < 0.45) {
                            house(room, "residential", "rented", rand_int(1, 3), area);
                            int n = rand_int(1, 3);
                            renters_at(room, n);
                            left -= n;
                        } else {
                            house(room, "residential", "self_occupied", rand_int(1, 3), area);
                            int n = rand_int(1, 5);
                            family_at(room, chance(0.9) ? "huji" : "laihu", n);
                            left -= n;
                            if (chance(0.01)) {
                                person_at(room, "jingwai", rand_int(20, 60), "租客");
                                --left;
                            }
                        }
                    }
                }
            }
        }
        // An office building and a mixed-use block with flats above shops.
        if (left > 0) {
            int no = 800 + rand_int(0, 50) * 2;
            Uuid door = addr(&road, "doorplate", std::to_string(no) + "号", no);
            bool mixed = chance(0.5);
            house(door, mixed ? "complex_single" : "office", mixed ? "rented" : "business", rand_int(4, 20),
                  rand_int(500, 3000), mixed ? "complex_single" : "");
            unit(door, std::string("上海") + pick(kRoadStems) + "房地产经纪有限公司", "agency", "房地产中介", 2);
            if (mixed) {
                int n = rand_int(3, 12);
                renters_at(door, n);
                left -= n;
            }
        }
        // Shops along the road, some with the shopkeeper's family living in.
        int shops = rand_int(2, 5);
        for (int s = 0; s < shops && left > 0; ++s) {
            int no = 2 * (s + 1) + 600;
            Uuid door = addr(&road, "doorplate", std::to_string(no) + "号", no);
            bool home = chance(0.5);
            house(door, home ? "shop_home" : "street_shop", "business", 1, rand_int(20, 80),
                  home ? "shop_home" : "street_shop");
            if (home) {
                int n = rand_int(1, 3);
                family_at(door, "laihu", n);
                left -= n;
            }
            unit(door, name().substr(0, 3) + pick(kShopKinds), "shop", "零售", 1);
        }
    }

    // A village road: homesteads (some let room by room), a factory with its dormitory,
    // field shacks, a site shed, day-rent rooms.
    void build_village_road(int64_t left) {
        Uuid road = new_road(road_name());
        int homes = rand_int(10, 30);
        for (int h = 1; h <= homes && left > 0; ++h) {
            Uuid door = addr(&road, "doorplate", std::to_string(h) + "号", h);
            int rooms = rand_int(4, 12);
            double roll = std::uniform_real_distribution<double>(0, 1)(rng_);
            int n = rand_int(2, 6);
            family_at(door, "huji", n);
            left -= n;
            if (roll < 0.45) {
                bool day = roll < 0.04;
                house(door, "homestead", day ? "day_rent" : "rented", rooms, rand_int(180, 400),
                      day ? "homestead_rental,day_rent" : "homestead_rental");
                for (int r = 1; r <= rooms - 1 && left > 0; ++r) {
                    Uuid room = addr(&door, "room", std::to_string(r) + "室", r);
                    // Some landlords pack rooms: more than 2 per room is a suspected group rental.
                    int k = roll < 0.15 ? rand_int(2, 4) : rand_int(0, 2);
                    renters_at(room, k);
                    left -= k;
                }
            } else {
                house(door, "homestead", "self_occupied", rooms, rand_int(150, 350));
            }
        }
        if (chance(0.5) && left > 0) {
            int no = homes + 100;
            Uuid door = addr(&road, "doorplate", std::to_string(no) + "号", no);
            house(door, "factory", "business", 1, rand_int(800, 5000));
            Uuid factory = unit(door, std::string("上海") + kVillages[static_cast<size_t>(rand_int(0, 20))] + pick(kFactoryKinds),
                                "factory", "制造业", 3);
            Uuid dorm = addr(&door, "building", "宿舍楼", 1);
            int rooms = rand_int(6, 16);
            house(dorm, "dormitory", "dormitory", rooms, rooms * 18.0);
            for (int r = 1; r <= rooms && left > 0; ++r) {
                Uuid room = addr(&dorm, "room", std::to_string(100 + r) + "室", 100 + r);
                int k = rand_int(2, 6);
                for (int i = 0; i < k; ++i) {
                    Uuid p = person_at(room, "laihu", rand_int(18, 50), "员工");
                    roster(factory, p, true);
                }
                left -= k;
            }
        }
        if (chance(0.3) && left > 0) {
            int no = homes + 200;
            Uuid door = addr(&road, "doorplate", std::to_string(no) + "号", no);
            house(door, "field_shack", "self_occupied", 1, rand_int(10, 30), "field_shack");
            renters_at(door, 2);
            left -= 2;
        }
        if (chance(0.2) && left > 0) {
            int no = homes + 300;
            Uuid door = addr(&road, "doorplate", std::to_string(no) + "号", no);
            house(door, "site_shed", "dormitory", rand_int(2, 6), rand_int(60, 200), "site_shed");
            Uuid builder = unit(door, std::string("上海") + pick(kRoadStems) + "建设工程有限公司", "enterprise", "建筑业", 0);
            int k = rand_int(6, 18);
            for (int i = 0; i < k; ++i) roster(builder, person_at(door, "laihu", rand_int(20, 58), "员工"), true);
            left -= k;
        }
    }

    // A month of the mechanism's work in this village.
    void workflow(const std::string& vname) {
        int64_t base_ms = (as_of_.days_since_epoch() - 30) * 86400000LL + 9 * 3600000LL;
        for (int w = 0; w < 4; ++w) {
            add(RecordType::Meeting, {{"village_id", village_}, {"kind", std::string("weekly_review")},
                                      {"held_at", base_ms + w * 7 * 86400000LL},
                                      {"attendees", coordinator_ + "，" + police_},
                                      {"minutes", vname + "第" + std::to_string(w + 1) + "周点评"},
                                      {"recorded_by", coordinator_}});
            ++sum_.meetings;
        }
        add(RecordType::Meeting, {{"village_id", village_}, {"kind", std::string("monthly_summary")},
                                  {"held_at", base_ms + 28 * 86400000LL},
                                  {"attendees", coordinator_ + "，" + police_},
                                  {"recorded_by", coordinator_}});
        ++sum_.meetings;
        for (const auto& g : village_grids_) {
            for (int t = 0; t < 2 && !recent_people_.empty(); ++t) {
                ++task_counter_;
                const Uuid& target = recent_people_[static_cast<size_t>(rand_int(0, static_cast<int>(recent_people_.size()) - 1))];
                bool done = chance(0.5);
                add(RecordType::Task, {{"number", "RW" + std::to_string(20260000 + task_counter_)},
                                       {"title", std::string("核查人员居住信息")},
                                       {"kind", std::string("verify_person")},
                                       {"target_type", std::string("person")},
                                       {"target_id", target},
                                       {"grid_id", g},
                                       {"assignee", coordinator_},
                                       {"issued_by", std::string("镇人口办")},
                                       {"issued_at", base_ms + t * 86400000LL},
                                       {"due_date", Date::from_days(as_of_.days_since_epoch() + rand_int(-5, 10)).str()},
                                       {"status", std::string(done ? "answered" : "issued")},
                                       {"feedback", done ? Value(std::string("已上门核实，信息无误")) : Value()},
                                       {"origin_level", std::string("town")}});
                ++sum_.tasks;
            }
        }
        for (int i = 0; i < 6 && !recent_houses_.empty(); ++i) {
            const Uuid& h = recent_houses_[static_cast<size_t>(rand_int(0, static_cast<int>(recent_houses_.size()) - 1))];
            auto rec = store_.get(RecordType::House, h);
            if (!rec) continue;  // still pending in this batch
            add(RecordType::Visit, {{"address_id", *rec->ref("address_id")}, {"house_id", h},
                                    {"visitor", coordinator_}, {"visited_at", base_ms + i * 3600000LL},
                                    {"outcome", std::string(i == 5 ? "nobody_home" : "done")},
                                    {"residents_checked", static_cast<int64_t>(rand_int(0, 5))}});
            ++sum_.visits;
        }
        if (!recent_people_.empty()) {
            const Uuid& p = recent_people_[static_cast<size_t>(rand_int(0, static_cast<int>(recent_people_.size()) - 1))];
            add(RecordType::Flag, {{"subject_type", std::string("person")}, {"subject_id", p},
                                   {"kind", std::string("refused_registration")},
                                   {"reason", std::string("拒绝提供居住信息")}, {"raised_by", coordinator_},
                                   {"raised_at", base_ms}, {"status", std::string("open")}});
            ++sum_.flags;
            add(RecordType::Tip, {{"submitted_by", std::string("物业 ") + name()},
                                  {"source_role", std::string("informant")},
                                  {"category", std::string("suspicious_house")},
                                  {"content", std::string("该处近期频繁有人员进出，疑似群租")},
                                  {"person_id", p}, {"status", std::string("new")},
                                  {"submitted_at", base_ms + 86400000LL}});
            ++sum_.tips;
            Uuid tip = pending_.empty() ? last_id_ : pending_.back().id;
            add(RecordType::RewardClaim, {{"claimant", std::string("物业信息员")}, {"tip_id", tip},
                                          {"month", as_of_.str().substr(0, 7)}, {"amount", 50.0},
                                          {"reason", std::string("报送群租线索")},
                                          {"status", std::string("pending")}});
        }
    }
};

}  // namespace

std::string make_resident_id(std::string_view region6, Date birth, int sequence) {
    char seq[8];
    std::snprintf(seq, sizeof seq, "%03u", static_cast<unsigned>(sequence) % 1000u);
    std::string d = birth.str();
    std::string first17 = std::string(region6) + d.substr(0, 4) + d.substr(5, 2) + d.substr(8, 2) + seq;
    return first17 + id_check_char(first17);
}

std::string make_uscc(uint64_t n, std::string_view region6) {
    static constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    std::string org = "MA";
    uint64_t x = n * 2654435761ULL + 97;
    for (int i = 0; i < 6; ++i) {
        org.push_back(kAlphabet[x % 31]);
        x /= 31;
    }
    org.push_back(org_code_check_char(org));
    std::string first17 = "91" + std::string(region6) + org;
    return first17 + uscc_check_char(first17);
}

DemoSummary build_demo_town(Store& store, const DemoOptions& options) {
    Builder b(store, options);
    return b.run();
}

}  // namespace fieldgrid
