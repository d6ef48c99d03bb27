// src/url.cpp — parsing and printing database URLs (see retort/engine/url.hpp).
//
// The grammar is the SQLAlchemy one, kept strict: anything we do not understand is an
// argument_error that names the problem and shows the URL with its password hidden.

#include "retort/engine/url.hpp"

#include <algorithm>
#include <charconv>
#include <string>
#include <string_view>

#include "retort/engine/error.hpp"

namespace retort {
namespace {

constexpr std::string_view scheme_separator = "://";

bool is_password_option(std::string_view key) {
    return key == "password" || key == "sslpassword";
}

int hex_value(char c);

/// %XX decoded where it is well-formed, kept as is elsewhere; lower case. For finding
/// password-like option names in text that may not parse.
std::string lenient_decode_lower(std::string_view part) {
    std::string out;
    for (std::size_t i = 0; i < part.size(); ++i) {
        char c = part[i];
        if (c == '%' && i + 2 < part.size() && hex_value(part[i + 1]) >= 0 && hex_value(part[i + 2]) >= 0) {
            c = static_cast<char>(hex_value(part[i + 1]) * 16 + hex_value(part[i + 2]));
            i += 2;
        }
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    }
    return out;
}

/// Where the text after "scheme://" starts.
std::size_t authority_start(std::string_view text) {
    const auto sep = text.find(scheme_separator);
    return sep == std::string_view::npos ? 0 : sep + scheme_separator.size();
}

/// Hides whatever may be a password in URL text that may not parse, erring on the side of
/// hiding too much (a password may hold unencoded '/', '?', '@', ':' or '&'):
/// - with an '@': everything between the first ':' and the last '@';
/// - without one: everything after the first ':' (outside [IPv6] brackets) up to the next
///   '/' or '?' (a forgotten "@host" makes the password look like a port);
/// - from a password-like query option (password=, sslpassword=, also percent-encoded) to
///   the end (its value may hold an unencoded '&').
std::string redact_text(std::string_view text) {
    std::string out(text);
    const std::size_t start = authority_start(text);
    const auto at = out.rfind('@');
    std::size_t query_from = start;
    if (at != std::string::npos && at >= start) {
        const auto colon = out.find(':', start);
        if (colon != std::string::npos && colon < at) {
            out.replace(colon + 1, at - colon - 1, "***");
            query_from = colon + 4 + 1;  // after "***@"
        } else {
            query_from = at + 1;
        }
    } else {
        std::size_t from = start;
        if (from < out.size() && out[from] == '[') {
            const auto close = out.find(']', from);
            from = close == std::string::npos ? out.size() : close;
        }
        const auto colon = out.find(':', from);
        const auto stop = out.find_first_of("/?", start);
        if (colon != std::string::npos && (stop == std::string::npos || colon < stop)) {
            auto end = out.find_first_of("/?", colon);
            if (end == std::string::npos) end = out.size();
            const bool port = end > colon + 1 && std::all_of(out.begin() + static_cast<std::ptrdiff_t>(colon + 1),
                                                             out.begin() + static_cast<std::ptrdiff_t>(end),
                                                             [](char c) { return c >= '0' && c <= '9'; });
            if (!port) out.replace(colon + 1, std::string::npos, "***");  // the rest may be the password's
            query_from = out.size();
        }
    }
    // password=... in the query: hide to the end.
    const auto qmark = out.find('?', query_from);
    if (qmark != std::string::npos) {
        std::size_t item = qmark + 1;
        while (item <= out.size()) {
            auto end = out.find('&', item);
            if (end == std::string::npos) end = out.size();
            const auto eq = out.find('=', item);
            if (eq != std::string::npos && eq < end) {
                const auto key = lenient_decode_lower(std::string_view(out).substr(item, eq - item));
                if (key.find("password") != std::string::npos) {
                    out.replace(eq + 1, std::string::npos, "***");
                    break;
                }
            }
            item = end + 1;
        }
    }
    return out;
}

/// Whether the query part may hold a password (then its pieces are never quoted).
bool query_may_hold_secret(std::string_view query) {
    return lenient_decode_lower(query).find("password") != std::string::npos;
}

[[noreturn]] void fail(std::string_view problem, std::string_view text) {
    throw argument_error("retort: invalid database URL '" + redact_text(text) + "': " + std::string(problem));
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/// Decodes %XX escapes; `what` names the URL part for the message.
std::string percent_decode(std::string_view part, std::string_view what, std::string_view text) {
    std::string out;
    out.reserve(part.size());
    for (std::size_t i = 0; i < part.size(); ++i) {
        if (part[i] != '%') {
            out += part[i];
            continue;
        }
        const bool complete = i + 2 < part.size();
        const int hi = complete ? hex_value(part[i + 1]) : -1;
        const int lo = complete ? hex_value(part[i + 2]) : -1;
        if (hi < 0 || lo < 0)
            fail("bad percent-encoding in the " + std::string(what) + " (expected '%' followed by two hex digits)",
                 text);
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    return out;
}

/// A character that cannot appear unencoded anywhere in a URL.
bool is_forbidden(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u <= 0x20 || u == 0x7f;
}

bool is_host_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_';
}

bool is_ipv6_char(char c) {
    return hex_value(c) >= 0 || c == ':' || c == '.';
}

std::string to_lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
    return out;
}

void parse_query(std::string_view query, url& u, std::string_view text) {
    if (query.empty()) fail("empty query after '?'", text);
    // With a password among the options, an unencoded '&' in it would make a piece of the
    // password look like an option: then no piece of the query is quoted in a message.
    const bool secret = query_may_hold_secret(query);
    const auto quoted = [&](std::string_view piece) {
        return secret ? std::string("a query option") : "query option '" + std::string(piece) + "'";
    };
    std::size_t pos = 0;
    while (pos <= query.size()) {
        auto end = query.find('&', pos);
        if (end == std::string_view::npos) end = query.size();
        const auto item = query.substr(pos, end - pos);
        const auto eq = item.find('=');
        if (item.empty()) fail("empty query option (stray '&')", text);
        if (eq == std::string_view::npos)
            fail(quoted(item) + " has no '=value' (percent-encode '&' inside a value as %26)", text);
        auto key = percent_decode(item.substr(0, eq), "query option name", text);
        if (key.empty()) fail("query option with an empty name", text);
        auto value = percent_decode(item.substr(eq + 1), secret ? "query" : "query option '" + key + "'", text);
        if (!u.query.emplace(key, std::move(value)).second) fail(quoted(key) + " is given more than once", text);
        pos = end + 1;
    }
}

/// The port is never quoted: without the '@' of the user-info (forgotten, or a password
/// holding an unencoded '/' or '?'), what looks like a port is the password.
unsigned short parse_port(std::string_view digits, std::string_view text) {
    if (digits.empty()) fail("empty port after ':'", text);
    unsigned value = 0;
    const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec == std::errc::result_out_of_range || (ec == std::errc{} && ptr == digits.data() + digits.size() &&
                                                 (value == 0 || value > 65535)))
        fail("the port after ':' is out of range (1..65535)", text);
    if (ec != std::errc{} || ptr != digits.data() + digits.size())
        fail("the port after ':' is not a number (if that is a password, write user:password@host; "
             "percent-encode '/', '?' and '@' inside it as %2F, %3F and %40)",
             text);
    return static_cast<unsigned short>(value);
}

/// host, [ipv6], host:port or [ipv6]:port
void parse_host_port(std::string_view hostport, url& u, std::string_view text) {
    std::string_view rest;
    if (!hostport.empty() && hostport.front() == '[') {
        const auto close = hostport.find(']');
        if (close == std::string_view::npos) fail("'[' of an IPv6 host has no closing ']'", text);
        const auto host = hostport.substr(1, close - 1);
        if (host.empty() || !std::all_of(host.begin(), host.end(), is_ipv6_char))
            // Appended, not "'" + std::string(host): GCC 12 at -O3 reports a false -Wrestrict
            // for a 1-character literal + a temporary string (GCC PR 105329).
            fail(std::string("'").append(host).append("' is not an IPv6 address"), text);
        u.host = host;
        rest = hostport.substr(close + 1);
        if (!rest.empty() && rest.front() != ':')
            fail("unexpected '" + std::string(rest) + "' after the IPv6 host", text);
    } else {
        const auto colon = hostport.find(':');
        const auto host = hostport.substr(0, colon);
        if (colon != std::string_view::npos && hostport.find(':', colon + 1) != std::string_view::npos)
            fail("host has several ':' (write an IPv6 address in brackets: [::1])", text);
        for (char c : host)
            if (!is_host_char(c)) fail("unexpected character '" + std::string(1, c) + "' in the host", text);
        u.host = host;
        if (colon != std::string_view::npos) rest = hostport.substr(colon);
    }
    if (u.host.empty()) fail("PostgreSQL URL has no host (write postgresql://user@host/dbname)", text);
    if (!rest.empty()) u.port = parse_port(rest.substr(1), text);
}

/// Everything after "postgresql://": [user[:password]@]host[:port][/dbname][?query]
void parse_postgresql(std::string_view rest, url& u, std::string_view text) {
    // An '@' after the first '/' or '?', with a ':' before it: either the password holds an
    // unencoded '/' or '?' (postgresql://app:se/cret@db/app), or the path or query holds an
    // '@'. The two readings differ; refuse without quoting any of it.
    const auto last_at = rest.rfind('@');
    const auto first_delimiter = rest.find_first_of("/?");
    if (last_at != std::string_view::npos && first_delimiter < last_at &&
        rest.substr(0, last_at).find(':') != std::string_view::npos)
        fail("it is ambiguous where the user-info ends: percent-encode '/', '?', '@' and ':' inside a password "
             "(%2F, %3F, %40, %3A) and '@' after the host (%40)",
             text);
    const auto qmark = rest.find('?');
    const auto before_query = rest.substr(0, qmark);
    const auto slash = before_query.find('/');
    const auto authority = before_query.substr(0, slash);

    const auto at = authority.rfind('@');
    auto hostport = authority;
    if (at != std::string_view::npos) {
        const auto userinfo = authority.substr(0, at);
        const auto colon = userinfo.find(':');
        u.username = percent_decode(userinfo.substr(0, colon), "user name", text);
        if (colon != std::string_view::npos) u.password = percent_decode(userinfo.substr(colon + 1), "password", text);
        if (u.username.empty()) fail("empty user name before '@'", text);
        hostport = authority.substr(at + 1);
    }
    parse_host_port(hostport, u, text);

    if (slash != std::string_view::npos) {
        const auto path = before_query.substr(slash + 1);
        if (path.find('/') != std::string_view::npos)
            fail("database name '" + std::string(path) + "' contains '/' (encode it as %2F)", text);
        u.database = percent_decode(path, "database name", text);
    }
    if (qmark != std::string_view::npos) parse_query(rest.substr(qmark + 1), u, text);
}

/// Everything after "sqlite://": "" | "/path" [?query]
void parse_sqlite(std::string_view rest, url& u, std::string_view text) {
    const auto qmark = rest.find('?');
    const auto path = rest.substr(0, qmark);
    if (!path.empty() && path.front() != '/') {
        const auto host = path.substr(0, path.find('/'));
        const bool secret = host.find_first_of("@:") != std::string_view::npos;  // user:password@host
        fail("SQLite URL has a host part" + (secret ? std::string() : " '" + std::string(host) + "'") +
                 " (write sqlite:///relative.db or sqlite:////absolute/path.db)",
             text);
    }
    u.database = path.empty() ? std::string() : percent_decode(path.substr(1), "database path", text);
    if (u.database.empty()) u.database = ":memory:";
    if (qmark != std::string_view::npos) parse_query(rest.substr(qmark + 1), u, text);
}

/// Percent-encodes the characters that would change the meaning of a URL part.
std::string percent_encode(std::string_view part, std::string_view keep = {}) {
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string out;
    for (char c : part) {
        const auto u = static_cast<unsigned char>(c);
        const bool plain = is_host_char(c) || c == '~' || keep.find(c) != std::string_view::npos;
        if (plain) {
            out += c;
        } else {
            out += '%';
            out += digits[u >> 4];
            out += digits[u & 15];
        }
    }
    return out;
}

}  // namespace

url url::parse(std::string_view text) {
    if (std::any_of(text.begin(), text.end(), is_forbidden))
        fail("contains a space or control character (percent-encode it)", text);
    const auto sep = text.find(scheme_separator);
    if (sep == std::string_view::npos)
        fail("missing '://' (expected e.g. sqlite:///app.db or postgresql://user@host/dbname)", text);

    const auto scheme = to_lower(text.substr(0, sep));
    const auto rest = text.substr(sep + scheme_separator.size());
    url u;
    if (scheme == "sqlite") {
        u.dialect = dialect_id::sqlite;
        parse_sqlite(rest, u, text);
    } else if (scheme == "postgresql" || scheme == "postgres" || scheme == "postgresql+libpq") {
        u.dialect = dialect_id::postgresql;
        parse_postgresql(rest, u, text);
    } else {
        fail("unknown scheme '" + std::string(text.substr(0, sep)) +
                 "' (known: sqlite, postgresql, postgres, postgresql+libpq)",
             text);
    }
    return u;
}

std::string url::redacted() const {
    std::string out;
    if (dialect == dialect_id::sqlite) {
        out = "sqlite:///" + percent_encode(database, "/:");
    } else {
        out = "postgresql://";
        if (!username.empty()) {
            out += percent_encode(username);
            if (!password.empty()) out += ":***";
            out += '@';
        }
        out += host.find(':') != std::string::npos ? "[" + host + "]" : host;
        if (port) out += ':' + std::to_string(*port);
        if (!database.empty()) out += '/' + percent_encode(database);
    }
    char separator = '?';
    for (const auto& [key, value] : query) {
        out += separator;
        out += percent_encode(key) + '=' + (is_password_option(key) ? "***" : percent_encode(value, "/:,"));
        separator = '&';
    }
    return out;
}

}  // namespace retort
