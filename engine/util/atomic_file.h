#pragma once
// Replacing a file so that a crash leaves the old content or the new, never half of either.
#include <filesystem>
#include <string>

namespace koers {

// Writes `text` next to `path`, flushes it to disk, keeps the old file's permissions, renames it
// over `path` and flushes the directory. False (and `path` untouched) when any step fails.
bool replace_file_atomically(const std::filesystem::path& path, const std::string& text);

}  // namespace koers
