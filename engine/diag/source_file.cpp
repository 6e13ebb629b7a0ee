#include "diag/source_file.h"

#include <algorithm>

namespace koers {

SourceFile::SourceFile(std::string path, std::string text)
    : path_(std::move(path)), text_(std::move(text)) {}

const std::vector<size_t>& SourceFile::line_starts() const {
  std::call_once(line_starts_once_, [this] {
    line_starts_.push_back(0);
    for (size_t i = 0; i < text_.size(); ++i) {
      if (text_[i] == '\n') line_starts_.push_back(i + 1);
    }
  });
  return line_starts_;
}

SourceFile::SourceFile(std::string path, std::string text, int first_line)
    : SourceFile(std::move(path), std::move(text)) {
  line_base_ = first_line > 1 ? first_line - 1 : 0;
}

std::string_view SourceFile::line(int line_number) const {
  line_number -= line_base_;
  if (line_number < 1 || line_number > line_count() - line_base_) return {};
  size_t begin = line_starts()[static_cast<size_t>(line_number - 1)];
  size_t end = text_.find('\n', begin);
  if (end == std::string::npos) end = text_.size();
  if (end > begin && text_[end - 1] == '\r') --end;
  return std::string_view(text_).substr(begin, end - begin);
}

std::pair<int, int> SourceFile::position(size_t offset) const {
  offset = std::min(offset, text_.size());
  const std::vector<size_t>& starts = line_starts();
  auto it = std::upper_bound(starts.begin(), starts.end(), offset);
  size_t index = static_cast<size_t>(it - starts.begin()) - 1;
  int col = 1;
  for (size_t i = starts[index]; i < offset; ++i) {
    // Count UTF-8 lead bytes only, so a column is a character the user sees.
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++col;
  }
  return {static_cast<int>(index) + 1 + line_base_, col};
}

}  // namespace koers
