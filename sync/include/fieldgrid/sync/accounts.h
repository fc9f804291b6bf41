#pragma once
// Roles, accounts and the secrets around them (libsodium: Argon2id passwords, hashed tokens).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fieldgrid/util/uuid.h"

namespace fieldgrid::sync {

enum class Role { GridLeader = 1, Police = 2, Coordinator = 3, Informant = 4, Office = 5, Admin = 6 };

[[nodiscard]] std::optional<Role> role_from_code(std::string_view code);
[[nodiscard]] std::string_view role_code(Role r);

struct Account {
    std::string username;
    std::string display_name;
    Role role = Role::Coordinator;
    std::vector<Uuid> grids;     // coordinator, grid leader
    std::vector<Uuid> villages;  // grid leader, coordinator of a whole village
    std::string police_area;     // police: the station or area code prefix
    bool disabled = false;
};

// Argon2id string (salt and parameters inside). Interactive limits: a login takes ~0.1 s.
[[nodiscard]] std::string hash_password(std::string_view password);
[[nodiscard]] bool verify_password(std::string_view hash, std::string_view password);
[[nodiscard]] std::string random_token();           // 32 random bytes, hex
[[nodiscard]] std::string token_digest(std::string_view token);  // BLAKE2b, hex

}  // namespace fieldgrid::sync
