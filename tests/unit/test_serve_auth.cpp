// Who may ask `koers serve`, and who asked (issue 12 §3-4), end to end: tokens made with
// `koers token add`, roles, a revoked token refused without a restart, an identity header
// believed only from a trusted proxy, audit lines naming actor, address class and request id (or
// the actor's pseudonym), no unauthenticated server beyond loopback; and rules deployed whole: a
// version swapped by renaming a symbolic link, --expect-rules-hash, and a rule set that lost its
// safety rules refused on reload.
#define BOOST_TEST_MODULE serve_auth
#include <httplib.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "support/json_lines.h"
#include "support/raw_client.h"
#include "support/run_koers.h"
#include "support/serve_process.h"

namespace fs = std::filesystem;
using Json = nlohmann::json;
using koers::testing::fresh_temp_dir;
using koers::testing::json_lines;
using koers::testing::run_koers;
using koers::testing::ServeProcess;
using koers::testing::slurp_file;

namespace {

fs::path root() {
  return koers::testing::repository_root();
}

// `koers token add NAME --role ROLE --file FILE`: the token it prints.
std::string add_token(const fs::path& file, const std::string& name, const std::string& role) {
  const auto run =
      run_koers("token add " + name + " --role " + role + " --file '" + file.string() + "'");
  BOOST_REQUIRE_MESSAGE(run.code == 0, run.err);
  std::string token = run.out;
  while (!token.empty() && token.back() == '\n') token.pop_back();
  return token;
}

httplib::Headers bearer(const std::string& token) {
  return {{"Authorization", "Bearer " + token}};
}

std::string example() {
  return slurp_file(root() / "examples/gezin-0142.yaml");
}

}  // namespace

BOOST_AUTO_TEST_CASE(tokens_roles_revocation_and_audit_lines_that_name_who_asked) {
  const auto dir = fresh_temp_dir("serve-tokens");
  const fs::path tokens = dir / "tokens";
  const std::string anna = add_token(tokens, "anna", "caseworker");
  const std::string bram = add_token(tokens, "bram", "maintainer");
  BOOST_TEST(anna.rfind("koers_", 0) == 0u);
  BOOST_TEST(((fs::status(tokens).permissions() & fs::perms::others_read) == fs::perms::none));
  BOOST_TEST(slurp_file(tokens).find(anna) == std::string::npos);
  const auto listed = run_koers("token list --file '" + tokens.string() + "'");
  BOOST_TEST(listed.code == 0);
  BOOST_TEST(listed.out.find("anna\tcaseworker\t") != std::string::npos);
  BOOST_TEST(listed.out.find("bram\tmaintainer\t") != std::string::npos);
  BOOST_TEST(run_koers("token add anna --file '" + tokens.string() + "'").code == 1);

  ServeProcess server({"--tokens", tokens.string(), "--audit", (dir / "audit.jsonl").string()}, dir,
                      root());
  httplib::Client client("127.0.0.1", server.port());

  // Health and the page itself are open; the API needs a token.
  BOOST_TEST(client.Get("/healthz")->status == 200);
  BOOST_TEST(client.Get("/")->status == 200);
  auto res = client.Get("/v1/examples");
  BOOST_REQUIRE(res);
  BOOST_TEST(res->status == 401);
  BOOST_TEST(Json::parse(res->body)["error"] == "unauthenticated");
  BOOST_TEST(res->get_header_value("WWW-Authenticate").find("Bearer") == 0u);
  BOOST_TEST(res->get_header_value("X-Request-Id").size() == 16u);
  res = client.Get("/v1/examples", bearer("koers_" + std::string(64, '0')));
  BOOST_TEST(res->status == 401);
  BOOST_TEST(Json::parse(res->body)["error"] == "invalid_token");

  // A caseworker asks advice; a reload and the rule listing need a maintainer.
  res = client.Post("/v1/advice", bearer(anna), example(), "application/yaml");
  BOOST_REQUIRE(res);
  BOOST_TEST(res->status == 200);
  const std::string advice_request_id = res->get_header_value("X-Request-Id");
  BOOST_TEST(client.Post("/v1/reload", bearer(anna), "", "application/json")->status == 403);
  BOOST_TEST(client.Get("/v1/rules", bearer(anna))->status == 403);
  BOOST_TEST(client.Get("/v1/rules", bearer(bram))->status == 200);
  res = client.Post("/v1/reload", bearer(bram), "", "application/json");
  BOOST_TEST(res->status == 200);
  const std::string reload_request_id = res->get_header_value("X-Request-Id");

  const auto lines = json_lines(dir / "audit.jsonl");
  BOOST_REQUIRE(lines.size() == 2u);
  BOOST_TEST(lines[0]["type"] == "advice");
  BOOST_TEST(lines[0]["actor"] == "anna");
  BOOST_TEST(lines[0]["address"] == "loopback");
  BOOST_TEST(lines[0]["request_id"] == advice_request_id);
  BOOST_TEST(lines[1]["type"] == "reload");
  BOOST_TEST(lines[1]["actor"] == "bram");
  BOOST_TEST(lines[1]["outcome"] == "reloaded");
  BOOST_TEST(lines[1]["request_id"] == reload_request_id);
  // The log is still one koers replay can read (a reload line is no torn line).
  const auto replayed =
      run_koers("replay --cases examples '" + (dir / "audit.jsonl").string() + "'");
  BOOST_TEST(replayed.code == 0, replayed.out + replayed.err);

  // Revoked: refused within a second or two, without a restart.
  BOOST_TEST(run_koers("token revoke anna --file '" + tokens.string() + "'").code == 0);
  int status = 200;
  for (int i = 0; i < 60 && status == 200; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    status = client.Get("/v1/examples", bearer(anna))->status;
  }
  BOOST_TEST(status == 401);
  BOOST_TEST(client.Get("/v1/examples", bearer(bram))->status == 200);
  BOOST_TEST(server.log().find(anna) == std::string::npos);  // no token in the log
}

BOOST_AUTO_TEST_CASE(a_token_file_others_may_change_is_refused_at_the_start) {
  const auto dir = fresh_temp_dir("serve-tokens-open");
  const fs::path tokens = dir / "tokens";
  add_token(tokens, "anna", "caseworker");
  fs::permissions(tokens, fs::perms::others_write, fs::perm_options::add);
  try {
    ServeProcess server({"--tokens", tokens.string()}, dir, root());
    BOOST_FAIL("the server started");
  } catch (const std::runtime_error& e) {
    BOOST_TEST(std::string(e.what()).find("may be changed by other users") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(an_identity_header_counts_only_from_a_trusted_proxy) {
  const auto dir = fresh_temp_dir("serve-proxy");
  const fs::path key = dir / "actor.key";
  {
    ServeProcess server({"--identity-header", "X-Remote-User", "--trusted-proxy", "127.0.0.1",
                         "--role-header", "X-Remote-Role", "--pseudonymise-actors", key.string(),
                         "--audit", (dir / "audit.jsonl").string()},
                        dir, root());
    httplib::Client client("127.0.0.1", server.port());
    BOOST_TEST(client.Get("/v1/examples")->status == 401);
    const httplib::Headers carla = {{"X-Remote-User", "carla@jeugdzorg.example"}};
    auto res = client.Post("/v1/advice", carla, example(), "application/yaml");
    BOOST_REQUIRE(res);
    BOOST_TEST(res->status == 200);
    BOOST_TEST(client.Post("/v1/reload", carla, "", "application/json")->status == 403);
    const httplib::Headers maintainer = {{"X-Remote-User", "dirk"},
                                         {"X-Remote-Role", "maintainer"}};
    BOOST_TEST(client.Post("/v1/reload", maintainer, "", "application/json")->status == 200);
    // A client's own headers passed on beside the proxy's: never believed.
    const httplib::Headers smuggled = {{"X-Remote-User", "mallory"},
                                       {"X-Remote-Role", "maintainer"},
                                       {"X-Remote-User", "carla@jeugdzorg.example"},
                                       {"X-Remote-Role", "caseworker"}};
    auto twice = client.Post("/v1/reload", smuggled, "", "application/json");
    BOOST_REQUIRE(twice);
    BOOST_TEST(twice->status == 400);
    BOOST_TEST(Json::parse(twice->body)["error"] == "ambiguous_identity");
  }
  BOOST_TEST(((fs::status(key).permissions() & fs::perms::group_all) == fs::perms::none));
  const auto lines = json_lines(dir / "audit.jsonl");
  BOOST_REQUIRE(lines.size() == 2u);  // the advice and the maintainer's reload; no smuggled one
  const std::string actor = lines[0]["actor"];
  BOOST_TEST(actor.rfind("hmac:", 0) == 0u);
  BOOST_TEST(slurp_file(dir / "audit.jsonl").find("carla") == std::string::npos);
  BOOST_TEST(slurp_file(dir / "audit.jsonl").find("dirk") == std::string::npos);

  // The same key gives the same pseudonym after a restart; a proxy elsewhere is not believed.
  ServeProcess again({"--identity-header", "X-Remote-User", "--trusted-proxy", "10.9.9.9",
                      "--pseudonymise-actors", key.string()},
                     dir, root());
  httplib::Client client("127.0.0.1", again.port());
  auto res = client.Post("/v1/advice", {{"X-Remote-User", "carla@jeugdzorg.example"}}, example(),
                         "application/yaml");
  BOOST_REQUIRE(res);
  BOOST_TEST(res->status == 401);
  BOOST_TEST(Json::parse(res->body)["error"] == "untrusted_identity");
}

BOOST_AUTO_TEST_CASE(no_server_beyond_loopback_without_authentication) {
  const auto run = run_koers("serve --listen 0.0.0.0:0");
  BOOST_TEST(run.code == 2);
  BOOST_TEST(run.err.find("nobody would be asked who they are") != std::string::npos);
  const auto bad_proxy = run_koers("serve --identity-header X-User --trusted-proxy 10.0.0.0/40");
  BOOST_TEST(bad_proxy.code == 2);
  BOOST_TEST(bad_proxy.err.find("--trusted-proxy needs an IP address or a CIDR block") !=
             std::string::npos);
  const auto no_proxy = run_koers("serve --identity-header X-User");
  BOOST_TEST(no_proxy.code == 2);
  BOOST_TEST(no_proxy.err.find("needs at least one --trusted-proxy") != std::string::npos);
}

// releases/a and releases/b are whole versions; `current` names one. A deploy renames a new link
// over `current`, which a reload then reads as a whole.
BOOST_AUTO_TEST_CASE(a_version_swapped_by_renaming_a_link_is_reloaded_whole) {
  const auto dir = fresh_temp_dir("serve-swap");
  fs::create_directories(dir / "releases");
  fs::copy(root() / "rules", dir / "releases/a", fs::copy_options::recursive);
  // The rules name their default policy as ../policies/landelijk.yaml: it comes along.
  fs::copy(root() / "policies", dir / "releases/policies", fs::copy_options::recursive);
  fs::copy(root() / "rules", dir / "releases/b", fs::copy_options::recursive);
  std::ofstream(dir / "releases/b/zz-bron.koers")
      << "source extra_bron {\n  title \"Een extra bron\"\n  kind organisation\n}\n";
  // c: a rule set of its own that checks, but has no alert decision at all.
  fs::create_directories(dir / "releases/c");
  fs::copy(root() / "rules/schema.koers", dir / "releases/c/schema.koers");
  std::ofstream(dir / "releases/c/klein.koers")
      << "source eigen_bron {\n  title \"Eigen bron\"\n  kind organisation\n}\n\n"
         "decision mpg: bool {\n  title \"Multiprobleemgezin\"\n  settle first\n}\n\n"
         "rule klein.altijd {\n  title \"Altijd\"\n  source eigen_bron\n"
         "  when count(family.parents) >= 0\n  then mpg = true\n  because \"Altijd.\"\n}\n";
  // d: the shipped rules without veiligheid.koers; `koers check` already refuses it (K225).
  fs::copy(root() / "rules", dir / "releases/d", fs::copy_options::recursive);
  fs::remove(dir / "releases/d/veiligheid.koers");
  fs::create_directory_symlink("releases/a", dir / "current");

  const auto hash_of = [&](const std::string& version) {
    const auto run = run_koers("check --rules '" + (dir / "releases" / version).string() + "'");
    const size_t at = run.out.find("sha256 ");
    BOOST_REQUIRE_MESSAGE(at != std::string::npos, run.out + run.err);
    return run.out.substr(at + 7, 64);
  };
  const std::string a = hash_of("a");
  const std::string b = hash_of("b");
  BOOST_TEST(a != b);
  BOOST_TEST(run_koers("check --rules '" + (dir / "releases/c").string() + "'").code == 0);
  const auto lost_safety = run_koers("check --rules '" + (dir / "releases/d").string() + "'");
  BOOST_TEST(lost_safety.code == 2);
  BOOST_TEST(lost_safety.err.find("K225") != std::string::npos);

  ServeProcess server(
      {"--rules", (dir / "current").string(), "--audit", (dir / "audit.jsonl").string()}, dir,
      root());
  httplib::Client client("127.0.0.1", server.port());
  const auto serving = [&] {
    return Json::parse(client.Get("/healthz")->body)["rules_sha256"].get<std::string>();
  };
  BOOST_TEST(serving() == a);
  const auto swap_to = [&](const std::string& version) {
    fs::create_directory_symlink("releases/" + version, dir / "next");
    fs::rename(dir / "next", dir / "current");  // rename(2): atomic
  };
  swap_to("b");
  auto res = client.Post("/v1/reload", "", "application/json");
  BOOST_TEST(res->status == 200, res->body);
  BOOST_TEST(serving() == b);

  // A rule set without the alert decision the served rules have is not taken by a reload; nor
  // is one without its safety rules.
  swap_to("d");
  res = client.Post("/v1/reload", "", "application/json");
  BOOST_TEST(res->status == 422);
  BOOST_TEST(res->body.find("K225") != std::string::npos);
  swap_to("c");
  res = client.Post("/v1/reload", "", "application/json");
  BOOST_TEST(res->status == 422);
  BOOST_TEST(res->body.find("K003") != std::string::npos);
  BOOST_TEST(serving() == b);
  const auto lines = json_lines(dir / "audit.jsonl");
  BOOST_REQUIRE(lines.size() == 3u);
  BOOST_TEST(lines[2]["outcome"] == "refused");
  BOOST_TEST(lines[2]["refused_because"] == "1 error, first K003");
  BOOST_TEST(lines[2]["serving"]["rules_sha256"] == b);
  server.stop();

  // --expect-rules-hash: only that set is served, at the start and on reload.
  swap_to("a");
  try {
    ServeProcess wrong({"--rules", (dir / "current").string(), "--expect-rules-hash", b}, dir,
                       root());
    BOOST_FAIL("the server started with rules it was not to serve");
  } catch (const std::runtime_error& e) {
    BOOST_TEST(std::string(e.what()).find("K002") != std::string::npos, e.what());
  }
  ServeProcess pinned({"--rules", (dir / "current").string(), "--expect-rules-hash", "sha256:" + a},
                      dir, root());
  httplib::Client pinned_client("127.0.0.1", pinned.port());
  swap_to("b");
  res = pinned_client.Post("/v1/reload", "", "application/json");
  BOOST_TEST(res->status == 422);
  BOOST_TEST(res->body.find("K002") != std::string::npos);
  BOOST_TEST(Json::parse(pinned_client.Get("/healthz")->body)["rules_sha256"] == a);
}

BOOST_AUTO_TEST_CASE(a_saved_report_carries_its_own_content_security_policy) {
  const auto dir = fresh_temp_dir("serve-report-csp");
  ServeProcess server({}, dir, root());
  httplib::Client client("127.0.0.1", server.port());
  auto res = client.Post("/v1/report", example(), "application/yaml");
  BOOST_REQUIRE(res);
  BOOST_TEST(res->status == 200);
  BOOST_TEST(res->body.find("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
                            "'none'") != std::string::npos);
  BOOST_TEST(res->body.find("<script") == std::string::npos);
}

// Who may ask is decided on the head: a client without a token is refused at once and takes none
// of the body budget, so it cannot keep a caseworker's advice out.
BOOST_AUTO_TEST_CASE(a_client_without_a_token_cannot_take_the_body_budget) {
  const auto dir = fresh_temp_dir("serve-budget-auth");
  const fs::path tokens = dir / "tokens";
  const std::string anna = add_token(tokens, "anna", "caseworker");
  ServeProcess server(
      {"--tokens", tokens.string(), "--max-bodies-in-flight", "1048576", "--max-body", "1048576"},
      dir, root());
  koers::testing::RawClient stranger(server.port(), 10);
  BOOST_REQUIRE(stranger.send(
      "POST /v1/advice HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/yaml\r\n"
      "Content-Length: 1048576\r\n\r\n"));
  const auto start = std::chrono::steady_clock::now();
  const std::string answer = stranger.receive_some();
  BOOST_TEST(answer.rfind("HTTP/1.1 401", 0) == 0u, answer);
  BOOST_TEST(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() < 1.0);
  httplib::Client client("127.0.0.1", server.port());
  auto res = client.Post("/v1/advice", bearer(anna), example(), "application/yaml");
  BOOST_REQUIRE(res);
  BOOST_TEST(res->status == 200);
}

BOOST_AUTO_TEST_CASE(a_body_limit_beyond_the_budget_is_refused_at_the_start) {
  const auto run = run_koers("serve --max-body 4194304 --max-bodies-in-flight 1048576");
  BOOST_TEST(run.code == 2);
  BOOST_TEST(run.err.find("such a body could never be taken") != std::string::npos, run.err);
}

// `koers token` runs at once lose neither change (FILE.lock): a revoke is never undone by an add
// that read the file before it.
BOOST_AUTO_TEST_CASE(token_changes_at_once_are_all_kept) {
  const auto dir = fresh_temp_dir("serve-token-lock");
  const fs::path tokens = dir / "tokens";
  for (int round = 0; round < 8; ++round) {
    const std::string keep = "keep" + std::to_string(round);
    const std::string gone = "gone" + std::to_string(round);
    add_token(tokens, gone, "caseworker");
    const std::string file = "'" + tokens.string() + "'";
    const std::string both = "(" KOERS_BINARY " token revoke " + gone + " --file " + file +
                             " & " KOERS_BINARY " token add " + keep + " --file " + file +
                             " >/dev/null & wait) 2>/dev/null";
    BOOST_REQUIRE(std::system(both.c_str()) == 0);
    const std::string text = slurp_file(tokens);
    BOOST_TEST(text.find(gone + "\t") == std::string::npos, "round " << round);
    BOOST_TEST(text.find(keep + "\t") != std::string::npos, "round " << round);
  }
}

// --admin-listen: health and metrics on an address of their own, which asks nobody who they are
// and takes nothing but bodiless GETs; the figures are the served port's.
BOOST_AUTO_TEST_CASE(health_and_metrics_on_the_admin_port) {
  const auto dir = fresh_temp_dir("serve-admin");
  const fs::path tokens = dir / "tokens";
  const std::string anna = add_token(tokens, "anna", "caseworker");
  ServeProcess server({"--tokens", tokens.string(), "--admin-listen", "127.0.0.1:0", "--audit",
                       (dir / "audit.jsonl").string()},
                      dir, root());
  const std::string out = slurp_file(dir / "serve.out");
  const size_t at = out.find("(admin port ");
  BOOST_REQUIRE_MESSAGE(at != std::string::npos, out);
  const int admin_port = std::stoi(out.substr(at + 12));
  httplib::Client admin("127.0.0.1", admin_port);
  httplib::Client client("127.0.0.1", server.port());

  BOOST_TEST(client.Post("/v1/advice", bearer(anna), example(), "application/yaml")->status == 200);
  BOOST_TEST(client.Get("/v1/examples")->status == 401);
  // A response is counted once it is written, which the server may finish just after the client
  // has read it: wait (boundedly) until both are counted.
  auto res = admin.Get("/metrics");
  auto both_counted = [](const std::string& body) {
    return body.find("koers_http_responses_total{class=\"2xx\"} 1\n") != std::string::npos &&
           body.find("koers_http_responses_total{class=\"4xx\"} 1\n") != std::string::npos;
  };
  for (int tries = 0; tries < 100 && res && !both_counted(res->body); ++tries) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    res = admin.Get("/metrics");
  }
  BOOST_REQUIRE(res);
  BOOST_TEST(res->status == 200);
  BOOST_TEST(res->get_header_value("Content-Type").find("text/plain; version=0.0.4") == 0u);
  BOOST_TEST(res->body.find("koers_http_responses_total{class=\"2xx\"} 1\n") != std::string::npos,
             res->body);
  BOOST_TEST(res->body.find("koers_http_responses_total{class=\"4xx\"} 1\n") != std::string::npos,
             res->body);
  BOOST_TEST(res->body.find("koers_rules_info{engine_version=") != std::string::npos);
  BOOST_TEST(res->body.find("anna") == std::string::npos);  // nobody who asked
  // The audit log's group commit: one line, in one write, nothing failed, nothing queued.
  for (const char* figure :
       {"# TYPE koers_audit_lines_total counter\nkoers_audit_lines_total 1\n",
        "\nkoers_audit_writes_total 1\n", "\nkoers_audit_failed_writes_total 0\n",
        "\nkoers_audit_largest_write_lines 1\n", "\nkoers_audit_queued_lines 0\n",
        "\nkoers_audit_reopened_total 0\n", "\nkoers_ready 1\n"}) {
    BOOST_TEST(res->body.find(figure) != std::string::npos, figure << " in " << res->body);
  }
  BOOST_TEST(res->body.find("# HELP koers_audit_write_seconds_total ") != std::string::npos);
  // By route and status (a made-up path counts as "(other)", never as itself), with a latency
  // histogram per route whose count matches; the audit write histograms; reloads by outcome.
  for (const char* figure :
       {"koers_http_requests_total{route=\"/v1/advice\",status=\"200\"} 1\n",
        "koers_http_requests_total{route=\"/v1/examples\",status=\"401\"} 1\n",
        "# TYPE koers_http_request_duration_seconds histogram\n",
        "koers_http_request_duration_seconds_bucket{route=\"/v1/advice\",le=\"+Inf\"} 1\n",
        "koers_http_request_duration_seconds_count{route=\"/v1/advice\"} 1\n",
        "koers_audit_write_lines_bucket{le=\"1\"} 1\n", "koers_audit_write_lines_count 1\n",
        "koers_audit_write_duration_seconds_bucket{le=\"+Inf\"} 1\n",
        "koers_reloads_total{outcome=\"reloaded\"} 0\n",
        "koers_reloads_total{outcome=\"refused\"} 0\n", "koers_compute_queued_requests 0\n"}) {
    BOOST_TEST(res->body.find(figure) != std::string::npos, figure << " in " << res->body);
  }
  // The buckets are cumulative: each at most the next.
  {
    std::istringstream lines(res->body);
    long previous = -1;
    for (std::string line; std::getline(lines, line);) {
      if (line.rfind("koers_http_request_duration_seconds_bucket{route=\"/v1/advice\"", 0) != 0) {
        continue;
      }
      const long count = std::stol(line.substr(line.rfind(' ') + 1));
      BOOST_TEST(count >= previous, line);
      previous = count;
    }
    BOOST_TEST(previous == 1);
  }
  BOOST_TEST(client.Get("/made-up-path-1")->status == 401);  // asked without a token
  BOOST_TEST(client.Get("/made-up-path-2")->status == 401);
  res = admin.Get("/metrics");
  for (int tries = 0; tries < 100 && res &&
                      res->body.find("route=\"(other)\",status=\"401\"} 2\n") == std::string::npos;
       ++tries) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    res = admin.Get("/metrics");
  }
  BOOST_REQUIRE(res);
  BOOST_TEST(res->body.find("koers_http_requests_total{route=\"(other)\",status=\"401\"} 2\n") !=
                 std::string::npos,
             res->body);
  BOOST_TEST(res->body.find("made-up") == std::string::npos);
  BOOST_TEST(admin.Get("/readyz")->status == 200);
  res = admin.Get("/healthz");
  BOOST_REQUIRE(res);
  BOOST_TEST(res->status == 200);
  BOOST_TEST(Json::parse(res->body)["status"] == "ok");
  BOOST_TEST(admin.Post("/metrics", "x", "text/plain")->status == 405);
  BOOST_TEST(admin.Get("/v1/examples")->status == 404);  // the API is not on this port
  BOOST_TEST(server.stop() == 0);                        // SIGTERM ends both ports
}

// --log-format json: every log line is one JSON object with time and level; requests are access
// events with method, path, status, seconds and request id, and no line holds case content.
BOOST_AUTO_TEST_CASE(json_logs_are_one_object_a_line_with_access_events) {
  const auto dir = fresh_temp_dir("serve-json-log");
  ServeProcess server({"--log-format", "json", "--audit", (dir / "audit.jsonl").string()}, dir,
                      root());
  httplib::Client client("127.0.0.1", server.port());
  auto res = client.Post("/v1/advice", example(), "application/yaml");
  BOOST_REQUIRE(res);
  BOOST_TEST(res->status == 200);
  const std::string request_id = res->get_header_value("X-Request-Id");
  BOOST_TEST(client.Get("/nothing-here")->status == 404);
  BOOST_TEST(server.stop() == 0);
  const std::string log = server.log();
  std::istringstream lines(log);
  size_t objects = 0;
  bool advice_seen = false;
  for (std::string line; std::getline(lines, line);) {
    const Json j = Json::parse(line, nullptr, false);
    BOOST_REQUIRE_MESSAGE(j.is_object(), "not a JSON object: " << line);
    ++objects;
    BOOST_TEST(j["time"].get<std::string>().size() == 24u, line);  // 2026-12-07T14:03:11.204Z
    BOOST_TEST(j.contains("level"));
    BOOST_TEST((j.contains("message") || j.value("event", "") == "http_request"), line);
    if (j.value("event", "") == "http_request" && j.value("path", "") == "/v1/advice") {
      advice_seen = true;
      BOOST_TEST(j["method"] == "POST");
      BOOST_TEST(j["status"] == 200);
      BOOST_TEST(j["seconds"].is_number());
      BOOST_TEST(j["request_id"] == request_id);
    }
  }
  BOOST_TEST(objects >= 4u);
  BOOST_TEST(advice_seen, log);
  BOOST_TEST(log.find("LIRIK") == std::string::npos);  // a field of the example case
}
