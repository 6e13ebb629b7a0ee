#pragma once
// Turns ANTLR's syntax errors into diagnostics in the user's language: "expected a condition after
// `when`, found `}`", never grammar rule names.
#include "antlr4-runtime.h"
#include "diag/diagnostic.h"

namespace koers::syntax {

class FriendlyErrorListener : public antlr4::BaseErrorListener {
 public:
  // `line_offset`/`col_offset` shift positions for expressions embedded in a text.
  FriendlyErrorListener(SourceFilePtr source, Diagnostics& diags, int line_offset = 0,
                        int col_offset = 0)
      : source_(std::move(source)),
        diags_(diags),
        line_offset_(line_offset),
        col_offset_(col_offset) {}

  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t line,
                   size_t char_position, const std::string& msg, std::exception_ptr e) override;

  int errors() const { return errors_; }

 private:
  SourceFilePtr source_;
  Diagnostics& diags_;
  int line_offset_;
  int col_offset_;
  int errors_ = 0;
  int last_error_line_ = -1;
};

}  // namespace koers::syntax
