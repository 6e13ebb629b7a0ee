#pragma once
// A `koers serve` started by a test: its own process on a free port (--listen 127.0.0.1:0), the
// port read from its one line on stdout, stderr kept for the test to inspect. Stopped with SIGTERM
// when the object goes away; `stop()` returns its exit status.
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace koers::testing {

inline std::string slurp_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// A fresh, empty directory under the system's temp directory.
inline std::filesystem::path fresh_temp_dir(const std::string& name) {
  auto dir =
      std::filesystem::temp_directory_path() / ("koers-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

class ServeProcess {
 public:
  // `args` follow `koers --log-level LEVEL serve --listen 127.0.0.1:0`; `dir` holds stdout/stderr.
  // `file_size_limit` (bytes, 0: none) is the server's RLIMIT_FSIZE: a full disk for one file.
  ServeProcess(const std::vector<std::string>& args, const std::filesystem::path& dir,
               const std::filesystem::path& cwd, const std::string& log_level = "info",
               rlim_t file_size_limit = 0)
      : out_(dir / "serve.out"), err_(dir / "serve.err") {
    std::vector<std::string> argv = {KOERS_BINARY, "--log-level", log_level,
                                     "serve",      "--listen",    "127.0.0.1:0"};
    argv.insert(argv.end(), args.begin(), args.end());
    // A stdout left by an earlier server in the same directory would give its port.
    std::filesystem::remove(out_);
    std::fflush(stdout);  // else the child would print what the parent had buffered
    std::fflush(stderr);
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      if (::chdir(cwd.c_str()) != 0) ::_exit(127);
      if (file_size_limit > 0) {
        const rlimit limit{file_size_limit, file_size_limit};
        if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) ::_exit(127);
      }
      std::FILE* out = std::freopen(out_.c_str(), "w", stdout);
      std::FILE* err = std::freopen(err_.c_str(), "w", stderr);
      if (out == nullptr || err == nullptr) ::_exit(127);
      std::vector<char*> raw;
      for (auto& a : argv) raw.push_back(a.data());
      raw.push_back(nullptr);
      ::execv(raw[0], raw.data());
      ::_exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
      const std::string text = slurp_file(out_);
      const size_t at = text.find("listening on http://127.0.0.1:");
      if (at != std::string::npos && text.find('\n', at) != std::string::npos) {
        port_ = std::stoi(text.substr(at + std::string("listening on http://127.0.0.1:").size()));
        return;
      }
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        throw std::runtime_error("koers serve exited at start: " + slurp_file(err_));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    stop();
    throw std::runtime_error("koers serve did not start: " + slurp_file(err_));
  }
  ~ServeProcess() { stop(); }
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  std::string log() const { return slurp_file(err_); }
  void signal(int sig) const { ::kill(pid_, sig); }

  // SIGTERM, then the exit code (-1 when it did not exit normally).
  int stop() {
    if (pid_ <= 0) return exit_code_;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return exit_code_;
  }

 private:
  std::filesystem::path out_, err_;
  pid_t pid_ = -1;
  int port_ = 0;
  int exit_code_ = -1;
};

}  // namespace koers::testing
