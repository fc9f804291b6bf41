#include "fieldgrid/search/pinyin.h"

#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <cctype>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <unordered_map>
#include <vector>

namespace fieldgrid {

namespace {

struct SurnameReading {
    std::string_view han;
    std::string_view reading;  // syllables separated by spaces
};

// Surname readings that differ from the everyday reading of the character.
constexpr SurnameReading kSurnames[] = {
    {"尉迟", "yu chi"}, {"万俟", "mo qi"},     {"单于", "chan yu"},   {"长孙", "zhang sun"},
    {"澹台", "tan tai"}, {"令狐", "ling hu"},  {"欧阳", "ou yang"},   {"单", "shan"},
    {"曾", "zeng"},     {"解", "xie"},         {"仇", "qiu"},         {"区", "ou"},
    {"查", "zha"},      {"朴", "piao"},        {"盖", "ge"},          {"翟", "zhai"},
    {"乐", "yue"},      {"覃", "qin"},         {"缪", "miao"},        {"繁", "po"},
    {"召", "shao"},     {"种", "chong"},       {"秘", "bi"},          {"员", "yun"},
    {"折", "she"},      {"黑", "he"},          {"纪", "ji"},          {"冼", "xian"},
    {"洗", "xian"},     {"莘", "shen"},        {"祭", "zhai"},        {"乜", "nie"},
    {"隗", "wei"},      {"眭", "sui"},         {"宓", "mi"},          {"逄", "pang"},
    {"句", "gou"},      {"阚", "kan"},         {"訾", "zi"},          {"钭", "tou"},
    {"沈", "shen"},     {"柏", "bai"},         {"薄", "bo"},          {"石", "shi"},
    {"重", "chong"},    {"曲", "qu"},          {"都", "du"},          {"燕", "yan"},
    {"费", "fei"},      {"华", "hua"},         {"任", "ren"},         {"过", "guo"},
    {"车", "che"},      {"卜", "bu"},          {"蔺", "lin"},
};

class HanTable {
public:
    HanTable() {
        UErrorCode status = U_ZERO_ERROR;
        trans_.reset(icu::Transliterator::createInstance("Han-Latin; NFD", UTRANS_FORWARD, status));
        if (U_FAILURE(status) || !trans_)
            throw std::runtime_error(std::string("ICU Han-Latin transliterator: ") +
                                     u_errorName(status));
    }

    // The toneless syllable of one Han code point, cached.
    std::string syllable(UChar32 c) {
        std::lock_guard lock(mu_);
        auto it = cache_.find(c);
        if (it != cache_.end()) return it->second;
        icu::UnicodeString s(c);
        trans_->transliterate(s);
        std::string out;
        for (int32_t i = 0; i < s.length(); ++i) {
            UChar u = s.charAt(i);
            if (u >= 0x300 && u <= 0x36f) {
                if (u == 0x308 && !out.empty() && out.back() == 'u') out.back() = 'v';
                continue;
            }
            if (u < 0x80) {
                char ch = static_cast<char>(u);
                if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
                if (ch >= 'a' && ch <= 'z') out.push_back(ch);
            }
        }
        cache_.emplace(c, out);
        return out;
    }

private:
    std::mutex mu_;
    std::unique_ptr<icu::Transliterator> trans_;
    std::unordered_map<UChar32, std::string> cache_;
};

HanTable& table() {
    static HanTable t;
    return t;
}

bool is_han(UChar32 c) {
    return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) ||
           (c >= 0x20000 && c <= 0x2ebef) || (c >= 0xf900 && c <= 0xfaff) || c == 0x3007;
}

// Splits text into syllables: Han characters become pinyin, ASCII letter/digit runs stay as they are.
std::vector<std::string> syllables(std::string_view text, size_t skip_bytes) {
    std::vector<std::string> out;
    const auto* p = reinterpret_cast<const uint8_t*>(text.data());
    int32_t len = static_cast<int32_t>(text.size());
    int32_t i = static_cast<int32_t>(skip_bytes);
    std::string run;
    while (i < len) {
        UChar32 c;
        U8_NEXT(p, i, len, c);
        if (c < 0) continue;
        if (c < 0x80 && std::isalnum(static_cast<int>(c))) {
            run.push_back(static_cast<char>(std::tolower(static_cast<int>(c))));
            continue;
        }
        if (!run.empty()) {
            out.push_back(std::move(run));
            run.clear();
        }
        if (is_han(c)) {
            std::string s = table().syllable(c);
            if (!s.empty()) out.push_back(std::move(s));
        }
    }
    if (!run.empty()) out.push_back(std::move(run));
    return out;
}

}  // namespace

NamePinyin name_pinyin(std::string_view name) {
    std::vector<std::string> sy;
    size_t skip = 0;
    for (const auto& s : kSurnames) {
        if (name.substr(0, s.han.size()) == s.han) {
            std::string_view r = s.reading;
            size_t start = 0;
            while (start <= r.size()) {
                size_t sp = r.find(' ', start);
                sy.emplace_back(r.substr(start, sp == std::string_view::npos ? sp : sp - start));
                if (sp == std::string_view::npos) break;
                start = sp + 1;
            }
            skip = s.han.size();
            break;
        }
    }
    for (auto& s : syllables(name, skip)) sy.push_back(std::move(s));
    NamePinyin out;
    for (const auto& s : sy) {
        out.full += s;
        if (!s.empty()) out.initials.push_back(s[0]);
    }
    return out;
}

std::string text_pinyin(std::string_view text) {
    std::string out;
    for (const auto& s : syllables(text, 0)) out += s;
    return out;
}

std::string normalize_pinyin_query(std::string_view q) {
    std::string out;
    for (char c : q) {
        if (c == ' ' || c == '\'' || c == '-') continue;
        out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    return out;
}

bool has_han(std::string_view text) {
    const auto* p = reinterpret_cast<const uint8_t*>(text.data());
    int32_t len = static_cast<int32_t>(text.size());
    int32_t i = 0;
    while (i < len) {
        UChar32 c;
        U8_NEXT(p, i, len, c);
        if (c >= 0 && is_han(c)) return true;
    }
    return false;
}

}  // namespace fieldgrid
