// No data lost: `koers fmt` killed with SIGKILL at any moment leaves each rule file either as it
// was or fully formatted, never half written.
#define BOOST_TEST_MODULE durability
#include <boost/test/unit_test.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

pid_t start_fmt(const fs::path& dir) {
  std::fflush(nullptr);
  pid_t pid = ::fork();
  if (pid == 0) {
    std::freopen("/dev/null", "w", stdout);
    std::freopen("/dev/null", "w", stderr);
    ::execl(KOERS_BINARY, KOERS_BINARY, "fmt", dir.c_str(), static_cast<char*>(nullptr));
    std::_Exit(127);
  }
  return pid;
}

}  // namespace

BOOST_AUTO_TEST_CASE(fmt_killed_at_any_moment_leaves_old_or_new_files) {
  fs::path dir = fs::temp_directory_path() / ("koers-durability-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  // Several files of a few hundred KiB, in a layout fmt changes (indentation, spacing).
  std::string before;
  for (int i = 0; i < 3000; ++i) {
    before += "rule r.n" + std::to_string(i) +
              " {\n      title   \"Regel\"\n  when safety.acute   and caseworker.caseload>=" +
              std::to_string(i % 40) + "\n recommend support caseload_verlagen \"x\"\n}\n";
  }
  const int files = 4;
  auto reset = [&] {
    for (int f = 0; f < files; ++f) {
      std::ofstream(dir / ("r" + std::to_string(f) + ".koers"), std::ios::binary) << before;
    }
  };
  reset();
  BOOST_REQUIRE_EQUAL(
      std::system(("'" KOERS_BINARY "' fmt '" + dir.string() + "' >/dev/null").c_str()), 0);
  const std::string after = slurp(dir / "r0.koers");
  BOOST_REQUIRE(after != before);

  int killed_mid_run = 0;
  int killed_between_files = 0;  // some files already new, some still old
  for (int round = 0; round < 24; ++round) {
    reset();
    pid_t pid = start_fmt(dir);
    // From 2 ms into the run to past its end (a run takes about 0.8 s here, longer under ASan).
    ::usleep(static_cast<useconds_t>(2000 + round * 40000));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (WIFSIGNALED(status)) ++killed_mid_run;
    int new_files = 0;
    for (int f = 0; f < files; ++f) {
      const std::string now = slurp(dir / ("r" + std::to_string(f) + ".koers"));
      new_files += now == after ? 1 : 0;
      BOOST_TEST((now == before || now == after), "round " << round << ": r" << f
                                                           << ".koers is half written ("
                                                           << now.size() << " bytes)");
    }
    if (WIFSIGNALED(status) && new_files > 0 && new_files < files) ++killed_between_files;
  }
  BOOST_TEST_MESSAGE(killed_mid_run << " of 24 runs killed before they finished, "
                                    << killed_between_files << " of them between files");
  BOOST_TEST(killed_mid_run > 0);
  fs::remove_all(dir);
}
