#pragma once
// A cache of parsed rule files. ANTLR's C++ runtime needs ~15 ms to lex and parse the shipped rules
// in a fresh process, three times the whole budget of `koers advise` for one case; a file whose
// text was parsed before by this very build is read back from its binary form instead
// (ast/ast_binary.h).
//
// Entries are keyed by the SHA-256 of the build id of the program and the file's text, so an edited
// rule file or a rebuilt koers never meets a stale entry; each entry carries the SHA-256 of its
// bytes, so a torn or damaged one is ignored. Only files that parsed without any diagnostic are
// stored, so what a user is told about a file never depends on the cache.
#include <filesystem>
#include <optional>

#include "ast/ast.h"
#include "diag/diagnostic.h"

namespace koers {

// Turns the cache on (a directory, created when needed) or off (an empty path, the default).
// Set once, before rule sets are loaded on other threads.
void set_parse_cache_dir(std::filesystem::path dir);
const std::filesystem::path& parse_cache_dir();

// The default place: $KOERS_CACHE_DIR ("off" or "" turns it off), else $XDG_CACHE_HOME/koers, else
// ~/.cache/koers; empty when none of these can be found.
std::filesystem::path default_parse_cache_dir();

// syntax::parse_file, through the cache when it is on.
std::optional<ast::File> parse_rule_file(const SourceFilePtr& source, Diagnostics& diags);

}  // namespace koers
