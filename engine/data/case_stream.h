#pragma once
// Case inputs for batch advice: files that may hold many YAML documents (a `---` stream) and
// directories (their case files). Documents are handed out a batch at a time, in input order, so
// memory stays flat however many cases there are: the reader holds one read buffer and the
// document it is building, never a whole stream.
#include <cstdio>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace koers {

// One YAML document: a whole case file, or one document of a stream.
struct CaseDocument {
  std::string path;    // the file it came from, as given (or found in a directory)
  int first_line = 1;  // its first line in that file
  std::string text;
  std::string error;  // set when it could not be read (message of a C300); `text` is then empty
};

class CaseDocumentReader {
 public:
  // `inputs`: files and directories, in the order their cases are wanted. A directory means its
  // `*.yaml` / `*.yml` files, recursively, in path order. A document larger than
  // `max_document_bytes` is handed out with an error instead of its text.
  CaseDocumentReader(std::vector<std::string> inputs, size_t max_document_bytes);
  ~CaseDocumentReader();
  CaseDocumentReader(const CaseDocumentReader&) = delete;
  CaseDocumentReader& operator=(const CaseDocumentReader&) = delete;

  // Appends up to `max_documents` documents to `out`; false when there were none left.
  bool next_batch(std::vector<CaseDocument>& out, size_t max_documents);

 private:
  bool open_next_file(std::vector<CaseDocument>& out);
  // The next line of the open file, with its newline; a line longer than the buffer comes in
  // pieces (`at_line_start_` tells a piece from a new line). False at the end of the file.
  bool next_line(std::string_view& line);
  void add_line(std::string_view line, bool line_start, std::vector<CaseDocument>& out);
  void finish_document(std::vector<CaseDocument>& out);
  void finish_file(std::vector<CaseDocument>& out);

  std::deque<std::string> pending_;  // inputs not yet opened (directories expanded on the way)
  size_t max_document_bytes_;
  std::FILE* file_ = nullptr;
  std::string path_;
  std::vector<char> buffer_;
  size_t begin_ = 0;
  size_t end_ = 0;
  bool eof_ = false;
  bool at_line_start_ = true;
  int line_ = 0;  // of the last line read
  int documents_in_file_ = 0;
  CaseDocument current_;
  bool current_has_content_ = false;  // more than comments, blank lines and directives
  bool current_too_large_ = false;
};

}  // namespace koers
