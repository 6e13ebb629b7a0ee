#pragma once
// Replacing a file so that a crash leaves the old content or the new, never half of either, and so
// that nobody else with write access to the directory can make koers write somewhere else: the
// temporary file has a name no one can guess, is created only if nothing is there (never through
// a link planted under that name), and is readable by its owner alone until it is complete.
#include <sys/types.h>

#include <filesystem>
#include <string>

namespace koers {

struct ReplaceOptions {
  // A target that is a symbolic link is refused unless this is set; then the file it points to is
  // replaced and the link stays as it is.
  bool follow_symlinks = false;
  // The permissions of a file that did not exist yet (less the umask). An existing file keeps its
  // own permissions, owner and group.
  mode_t new_file_mode = 0644;
  // Flush the file and the directory to disk before returning. Off for files that may be lost
  // in a crash (a cache whose entries carry their own checksum): still whole or absent to every
  // reader, but a thousand of them take milliseconds instead of seconds.
  bool durable = true;
};

struct ReplaceResult {
  bool ok = false;
  std::string error;  // why not, for the user ("is a symbolic link ..."); names no file
  explicit operator bool() const { return ok; }
};

// Writes `text` to a fresh temporary file next to `path` (created with O_EXCL|O_NOFOLLOW, mode
// 0600), gives it the target's mode and owner, flushes it to disk, renames it over `path` and
// flushes the directory (the flushes unless options.durable is false). On failure `path` is
// untouched and no temporary file is left.
ReplaceResult replace_file_atomically(const std::filesystem::path& path, const std::string& text,
                                      const ReplaceOptions& options = {});

}  // namespace koers
