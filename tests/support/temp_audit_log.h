#pragma once
// A directory of its own for an audit log under test, removed afterwards, and the log's lines.
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace koers::testing {

struct TempAuditLog {
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() /
      ("koers-audit-test-" + std::to_string(::getpid()) + "-" +
       std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
  std::filesystem::path path = dir / "audit.jsonl";
  TempAuditLog() { std::filesystem::create_directories(dir); }
  ~TempAuditLog() { std::filesystem::remove_all(dir); }
  TempAuditLog(const TempAuditLog&) = delete;
  TempAuditLog& operator=(const TempAuditLog&) = delete;
};

// The file's lines, without their newlines (a last line without one included).
inline std::vector<std::string> lines_of(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace koers::testing
