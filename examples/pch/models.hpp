// examples/pch/models.hpp — the models of the precompiled-header example.
#pragma once

#include <retort/retort.hpp>

#include <cstdint>
#include <optional>
#include <string>

struct Note {
    std::int64_t id;
    std::string title;
    std::optional<int> stars;
};
template <>
inline constexpr auto retort::table_of<Note> = retort::table<Note>("notes", retort::primary_key<&Note::id>);
