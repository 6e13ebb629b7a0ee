#include "util/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "util/random_bytes.h"

namespace koers {

namespace fs = std::filesystem;

namespace {

bool write_all(int fd, const std::string& text) {
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

// 16 random hex digits from the kernel: a name another user cannot prepare a trap under.
std::string random_suffix() {
  return random_hex(16);
}

// The process's umask, without changing it (umask(2) can only be read by setting it, which would
// race with other threads creating files).
mode_t current_umask() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("Umask:", 0) == 0)
      return static_cast<mode_t>(std::stoul(line.substr(6), nullptr, 8));
  }
  return 022;
}

std::string errno_text(int error) {
  return std::strerror(error);
}

class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return fd_; }
  // Closes now, for the error of close() (on some file systems the write error shows only here).
  bool close() {
    int fd = fd_;
    fd_ = -1;
    return ::close(fd) == 0;
  }

 private:
  int fd_;
};

ReplaceResult failure(std::string why) {
  return {false, std::move(why)};
}

}  // namespace

ReplaceResult replace_file_atomically(const fs::path& path, const std::string& text,
                                      const ReplaceOptions& options) {
  fs::path target = path;
  struct stat st {};
  bool exists = ::lstat(target.c_str(), &st) == 0;
  if (!exists && errno != ENOENT) return failure("cannot be read: " + errno_text(errno));
  if (exists && S_ISLNK(st.st_mode)) {
    if (!options.follow_symlinks) {
      return failure(
          "is a symbolic link; koers does not write through links unless asked "
          "(--follow-symlinks)");
    }
    // The file the link leads to is replaced; the link itself stays.
    std::error_code ec;
    target = fs::canonical(path, ec);
    if (ec) return failure("is a symbolic link to nothing that exists");
    exists = ::lstat(target.c_str(), &st) == 0;
    if (!exists) return failure("cannot be read: " + errno_text(errno));
  }
  if (exists && !S_ISREG(st.st_mode)) return failure("is not a regular file");

  const fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  Descriptor dir_fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir_fd.get() < 0) return failure("its directory cannot be opened: " + errno_text(errno));
  const std::string name = target.filename().string();

  // O_EXCL|O_NOFOLLOW: never an existing file, never through a link planted under the name.
  std::string temporary;
  int fd = -1;
  for (int attempt = 0; attempt < 8 && fd < 0; ++attempt) {
    temporary = "." + name + ".koers-tmp-" + random_suffix();
    fd = ::openat(dir_fd.get(), temporary.c_str(),
                  O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0 && errno != EEXIST) break;
  }
  if (fd < 0) return failure("no temporary file can be created next to it: " + errno_text(errno));
  Descriptor file(fd);
  auto abandon = [&](std::string why) {
    ::unlinkat(dir_fd.get(), temporary.c_str(), 0);
    return failure(std::move(why));
  };

  if (!write_all(file.get(), text)) return abandon("cannot be written: " + errno_text(errno));
  if (exists) {
    // Owner first, then the mode without set-id bits: new content never inherits setuid/setgid.
    if ((st.st_uid != ::geteuid() || st.st_gid != ::getegid()) &&
        ::fchown(file.get(), st.st_uid, st.st_gid) != 0) {
      return abandon("its owner and group cannot be kept: " + errno_text(errno));
    }
    if (::fchmod(file.get(), st.st_mode & 01777) != 0) {
      return abandon("its permissions cannot be kept: " + errno_text(errno));
    }
  } else if (::fchmod(file.get(), options.new_file_mode & ~current_umask() & 01777) != 0) {
    return abandon("its permissions cannot be set: " + errno_text(errno));
  }
  if (options.durable && ::fsync(file.get()) != 0) {
    return abandon("cannot be written to disk: " + errno_text(errno));
  }
  if (!file.close()) return abandon("cannot be written: " + errno_text(errno));
  // rename never follows a link at the target name: whatever is there now is replaced, nothing
  // beyond it is written.
  if (::renameat(dir_fd.get(), temporary.c_str(), dir_fd.get(), name.c_str()) != 0) {
    return abandon("cannot be replaced: " + errno_text(errno));
  }
  // The rename is only durable once the directory entry itself is on disk.
  if (options.durable) ::fsync(dir_fd.get());
  return {true, {}};
}

}  // namespace koers
