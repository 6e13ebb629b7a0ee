// `koers serve` as a client sees it: a real server process on a free port, spoken to over HTTP;
// its audit log, `koers replay` and `koers feedback export` on what it wrote.
#define BOOST_TEST_MODULE serve
#include <httplib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <functional>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <thread>

#include "support/json_lines.h"
#include "support/run_koers.h"
#include "support/serve_process.h"

namespace fs = std::filesystem;
using Json = nlohmann::json;
using koers::testing::fresh_temp_dir;
using koers::testing::json_lines;
using koers::testing::Run;
using koers::testing::run_koers;
using koers::testing::ServeProcess;
using koers::testing::slurp_file;

namespace {

fs::path root() {
  return koers::testing::repository_root();
}

httplib::Result post_case(httplib::Client& client, const std::string& path,
                          const std::string& body) {
  return client.Post(path, body, "application/yaml");
}

// Sends `bytes` on a new connection, waits `pause` after `split` bytes, and returns everything the
// server says until it closes the connection.
std::string raw_exchange(int port, const std::string& bytes, size_t split = std::string::npos,
                         std::function<void()> during_pause = {}) {
  int sock = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(sock, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) return {};
  const std::string first = bytes.substr(0, split);
  ::send(sock, first.data(), first.size(), 0);
  if (split < bytes.size()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    if (during_pause) during_pause();
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const std::string rest = bytes.substr(split);
    ::send(sock, rest.data(), rest.size(), 0);
  }
  std::string answer;
  char buffer[65536];
  for (ssize_t n; (n = ::recv(sock, buffer, sizeof buffer, 0)) > 0;) {
    answer.append(buffer, static_cast<size_t>(n));
  }
  ::close(sock);
  return answer;
}

size_t count_of(const std::string& text, const std::string& part) {
  size_t n = 0;
  for (size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

const std::vector<std::string> kExamples = {"gezin-0142", "gezin-0217-acuut", "gezin-0219-gemeld",
                                            "gezin-0388-geen-mpg", "gezin-0451-onvolledig"};

}  // namespace

BOOST_AUTO_TEST_CASE(advice_is_byte_identical_to_koers_advise) {
  auto dir = fresh_temp_dir("serve-advice");
  ServeProcess server({}, dir, root());
  httplib::Client client("127.0.0.1", server.port());
  for (const auto& name : kExamples) {
    const std::string path = "examples/" + name + ".yaml";
    // Both on one fixed date: "today" could change between the two requests.
    auto res = post_case(client, "/v1/advice?as_of=2026-11-01", slurp_file(root() / path));
    BOOST_REQUIRE(res);
    BOOST_TEST(res->status == 200, name << ": " << res->body);
    BOOST_TEST(res->get_header_value("Content-Type") == "application/json");
    Run cli = run_koers("advise --as-of 2026-11-01 --format json " + path);
    BOOST_REQUIRE(cli.code == 0);
    BOOST_TEST(res->body + "\n" == cli.out, name);
  }
  // ?as_of overrides the case's date, as --as-of does.
  auto res = post_case(client, "/v1/advice?as_of=2027-01-01",
                       slurp_file(root() / "examples/gezin-0142.yaml"));
  BOOST_REQUIRE(res);
  BOOST_TEST(res->body + "\n" ==
             run_koers("advise --format json --as-of 2027-01-01 examples/gezin-0142.yaml").out);
  res = post_case(client, "/v1/advice?as_of=2027-02-30", "koers: 1\n");
  BOOST_REQUIRE(res);
  BOOST_TEST(res->status == 400);
}

BOOST_AUTO_TEST_CASE(a_json_case_gives_the_same_advice_as_its_yaml) {
  auto dir = fresh_temp_dir("serve-json");
  ServeProcess server({}, dir, root());
  httplib::Client client("127.0.0.1", server.port());
  const std::string yaml = "koers: 1\ncase_id: t-json\nas_of: 2026-11-01\nsafety:\n  acute: true\n";
  const std::string json =
      R"({"safety": {"acute": true}, "as_of": "2026-11-01", "case_id": "t-json", "koers": 1})";
  auto from_yaml = post_case(client, "/v1/advice", yaml);
  auto from_json = client.Post("/v1/advice", json, "application/json");
  BOOST_REQUIRE(from_yaml);
  BOOST_REQUIRE(from_json);
  BOOST_TEST(from_yaml->status == 200, from_yaml->body);
  BOOST_TEST(from_json->body == from_yaml->body);
  BOOST_TEST(Json::parse(from_json->body)["decisions"]["safety"]["value"] == "acute");
}

BOOST_AUTO_TEST_CASE(a_bad_case_is_422_with_line_col_and_caret) {
  auto dir = fresh_temp_dir("serve-bad");
  ServeProcess server({}, dir, root());
  httplib::Client client("127.0.0.1", server.port());
  auto res = post_case(client, "/v1/advice", "koers: 1\ncase_id: t-bad\nas_of: 2026-02-30\n");
  BOOST_REQUIRE(res);
  BOOST_TEST(res->status == 422);
  Json body = Json::parse(res->body);
  BOOST_TEST(body["error"] == "case_rejected");
  BOOST_REQUIRE(body["diagnostics"].size() == 1u);
  const Json& d = body["diagnostics"][0];
  BOOST_TEST(d["code"] == "C307");
  BOOST_TEST(d["line"] == 3);
  BOOST_TEST(d["col"] == 8);
  const std::string text = d["text"];
  BOOST_TEST(text.find("3 | as_of: 2026-02-30") != std::string::npos, text);
  BOOST_TEST(text.find("^^^^^^^^^^") != std::string::npos, text);
  // A YAML syntax error, and the report endpoint, answer the same way.
  res = post_case(client, "/v1/report", "koers: 1\ncase_id: [unclosed\n");
  BOOST_REQUIRE(res);
  BOOST_TEST(res->status == 422);
  BOOST_TEST(Json::parse(res->body)["diagnostics"][0]["line"].get<int>() > 0);
  // The log names no case content.
  BOOST_TEST(server.log().find("2026-02-30") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(wrong_path_method_type_or_size_are_refused) {
  auto dir = fresh_temp_dir("serve-refuse");
  ServeProcess server({"--max-body", "65536"}, dir, root());
  httplib::Client client("127.0.0.1", server.port());
  // One connection throughout: a refused body must not be read as the next request.
  client.set_keep_alive(true);
  auto res = client.Get("/v1/nothing");
  BOOST_REQUIRE(res);
  BOOST_TEST(res->status == 404);
  BOOST_TEST(Json::parse(res->body)["error"] == "not_found");
  res = client.Get("/v1/advice");
  BOOST_REQUIRE(res);
  BOOST_TEST(res->status == 405);
  BOOST_TEST(res->get_header_value("Allow") == "POST");
  res = client.Delete("/v1/rules");
  BOOST_REQUIRE(res);
  BOOST_TEST(res->status == 405);
  res = client.Post("/v1/advice", "a=b", "application/x-www-form-urlencoded");
  BOOST_REQUIRE(res);
  BOOST_TEST(res->status == 415);
  res = client.Put("/v1/advice", std::string(5000, 'x'), "application/yaml");
  BOOST_REQUIRE(res);
  BOOST_TEST(res->status == 405);
  res = client.Post("/v1/nothing", std::string(5000, 'x'), "application/yaml");
  BOOST_REQUIRE(res);
  BOOST_TEST(res->status == 404);
  res = client.Get("/healthz");
  BOOST_REQUIRE(res);
  BOOST_TEST(res->status == 200);
  httplib::Headers many;
  for (int i = 0; i < 20; ++i)
    many.emplace("X-Filler-" + std::to_string(i), std::string(1000, 'f'));
  res = client.Get("/healthz", many);
  BOOST_REQUIRE(res);
  BOOST_TEST(res->status == 431);
  res = client.Post("/v1/advice", std::string(65537, 'a'), "application/yaml");
  BOOST_REQUIRE(res);
  BOOST_TEST(res->status == 413);
  BOOST_TEST(Json::parse(res->body)["error"] == "payload_too_large");
  // Just under the limit is read (and rejected as a case, not for its size).
  res = client.Post("/v1/advice", std::string(65536, 'a'), "application/yaml");
  BOOST_REQUIRE(res);
  BOOST_TEST(res->status == 422);
  // The server is still well after all that.
  res = client.Get("/healthz");
  BOOST_REQUIRE(res);
  BOOST_TEST(res->status == 200);
  // A refused body is read and dropped, never taken for the next request on the connection.
  const std::string next = "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
  for (const std::string refused :
       {"POST /v1/advice HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/html\r\n",
        "PUT /v1/advice HTTP/1.1\r\nHost: localhost\r\n",
        "POST /nowhere HTTP/1.1\r\nHost: localhost\r\n"}) {
    // (The next request comes later; pipelining is tested in test_serve_http.)
    const std::string request = refused + "Content-Length: 3000\r\n\r\n" + std::string(3000, 'x');
    const std::string answer = raw_exchange(server.port(), request + next, request.size());
    BOOST_TEST(count_of(answer, "HTTP/1.1 ") == 2u, answer);
    BOOST_TEST(answer.find("\"status\":\"ok\"") != std::string::npos, answer);
  }
  BOOST_TEST(server.stop() == 0);
  BOOST_TEST(server.log().find("SIGTERM") != std::string::npos);
}

// Served with an organisation's layer, the server agrees with `koers check` on the hash (it
// resolves links; the layers are named by their files) and /v1/rules names the layers.
BOOST_AUTO_TEST_CASE(serve_names_the_layers_like_the_command_line) {
  auto dir = fresh_temp_dir("serve-layers");
  namespace fs = std::filesystem;
  fs::copy(root() / "organisaties" / "regio-noord", dir / "echt", fs::copy_options::recursive);
  fs::create_symlink(dir / "echt", dir / "huidig");
  const std::string layer = (dir / "huidig").string();
  ServeProcess server({"--rules", "rules", "--rules", layer}, dir, root());
  httplib::Client client("127.0.0.1", server.port());
  auto res = client.Get("/v1/rules");
  BOOST_REQUIRE(res);
  Json rules = Json::parse(res->body);
  const std::string check = run_koers("check --rules rules --rules '" + layer + "'").out;
  BOOST_TEST(
      check.find("rules sha256 " + rules["rules_sha256"].get<std::string>()) != std::string::npos,
      check);
  BOOST_REQUIRE_EQUAL(rules["layers"].size(), 2u);
  BOOST_TEST(rules["layers"][1]["name"] == "Regio Noord");
  BOOST_TEST(rules["overrides"][0]["rule"] == "professional.caseload");
  BOOST_TEST(server.stop() == 0);
}

BOOST_AUTO_TEST_CASE(rules_openapi_examples_and_page) {
  auto dir = fresh_temp_dir("serve-describe");
  ServeProcess server({"--policy", "policies/voorbeeld-regio-noord.yaml"}, dir, root());
  httplib::Client client("127.0.0.1", server.port());
  auto res = client.Get("/v1/rules");
  BOOST_REQUIRE(res);
  Json rules = Json::parse(res->body);
  Json advice = Json::parse(
      run_koers(
          "advise --as-of 2026-11-01 --format json --policy policies/voorbeeld-regio-noord.yaml "
          "examples/gezin-0142.yaml")
          .out);
  BOOST_TEST(rules["rules_sha256"] == advice["provenance"]["rules"]["sha256"]);
  BOOST_TEST(rules["policy"]["sha256"] == advice["provenance"]["policy"]["sha256"]);
  BOOST_TEST(rules["policy"]["id"] == advice["provenance"]["policy"]["id"]);
  std::set<std::string> decisions;
  for (const auto& d : rules["decisions"]) decisions.insert(d["name"].get<std::string>());
  for (const auto& [name, value] : advice["decisions"].items()) {
    BOOST_TEST(decisions.count(name) == 1u, name);
  }
  BOOST_TEST(rules["rules"].size() > 10u);
  BOOST_TEST(rules["sources"].size() > 0u);
  bool some_parameter_has_values = false;
  for (const auto& p : rules["parameters"]) some_parameter_has_values |= !p["values"].empty();
  BOOST_TEST(some_parameter_has_values);

  res = client.Get("/v1/openapi.json");
  BOOST_REQUIRE(res);
  Json api = Json::parse(res->body);
  BOOST_TEST(api["openapi"].get<std::string>().rfind("3.0", 0) == 0u);
  for (const char* path : {"/v1/advice", "/v1/report", "/v1/rules", "/v1/reload", "/v1/feedback",
                           "/v1/examples", "/healthz", "/v1/openapi.json", "/"}) {
    BOOST_TEST(api["paths"].contains(path), path);
    // Every documented path is served with its documented method.
    const std::string method = api["paths"][path].contains("get") ? "GET" : "POST";
    auto answer = method == "GET" ? client.Get(path) : client.Options(path);
    BOOST_REQUIRE(answer);
    BOOST_TEST((method == "GET" ? answer->status == 200 : answer->status == 405), path);
  }
  res = client.Get("/v1/examples");
  BOOST_REQUIRE(res);
  Json examples = Json::parse(res->body);
  BOOST_REQUIRE(examples.size() == kExamples.size());
  BOOST_TEST(examples[0]["name"] == "gezin-0142");
  BOOST_TEST(examples[0]["text"] == slurp_file(root() / "examples/gezin-0142.yaml"));

  res = client.Get("/");
  BOOST_REQUIRE(res);
  BOOST_TEST(res->get_header_value("Content-Type") == "text/html; charset=utf-8");
  BOOST_TEST(res->body.find("<html lang=\"nl\">") != std::string::npos);
  BOOST_TEST(res->body.find("http") == std::string::npos);  // no external resources
  BOOST_TEST(res->get_header_value("Content-Security-Policy").find("default-src 'none'") == 0u);
  // No other site may frame the page (clickjacking).
  BOOST_TEST(res->get_header_value("Content-Security-Policy").find("frame-ancestors 'none'") !=
             std::string::npos);
  BOOST_TEST(res->get_header_value("X-Frame-Options") == "DENY");
  // Every control has a label (keyboard and screen-reader users), the frame a title.
  const std::string page = res->body;
  const std::regex control(R"re(<(input|select|textarea)[^>]*\bid="([^"]+)")re");
  size_t controls = 0;
  for (std::sregex_iterator it(page.begin(), page.end(), control), end; it != end; ++it) {
    ++controls;
    const std::string id = (*it)[2].str();
    BOOST_TEST(page.find("<label for=\"" + id + "\"") != std::string::npos, id);
  }
  BOOST_TEST(controls == 5u);  // the access key (asked only when the server wants one) and four
  BOOST_TEST(page.find("<iframe id=\"rapport\" title=") != std::string::npos);
  res = client.Get("/style.css");
  BOOST_REQUIRE(res);
  BOOST_TEST(res->body.find(":focus-visible") != std::string::npos);  // focus stays visible
}

BOOST_AUTO_TEST_CASE(reload_swaps_good_rules_and_keeps_serving_on_broken_ones) {
  auto dir = fresh_temp_dir("serve-reload");
  fs::copy(root() / "rules", dir / "rules", fs::copy_options::recursive);
  // The rules name their default policy as ../policies/landelijk.yaml: it comes along.
  fs::copy(root() / "policies", dir / "policies", fs::copy_options::recursive);
  ServeProcess server({"--rules", (dir / "rules").string()}, dir, root());

  httplib::Client client("127.0.0.1", server.port());
  const std::string example = slurp_file(root() / "examples/gezin-0142.yaml");
  auto sha_served = [&] { return Json::parse(client.Get("/v1/rules")->body)["rules_sha256"]; };
  const Json before = sha_served();

  std::ofstream(dir / "rules" / "zz-kapot.koers") << "rule kapot {\n  when\n}\n";
  auto res = client.Post("/v1/reload", "", "application/json");
  BOOST_REQUIRE(res);
  BOOST_TEST(res->status == 422);
  Json body = Json::parse(res->body);
  BOOST_TEST(body["error"] == "reload_failed");
  BOOST_TEST(body["serving"]["rules_sha256"] == before);
  BOOST_REQUIRE(!body["diagnostics"].empty());
  BOOST_TEST(body["diagnostics"][0]["text"].get<std::string>().find("zz-kapot.koers") !=
             std::string::npos);
  BOOST_TEST(sha_served() == before);
  res = post_case(client, "/v1/advice", example);
  BOOST_REQUIRE(res);
  BOOST_TEST(res->status == 200);
  BOOST_TEST(Json::parse(res->body)["provenance"]["rules"]["sha256"] == before);
  BOOST_TEST(server.log().find("reload failed") != std::string::npos);
  // Advice goes on, from older rules than the operator put in place: not ready, on both paths.
  for (const char* path : {"/readyz", "/healthz"}) {
    res = client.Get(path);
    BOOST_REQUIRE(res);
    BOOST_TEST(res->status == 503, path);
    body = Json::parse(res->body);
    BOOST_TEST(body["status"] == "unavailable");
    BOOST_TEST(body["failing"] == Json::array({"reload_failed"}), res->body);
    BOOST_TEST(body["rules_sha256"] == before);
  }

  // A good change: POST /v1/reload takes it.
  fs::remove(dir / "rules" / "zz-kapot.koers");
  std::ofstream(dir / "rules" / "zz-bron.koers")
      << "source extra_bron {\n  title \"Een extra bron\"\n  kind organisation\n}\n";
  res = client.Post("/v1/reload", "", "application/json");
  BOOST_REQUIRE(res);
  BOOST_TEST(res->status == 200, res->body);
  const Json after = sha_served();
  BOOST_TEST(after != before);
  BOOST_TEST(Json::parse(res->body)["serving"]["rules_sha256"] == after);
  res = client.Get("/readyz");
  BOOST_REQUIRE(res);
  BOOST_TEST(res->status == 200, res->body);
  BOOST_TEST(Json::parse(res->body)["status"] == "ok");
  BOOST_TEST(!Json::parse(res->body).contains("failing"));

  // SIGHUP does the same.
  fs::remove(dir / "rules" / "zz-bron.koers");
  server.signal(SIGHUP);
  bool back = false;
  for (int i = 0; i < 200 && !back; ++i) {
    back = sha_served() == before;
    if (!back) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  BOOST_TEST(back);
}

BOOST_AUTO_TEST_CASE(requests_during_reloads_are_all_answered) {
  auto dir = fresh_temp_dir("serve-concurrent");
  ServeProcess server({"--audit", (dir / "audit.jsonl").string(), "--threads", "4"}, dir, root());
  const std::string example = slurp_file(root() / "examples/gezin-0217-acuut.yaml");
  const std::string expected =
      run_koers("advise --as-of 2026-11-01 --format json examples/gezin-0217-acuut.yaml").out;
  std::atomic<int> good = 0;
  std::vector<std::thread> clients;
  for (int t = 0; t < 6; ++t) {
    clients.emplace_back([&] {
      httplib::Client client("127.0.0.1", server.port());
      for (int i = 0; i < 10; ++i) {
        auto res = client.Post("/v1/advice?as_of=2026-11-01", example, "application/yaml");
        if (res && res->status == 200 && res->body + "\n" == expected) ++good;
      }
    });
  }
  httplib::Client admin("127.0.0.1", server.port());
  for (int i = 0; i < 5; ++i) {
    auto res = admin.Post("/v1/reload", "", "application/json");
    BOOST_TEST((res && res->status == 200));
  }
  for (auto& c : clients) c.join();
  BOOST_TEST(good.load() == 60);
  // Sixty whole advice lines and five reload lines: concurrent writers never interleave.
  auto lines = json_lines(dir / "audit.jsonl");
  BOOST_TEST(lines.size() == 65u);
  size_t advice_lines = 0;
  for (const auto& line : lines) {
    if (line["type"] == "reload") {
      BOOST_TEST(line["outcome"] == "reloaded");
      continue;
    }
    ++advice_lines;
    BOOST_TEST(line["case_id"] == "gezin-0217");
  }
  BOOST_TEST(advice_lines == 60u);
}

BOOST_AUTO_TEST_CASE(audit_feedback_and_export) {
  auto dir = fresh_temp_dir("serve-feedback");
  const fs::path audit = dir / "audit.jsonl";
  ServeProcess server({"--audit", audit.string(), "--record", (dir / "cases").string()}, dir,
                      root());
  httplib::Client client("127.0.0.1", server.port());
  auto res = post_case(client, "/v1/advice?as_of=2026-11-01",
                       slurp_file(root() / "examples/gezin-0142.yaml"));
  BOOST_REQUIRE(res);
  BOOST_REQUIRE(res->status == 200);
  const Json advice = Json::parse(res->body);
  const std::string receipt = advice["receipt"];

  // The audit line is on disk when the answer arrives, and holds no case content.
  auto lines = json_lines(audit);
  BOOST_REQUIRE(lines.size() == 1u);
  BOOST_TEST(lines[0]["type"] == "advice");
  BOOST_TEST(lines[0]["receipt"] == receipt);
  BOOST_TEST(lines[0]["case_sha256"] == advice["provenance"]["case_sha256"]);
  BOOST_TEST(lines[0]["decisions"]["strategy"] == advice["decisions"]["strategy"]["value"]);
  BOOST_TEST(lines[0]["as_of"] == "2026-11-01");
  BOOST_TEST(!lines[0]["rules_fired"].empty());
  BOOST_TEST(slurp_file(audit).find("LIRIK") == std::string::npos);  // a field of the case
  BOOST_TEST(server.log().find("LIRIK") == std::string::npos);

  auto feedback = [&](const Json& body) {
    return client.Post("/v1/feedback", body.dump(), "application/json");
  };
  res = feedback({{"receipt", "sha256:" + std::string(64, '0')},
                  {"verdict", "accepted"},
                  {"decision", "strategy"}});
  BOOST_REQUIRE(res);
  BOOST_TEST(res->status == 404);
  res = feedback({{"receipt", receipt}, {"verdict", "maybe"}, {"decision", "strategy"}});
  BOOST_TEST(res->status == 422);
  res = feedback({{"receipt", receipt},
                  {"verdict", "overridden"},
                  {"decision", "strategy"},
                  {"value", "geen_strategie"},
                  {"reason", "x"}});
  BOOST_TEST(res->status == 422);
  res = feedback({{"receipt", receipt},
                  {"verdict", "overridden"},
                  {"decision", "strategy"},
                  {"value", "stut_en_steun"},
                  {"reason", "same as advised"}});
  BOOST_TEST(res->status == 422);  // an override must differ from the advice
  res = feedback({{"receipt", receipt}, {"verdict", "accepted"}, {"decision", "safety"}});
  BOOST_TEST(res->status == 201, res->body);
  res = feedback({{"receipt", receipt},
                  {"verdict", "overridden"},
                  {"decision", "strategy"},
                  {"value", "direct_hulpaanbod"},
                  {"reason", "Het gezin vraagt zelf om direct hulpaanbod."}});
  BOOST_REQUIRE(res);
  BOOST_TEST(res->status == 201, res->body);
  lines = json_lines(audit);
  BOOST_REQUIRE(lines.size() == 3u);
  BOOST_TEST(lines[2]["type"] == "feedback");
  BOOST_TEST(lines[2]["receipt"] == receipt);
  BOOST_TEST(lines[2]["advised"] == "stut_en_steun");
  BOOST_TEST(lines[2]["value"] == "direct_hulpaanbod");
  BOOST_TEST(lines[2]["case_id"] == "gezin-0142");

  // The override becomes a candidate suite that `koers test` reads, and that fails on these rules
  // until a maintainer decides.
  Run exported = run_koers("feedback export --cases '" + (dir / "cases").string() + "' -o '" +
                           (dir / "candidates").string() + "' '" + audit.string() + "'");
  BOOST_TEST(exported.code == 0, exported.err);
  std::vector<fs::path> suites;
  for (const auto& e : fs::directory_iterator(dir / "candidates")) suites.push_back(e.path());
  BOOST_REQUIRE(suites.size() == 1u);  // the accepted verdict is no candidate
  const std::string suite = slurp_file(suites[0]);
  BOOST_TEST(suite.rfind("# review: required\n", 0) == 0u);
  BOOST_TEST(suite.find("strategy: direct_hulpaanbod") != std::string::npos);
  BOOST_TEST(suite.find("Het gezin vraagt zelf om direct hulpaanbod.") != std::string::npos);
  Run tested = run_koers("test '" + (dir / "candidates").string() + "'");
  BOOST_TEST(tested.code == 1, tested.out << tested.err);
  BOOST_TEST(tested.out.find("0 passed, 1 failed") != std::string::npos, tested.out);
  BOOST_TEST(tested.out.find("strategy") != std::string::npos);

  // A feedback line written by hand between two lines of the server is not exported: the line
  // after it no longer vouches for the line before, and export refuses the whole log.
  std::string text = slurp_file(audit);
  const size_t second_line = text.find('\n') + 1;
  text.insert(second_line, lines[2].dump() + "\n");
  const fs::path forged = dir / "forged.jsonl";
  std::ofstream(forged, std::ios::binary) << text;
  Run refused = run_koers("feedback export --cases '" + (dir / "cases").string() + "' -o '" +
                          (dir / "forged-candidates").string() + "' '" + forged.string() + "'");
  BOOST_TEST(refused.code == 1, refused.err);
  BOOST_TEST(refused.err.find(forged.string() + ":2:") != std::string::npos, refused.err);
  BOOST_TEST(!fs::exists(dir / "forged-candidates"));
}

// An audit log that cannot take another line (here the file-size limit, as a full disk would):
// the advice is withheld, /readyz and /healthz say so without naming the file, and once a line
// fits again (the operator made room) readiness and advice come back by themselves.
BOOST_AUTO_TEST_CASE(an_unwritable_audit_log_makes_the_server_unready_until_it_has_room) {
  auto dir = fresh_temp_dir("serve-audit-full");
  const fs::path audit = dir / "audit.jsonl";
  constexpr rlim_t kLimit = 96 << 10;
  ServeProcess server({"--audit", audit.string()}, dir, root(), "warn", kLimit);
  httplib::Client client("127.0.0.1", server.port());
  const std::string example = slurp_file(root() / "examples/gezin-0142.yaml");
  BOOST_TEST(client.Get("/readyz")->status == 200);

  int advised = 0;
  int last_status = 0;
  std::string last_body;
  for (int i = 0; i < 2000 && last_status != 500; ++i) {
    auto answer = post_case(client, "/v1/advice", example);
    BOOST_REQUIRE(answer);
    last_status = answer->status;
    last_body = answer->body;
    if (last_status == 200) ++advised;
  }
  BOOST_TEST(advised > 0);
  BOOST_TEST(last_status == 500);
  BOOST_TEST(Json::parse(last_body)["error"] == "audit_failed");
  // A line for each advice given, none for the one withheld (its bytes that fit stay behind as
  // a torn line, without a newline, which readers skip).
  BOOST_TEST(count_of(slurp_file(audit), "\n") == size_t(advised));

  for (const char* path : {"/readyz", "/healthz"}) {
    auto res = client.Get(path);
    BOOST_REQUIRE(res);
    BOOST_TEST(res->status == 503, path);
    const Json body = Json::parse(res->body);
    BOOST_TEST(body["failing"] == Json::array({"audit_unwritable"}), res->body);
    BOOST_TEST(res->body.find(audit.string()) == std::string::npos);  // no server path
  }
  // Still not ready on a second look: readiness checks the log again, it does not forget.
  BOOST_TEST(client.Get("/readyz")->status == 503);

  // Room again (here: the full file rotated away; on a real disk, space freed): ready again
  // without a request, and the next advice goes to a new file at the same path.
  fs::rename(audit, dir / "audit.jsonl.1");
  BOOST_TEST(client.Get("/readyz")->status == 200);
  auto res = post_case(client, "/v1/advice", example);
  BOOST_REQUIRE(res);
  BOOST_TEST(res->status == 200);
  BOOST_TEST(count_of(slurp_file(audit), "\n") == 1u);
  // SIGUSR1 (logrotate's postrotate) reopens the log; it does not stop the server.
  server.signal(SIGUSR1);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  res = post_case(client, "/v1/advice", example);
  BOOST_REQUIRE(res);
  BOOST_TEST(res->status == 200);
  BOOST_TEST(count_of(slurp_file(audit), "\n") == 2u);
  BOOST_TEST(server.stop() == 0);
}

BOOST_AUTO_TEST_CASE(feedback_needs_an_audit_log) {
  auto dir = fresh_temp_dir("serve-noaudit");
  ServeProcess server({}, dir, root());
  httplib::Client client("127.0.0.1", server.port());
  auto res =
      client.Post("/v1/feedback", R"({"receipt":"x","verdict":"accepted"})", "application/json");
  BOOST_REQUIRE(res);
  BOOST_TEST(res->status == 503);
}

BOOST_AUTO_TEST_CASE(a_torn_audit_line_is_kept_ended_and_recorded) {
  auto dir = fresh_temp_dir("serve-torn");
  const fs::path audit = dir / "audit.jsonl";
  Run first = run_koers("advise --as-of 2026-11-01 --audit '" + audit.string() +
                        "' examples/gezin-0142.yaml");
  BOOST_REQUIRE(first.code == 0);
  const std::string good = slurp_file(audit);
  const std::string torn = R"({"type":"advice","time":"2026-11-23T10:00:00.000Z","recei)";
  std::ofstream(audit, std::ios::app | std::ios::binary) << torn;

  ServeProcess server({"--audit", audit.string()}, dir, root());
  BOOST_TEST(server.log().find("torn last line of " + std::to_string(torn.size()) + " bytes") !=
                 std::string::npos,
             server.log());
  httplib::Client client("127.0.0.1", server.port());
  auto res =
      post_case(client, "/v1/advice", slurp_file(root() / "examples/gezin-0388-geen-mpg.yaml"));
  BOOST_REQUIRE(res);
  BOOST_TEST(res->status == 200);
  server.stop();

  const std::string text = slurp_file(audit);
  BOOST_TEST(text.rfind(good + torn + "\n", 0) == 0u);  // nothing lost, the torn line ended
  std::istringstream in(text.substr(good.size() + torn.size() + 1));
  std::string line;
  std::getline(in, line);
  Json repair = Json::parse(line);
  BOOST_TEST(repair["type"] == "repair");
  BOOST_TEST(repair["torn_bytes"] == torn.size());
  std::getline(in, line);
  BOOST_TEST(Json::parse(line)["case_id"] == "gezin-0388");
  // Reopening a healthy log changes nothing.
  Run again = run_koers("advise --as-of 2026-11-01 --audit '" + audit.string() +
                        "' examples/gezin-0142.yaml");
  BOOST_TEST(again.err.find("torn") == std::string::npos);
  // koers advise reads only the end of the log, and finds and repairs a torn line there too.
  const size_t offset = fs::file_size(audit);
  const std::string torn_again(5000, 'x');  // longer than one backward read
  std::ofstream(audit, std::ios::app | std::ios::binary) << torn_again;
  Run repaired = run_koers("advise --as-of 2026-11-01 --audit '" + audit.string() +
                           "' examples/gezin-0217-acuut.yaml");
  BOOST_TEST(repaired.code == 0);
  BOOST_TEST(repaired.err.find("torn last line of 5000 bytes at offset " +
                               std::to_string(offset)) != std::string::npos,
             repaired.err);
  auto all = slurp_file(audit);
  BOOST_TEST(all.find(torn_again + "\n{\"type\":\"repair\"") == offset);
  // The torn line is skipped (and counted) by replay; the receipt of the first advice still works.
  Run replayed = run_koers("replay --cases examples '" + audit.string() + "'");
  BOOST_TEST(replayed.code == 0, replayed.out << replayed.err);
  BOOST_TEST(replayed.out.find("4 confirmed, 0 mismatched, 0 not found; 2 unreadable line(s) "
                               "skipped") != std::string::npos,
             replayed.out);
}

BOOST_AUTO_TEST_CASE(replay_confirms_and_detects_mismatches) {
  auto dir = fresh_temp_dir("serve-replay");
  const fs::path audit = dir / "audit.jsonl";
  Run advised = run_koers("advise --as-of 2026-11-01 --format json --audit '" + audit.string() +
                          "' examples/*.yaml");
  BOOST_REQUIRE(advised.code == 0);
  // koers advise prints the same advice it logs.
  BOOST_TEST(json_lines(audit).size() == kExamples.size());

  Run ok = run_koers("replay --cases examples '" + audit.string() + "'");
  BOOST_TEST(ok.code == 0, ok.out << ok.err);
  BOOST_TEST(ok.out.find("5 confirmed, 0 mismatched, 0 not found") != std::string::npos, ok.out);

  // Another policy: every receipt differs, and replay says why.
  Run policy = run_koers("replay --policy policies/voorbeeld-regio-noord.yaml --cases examples '" +
                         audit.string() + "'");
  BOOST_TEST(policy.code == 1);
  BOOST_TEST(policy.out.find("MISMATCH") != std::string::npos);
  BOOST_TEST(policy.out.find("policy sha256: logged") != std::string::npos, policy.out);

  // A log whose decision was altered after the fact, in a line before the last: the next line's
  // chain hash no longer matches, and replay refuses the log, naming the line.
  const std::string text = slurp_file(audit);
  const std::string stut = "\"strategy\":\"stut_en_steun\"";
  const std::string orde = "\"strategy\":\"orde_op_zaken\"";
  const size_t at = text.find(stut);
  BOOST_REQUIRE(at != std::string::npos);
  const size_t line_of_change = 1 + std::count(text.begin(), text.begin() + at, '\n');
  BOOST_REQUIRE(line_of_change < kExamples.size());
  std::string altered_text = text;
  altered_text.replace(at, stut.size(), orde);
  const fs::path altered_path = dir / "altered.jsonl";
  std::ofstream(altered_path, std::ios::binary) << altered_text;
  const std::string where = altered_path.string() + ":" + std::to_string(line_of_change + 1);
  Run altered = run_koers("replay --cases examples '" + altered_path.string() + "'");
  BOOST_TEST(altered.code == 1);
  BOOST_TEST(altered.out.empty(), altered.out);
  BOOST_TEST(altered.err.find("may have been changed") != std::string::npos, altered.err);
  BOOST_TEST(altered.err.find(where + ": the chain is broken") != std::string::npos, altered.err);
  Run verified = run_koers("audit verify '" + altered_path.string() + "'");
  BOOST_TEST(verified.code == 1);
  BOOST_TEST(verified.out.find(where) != std::string::npos, verified.out);
  BOOST_TEST(verified.out.find("chain BROKEN: 1 problem in 5 lines") != std::string::npos,
             verified.out);
  Run intact = run_koers("audit verify '" + audit.string() + "'");
  BOOST_TEST(intact.code == 0, intact.out << intact.err);
  BOOST_TEST(intact.out.find("chain intact: 5 lines, 5 chained") != std::string::npos, intact.out);
  BOOST_TEST(run_koers("audit verify '" + (dir / "absent.jsonl").string() + "'").code == 2);

  // The last line has no line after it to vouch for it (only a hash kept elsewhere does): the
  // chain holds, and replay finds the altered decision itself.
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  const std::string key = "\"mpg\":\"";
  const size_t value_at = lines.back().find(key) + key.size();
  BOOST_REQUIRE(value_at != std::string::npos + key.size());
  const size_t value_end = lines.back().find('"', value_at);
  const std::string logged = lines.back().substr(value_at, value_end - value_at);
  const std::string forged = logged == "true" ? "false" : "true";
  lines.back().replace(value_at, logged.size(), forged);
  std::ofstream last_altered(dir / "last-altered.jsonl", std::ios::binary);
  for (const auto& line : lines) last_altered << line << "\n";
  last_altered.close();
  Run last = run_koers("replay --cases examples '" + (dir / "last-altered.jsonl").string() + "'");
  BOOST_TEST(last.code == 1);
  BOOST_TEST(
      last.out.find("decision mpg: logged " + forged + ", now " + logged) != std::string::npos,
      last.out);
  BOOST_TEST(last.out.find("4 confirmed, 1 mismatched") != std::string::npos, last.out);

  // A case that is not at hand.
  Run missing = run_koers("replay --cases tests/golden '" + audit.string() + "'");
  BOOST_TEST(missing.code == 1);
  BOOST_TEST(missing.out.find("0 confirmed, 0 mismatched, 5 not found") != std::string::npos,
             missing.out);
}

BOOST_AUTO_TEST_CASE(sigterm_finishes_the_request_in_flight) {
  auto dir = fresh_temp_dir("serve-sigterm");
  const fs::path audit = dir / "audit.jsonl";
  ServeProcess server({"--audit", audit.string()}, dir, root());
  const std::string body = slurp_file(root() / "examples/gezin-0142.yaml");
  const std::string head =
      "POST /v1/advice HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
      "application/yaml\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n";
  // Half a request is on its way when SIGTERM arrives; the rest comes after.
  const std::string answer =
      raw_exchange(server.port(), head + body, head.size() + 100, [&] { server.signal(SIGTERM); });
  BOOST_TEST(answer.rfind("HTTP/1.1 200 OK", 0) == 0u, answer.substr(0, 200));
  BOOST_TEST(answer.find("\"case_id\":\"gezin-0142\"") != std::string::npos);
  BOOST_TEST(server.stop() == 0);
  BOOST_TEST(json_lines(audit).size() == 1u);
  const std::string log = server.log();
  BOOST_TEST(log.find("SIGTERM") < log.find("POST /v1/advice -> 200"), log);
}

BOOST_AUTO_TEST_CASE(the_page_endpoints_schema_case_read_timeline_print_and_guides) {
  auto dir = fresh_temp_dir("serve-page");
  const fs::path audit = dir / "audit.jsonl";
  ServeProcess server({"--audit", audit.string()}, dir, root());
  httplib::Client client("127.0.0.1", server.port());
  const std::string example = slurp_file(root() / "examples/gezin-0142.yaml");

  // The schema the form is built from: Dutch titles, an entry name for lists, enum labels.
  auto schema = client.Get("/v1/schema");
  BOOST_REQUIRE(schema);
  BOOST_TEST(schema->status == 200);
  const Json s = Json::parse(schema->body);
  BOOST_TEST(s["root"] == "case");
  bool parents = false;
  for (const auto& f : s["records"]["family"]["fields"]) {
    if (f["name"] == "parents") parents = f["title"] == "Ouders" && f["item"] == "Ouder";
  }
  BOOST_TEST(parents);
  BOOST_TEST(s["enums"]["severity"][2]["label"] == "hoog");

  // A case file as the object the form edits; an unreadable one is 422 in Dutch with its line.
  auto read = post_case(client, "/v1/case/read", example);
  BOOST_REQUIRE(read);
  BOOST_TEST(read->status == 200);
  BOOST_TEST(Json::parse(read->body)["case"]["case_id"] == "gezin-0142");
  auto unreadable = post_case(client, "/v1/case/read", "case_id: gezin-1\nfamily: [\n");
  BOOST_REQUIRE(unreadable);
  BOOST_TEST(unreadable->status == 422);
  const Json problem = Json::parse(unreadable->body);
  BOOST_TEST(problem["error"] == "case_unreadable");
  BOOST_TEST(problem["line"].get<int>() >= 2);
  BOOST_TEST(problem["message"].get<std::string>().find("casusbestand") != std::string::npos);
  BOOST_TEST((!fs::exists(audit) || json_lines(audit).empty()));  // reading is not advice

  // The timeline fragment and the print view.
  auto timeline = post_case(client, "/v1/timeline?as_of=2026-11-01", example);
  BOOST_REQUIRE(timeline);
  BOOST_TEST(timeline->status == 200);
  BOOST_TEST(timeline->body.find("<table class=\"tijdlijn\">") != std::string::npos);
  BOOST_TEST(timeline->body.find("Voortgang van de hulp (OBVL-K): onbekend → stagneert") !=
             std::string::npos);
  auto print = post_case(client, "/v1/report?as_of=2026-11-01&view=print", example);
  BOOST_REQUIRE(print);
  BOOST_TEST(print->status == 200);
  BOOST_TEST(print->body.find("Besluit van het team") != std::string::npos);
  BOOST_TEST(print->body.find("sha256") == std::string::npos);

  // A recommendation taken over, or not with a reason, is recorded.
  auto advice = post_case(client, "/v1/advice?as_of=2026-11-01", example);
  BOOST_REQUIRE(advice);
  const std::string receipt = Json::parse(advice->body)["receipt"];
  auto feedback = [&](const Json& body) {
    return client.Post("/v1/feedback", body.dump(), "application/json");
  };
  auto no_reason = feedback(
      {{"receipt", receipt}, {"verdict", "overridden"}, {"recommendation", "caseload_verlagen"}});
  BOOST_REQUIRE(no_reason);
  BOOST_TEST(no_reason->status == 422);
  auto not_given = feedback(
      {{"receipt", receipt}, {"verdict", "accepted"}, {"recommendation", "direct_ingrijpen"}});
  BOOST_REQUIRE(not_given);
  BOOST_TEST(not_given->status == 422);  // not a recommendation of that advice
  auto taken = feedback({{"receipt", receipt},
                         {"verdict", "overridden"},
                         {"recommendation", "caseload_verlagen"},
                         {"reason", "Er komt volgende maand een collega bij."}});
  BOOST_REQUIRE(taken);
  BOOST_TEST(taken->status == 201, taken->body);
  const auto lines = json_lines(audit);
  BOOST_TEST(lines.back()["type"] == "feedback");
  BOOST_TEST(lines.back()["recommendation"] == "caseload_verlagen");
  BOOST_TEST(!lines.back().contains("decision"));

  // The guides, linked from the page.
  auto guide = client.Get("/docs/handleiding-hulpverlener.html");
  BOOST_REQUIRE(guide);
  BOOST_TEST(guide->status == 200);
  BOOST_TEST(guide->body.find("<html lang=\"nl\">") != std::string::npos);
  BOOST_TEST(guide->body.find("href=\"casusformaat.html\"") != std::string::npos);
  BOOST_TEST(guide->body.find("guidance.md") != std::string::npos);  // as text, not a dead link
  BOOST_TEST(guide->body.find("href=\"guidance") == std::string::npos);
  auto missing = client.Get("/docs/../README.md");
  BOOST_REQUIRE(missing);
  BOOST_TEST(missing->status == 404);
}
