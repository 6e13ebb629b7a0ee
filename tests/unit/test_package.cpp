// The Debian package (cmake/packaging.cmake): `cpack -G DEB` in the build tree makes
// koers_<version>_<arch>.deb, and what it holds works where it is installed.
// - Always: its control data (name, version, dependencies from dpkg-shlibdeps, conffiles,
//   maintainer scripts), its files, manual pages that hold every subcommand's --help, the unit's
//   hardening as systemd-analyze rates it, and advice from its own koers, unpacked elsewhere.
// - Where this test may change the machine (root and CI=true, as in the fresh Debian root of
//   .ci/run, or KOERS_TEST_INSTALL=1): `apt-get install ./koers_*.deb`, koers advise on an
//   installed example from another directory, `systemd-analyze verify` of the installed unit, the
//   manual page through man, then `apt-get purge` (so the test runs again the same way).
#define BOOST_TEST_MODULE package
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <string>

#include "support/run_koers.h"

namespace fs = std::filesystem;
using koers::testing::Run;
using koers::testing::slurp_file;

namespace {

// Runs `command` in a shell, returning its exit code and output.
Run shell(const std::string& command) {
  static int counter = 0;
  const fs::path tmp = fs::temp_directory_path() / ("koers-package-" + std::to_string(::getpid()) +
                                                    "-" + std::to_string(counter++));
  const std::string full =
      "(" + command + ") >'" + tmp.string() + ".out' 2>'" + tmp.string() + ".err'";
  const int status = std::system(full.c_str());
  Run r{WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp_file(tmp.string() + ".out"),
        slurp_file(tmp.string() + ".err")};
  fs::remove(tmp.string() + ".out");
  fs::remove(tmp.string() + ".err");
  return r;
}

std::string quoted(const fs::path& path) {
  return "'" + path.string() + "'";
}

// The package, made once for all test cases.
const fs::path& package() {
  static const fs::path made = [] {
    const fs::path build = KOERS_BUILD_DIR;
    for (const auto& e : fs::directory_iterator(build)) {
      if (e.path().extension() == ".deb") fs::remove(e.path());
    }
    const Run cpack = shell("cd " + quoted(build) + " && cpack -G DEB");
    BOOST_REQUIRE_MESSAGE(cpack.code == 0, cpack.out << cpack.err);
    fs::path deb;
    for (const auto& e : fs::directory_iterator(build)) {
      if (e.path().extension() == ".deb") deb = e.path();
    }
    BOOST_REQUIRE_MESSAGE(!deb.empty(), "cpack made no .deb: " << cpack.out);
    return deb;
  }();
  return made;
}

std::string field(const std::string& name) {
  return shell("dpkg-deb -f " + quoted(package()) + " " + name).out;
}

// The subcommands `koers --help` lists.
std::vector<std::string> subcommands() {
  const Run help = shell("'" KOERS_BINARY "' --help");
  std::vector<std::string> names;
  const std::string text = help.out.substr(help.out.find("Subcommands:"));
  const std::regex name(R"(\n  ([a-z]+) )");
  for (std::sregex_iterator it(text.begin(), text.end(), name), end; it != end; ++it) {
    names.push_back((*it)[1]);
  }
  return names;
}

bool may_install() {
  const char* asked = std::getenv("KOERS_TEST_INSTALL");
  const char* ci = std::getenv("CI");
  return (asked != nullptr && std::string(asked) == "1") ||
         (::geteuid() == 0 && ci != nullptr && std::string(ci) == "true");
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_package_names_itself_its_dependencies_and_its_configuration) {
  BOOST_TEST(package().filename().string() ==
             "koers_" + std::string(KOERS_VERSION) + "_" +
                 shell("dpkg --print-architecture").out.substr(0, 5) + ".deb");
  BOOST_TEST(field("Package") == "koers\n");
  BOOST_TEST(field("Version") == std::string(KOERS_VERSION) + "\n");
  // dpkg-shlibdeps found the shared libraries the programs link.
  const std::string depends = field("Depends");
  for (const char* library : {"libc6", "libstdc++6", "libyaml-0-2", "libnettle8"}) {
    BOOST_TEST(depends.find(library) != std::string::npos, library << " in " << depends);
  }
  BOOST_TEST(field("Description").find("a professional\n decides") != std::string::npos);
  // The service's options and the logrotate set-up are conffiles: an upgrade keeps local changes.
  const fs::path control =
      fs::temp_directory_path() / ("koers-control-" + std::to_string(::getpid()));
  fs::remove_all(control);
  BOOST_REQUIRE(shell("dpkg-deb -e " + quoted(package()) + " " + quoted(control)).code == 0);
  BOOST_TEST(slurp_file(control / "conffiles") == "/etc/default/koers\n/etc/logrotate.d/koers\n");
  for (const char* script : {"postinst", "prerm", "postrm"}) {
    BOOST_TEST(fs::exists(control / script), script);
    BOOST_TEST(shell("sh -n " + quoted(control / script)).code == 0, script);
  }
  fs::remove_all(control);
}

BOOST_AUTO_TEST_CASE(unpacked_anywhere_its_koers_gives_advice_with_its_own_rules) {
  const fs::path root =
      fs::temp_directory_path() / ("koers-unpacked-" + std::to_string(::getpid()));
  fs::remove_all(root);
  BOOST_REQUIRE(shell("dpkg-deb -x " + quoted(package()) + " " + quoted(root)).code == 0);
  for (const char* file :
       {"usr/bin/koers", "usr/bin/koers-serve", "usr/share/koers/rules/definitie.koers",
        "usr/share/koers/policies/landelijk.yaml", "usr/share/koers/examples/gezin-0142.yaml",
        "usr/share/man/man1/koers.1.gz", "usr/share/man/man1/koers-serve.1.gz",
        "usr/share/doc/koers/operations.md", "lib/systemd/system/koers.service",
        "etc/default/koers", "etc/logrotate.d/koers"}) {
    BOOST_TEST(fs::exists(root / file), file);
  }
  // The packaged koers finds the packaged rules next to itself (../share/koers), from any
  // directory, with no source tree or environment to help.
  const Run advice = shell("cd / && env -u KOERS_RULES -u KOERS_POLICY KOERS_CACHE_DIR=off " +
                           quoted(root / "usr/bin/koers") + " advise --as-of 2026-11-01 " +
                           quoted(root / "usr/share/koers/examples/gezin-0142.yaml"));
  BOOST_TEST(advice.code == 0, advice.err);
  BOOST_TEST(advice.out.find("Advies voor gezin-0142 per 1 november 2026") != std::string::npos,
             advice.out);
  const Run check =
      shell("cd / && KOERS_CACHE_DIR=off " + quoted(root / "usr/bin/koers") + " check");
  BOOST_TEST(check.code == 0, check.out << check.err);
  // The same rules and policy as the source tree's, byte for byte (their hashes).
  const Run source_check = koers::testing::run_koers("check");
  const auto hashes = [](const std::string& out) { return out.substr(out.find("rules sha256")); };
  BOOST_TEST(hashes(check.out) == hashes(source_check.out), check.out << source_check.out);

  // The manual holds every subcommand's help, and koers-serve's its signals.
  const std::string manual = shell("zcat " + quoted(root / "usr/share/man/man1/koers.1.gz")).out;
  const auto names = subcommands();
  BOOST_TEST(names.size() >= 10u);
  for (const auto& name : names) {
    BOOST_TEST(manual.find(".SS koers " + name + "\n") != std::string::npos, name);
  }
  BOOST_TEST(manual.find("Usage: koers audit verify") != std::string::npos);
  BOOST_TEST(manual.find(KOERS_BUILD_DIR) == std::string::npos);  // no build path leaks in
  const std::string serve_manual =
      shell("zcat " + quoted(root / "usr/share/man/man1/koers-serve.1.gz")).out;
  BOOST_TEST(serve_manual.find("SIGUSR1") != std::string::npos);
  BOOST_TEST(serve_manual.find("--max-body") != std::string::npos);

  // The unit is hardened: systemd's own rating, offline (no systemd needs to run).
  const Run security = shell("systemd-analyze security --offline=true --no-pager " +
                             quoted(root / "lib/systemd/system/koers.service"));
  const std::smatch level = [&] {
    std::smatch m;
    std::regex_search(security.out, m, std::regex(R"(Overall exposure level for \S+: ([0-9.]+))"));
    return m;
  }();
  BOOST_REQUIRE_MESSAGE(!level.empty(), security.out << security.err);
  BOOST_TEST(std::stod(level[1]) <= 2.0, "exposure " << level[1]);
  const std::string unit = slurp_file(root / "lib/systemd/system/koers.service");
  for (const char* setting :
       {"DynamicUser=yes", "ProtectSystem=strict", "StateDirectory=koers", "NoNewPrivileges=yes",
        "EnvironmentFile=-/etc/default/koers", "After=network-online.target"}) {
    BOOST_TEST(unit.find(setting) != std::string::npos, setting);
  }
  fs::remove_all(root);
}

BOOST_AUTO_TEST_CASE(installed_with_apt_it_advises_and_its_unit_verifies) {
  if (!may_install()) {
    BOOST_TEST_MESSAGE(
        "not installing the package on this machine (root with CI=true, or "
        "KOERS_TEST_INSTALL=1, does)");
    return;
  }
  const Run install = shell(
      "DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o Dpkg::Options::=--force-confdef "
      "-o Dpkg::Options::=--force-confnew " +
      quoted(package()));
  BOOST_REQUIRE_MESSAGE(install.code == 0, install.out << install.err);
  const Run advice = shell(
      "cd /tmp && env -u KOERS_RULES -u KOERS_POLICY koers advise --as-of "
      "2026-11-01 /usr/share/koers/examples/gezin-0217-acuut.yaml");
  BOOST_TEST(advice.code == 0, advice.err);
  BOOST_TEST(advice.out.find("Advies voor gezin-0217") != std::string::npos, advice.out);
  BOOST_TEST(shell("command -v koers").out == "/usr/bin/koers\n");
  // The unit as installed: its programs exist, its settings are known to this systemd.
  const Run verify = shell("systemd-analyze verify /lib/systemd/system/koers.service");
  BOOST_TEST(verify.code == 0, verify.out << verify.err);
  BOOST_TEST(verify.err.empty(), verify.err);
  const Run man = shell("MANWIDTH=80 man koers-serve | grep -c SIGHUP");
  BOOST_TEST(man.code == 0, man.out << man.err);
  const Run purge = shell("DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq koers");
  BOOST_TEST(purge.code == 0, purge.out << purge.err);
  BOOST_TEST(!fs::exists("/usr/bin/koers"));
}
