#pragma once
// Verifies the chain of an audit log (README, "Audit log"): every line carries the SHA-256 of
// the line before it (`prev_sha256`), across rotated files too, so a line deleted, inserted or
// changed in the middle breaks the chain at the next line. Also checks each line's format, that
// every torn line is named by the repair line after it, and that a `withheld` line names lines
// of its own file.
#include <cstddef>
#include <string>
#include <vector>

namespace koers::service {

struct ChainBreak {
  std::string file;
  size_t line = 0;  // 1-based
  std::string what;
};
// Something a reader should know that is not a break: a torn last line not yet repaired, or a
// chain that starts anew at the first line of a later file.
using ChainNote = ChainBreak;

struct ChainReport {
  size_t lines = 0;      // in all files, torn ones included
  size_t chained = 0;    // lines that carry the previous line's hash
  size_t unchained = 0;  // lines from before the chain (written by Koers 0.1), at the start only
  size_t torn = 0;       // lines a crash cut short, each named by a repair line
  std::vector<ChainBreak> breaks;  // in file order; the first is the first break
  size_t breaks_not_listed = 0;    // beyond the first 50
  // The first line of the first file carries the hash of a line before it, in a file that was not
  // given (an older rotated file): empty when the chain starts in the files given.
  std::string begins_after;
  std::string last_sha256;  // of the last whole line: "sha256:<hex>"
  // Torn lines at the end of a file that no repair line names (the writer repairs the last
  // file's when it next writes; a rotated file keeps its own), and chains that start anew at the
  // first line of a later file (a writer that had not seen the file before it): not breaks, but
  // what lies between those files is not checked.
  std::vector<ChainNote> notes;
  bool intact() const { return breaks.empty(); }
};

// Verifies `paths` as one log, oldest file first. With `from_the_start`, the first file is the
// log's first: its first line must begin the chain (prev_sha256 null), so lines removed from its
// start are found too. Each file is read under a shared lock (writers wait), line by line; memory
// grows by one hash per line of the file being read (for the lines a `withheld` line may name).
// Throws std::runtime_error when a file cannot be read.
ChainReport verify_audit_chain(const std::vector<std::string>& paths, bool from_the_start = false);

// The report as `koers audit verify` prints it (English, for operators and auditors).
std::string describe(const ChainReport& report);

}  // namespace koers::service
