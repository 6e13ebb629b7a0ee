#include "diag/diagnostic.h"

#include <fmt/format.h>
#include <algorithm>
#include <tuple>

namespace koers {

void Diagnostics::add(Diagnostic d) {
  if (d.severity == Severity::error) ++error_count_;
  items_.push_back(std::move(d));
}

void Diagnostics::error(std::string code, Span span, std::string message, std::string hint) {
  add(Diagnostic{Severity::error,
                 std::move(code),
                 std::move(span),
                 std::move(message),
                 std::move(hint),
                 {},
                 {}});
}

void Diagnostics::warning(std::string code, Span span, std::string message, std::string hint) {
  add(Diagnostic{Severity::warning,
                 std::move(code),
                 std::move(span),
                 std::move(message),
                 std::move(hint),
                 {},
                 {}});
}

void Diagnostics::merge(const Diagnostics& other) {
  for (const auto& d : other.items_) add(d);
}

static std::string display_path(const Diagnostic& d) {
  return d.span.file ? d.span.file->path() : d.path_for_display;
}

static auto sort_key(const Diagnostic& d) {
  return std::make_tuple(display_path(d), d.span.line, d.span.col, d.code, d.message);
}

std::vector<Diagnostic> Diagnostics::sorted() const {
  std::vector<Diagnostic> out = items_;
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return sort_key(a) < sort_key(b);
  });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const Diagnostic& a, const Diagnostic& b) {
                          return sort_key(a) == sort_key(b);
                        }),
            out.end());
  if (out.size() > cap_) out.resize(cap_);
  return out;
}

size_t Diagnostics::dropped() const {
  std::vector<Diagnostic> all = items_;
  std::sort(all.begin(), all.end(),
            [](const Diagnostic& a, const Diagnostic& b) { return sort_key(a) < sort_key(b); });
  all.erase(std::unique(all.begin(), all.end(),
                        [](const Diagnostic& a, const Diagnostic& b) {
                          return sort_key(a) == sort_key(b);
                        }),
            all.end());
  return all.size() > cap_ ? all.size() - cap_ : 0;
}

static const char* severity_word(Severity s) {
  switch (s) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::note:
      return "note";
  }
  return "error";
}

std::string render_headline(const Diagnostic& d) {
  std::string where = display_path(d);
  if (d.span.known()) where += fmt::format(":{}:{}", d.span.line, d.span.col);
  return fmt::format("{}: {}[{}]: {}", where, severity_word(d.severity), d.code, d.message);
}

std::string render(const Diagnostic& d, bool color) {
  std::string out = render_headline(d);
  if (color) out = "\x1b[1m" + out + "\x1b[0m";
  out += '\n';
  if (d.span.known() && d.span.file) {
    std::string_view line = d.span.file->line(d.span.line);
    std::string number = std::to_string(d.span.line);
    std::string gutter(number.size(), ' ');
    // Long lines are shown as a window around the column, so the caret stays on screen.
    constexpr int kWindow = 100;
    int first_col = 1;
    std::string prefix;
    if (d.span.col > kWindow) {
      first_col = d.span.col - kWindow / 2;
      prefix = "...";
    }
    std::string shown;
    std::string pad = prefix.empty() ? "" : "   ";
    int col = 1;
    for (size_t i = 0; i < line.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(line[i]);
      bool lead = (c & 0xC0) != 0x80;
      if (lead && i > 0) ++col;
      if (col < first_col) continue;
      if (col >= first_col + 2 * kWindow) {
        shown += "...";
        break;
      }
      shown += line[i];
      // The caret sits under the column; tabs are kept so it lines up.
      if (lead && col < d.span.col) pad += (c == '\t') ? '\t' : ' ';
    }
    out += fmt::format(" {} | {}{}\n", number, prefix, shown);
    int length = std::clamp(d.span.length, 1, kWindow);
    out += fmt::format(" {} | {}{}\n", gutter, pad, std::string(static_cast<size_t>(length), '^'));
  }
  for (const auto& note : d.notes) out += fmt::format("  = note: {}\n", note);
  if (!d.hint.empty()) out += fmt::format("  = hint: {}\n", d.hint);
  return out;
}

std::string render_all(const Diagnostics& diags, bool color) {
  std::string out;
  for (const auto& d : diags.sorted()) out += render(d, color);
  if (size_t n = diags.dropped(); n > 0) {
    out += fmt::format("note: {} more problem(s) not shown\n", n);
  }
  return out;
}

static size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> prev(b.size() + 1);
  std::vector<size_t> cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string closest_match(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_distance = std::max<size_t>(2, word.size() / 3) + 1;
  // The nearest candidate within about a third of the word's length; ties go to the first in
  // alphabetical order, so the hint does not depend on the order of the candidates.
  for (const auto& c : candidates) {
    size_t d = edit_distance(word, c);
    if (d < best_distance || (d == best_distance && !best.empty() && c < best)) {
      best = c;
      best_distance = d;
    }
  }
  return best;
}

}  // namespace koers
