// The caseworkers' page in a real browser: Debian's chromium, headless, loads `/` from a
// `koers serve` started here, picks an example (`/?example=NAME` selects it and presses the
// button, as a caseworker would), and must show the report: the safety banner, the strategy and
// the OBVL-K chart. A screenshot is kept in the build directory (artifacts/).
#define BOOST_TEST_MODULE browser
#include <boost/test/unit_test.hpp>
#include <fstream>
#include <regex>

#include "support/serve_process.h"

namespace fs = std::filesystem;
using koers::testing::fresh_temp_dir;
using koers::testing::ServeProcess;
using koers::testing::slurp_file;

namespace {

fs::path root() {
  const char* dir = std::getenv("KOERS_SOURCE_DIR");
  return dir ? fs::path(dir) : fs::current_path();
}

std::string find_chromium() {
  for (const char* candidate : {"/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
    if (fs::exists(candidate)) return candidate;
  }
  return {};
}

// Runs headless chromium on `url` with `mode` (--dump-dom or --screenshot=FILE); returns stdout.
std::string chromium(const std::string& binary, const fs::path& profile, const std::string& mode,
                     const std::string& url) {
  const fs::path out = profile.parent_path() / "chromium.out";
  // --virtual-time-budget lets the page's fetches and scripts finish before the DOM is taken.
  const std::string cmd = "timeout 120 '" + binary +
                          "' --headless --no-sandbox --disable-gpu --disable-dev-shm-usage "
                          "--hide-scrollbars --no-first-run --user-data-dir='" +
                          profile.string() +
                          "' --window-size=1280,1400 --virtual-time-budget=15000 " + mode + " '" +
                          url + "' >'" + out.string() + "' 2>/dev/null";
  const int status = std::system(cmd.c_str());
  BOOST_TEST(status == 0, "chromium failed: " << cmd);
  return slurp_file(out);
}

// The text of the element with this id in a serialised DOM (its first text run).
std::string element_text(const std::string& dom, const std::string& id) {
  std::smatch m;
  std::regex pattern("id=\"" + id + "\"[^>]*>([^<]*)");
  return std::regex_search(dom, m, pattern) ? m[1].str() : std::string();
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_caseworker_gets_the_report_for_an_example) {
  const std::string binary = find_chromium();
  BOOST_REQUIRE_MESSAGE(!binary.empty(), "chromium is not installed (scripts/test.sh installs it)");
  auto dir = fresh_temp_dir("browser");
  ServeProcess server({}, dir, root());
  const std::string url =
      "http://127.0.0.1:" + std::to_string(server.port()) + "/?example=gezin-0142";

  const std::string dom = chromium(binary, dir / "profile", "--dump-dom", url);
  BOOST_REQUIRE_MESSAGE(dom.find("<html") != std::string::npos, "no DOM from chromium");
  // The status line is written by the page after the report arrived, from the report itself.
  const std::string status = element_text(dom, "status");
  BOOST_TEST(status.find("Advies voor gezin-0142") != std::string::npos, status);
  BOOST_TEST(status.find("Veiligheid: volgen") != std::string::npos, status);
  BOOST_TEST(status.find("Strategie: stut en steun") != std::string::npos, status);
  BOOST_TEST(status.find("Multiprobleemgezin: ja.") != std::string::npos, status);
  BOOST_TEST(status.find("Met de grafiek Verloopprofiel OBVL-K.") != std::string::npos, status);
  // The report is in the iframe: the safety banner first, the strategy and the SVG chart.
  const size_t frame = dom.find("<iframe id=\"rapport\"");
  BOOST_REQUIRE(frame != std::string::npos);
  const std::string srcdoc = dom.substr(frame, dom.find("</iframe>", frame) - frame);
  BOOST_TEST(srcdoc.find("srcdoc=") != std::string::npos);
  BOOST_TEST(srcdoc.find(" hidden") == std::string::npos);  // shown
  const size_t banner = srcdoc.find("id=&quot;alarm-safety&quot;");
  const size_t strategy = srcdoc.find("id=&quot;besluit-strategy&quot;");
  BOOST_TEST(banner != std::string::npos);
  BOOST_TEST(strategy != std::string::npos);
  BOOST_TEST(banner < strategy);
  BOOST_TEST(srcdoc.find("&lt;svg") != std::string::npos);
  // The page asked for the report once and got it.
  BOOST_TEST(server.log().find("POST /v1/report -> 200") != std::string::npos, server.log());

  const fs::path artifacts = fs::path(KOERS_BINARY).parent_path() / "artifacts";
  fs::create_directories(artifacts);
  const fs::path shot = artifacts / "serve-gezin-0142.png";
  fs::remove(shot);
  chromium(binary, dir / "profile", "--screenshot='" + shot.string() + "'", url);
  BOOST_TEST(fs::exists(shot));
  BOOST_TEST(fs::file_size(shot) > 20000u);  // a rendered page, not an empty one
  const std::string png = slurp_file(shot);
  BOOST_TEST(png.substr(1, 3) == "PNG");
}

BOOST_AUTO_TEST_CASE(a_bad_case_shows_its_errors) {
  const std::string binary = find_chromium();
  BOOST_REQUIRE(!binary.empty());
  auto dir = fresh_temp_dir("browser-bad");
  ServeProcess server({}, dir, root());
  // No such example: the page asks nothing and tells the caseworker there is no case yet.
  const std::string dom =
      chromium(binary, dir / "profile", "--dump-dom",
               "http://127.0.0.1:" + std::to_string(server.port()) + "/?example=bestaat-niet");
  BOOST_TEST(dom.find("Er is nog geen casus") != std::string::npos);
  BOOST_TEST(server.log().find("/v1/report") == std::string::npos);
}

// A server that wants a token: the page asks for it (in Dutch) instead of failing, and asks the
// server nothing more until it has one.
BOOST_AUTO_TEST_CASE(a_server_with_tokens_asks_for_the_access_key) {
  const std::string binary = find_chromium();
  BOOST_REQUIRE(!binary.empty());
  auto dir = fresh_temp_dir("browser-token");
  {
    std::ofstream tokens(dir / "tokens");
    tokens << "# koers tokens 1\n";
  }
  fs::permissions(dir / "tokens", fs::perms::owner_read | fs::perms::owner_write,
                  fs::perm_options::replace);
  ServeProcess server({"--tokens", (dir / "tokens").string()}, dir, root());
  const std::string dom =
      chromium(binary, dir / "profile", "--dump-dom",
               "http://127.0.0.1:" + std::to_string(server.port()) + "/?example=gezin-0142");
  BOOST_TEST(element_text(dom, "status") == "Meld u eerst aan met uw toegangssleutel.");
  const size_t form = dom.find("<form id=\"toegang\"");
  BOOST_REQUIRE(form != std::string::npos);
  BOOST_TEST(dom.substr(form, dom.find('>', form) - form).find("hidden") == std::string::npos);
  BOOST_TEST(dom.find("<label for=\"sleutel\">Toegangssleutel</label>") != std::string::npos);
  // The page's first request (the schema of its form) is refused; nothing with case content runs.
  BOOST_TEST(server.log().find("GET /v1/schema -> 401") != std::string::npos, server.log());
  BOOST_TEST(server.log().find("/v1/report") == std::string::npos);
}
