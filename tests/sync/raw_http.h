#pragma once
// Raw HTTP requests with any content type and body, for the bad-request tests.
#include <curl/curl.h>

#include <string>

namespace fieldgrid::testing {

struct RawResponse {
    long status = 0;
    std::string body;
};

inline size_t raw_collect(char* p, size_t s, size_t n, void* u) {
    static_cast<std::string*>(u)->append(p, s * n);
    return s * n;
}

inline RawResponse raw_post(const std::string& url, const std::string& body, const std::string& content_type,
                            const std::string& token = "", const std::string& method = "POST") {
    RawResponse out;
    CURL* c = curl_easy_init();
    struct curl_slist* h = nullptr;
    h = curl_slist_append(h, ("Content-Type: " + content_type).c_str());
    if (!token.empty()) h = curl_slist_append(h, ("Authorization: Bearer " + token).c_str());
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    if (method == "GET") {
        curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    } else {
        curl_easy_setopt(c, CURLOPT_POST, 1L);
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    }
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, raw_collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &out.body);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
    if (curl_easy_perform(c) == CURLE_OK) curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out.status);
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    return out;
}

}  // namespace fieldgrid::testing
