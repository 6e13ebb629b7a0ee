#pragma once
// A compact binary form of a parsed rule file, so that `koers` can skip the ANTLR parse of a file
// it has parsed before (see api/parse_cache.h). One description of the layout serves both
// directions, so writer and reader cannot drift apart.
#include <optional>
#include <string>
#include <string_view>

#include "ast/ast.h"

namespace koers::ast {

// The bytes of `file`; nullopt when a node points at a source other than `file.source` (nothing
// the parser makes does; such a file is simply not cached).
std::optional<std::string> encode_file(const File& file);

// The file back, its spans pointing at `source`. Nullopt for bytes that are truncated, corrupt or
// of another layout: the caller then parses the text again. Never throws, never reads out of
// bounds.
std::optional<File> decode_file(std::string_view bytes, const SourceFilePtr& source);

}  // namespace koers::ast
