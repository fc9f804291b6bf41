#pragma once
// Hanyu pinyin of personal names, for search: full ("zhangsan") and initials ("zs").
// Readings come from ICU's Han-Latin transliterator; a name's surname uses its surname reading
// (单 shan, 曾 zeng, 解 xie, ...), where ICU would give the everyday one. ü is written v.
#include <string>
#include <string_view>

namespace fieldgrid {

struct NamePinyin {
    std::string full;      // "zhangsan"
    std::string initials;  // "zs"
};

[[nodiscard]] NamePinyin name_pinyin(std::string_view utf8_name);
// Pinyin of any text (no surname rule), syllables joined without spaces.
[[nodiscard]] std::string text_pinyin(std::string_view utf8_text);
// Lower-cases ASCII and drops spaces, apostrophes and dashes: how a typed pinyin query is compared.
[[nodiscard]] std::string normalize_pinyin_query(std::string_view query);
// True when the text holds at least one Han character.
[[nodiscard]] bool has_han(std::string_view utf8_text);

}  // namespace fieldgrid
