#include "service/case_index.h"

#include <algorithm>
#include <filesystem>

#include "data/case_loader.h"

namespace koers::service {

namespace fs = std::filesystem;

namespace {

bool is_case_file(const fs::path& p) {
  const std::string ext = p.extension().string();
  return ext == ".yaml" || ext == ".yml" || ext == ".json";
}

}  // namespace

CaseIndex index_cases(const Schema& schema, const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const auto& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      for (const auto& entry : fs::recursive_directory_iterator(path, ec)) {
        if (entry.is_regular_file() && is_case_file(entry.path())) {
          files.push_back(entry.path().string());
        }
      }
    } else {
      files.push_back(path);
    }
  }
  std::sort(files.begin(), files.end());  // the first of two equal cases wins, on every machine
  CaseIndex index;
  for (const auto& file : files) {
    Diagnostics diags;
    auto c = load_case_file(schema, file, diags);
    if (!c) {
      index.unreadable.push_back(file);
      continue;
    }
    index.path_by_sha256.emplace(c->sha256, file);
  }
  return index;
}

}  // namespace koers::service
