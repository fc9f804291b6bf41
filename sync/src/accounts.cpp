#include "fieldgrid/sync/accounts.h"

#include <sodium.h>

#include <stdexcept>

namespace fieldgrid::sync {

namespace {
void ensure_sodium() {
    static const bool ok = sodium_init() >= 0;
    if (!ok) throw std::runtime_error("libsodium failed to initialise");
}
std::string hex(const unsigned char* p, size_t n) {
    std::string out(n * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), p, n);
    out.pop_back();
    return out;
}
}  // namespace

std::optional<Role> role_from_code(std::string_view c) {
    if (c == "grid_leader") return Role::GridLeader;
    if (c == "police") return Role::Police;
    if (c == "coordinator") return Role::Coordinator;
    if (c == "informant") return Role::Informant;
    if (c == "office") return Role::Office;
    if (c == "admin") return Role::Admin;
    return std::nullopt;
}

std::string_view role_code(Role r) {
    switch (r) {
        case Role::GridLeader: return "grid_leader";
        case Role::Police: return "police";
        case Role::Coordinator: return "coordinator";
        case Role::Informant: return "informant";
        case Role::Office: return "office";
        case Role::Admin: return "admin";
    }
    return "?";
}

std::string hash_password(std::string_view password) {
    ensure_sodium();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw std::runtime_error("out of memory hashing a password");
    return out;
}

bool verify_password(std::string_view hash, std::string_view password) {
    ensure_sodium();
    std::string h(hash);
    return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

std::string random_token() {
    ensure_sodium();
    unsigned char b[32];
    randombytes_buf(b, sizeof b);
    return hex(b, sizeof b);
}

std::string token_digest(std::string_view token) {
    ensure_sodium();
    unsigned char h[32];
    crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(token.data()), token.size(), nullptr, 0);
    return hex(h, sizeof h);
}

}  // namespace fieldgrid::sync
