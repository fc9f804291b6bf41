#pragma once
// One search box over people, houses, units and addresses: ranked and paged.
#include <string>
#include <vector>

#include "fieldgrid/store/sqlite.h"
#include "fieldgrid/util/uuid.h"

namespace fieldgrid {

enum class HitKind { Person, House, Unit, Address };

// What matched, in rank order: better matches come first.
enum class MatchKind {
    IdNumber,        // exact ID number
    Phone,           // exact mobile number
    UnitCode,        // exact credit code
    Name,            // exact name
    Pinyin,          // exact full pinyin
    Initials,        // exact initials
    NamePrefix,
    PinyinPrefix,
    InitialsPrefix,
    UnitName,        // unit name contains the text
    AddressText,     // the address contains the text
};

struct SearchHit {
    HitKind kind{};
    MatchKind match{};
    Uuid id;
    std::string title;     // name of the person or unit, address of a house or address
    std::string subtitle;  // current address, masked ID number, house or unit type
};

struct SearchQuery {
    std::string text;
    size_t offset = 0;
    size_t limit = 20;
    bool people = true;
    bool houses = true;
    bool units = true;
    bool addresses = true;
};

struct SearchPage {
    std::vector<SearchHit> hits;
    bool more = false;  // another page exists
};

[[nodiscard]] SearchPage search(Database& db, const SearchQuery& q);

// "3101**********123X": keeps the first 4 and the last 4 characters.
[[nodiscard]] std::string mask_id(std::string_view id_no);
[[nodiscard]] std::string_view match_name(MatchKind m);
[[nodiscard]] std::string_view hit_kind_name(HitKind k);

}  // namespace fieldgrid
