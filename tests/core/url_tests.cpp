// tests/core/url_tests.cpp — no part of a password ever appears in a message: URL parse
// errors, url::redacted(), engine status and connection errors, for passwords holding every
// reserved character of a URL, percent-encoded and not.
#include <doctest/doctest.h>

#include <retort/retort.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace {

// The password is "sekr" <reserved character> "itpw": no message may hold either half.
constexpr std::string_view head = "sekr";
constexpr std::string_view tail = "itpw";

bool leaks(std::string_view message) {
    return message.find(head) != std::string_view::npos || message.find(tail) != std::string_view::npos;
}

std::string percent(char c) {
    static constexpr char digits[] = "0123456789ABCDEF";
    const auto u = static_cast<unsigned char>(c);
    return std::string{'%', digits[u >> 4], digits[u & 15]};
}

/// The URL shapes a password appears in; {} is where it goes.
const std::vector<std::string> shapes = {
    "postgresql://app:{}@db.example/app",
    "postgresql://app:{}@db.example:5432/app?sslmode=disable",
    "postgresql://app:{}@[::1]/app",
    "postgresql://app:{}@db.example",
    "postgresql://app:{}@db.example/app?application_name=x",
    "postgresql://app:{}/app",               // "@host" forgotten: the password looks like a port
    "postgresql://app:{}",                   // the same without a path
    "postgresql://app@db.example/app?password={}",
    "postgresql://app@db.example/app?sslpassword={}&sslmode=require",
    "postgresql://app@db.example/app?pass%77ord={}",
    "sqlite://app:{}@host/app.db",
};

std::string with_password(const std::string& shape, const std::string& password) {
    std::string out = shape;
    out.replace(out.find("{}"), 2, password);
    return out;
}

/// What a user sees of a URL: the parse error, or the redacted URL and the engine's status.
std::string everything_shown(const std::string& text, bool& parsed) {
    parsed = false;
    try {
        const auto u = retort::url::parse(text);
        parsed = true;
        std::string shown = u.redacted();
        try {
            auto engine = retort::create_engine(text);
            shown += engine.status().to_string();
        } catch (const retort::error& e) {
            shown += e.what();
        }
        return shown;
    } catch (const retort::argument_error& e) {
        return e.what();
    }
}

}  // namespace

TEST_CASE("URL: the reported case, postgresql://app:se/cret@db.example/app, quotes no part of the password") {
    try {
        (void)retort::url::parse("postgresql://app:se/cret@db.example/app");
        FAIL_CHECK("an unencoded '/' in the password was accepted");
    } catch (const retort::argument_error& e) {
        const std::string what = e.what();
        CAPTURE(what);
        CHECK(what.find("cret") == std::string::npos);
        CHECK(what.find("'se'") == std::string::npos);
        CHECK(what.find("se/") == std::string::npos);
        CHECK(what.find("percent-encode") != std::string::npos);  // says what to do
    }
    // Encoded, it is the password.
    const auto u = retort::url::parse("postgresql://app:se%2Fcret@db.example/app");
    CHECK(u.password == "se/cret");
    CHECK(u.host == "db.example");
    CHECK(u.redacted() == "postgresql://app:***@db.example/app");
}

TEST_CASE("URL: passwords with every reserved character, encoded and not, never appear in a message") {
    const std::string reserved = ":/?#[]@!$&'()*+,;=% \"<>\\^`{|}";
    int parsed_count = 0, refused_count = 0;
    for (const char r : reserved) {
        for (const bool encoded : {false, true}) {
            const std::string password = std::string(head) + (encoded ? percent(r) : std::string(1, r)) +
                                         std::string(tail);
            for (const auto& shape : shapes) {
                // postgresql://app:sekr@itpw is user app, password sekr, host itpw: an '@' in a
                // password is only told apart from the one before the host when a host follows.
                const bool has_host = shape.find("}@") != std::string::npos || shape.find("app@") != std::string::npos;
                if (r == '@' && !encoded && !has_host) continue;
                const std::string text = with_password(shape, password);
                CAPTURE(text);
                bool parsed = false;
                const std::string shown = everything_shown(text, parsed);
                CAPTURE(shown);
                CHECK_FALSE(leaks(shown));
                (parsed ? parsed_count : refused_count) += 1;
                // Percent-encoded in the user-info, every character is simply part of the password.
                if (encoded && shape.find("app:{}@") != std::string::npos && shape.starts_with("postgresql")) {
                    CHECK(parsed);
                    if (parsed) CHECK(retort::url::parse(text).password == std::string(head) + r + std::string(tail));
                }
            }
        }
    }
    CHECK(parsed_count > 0);
    CHECK(refused_count > 0);
}

TEST_CASE("URL: every encoded password in the user-info parses back exactly") {
    for (int c = 1; c < 256; ++c) {
        const char ch = static_cast<char>(c);
        const std::string text = "postgresql://app:" + std::string(head) + percent(ch) + std::string(tail) + "@db.example/app";
        CAPTURE(text);
        const auto u = retort::url::parse(text);
        CHECK(u.password == std::string(head) + ch + std::string(tail));
        CHECK(u.host == "db.example");
        CHECK(u.database == "app");
        CHECK_FALSE(leaks(u.redacted()));
    }
}

TEST_CASE("URL: the connection error of a parsed URL holds no part of the password") {
    // Port 1 on the loopback refuses at once: no server is needed.
    for (const char r : std::string(":/?#@&%")) {
        const std::string text =
            "postgresql://app:" + std::string(head) + percent(r) + std::string(tail) + "@127.0.0.1:1/app";
        CAPTURE(text);
        try {
            auto engine = retort::create_engine(text);
            (void)engine.connect();
            FAIL_CHECK("connected to port 1");
        } catch (const retort::error& e) {
            CAPTURE(e.what());
            CHECK_FALSE(leaks(e.what()));
        }
    }
}

TEST_CASE("URL: ambiguous user-info is refused with a hint, valid URLs keep their meaning") {
    // '@' in a query value with no password anywhere: nothing to hide, parses as before.
    const auto q = retort::url::parse("postgresql://db.example/app?application_name=me@corp");
    CHECK(q.host == "db.example");
    CHECK(q.query.at("application_name") == "me@corp");
    // An '@' in the user name (e-mail) is fine: the last '@' ends the user-info.
    const auto mail = retort::url::parse("postgresql://me@corp.example:pw%40x@db.example/app");
    CHECK(mail.username == "me@corp.example");
    CHECK(mail.password == "pw@x");
    // Unencoded '@' inside the password, before any '/' or '?': still unambiguous.
    CHECK(retort::url::parse("postgresql://app:p@ss@db.example/app").password == "p@ss");
    // A ':' before an '@' that follows a '/' or '?': refused.
    CHECK_THROWS_AS(retort::url::parse("postgresql://db.example:5432/app?application_name=me@corp"),
                    retort::argument_error);
    // Port errors no longer quote the port (it may be a password).
    try {
        (void)retort::url::parse("postgresql://app:sekritpw/app");
        FAIL_CHECK("accepted");
    } catch (const retort::argument_error& e) {
        CHECK_FALSE(leaks(e.what()));
        CHECK(std::string(e.what()).find("'postgresql://app:***'") != std::string::npos);
    }
}
