// tests/chinook/json.hpp — just enough JSON to read queries.json: a recursive-descent
// parser that keeps number tokens as written ("213", "523.06", "0.0"), so an INTEGER and
// a REAL stay distinguishable, and a canonical writer used to compare rows as text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chinook::json {

struct value {
    enum class kind : unsigned char { null, boolean, number, string, array, object };
    kind type = kind::null;
    bool boolean = false;
    std::string text;  // a number's token as written, or a string's decoded UTF-8
    std::vector<value> items;
    std::vector<std::pair<std::string, value>> members;

    // Declared here, defined below once value is complete: clang with libstdc++ would
    // otherwise instantiate std::pair<std::string, value> while value is incomplete.
    value();
    value(const value&);
    value(value&&) noexcept;
    value& operator=(const value&);
    value& operator=(value&&) noexcept;
    ~value();

    /// The member `key` of an object; throws when there is none.
    const value& operator[](std::string_view key) const;
    bool is_null() const { return type == kind::null; }
};

inline value::value() = default;
inline value::value(const value&) = default;
inline value::value(value&&) noexcept = default;
inline value& value::operator=(const value&) = default;
inline value& value::operator=(value&&) noexcept = default;
inline value::~value() = default;

inline const value& value::operator[](std::string_view key) const {
    for (const auto& [k, v] : members)
        if (k == key) return v;
    throw std::runtime_error("json: no member '" + std::string(key) + "'");
}

class parser {
  public:
    explicit parser(std::string_view text) : s_(text) {}

    value parse_document() {
        value v = parse_value();
        skip_space();
        if (pos_ != s_.size()) fail("trailing characters");
        return v;
    }

  private:
    std::string_view s_;
    std::size_t pos_ = 0;

    [[noreturn]] void fail(std::string_view why) const {
        throw std::runtime_error("json: " + std::string(why) + " at offset " + std::to_string(pos_));
    }
    void skip_space() {
        while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\n' || s_[pos_] == '\r' || s_[pos_] == '\t'))
            ++pos_;
    }
    bool consume(char c) {
        skip_space();
        if (pos_ < s_.size() && s_[pos_] == c) {
            ++pos_;
            return true;
        }
        return false;
    }
    void expect(char c) {
        if (!consume(c)) fail(std::string("expected '") + c + "'");
    }
    bool literal(std::string_view word) {
        if (s_.substr(pos_, word.size()) != word) return false;
        pos_ += word.size();
        return true;
    }

    value parse_value() {
        skip_space();
        if (pos_ >= s_.size()) fail("unexpected end");
        value v;
        const char c = s_[pos_];
        if (c == '{') {
            v.type = value::kind::object;
            ++pos_;
            if (consume('}')) return v;
            do {
                skip_space();
                std::string key = parse_string();
                expect(':');
                v.members.emplace_back(std::move(key), parse_value());
            } while (consume(','));
            expect('}');
        } else if (c == '[') {
            v.type = value::kind::array;
            ++pos_;
            if (consume(']')) return v;
            do v.items.push_back(parse_value());
            while (consume(','));
            expect(']');
        } else if (c == '"') {
            v.type = value::kind::string;
            v.text = parse_string();
        } else if (literal("null")) {
            v.type = value::kind::null;
        } else if (literal("true")) {
            v.type = value::kind::boolean;
            v.boolean = true;
        } else if (literal("false")) {
            v.type = value::kind::boolean;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            v.type = value::kind::number;
            const std::size_t start = pos_;
            while (pos_ < s_.size() && std::string_view("+-0123456789.eE").find(s_[pos_]) != std::string_view::npos)
                ++pos_;
            v.text = std::string(s_.substr(start, pos_ - start));
        } else {
            fail("unexpected character");
        }
        return v;
    }

    unsigned hex4() {
        if (pos_ + 4 > s_.size()) fail("short \\u escape");
        unsigned u = 0;
        for (int i = 0; i < 4; ++i) {
            const char h = s_[pos_++];
            u = u * 16 + static_cast<unsigned>(h >= '0' && h <= '9'   ? h - '0'
                                               : h >= 'a' && h <= 'f' ? h - 'a' + 10
                                               : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                                                      : (fail("bad \\u escape"), 0));
        }
        return u;
    }

    static void put_utf8(std::string& out, std::uint32_t cp) {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }

    std::string parse_string() {
        if (pos_ >= s_.size() || s_[pos_] != '"') fail("expected a string");
        ++pos_;
        std::string out;
        while (true) {
            if (pos_ >= s_.size()) fail("unterminated string");
            const char c = s_[pos_++];
            if (c == '"') break;
            if (c != '\\') {
                out += c;
                continue;
            }
            if (pos_ >= s_.size()) fail("unterminated escape");
            switch (const char e = s_[pos_++]) {
                case '"': out += '"'; break;
                case '\\': out += '\\'; break;
                case '/': out += '/'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    std::uint32_t cp = hex4();
                    if (cp >= 0xD800 && cp < 0xDC00) {  // a surrogate pair
                        if (!literal("\\u")) fail("lone high surrogate");
                        const std::uint32_t low = hex4();
                        if (low < 0xDC00 || low >= 0xE000) fail("bad low surrogate");
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    }
                    put_utf8(out, cp);
                    break;
                }
                default: fail(std::string("bad escape \\") + e);
            }
        }
        return out;
    }
};

inline value parse(std::string_view text) { return parser(text).parse_document(); }

/// A JSON string literal for s (quotes, backslashes and control characters escaped).
inline std::string quote(std::string_view s) {
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            static constexpr char hex[] = "0123456789abcdef";
            out += "\\u00";
            out += hex[(c >> 4) & 0xF];
            out += hex[c & 0xF];
        } else {
            out += c;
        }
    }
    return out + '"';
}

/// Canonical text of a value: no spaces except after ',' in arrays; numbers as written.
inline std::string write(const value& v) {
    switch (v.type) {
        case value::kind::null: return "null";
        case value::kind::boolean: return v.boolean ? "true" : "false";
        case value::kind::number: return v.text;
        case value::kind::string: return quote(v.text);
        case value::kind::array: {
            std::string out = "[";
            for (std::size_t i = 0; i < v.items.size(); ++i) out += (i ? ", " : "") + write(v.items[i]);
            return out + "]";
        }
        case value::kind::object: {
            std::string out = "{";
            for (std::size_t i = 0; i < v.members.size(); ++i)
                out += (i ? ", " : "") + quote(v.members[i].first) + ": " + write(v.members[i].second);
            return out + "}";
        }
    }
    return {};
}

}  // namespace chinook::json
