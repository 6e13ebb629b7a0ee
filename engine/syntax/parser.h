#pragma once
// The syntax layer's public face: text in, Koers AST out. No ANTLR type crosses this header.
#include <optional>

#include "ast/ast.h"
#include "diag/diagnostic.h"

namespace koers::syntax {

// Parses one .koers file. Every syntax error is reported (codes K1xx); when there is any, the
// result is nullopt: a file with syntax errors is never checked or run, so no error cascades.
std::optional<ast::File> parse_file(const SourceFilePtr& source, Diagnostics& diags);

// Parses a single expression (tests and tools); `source` holds just the expression text.
ast::ExprPtr parse_expression(const SourceFilePtr& source, Diagnostics& diags);

}  // namespace koers::syntax
