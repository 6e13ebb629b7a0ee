// The parse cache and the binary form of a parsed rule file: a file read back from the cache is the
// file the parser makes, a damaged entry is never believed, and what a user is told about a file
// never depends on the cache. Also the name characters the lexer leaves to the syntax layer.
#define BOOST_TEST_MODULE parse_cache
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "api/parse_cache.h"
#include "api/rule_set.h"
#include "ast/ast_binary.h"
#include "support/koers_fixture.h"
#include "syntax/parser.h"

using namespace koers;
namespace fs = std::filesystem;

namespace {

fs::path source_dir() {
  return koers::testing::source_dir();
}

std::string read(const fs::path& path) {
  return koers::testing::read_text_file(path.string());
}

// Every rule file in the project: the shipped rules, the peer workload, test fixtures.
std::vector<fs::path> all_rule_files() {
  std::vector<fs::path> out;
  for (const char* dir : {"rules", "bench", "tests"}) {
    for (const auto& entry : fs::recursive_directory_iterator(source_dir() / dir)) {
      if (entry.is_regular_file() && entry.path().extension() == ".koers")
        out.push_back(entry.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::optional<ast::File> parse(const std::string& path, const std::string& text) {
  Diagnostics diags;
  return syntax::parse_file(std::make_shared<SourceFile>(path, text), diags);
}

// A fresh cache directory per test, removed afterwards; the cache is off again after each test.
struct CacheDir {
  fs::path dir;
  CacheDir()
      : dir(fs::temp_directory_path() / ("koers-parse-cache-test-" + std::to_string(::getpid()))) {
    fs::remove_all(dir);
    set_parse_cache_dir(dir);
  }
  ~CacheDir() {
    set_parse_cache_dir({});
    fs::remove_all(dir);
  }
  std::vector<fs::path> entries() const {
    std::vector<fs::path> out;
    if (fs::exists(dir / "parsed")) {
      for (const auto& e : fs::directory_iterator(dir / "parsed")) out.push_back(e.path());
    }
    return out;
  }
};

std::string rendered(const Diagnostics& diags) {
  return render_all(diags);
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_rule_file_survives_the_round_trip) {
  const auto files = all_rule_files();
  BOOST_TEST_REQUIRE(files.size() >= 11u);
  int checked = 0;
  for (const auto& path : files) {
    const std::string text = read(path);
    auto file = parse(path.string(), text);
    if (!file) continue;  // fixtures with errors on purpose
    auto bytes = ast::encode_file(*file);
    BOOST_TEST_REQUIRE(bytes.has_value(), path);
    auto back = ast::decode_file(*bytes, file->source);
    BOOST_TEST_REQUIRE(back.has_value(), path);
    // Encoding the decoded file gives the same bytes: every field came back as it went in.
    BOOST_TEST((ast::encode_file(*back) == bytes), path);
    BOOST_TEST(back->rules.size() == file->rules.size());
    BOOST_TEST(back->decisions.size() == file->decisions.size());
    ++checked;
  }
  BOOST_TEST(checked >= 11);
}

BOOST_AUTO_TEST_CASE(damaged_bytes_are_refused_or_harmless_never_a_crash) {
  const std::string text = read(source_dir() / "rules" / "veiligheid.koers");
  auto file = parse("veiligheid.koers", text);
  BOOST_TEST_REQUIRE(file.has_value());
  const std::string bytes = *ast::encode_file(*file);
  // Every truncation is refused.
  for (size_t n = 0; n < bytes.size(); n += 7) {
    BOOST_TEST(!ast::decode_file(std::string_view(bytes).substr(0, n), file->source).has_value());
  }
  // Every byte flipped: refused or decoded, but never out of bounds (the sanitizer run watches).
  size_t refused = 0;
  for (size_t i = 0; i < bytes.size(); i += 3) {
    std::string damaged = bytes;
    damaged[i] = static_cast<char>(damaged[i] ^ 0xA5);
    if (!ast::decode_file(damaged, file->source)) ++refused;
  }
  BOOST_TEST(refused > 0u);
  // Trailing bytes are refused too.
  BOOST_TEST(!ast::decode_file(bytes + "x", file->source).has_value());
}

BOOST_AUTO_TEST_CASE(cached_rule_set_equals_parsed_rule_set) {
  Diagnostics plain_diags;
  auto plain = load_rule_set((source_dir() / "rules").string(), plain_diags);
  BOOST_TEST_REQUIRE(plain.has_value());

  CacheDir cache;
  Diagnostics first_diags;
  auto first = load_rule_set((source_dir() / "rules").string(), first_diags);  // fills the cache
  BOOST_TEST_REQUIRE(first.has_value());
  BOOST_TEST(cache.entries().size() == 12u);
  Diagnostics second_diags;
  auto second = load_rule_set((source_dir() / "rules").string(), second_diags);  // reads it
  BOOST_TEST_REQUIRE(second.has_value());
  BOOST_TEST(second->rules_sha256 == plain->rules_sha256);
  BOOST_TEST(rendered(second_diags) == rendered(plain_diags));
  // The same rules in the same order with the same sources, citations and texts.
  BOOST_TEST_REQUIRE(second->rules.size() == plain->rules.size());
  for (size_t i = 0; i < plain->rules.size(); ++i) {
    const CompiledRule& a = plain->rules[i];
    const CompiledRule& b = second->rules[i];
    BOOST_TEST(b.id == a.id);
    BOOST_TEST(b.title == a.title);
    BOOST_TEST(b.source == a.source);
    BOOST_TEST(b.priority == a.priority);
    BOOST_TEST(b.because.size() == a.because.size());
    BOOST_TEST(b.recommendations.size() == a.recommendations.size());
    BOOST_TEST(b.span.line == a.span.line);
    BOOST_TEST(b.span.col == a.span.col);
    BOOST_TEST(b.span.path() == a.span.path());
  }
}

BOOST_AUTO_TEST_CASE(a_damaged_entry_is_ignored_and_replaced) {
  CacheDir cache;
  const std::string text = read(source_dir() / "rules" / "veiligheid.koers");
  auto source = std::make_shared<SourceFile>("veiligheid.koers", text);
  Diagnostics diags;
  auto fresh = parse_rule_file(source, diags);
  BOOST_TEST_REQUIRE(fresh.has_value());
  const auto entries = cache.entries();
  BOOST_TEST_REQUIRE(entries.size() == 1u);
  // Damage one byte in the middle of the payload: the checksum no longer matches.
  std::string bytes = read(entries[0]);
  bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x01);
  std::ofstream(entries[0], std::ios::binary | std::ios::trunc) << bytes;
  Diagnostics again_diags;
  auto again = parse_rule_file(source, again_diags);
  BOOST_TEST_REQUIRE(again.has_value());
  BOOST_TEST((ast::encode_file(*again) == ast::encode_file(*fresh)));
  // The entry was written anew, whole.
  BOOST_TEST(read(entries[0]) != bytes);
  // A torn (empty) entry is ignored as well.
  std::ofstream(entries[0], std::ios::binary | std::ios::trunc) << "";
  auto torn = parse_rule_file(source, again_diags);
  BOOST_TEST_REQUIRE(torn.has_value());
  BOOST_TEST((ast::encode_file(*torn) == ast::encode_file(*fresh)));
  BOOST_TEST(!again_diags.has_errors());
}

BOOST_AUTO_TEST_CASE(files_with_errors_are_never_cached_and_report_the_same_every_time) {
  CacheDir cache;
  const std::string text = "rule a.b {\n  when\n}\n";
  std::string reports[2];
  for (auto& report : reports) {
    Diagnostics diags;
    auto file = parse_rule_file(std::make_shared<SourceFile>("broken.koers", text), diags);
    BOOST_TEST(!file.has_value());
    report = rendered(diags);
  }
  BOOST_TEST(reports[0] == reports[1]);
  BOOST_TEST(reports[0].find("K101") != std::string::npos, reports[0]);
  BOOST_TEST(cache.entries().empty());
}

BOOST_AUTO_TEST_CASE(an_edited_file_is_parsed_again) {
  CacheDir cache;
  Diagnostics diags;
  auto a = parse_rule_file(std::make_shared<SourceFile>("x.koers", "define a: int = 1\n"), diags);
  auto b = parse_rule_file(std::make_shared<SourceFile>("x.koers", "define a: int = 2\n"), diags);
  BOOST_TEST_REQUIRE((a && b));
  BOOST_TEST(a->defines[0].value->int_value == 1);
  BOOST_TEST(b->defines[0].value->int_value == 2);
  BOOST_TEST(cache.entries().size() == 2u);
}

BOOST_AUTO_TEST_CASE(names_may_hold_letters_of_any_script) {
  Diagnostics diags;
  auto file = syntax::parse_file(
      std::make_shared<SourceFile>("n.koers", "define één_ß_Ωmega2: int = 1\n"), diags);
  BOOST_TEST_REQUIRE(file.has_value(), render_all(diags));
  BOOST_TEST(file->defines[0].name == "één_ß_Ωmega2");
}

BOOST_AUTO_TEST_CASE(a_symbol_inside_a_name_is_an_unexpected_character_at_its_column) {
  Diagnostics diags;
  auto file = syntax::parse_file(
      std::make_shared<SourceFile>("n.koers", "define score≥: int = 1\n"), diags);
  BOOST_TEST(!file.has_value());
  auto sorted = diags.sorted();
  BOOST_TEST_REQUIRE(sorted.size() == 1u, render_all(diags));
  BOOST_TEST(sorted[0].code == "K103");
  BOOST_TEST(sorted[0].span.line == 1);
  BOOST_TEST(sorted[0].span.col == 13);  // in characters: `define score` is 12
  BOOST_TEST(sorted[0].message.find("`≥`") != std::string::npos, sorted[0].message);
}

BOOST_AUTO_TEST_CASE(a_name_cannot_start_with_a_symbol) {
  Diagnostics diags;
  auto file = syntax::parse_file(
      std::make_shared<SourceFile>("n.koers", "define €bedrag: int = 1\n"), diags);
  BOOST_TEST(!file.has_value());
  auto sorted = diags.sorted();
  BOOST_TEST_REQUIRE(!sorted.empty());
  BOOST_TEST(sorted[0].code == "K103", render_all(diags));
  BOOST_TEST(sorted[0].span.col == 8);
}

BOOST_AUTO_TEST_CASE(a_symbol_in_an_embedded_expression_is_found_at_its_place) {
  Diagnostics diags;
  auto file = syntax::parse_file(
      std::make_shared<SourceFile>("n.koers",
                                   "decision d: bool { settle first }\nrule r {\n  then d = true\n "
                                   " because \"x {a×b}\"\n}\n"),
      diags);
  BOOST_TEST(!file.has_value());
  auto sorted = diags.sorted();
  BOOST_TEST_REQUIRE(!sorted.empty());
  BOOST_TEST(sorted[0].code == "K103", render_all(diags));
  BOOST_TEST(sorted[0].span.line == 4);
}
