// retort/engine/url.hpp — database URLs, SQLAlchemy-style.
//
//   sqlite:///relative/path.db     sqlite:////absolute/path.db     sqlite:///:memory:
//   postgresql://user:password@host:port/dbname?option=value&...
//   (postgres:// and postgresql+libpq:// are accepted spellings of postgresql://)
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "retort/engine/driver.hpp"

namespace retort {

struct url {
    dialect_id dialect = dialect_id::sqlite;
    std::string username;
    std::string password;
    std::string host;
    std::optional<unsigned short> port;
    /// SQLite: the file path (":memory:" for an in-memory database). PostgreSQL: the database name.
    std::string database;
    /// Query options, percent-decoded, in order of name.
    std::map<std::string, std::string> query;

    /// Parses a URL; throws retort::argument_error naming what is wrong.
    static url parse(std::string_view text);

    /// The URL with the password replaced by "***", for messages and logs.
    std::string redacted() const;
};

}  // namespace retort
