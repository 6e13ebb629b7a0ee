// The plain subset of YAML that case files use, scanned straight into libyaml's events (see
// simple_yaml.h). The grammar, with every line free of tabs, control and non-ASCII bytes:
//
//   document  := [comments] ["---" [comment]] mapping(i) [comments]
//   mapping(n):= (key ":" value)+, every key at column n
//   value     := plain | flow | (newline (mapping(m > n) | sequence(m > n) | sequence(n)))
//   sequence(n):= ("-" (plain | flow | mapping(col) | newline (mapping | sequence)(m > n)))+
//   flow      := "[" [item ("," item)*] "]" | "{" [key ":" item ("," key ":" item)*] "}"
//
// Each parse function starts at its node's first character and ends at the first character of
// the next line with content (or the end of the text), so its parent can compare indentation.
#include "data/simple_yaml.h"

#include <array>
#include <cstdint>
#include <cstring>

namespace koers::detail {

namespace {

// Character classes by table: the scanner's loops look at every byte of a case.
enum : uint8_t { kAlpha = 1, kDigit = 2, kStop = 4 };  // kStop: '\n', '#', ':' end a plain run

constexpr std::array<uint8_t, 256> make_classes() {
  std::array<uint8_t, 256> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[static_cast<size_t>(c)] = kAlpha;
  for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<size_t>(c)] = kAlpha;
  t['_'] = kAlpha;
  for (int c = '0'; c <= '9'; ++c) t[static_cast<size_t>(c)] = kDigit;
  t['\n'] = kStop;
  t['#'] = kStop;
  t[':'] = kStop;
  return t;
}
constexpr std::array<uint8_t, 256> kClasses = make_classes();

uint8_t class_of(char c) {
  return kClasses[static_cast<unsigned char>(c)];
}
bool is_alpha(char c) {
  return (class_of(c) & kAlpha) != 0;
}
bool is_alnum(char c) {
  return (class_of(c) & (kAlpha | kDigit)) != 0;
}

// Each of 8 bytes printable ASCII or a newline. Per-byte exact: with every byte below 0x80, the
// additions and subtractions below never carry or borrow into the next byte.
bool printable_ascii8(uint64_t w) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kHigh = 0x8080808080808080ull;
  constexpr uint64_t kLow = ~kHigh;
  if ((w & kHigh) != 0) return false;
  auto is_zero = [](uint64_t x) { return ~(((x & kLow) + kLow) | x) & kHigh; };
  uint64_t at_least_space = ((w | kHigh) - kOnes * 0x20) & kHigh;
  uint64_t newline = is_zero(w ^ (kOnes * '\n'));
  uint64_t del = is_zero(w ^ (kOnes * 0x7F));
  return ((at_least_space | newline) & ~del) == kHigh;
}

// No tabs, carriage returns, other control characters or non-ASCII: the subset's alphabet.
bool printable_ascii(std::string_view s) {
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w = 0;
    std::memcpy(&w, s.data() + i, 8);
    if (!printable_ascii8(w)) return false;
  }
  for (; i < s.size(); ++i) {
    auto u = static_cast<unsigned char>(s[i]);
    if ((u < 0x20 && u != '\n') || u >= 0x7F) return false;
  }
  return true;
}

class Scanner {
 public:
  Scanner(std::string_view text, std::vector<SimpleEvent>& out) : s_(text), out_(out) {}

  bool run() {
    if (!printable_ascii(s_)) return false;
    emit(YAML_STREAM_START_EVENT);
    if (!next_content_line()) return false;  // no document: libyaml's error
    if (col() == 0 && s_.compare(p_, 3, "---") == 0 &&
        (at(p_ + 3) == '\n' || at(p_ + 3) == ' ' || p_ + 3 == s_.size())) {
      p_ += 3;
      if (!end_of_line() || !next_content_line()) return false;
    }
    emit(YAML_DOCUMENT_START_EVENT);
    if (!mapping(col())) return false;
    if (p_ < s_.size()) return false;  // content after the root mapping
    emit(YAML_DOCUMENT_END_EVENT);
    emit(YAML_STREAM_END_EVENT);
    return true;
  }

 private:
  std::string_view s_;
  std::vector<SimpleEvent>& out_;
  size_t p_ = 0;
  size_t line_ = 0;
  size_t line_start_ = 0;

  size_t col() const { return p_ - line_start_; }
  char at(size_t i) const { return i < s_.size() ? s_[i] : '\n'; }
  bool at_line_end(size_t i) const { return i >= s_.size() || s_[i] == '\n'; }

  void emit(yaml_event_type_t type) {
    out_.push_back({type, static_cast<uint32_t>(line_), static_cast<uint32_t>(col()), 0, 0});
  }
  void emit_scalar(size_t begin, size_t end) {
    out_.push_back({YAML_SCALAR_EVENT, static_cast<uint32_t>(line_),
                    static_cast<uint32_t>(begin - line_start_), static_cast<uint32_t>(begin),
                    static_cast<uint32_t>(end - begin)});
  }

  // From the start of a line (or the end of a value's line): skips blank and comment lines and
  // stops at the first character of the next line with content. False at the end of the text.
  bool next_content_line() {
    for (;;) {
      size_t i = p_;
      while (i < s_.size() && s_[i] == ' ') ++i;
      if (i >= s_.size()) {
        p_ = s_.size();
        return false;
      }
      if (s_[i] == '\n' || s_[i] == '#') {
        const void* nl = std::memchr(s_.data() + i, '\n', s_.size() - i);
        if (nl == nullptr) {
          p_ = s_.size();
          return false;
        }
        p_ = static_cast<size_t>(static_cast<const char*>(nl) - s_.data()) + 1;
        ++line_;
        line_start_ = p_;
        continue;
      }
      p_ = i;
      return true;
    }
  }

  // After a value: spaces, then a comment (after a space) or the end of the line. Moves to the
  // start of the next line.
  bool end_of_line() {
    size_t i = p_;
    while (i < s_.size() && s_[i] == ' ') ++i;
    if (i < s_.size() && s_[i] == '#') {
      if (i == p_) return false;  // '#' right after a value is not a comment
      while (i < s_.size() && s_[i] != '\n') ++i;
    }
    if (i >= s_.size()) {
      p_ = s_.size();
      return true;
    }
    if (s_[i] != '\n') return false;
    p_ = i + 1;
    ++line_;
    line_start_ = p_;
    return true;
  }

  // `name:` followed by a space or the end of the line, at `i`; the length of the name, or 0.
  size_t key_length(size_t i) const {
    if (i >= s_.size() || !is_alpha(s_[i])) return 0;
    size_t j = i + 1;
    while (j < s_.size() && is_alnum(s_[j])) ++j;
    if (at(j) != ':' || (at(j + 1) != ' ' && !at_line_end(j + 1))) return 0;
    return j - i;
  }

  // A plain scalar may start here: not with an indicator (`-`, `?`, `:`, quotes, brackets...).
  bool plain_start(size_t i) const {
    char c = at(i);
    if (is_alnum(c)) return true;
    return (c == '-' || c == '+' || c == '.') && is_alnum(at(i + 1));
  }

  bool mapping(size_t indent) {
    emit(YAML_MAPPING_START_EVENT);
    for (;;) {
      size_t n = key_length(p_);
      if (n == 0) return false;
      emit_scalar(p_, p_ + n);
      p_ += n + 1;  // the name and ':'
      if (!value(indent, true)) return false;
      if (p_ >= s_.size() || col() < indent) break;
      if (col() > indent) return false;
    }
    emit(YAML_MAPPING_END_EVENT);
    return true;
  }

  bool sequence(size_t indent) {
    emit(YAML_SEQUENCE_START_EVENT);
    for (;;) {
      ++p_;  // '-'
      if (at(p_) == ' ') {
        while (at(p_) == ' ') ++p_;
        if (at(p_) == '-' && (at(p_ + 1) == ' ' || at_line_end(p_ + 1))) return false;
        if (key_length(p_) > 0) {
          if (!mapping(col())) return false;
        } else if (!value(indent, false)) {
          return false;
        }
      } else if (!value(indent, false)) {
        return false;
      }
      if (p_ >= s_.size() || col() < indent) break;
      if (col() > indent) return false;
      if (s_[p_] != '-' || (at(p_ + 1) != ' ' && !at_line_end(p_ + 1))) break;  // the parent's key
    }
    emit(YAML_SEQUENCE_END_EVENT);
    return true;
  }

  // The value after `key:` or `- ` of a node at column `indent`, up to the next line with content.
  bool value(size_t indent, bool in_mapping) {
    while (at(p_) == ' ') ++p_;
    char c = at(p_);
    if (c == '\n' || (c == '#' && s_[p_ - 1] == ' ')) {
      if (!end_of_line() || !next_content_line()) return false;  // an empty value
      bool entry = s_[p_] == '-' && (at(p_ + 1) == ' ' || at_line_end(p_ + 1));
      if (entry && (col() > indent || (col() == indent && in_mapping))) return sequence(col());
      if (col() <= indent || entry) return false;  // an empty value
      c = s_[p_];
      if (c != '[' && c != '{') return mapping(col());
    }
    if (c == '[' || c == '{') {
      if (!flow(c == '[' ? ']' : '}')) return false;
    } else if (!plain_start(p_) || !plain_to_line_end()) {
      return false;
    }
    if (!end_of_line()) return false;
    // A more indented line after a scalar would continue it (a multi-line scalar): not ours.
    return !next_content_line() || col() <= indent;
  }

  // A plain scalar up to a comment or the end of the line, without its trailing spaces.
  bool plain_to_line_end() {
    size_t begin = p_;
    size_t i = p_;
    while (i < s_.size()) {
      while (i < s_.size() && (class_of(s_[i]) & kStop) == 0) ++i;
      if (i == s_.size()) break;
      char c = s_[i];
      if (c == '\n' || (c == '#' && s_[i - 1] == ' ')) break;
      if (c == ':' && (at(i + 1) == ' ' || at_line_end(i + 1))) {
        return false;  // `a: b` as a value: libyaml's error
      }
      ++i;
    }
    size_t end = i;
    while (end > begin && s_[end - 1] == ' ') --end;
    emit_scalar(begin, end);
    p_ = end;
    return true;
  }

  // A plain scalar inside a flow collection: words of letters, digits and `_-.+/`.
  bool flow_scalar() {
    if (!plain_start(p_)) return false;
    size_t begin = p_;
    size_t end = p_;
    for (;;) {
      char c = at(p_);
      if (is_alnum(c) || c == '-' || c == '.' || c == '+' || c == '/') {
        ++p_;
        end = p_;
      } else if (c == ' ') {
        ++p_;
      } else {
        break;
      }
    }
    emit_scalar(begin, end);
    return true;
  }

  // `[a, b]` or `{k: v, k: v}` on one line.
  bool flow(char close) {
    const bool is_map = close == '}';
    emit(is_map ? YAML_MAPPING_START_EVENT : YAML_SEQUENCE_START_EVENT);
    ++p_;
    while (at(p_) == ' ') ++p_;
    if (at(p_) != close) {
      for (;;) {
        if (is_map) {
          size_t n = key_length(p_);
          if (n == 0 || at(p_ + n + 1) != ' ') return false;
          emit_scalar(p_, p_ + n);
          p_ += n + 1;
          while (at(p_) == ' ') ++p_;
        }
        if (!flow_scalar()) return false;
        if (at(p_) == close) break;
        if (at(p_) != ',') return false;
        ++p_;
        while (at(p_) == ' ') ++p_;
      }
    }
    emit(is_map ? YAML_MAPPING_END_EVENT : YAML_SEQUENCE_END_EVENT);
    ++p_;
    return true;
  }
};

}  // namespace

bool scan_simple_yaml(std::string_view text, std::vector<SimpleEvent>& events) {
  events.clear();
  if (text.size() >= UINT32_MAX) return false;
  Scanner scanner(text, events);
  return scanner.run();
}

}  // namespace koers::detail
