#pragma once
// Compact JSON straight into a string, for the advice lines of batch advice: no tree is built.
// The bytes are exactly those of nlohmann::json::dump() with no indent, UTF-8 kept as is and
// invalid UTF-8 replaced (what the advice format has always printed): `"`, `\` and control
// characters escaped (\b \f \n \r \t, else \u00xx), nothing else.
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace koers {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  // A key spelled in the code ("value", "because"): plain ASCII, so it goes out without a check.
  // Comma, quotes and colon go out with the key in one append.
  template <size_t N>
  void key(const char (&k)[N]) {
    char piece[N + 3];
    size_t n = 0;
    if (!after_key_ && !first_) piece[n++] = ',';
    piece[n++] = '"';
    std::memcpy(piece + n, k, N - 1);
    n += N - 1;
    piece[n++] = '"';
    piece[n++] = ':';
    out_.append(piece, n);
    first_ = false;
    after_key_ = true;
  }
  void key(std::string_view k) {
    separate();
    string_body(k);
    out_ += ':';
    after_key_ = true;
  }
  void value(std::string_view s) {
    separate();
    string_body(s);
  }
  void value(const char* s) { value(std::string_view(s)); }
  void value(const std::string& s) { value(std::string_view(s)); }
  void value(bool b) {
    separate();
    out_ += b ? "true" : "false";
  }
  void value(int64_t i);
  void null() {
    separate();
    out_ += "null";
  }
  void strings(const std::vector<std::string>& list) {
    begin_array();
    for (const auto& s : list) value(s);
    end_array();
  }

 private:
  void open(char c) {
    separate();
    out_ += c;
    first_ = true;
  }
  void close(char c) {
    out_ += c;
    first_ = false;
  }
  void separate() {
    if (after_key_) {
      after_key_ = false;
    } else if (!first_) {
      out_ += ',';
    }
    first_ = false;
  }
  void string_body(std::string_view s);

  std::string& out_;
  bool first_ = true;
  bool after_key_ = false;
};

}  // namespace koers
