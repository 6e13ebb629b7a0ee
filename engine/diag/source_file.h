#pragma once
// A text the user wrote (rule file, policy, case file), kept in memory so that any diagnostic can
// show the offending line with a caret under the spot.
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace koers {

class SourceFile {
 public:
  SourceFile(std::string path, std::string text);
  // A part of a larger file (one document of a YAML stream) whose first line is line
  // `first_line` of that file: every line number in and out of this object is the file's.
  SourceFile(std::string path, std::string text, int first_line);

  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }
  // 1-based line number; returns the line without its newline, or "" when out of range.
  std::string_view line(int line_number) const;
  int line_count() const { return static_cast<int>(line_starts().size()) + line_base_; }
  // Lines before this text in its file (0 unless it is one document of a stream).
  int line_base() const { return line_base_; }
  // 1-based line and column of a byte offset (columns count characters, not bytes).
  std::pair<int, int> position(size_t offset) const;

 private:
  // Offsets of the lines, found on first use: most sources (every case of a batch) never need
  // them, only a diagnostic does. Thread-safe: one source may be shown from several threads.
  const std::vector<size_t>& line_starts() const;

  std::string path_;
  std::string text_;
  mutable std::once_flag line_starts_once_;
  mutable std::vector<size_t> line_starts_;
  int line_base_ = 0;
};

using SourceFilePtr = std::shared_ptr<const SourceFile>;

// A place in a source: 1-based line and column; `length` characters are underlined (at least one).
struct Span {
  SourceFilePtr file;
  int line = 0;
  int col = 0;
  int length = 1;

  bool known() const { return line > 0; }
  std::string path() const { return file ? file->path() : std::string(); }
};

}  // namespace koers
