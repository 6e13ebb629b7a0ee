#pragma once
// Which characters a name may hold. The lexer accepts any non-ASCII character in a name so that it
// need not carry Unicode's letter tables (building them cost ~8 ms at every start of `koers`); this
// check, run on the tokens before parsing, keeps the language as it was: letters, digits and `_`,
// a name never starting with a digit.
#include "antlr4-runtime.h"
#include "diag/diagnostic.h"

namespace koers::syntax {

// Reports every name in `tokens` holding a character that is not a letter or digit (K103, with the
// character's own line:col). Returns how many were reported. The stream is filled as a side effect.
int report_bad_name_characters(antlr4::CommonTokenStream& tokens, const SourceFilePtr& source,
                               Diagnostics& diags, int line_offset, int col_offset);

}  // namespace koers::syntax
