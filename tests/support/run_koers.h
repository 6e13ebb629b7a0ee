#pragma once
// Runs the built `koers` (KOERS_BINARY, set by tests/CMakeLists.txt) as a user would, from the
// repository root, and returns its exit code and what it wrote, for the tests that check a command
// end to end.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "support/serve_process.h"

namespace koers::testing {

// The repository root: KOERS_SOURCE_DIR when set (CTest sets it), else the working directory.
inline std::filesystem::path repository_root() {
  const char* dir = std::getenv("KOERS_SOURCE_DIR");
  return dir ? std::filesystem::path(dir) : std::filesystem::current_path();
}

struct Run {
  int code = -1;
  std::string out;
  std::string err;
};

// Runs koers with `args` (already shell-quoted) from the repository root.
inline Run run_koers(const std::string& args) {
  namespace fs = std::filesystem;
  static int counter = 0;
  const fs::path tmp = fs::temp_directory_path() / ("koers-run-" + std::to_string(::getpid()) +
                                                    "-" + std::to_string(counter++));
  const std::string cmd = "cd '" + repository_root().string() + "' && '" KOERS_BINARY "' " + args +
                          " >'" + tmp.string() + ".out' 2>'" + tmp.string() + ".err'";
  const int status = std::system(cmd.c_str());
  Run r{WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp_file(tmp.string() + ".out"),
        slurp_file(tmp.string() + ".err")};
  fs::remove(tmp.string() + ".out");
  fs::remove(tmp.string() + ".err");
  return r;
}

}  // namespace koers::testing
