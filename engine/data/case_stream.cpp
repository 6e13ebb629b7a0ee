// Splitting case inputs into YAML documents without parsing them: a line that starts with `---`
// (followed by a space, a tab or the end of the line) starts a document. YAML forbids that marker
// at the start of a line inside a document's content (even in block scalars), so this split is
// exact, and each document can then be parsed on its own, on any thread. Comments, blank lines
// and directives before a `---` belong to the document that follows.
#include "data/case_stream.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace koers {

namespace fs = std::filesystem;

namespace {

constexpr size_t kBufferBytes = 1u << 20;
constexpr size_t kReserveLimit = 64u << 10;  // a document larger than this grows as it needs

bool is_document_start(std::string_view line) {
  if (line.size() < 3 || line.compare(0, 3, "---") != 0) return false;
  return line.size() == 3 || line[3] == ' ' || line[3] == '\t' || line[3] == '\n' ||
         line[3] == '\r';
}

// A line with something a parser would read as content (not blank, a comment, a directive or a
// bare document marker).
bool has_content(std::string_view line) {
  if (is_document_start(line)) line.remove_prefix(3);
  size_t i = line.find_first_not_of(" \t\r\n");
  if (i == std::string_view::npos) return false;
  char c = line[i];
  if (c == '#' || (i == 0 && c == '%')) return false;
  return !(i == 0 && line.compare(0, 3, "...") == 0 &&
           line.find_first_not_of(" \t\r\n", 3) == std::string_view::npos);
}

bool is_case_file(const fs::path& p) {
  auto ext = p.extension().string();
  return ext == ".yaml" || ext == ".yml";
}

}  // namespace

CaseDocumentReader::CaseDocumentReader(std::vector<std::string> inputs, size_t max_document_bytes)
    : pending_(inputs.begin(), inputs.end()),
      max_document_bytes_(max_document_bytes),
      buffer_(kBufferBytes) {}

CaseDocumentReader::~CaseDocumentReader() {
  if (file_) std::fclose(file_);
}

bool CaseDocumentReader::open_next_file(std::vector<CaseDocument>& out) {
  while (!pending_.empty()) {
    std::string path = std::move(pending_.front());
    pending_.pop_front();
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<std::string> files;
      for (auto it = fs::recursive_directory_iterator(path, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) && is_case_file(it->path())) files.push_back(it->path());
      }
      if (ec) {
        out.push_back({path, 1, {}, "cannot read the directory: " + ec.message()});
        continue;
      }
      std::sort(files.begin(), files.end());
      pending_.insert(pending_.begin(), files.begin(), files.end());
      continue;
    }
    file_ = std::fopen(path.c_str(), "rb");
    if (!file_) {
      out.push_back({path, 1, {}, std::string("cannot read the file: ") + std::strerror(errno)});
      continue;
    }
    path_ = std::move(path);
    begin_ = end_ = 0;
    eof_ = false;
    at_line_start_ = true;
    line_ = 0;
    documents_in_file_ = 0;
    current_ = CaseDocument{path_, 1, {}, {}};
    current_has_content_ = false;
    current_too_large_ = false;
    return true;
  }
  return false;
}

bool CaseDocumentReader::next_line(std::string_view& line) {
  for (;;) {
    if (begin_ < end_) {
      const char* start = buffer_.data() + begin_;
      const void* nl = std::memchr(start, '\n', end_ - begin_);
      if (nl != nullptr) {
        size_t length = static_cast<size_t>(static_cast<const char*>(nl) - start) + 1;
        line = std::string_view(start, length);
        begin_ += length;
        return true;
      }
      if (eof_ || (begin_ == 0 && end_ == buffer_.size())) {
        // The last line without a newline, or a piece of a line longer than the buffer.
        line = std::string_view(start, end_ - begin_);
        begin_ = end_;
        return true;
      }
    }
    if (eof_) return false;
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
    size_t got = std::fread(buffer_.data() + end_, 1, buffer_.size() - end_, file_);
    end_ += got;
    if (got == 0) eof_ = true;
  }
}

void CaseDocumentReader::finish_document(std::vector<CaseDocument>& out) {
  if (current_too_large_) {
    current_.text.clear();
    current_.error = "the document is larger than the limit of " +
                     std::to_string(max_document_bytes_) + " bytes";
  }
  out.push_back(std::move(current_));
  ++documents_in_file_;
}

void CaseDocumentReader::add_line(std::string_view line, bool line_start,
                                  std::vector<CaseDocument>& out) {
  if (line_start) ++line_;
  if (line_start && is_document_start(line) && current_has_content_) {
    const size_t previous = current_.text.size();
    finish_document(out);
    current_ = CaseDocument{path_, line_, {}, {}};
    // Documents of a stream are alike in size: room for one at once, rather than growing (and
    // copying) it line by line on the reader's thread, which is the one that cannot be shared.
    current_.text.reserve(std::min(previous + previous / 4, kReserveLimit));
    current_has_content_ = false;
    current_too_large_ = false;
  }
  if (line_start && !current_has_content_ && has_content(line)) current_has_content_ = true;
  if (!line_start) current_has_content_ = true;  // a piece of a very long line
  if (current_too_large_) return;
  if (current_.text.size() + line.size() > max_document_bytes_) {
    current_too_large_ = true;
    std::string().swap(current_.text);
    return;
  }
  current_.text.append(line);
}

void CaseDocumentReader::finish_file(std::vector<CaseDocument>& out) {
  if (std::ferror(file_)) {
    out.push_back({path_, line_, {}, "cannot read the file: read error"});
  } else if (current_has_content_ || documents_in_file_ == 0) {
    // A file without any document is handed out as it is: loading it says what is wrong.
    finish_document(out);
  }
  std::fclose(file_);
  file_ = nullptr;
}

bool CaseDocumentReader::next_batch(std::vector<CaseDocument>& out, size_t max_documents) {
  const size_t before = out.size();
  while (out.size() - before < max_documents) {
    if (!file_ && !open_next_file(out)) break;
    if (!file_) continue;
    std::string_view line;
    const size_t limit = before + max_documents;
    while (out.size() < limit && next_line(line)) {
      bool line_start = at_line_start_;
      at_line_start_ = !line.empty() && line.back() == '\n';
      add_line(line, line_start, out);
    }
    if (out.size() >= limit) break;
    finish_file(out);
  }
  return out.size() > before;
}

}  // namespace koers
