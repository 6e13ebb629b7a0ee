#include "util/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>

namespace koers {

namespace fs = std::filesystem;

namespace {

bool write_all(int fd, const std::string& text) {
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

// The rename is only durable once the directory entry itself is on disk.
void sync_directory(const fs::path& dir) {
  int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

bool replace_file_atomically(const fs::path& path, const std::string& text) {
  fs::path tmp = path;
  tmp += ".koers-tmp-" + std::to_string(::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) return false;
  std::error_code ec;
  bool ok = write_all(fd, text);
  auto perms = fs::status(path, ec).permissions();
  if (ok && !ec) ::fchmod(fd, static_cast<mode_t>(perms));
  ok = ok && ::fsync(fd) == 0;
  ok = ::close(fd) == 0 && ok;
  if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) {
    fs::remove(tmp, ec);
    return false;
  }
  sync_directory(path.parent_path());
  return true;
}

}  // namespace koers
