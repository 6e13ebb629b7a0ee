// The message catalogues (engine/messages): every language has every word, with the same
// arguments, so formatting one never fails at run time; the web page asks only for words a
// catalogue has; a rule set chooses its language and an unknown one is refused.
#define BOOST_TEST_MODULE messages
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "eval/evaluator.h"
#include "messages/messages.h"
#include "messages/page_words.h"
#include "report/render.h"
#include "support/koers_fixture.h"

using namespace koers;
using namespace koers::testing;

namespace {

// The arguments a message takes: the positions it uses, `{}` counting as the next one, so that
// "{} per {}" and "{1}: {0}" take the same two arguments (a language may reorder them).
struct Arguments {
  std::set<int> positions;
  bool mixed = false;  // `{}` and `{n}` in one text: fmt refuses it
  bool operator==(const Arguments& other) const { return positions == other.positions; }
};

Arguments arguments_of(std::string_view text) {
  Arguments a;
  // Any replacement field, with or without a position or a format spec; `{{` is a brace.
  static const std::regex placeholder(R"(\{\{|\{(\d*)(:[^}]*)?\})");
  const std::string s(text);
  int next = 0;
  bool sequential = false;
  bool positional = false;
  for (auto it = std::sregex_iterator(s.begin(), s.end(), placeholder);
       it != std::sregex_iterator(); ++it) {
    if ((*it)[0] == "{{") continue;
    if ((*it)[1].length() == 0) {
      a.positions.insert(next++);
      sequential = true;
    } else {
      a.positions.insert(std::stoi((*it)[1].str()));
      positional = true;
    }
  }
  a.mixed = sequential && positional;
  return a;
}

std::map<std::string, std::string> entries_of(const Messages& m) {
  std::map<std::string, std::string> out;
  for (const auto& [key, text] : message_entries(m)) out.emplace(key, text);
  return out;
}

// The keys the page's scripts ask for: the first argument of every say(...) and sayParts(...)
// (each quoted key in it, for `say(a ? 'x' : 'y')`), and every `words.key`.
std::set<std::string> keys_asked_by_script(const std::string& js) {
  std::set<std::string> keys;
  static const std::regex call(R"(\b(say|sayParts)\()");
  static const std::regex quoted(R"('([a-z_0-9]+)')");
  for (auto it = std::sregex_iterator(js.begin(), js.end(), call); it != std::sregex_iterator();
       ++it) {
    size_t at = static_cast<size_t>(it->position() + it->length());
    int depth = 0;
    const size_t from = at;
    for (; at < js.size(); ++at) {
      const char c = js[at];
      if (c == '(' || c == '[' || c == '{') ++depth;
      if ((c == ')' || c == ']' || c == '}') && depth-- == 0) break;
      if (c == ',' && depth == 0) break;
    }
    const std::string first = js.substr(from, at - from);
    for (auto q = std::sregex_iterator(first.begin(), first.end(), quoted);
         q != std::sregex_iterator(); ++q) {
      keys.insert((*q)[1].str());
    }
  }
  static const std::regex word(R"(\bwords\.([a-z_0-9]+))");
  for (auto it = std::sregex_iterator(js.begin(), js.end(), word); it != std::sregex_iterator();
       ++it) {
    keys.insert((*it)[1].str());
  }
  return keys;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_language_has_every_word_with_the_same_arguments) {
  const auto all = all_messages();
  BOOST_TEST_REQUIRE(all.size() >= 2u);
  BOOST_TEST(all.front() == &dutch_messages());
  BOOST_TEST(dutch_messages().language == "nl");
  const auto dutch = entries_of(dutch_messages());
  for (const Messages* m : all) {
    BOOST_TEST(find_messages(m->language) == m);
    BOOST_TEST(!m->language_name.empty());
    const auto words = entries_of(*m);
    BOOST_TEST(words.size() == dutch.size(), m->language);
    // No web word has the name of a report word (the page would get one of the two).
    BOOST_TEST(message_entries(*m).size() == words.size(), m->language);
    for (const auto& [key, text] : dutch) {
      const auto other = words.find(key);
      BOOST_TEST_REQUIRE((other != words.end()), m->language << " lacks " << key);
      BOOST_TEST(!other->second.empty(), m->language << ": " << key << " is empty");
      const Arguments expected = arguments_of(text);
      const Arguments found = arguments_of(other->second);
      BOOST_TEST((found == expected),
                 m->language << ": " << key << " takes other arguments than in Dutch");
      // A message mixes no `{}` with `{n}` (fmt refuses that), uses the positions 0..n-1 without
      // a gap, and formats with its arguments.
      BOOST_TEST(!found.mixed, m->language << ": " << key);
      BOOST_TEST((found.positions.empty() ||
                  *found.positions.rbegin() + 1 == static_cast<int>(found.positions.size())),
                 m->language << ": " << key << " skips a position");
      BOOST_TEST(found.positions.size() <= 5u, key);
      BOOST_CHECK_NO_THROW(say(other->second, "a", "b", "c", "d", "e"));
    }
    for (size_t i = 0; i < 12; ++i) {
      BOOST_TEST(!m->months[i].empty());
      BOOST_TEST(!m->months_short[i].empty());
    }
    // The words reports write at the start of a line with a capital start with a letter a-z,
    // so capitalized() (which changes one byte) is right for them.
    for (std::string_view w :
         {m->source, m->because, m->see, m->still_possible, m->check_fields, m->weighing,
          m->conditions, m->cannot_determine, m->baseline, m->missing_data, m->tech_rules_hash}) {
      BOOST_TEST((w.front() >= 'a' && w.front() <= 'z'), m->language << ": " << w);
    }
  }
  BOOST_TEST(find_messages("de") == nullptr);
}

BOOST_AUTO_TEST_CASE(the_page_words_are_sorted_and_the_same_in_every_language) {
  const auto dutch = dutch_messages().web();
  BOOST_TEST_REQUIRE(!dutch.empty());
  for (size_t i = 1; i < dutch.size(); ++i) {
    BOOST_TEST((dutch[i - 1].key < dutch[i].key), dutch[i].key);
  }
  for (const Messages* m : all_messages()) {
    BOOST_TEST_REQUIRE(m->web().size() == dutch.size());
    for (size_t i = 0; i < dutch.size(); ++i) BOOST_TEST((m->web()[i].key == dutch[i].key));
  }
}

BOOST_AUTO_TEST_CASE(dates_are_written_in_the_catalogues_words) {
  const Date d = date_of("2026-03-07");
  BOOST_TEST(date_in_words(dutch_messages(), d) == "7 maart 2026");
  BOOST_TEST(date_in_words(dutch_messages(), d, true) == "7 mrt 2026");
  BOOST_TEST(date_in_words(*find_messages("en"), d) == "7 March 2026");
  BOOST_TEST(capitalized("bron") == "Bron");
  BOOST_TEST(capitalized("") == "");
  BOOST_TEST(capitalized("één") == "één");  // not a letter a-z: unchanged, never a broken byte
}

// The page's HTML and scripts ask only for words every catalogue has, and the words the server
// puts in the page are valid JSON that cannot end its <script> element.
BOOST_AUTO_TEST_CASE(the_page_asks_only_for_words_the_catalogues_have) {
  const std::string page = read_text_file(source_dir() + "/web/index.html");
  std::set<std::string> asked;
  static const std::regex sentence(R"(data-zin="([a-z_0-9]+)\")");
  for (auto it = std::sregex_iterator(page.begin(), page.end(), sentence);
       it != std::sregex_iterator(); ++it) {
    asked.insert((*it)[1].str());
  }
  for (const char* script : {"/web/app.js", "/web/form.js"}) {
    for (const auto& key : keys_asked_by_script(read_text_file(source_dir() + script))) {
      asked.insert(key);
    }
  }
  BOOST_TEST(asked.size() > 50u);
  // A data-zin sentence has one <code> element for each argument its words take.
  static const std::regex zin_paragraph(R"re(data-zin="([a-z_0-9]+)">(.*?)</p>)re");
  size_t sentences = 0;
  for (auto it = std::sregex_iterator(page.begin(), page.end(), zin_paragraph);
       it != std::sregex_iterator(); ++it, ++sentences) {
    const std::string inner = (*it)[2].str();
    size_t codes = 0;
    for (size_t at = inner.find("<code>"); at != std::string::npos;
         at = inner.find("<code>", at + 1)) {
      ++codes;
    }
    for (const Messages* m : all_messages()) {
      const auto words = entries_of(*m);
      const auto text = words.find((*it)[1].str());
      BOOST_TEST_REQUIRE((text != words.end()), (*it)[1].str());
      BOOST_TEST(arguments_of(text->second).positions.size() == codes, (*it)[1].str());
    }
  }
  BOOST_TEST(sentences >= 2u);
  for (const Messages* m : all_messages()) {
    const auto words = entries_of(*m);
    for (const auto& key : asked) {
      if (key == "months" || key == "months_short" || key == "language") continue;
      BOOST_TEST(words.count(key) == 1u, m->language << " lacks `" << key << "`");
    }
    std::string filled;
    BOOST_REQUIRE_NO_THROW(filled = fill_page(page, *m));
    BOOST_TEST(filled.find("{{") == std::string::npos);
    BOOST_TEST(filled.find("<html lang=\"" + std::string(m->language) + "\">") !=
               std::string::npos);
    const std::string open = "<script id=\"woorden\" type=\"application/json\">";
    const size_t from = filled.find(open);
    BOOST_TEST_REQUIRE(from != std::string::npos);
    const size_t to = filled.find("</script>", from);
    const std::string json = filled.substr(from + open.size(), to - from - open.size());
    BOOST_TEST(json.find('<') == std::string::npos);
    const auto parsed = nlohmann::json::parse(json);
    BOOST_TEST(parsed["months"].size() == 12u);
    BOOST_TEST(parsed["yes"] == std::string(m->yes));
    BOOST_TEST(parsed.size() == words.size() + 3);  // and the months, short months, language
  }
  BOOST_CHECK_THROW(fill_page("<p>{{no_such_word}}</p>", dutch_messages()), std::logic_error);
  // A word with arguments cannot stand in the page as it is.
  BOOST_CHECK_THROW(fill_page("<b>{{quoted}}</b>", dutch_messages()), std::logic_error);
  // Escaped, in text and in attributes.
  Messages odd = dutch_messages();
  odd.yes = "<a & \"b\">";
  BOOST_TEST(fill_page("<b title=\"{{yes}}\">{{yes}}</b>", odd) ==
             "<b title=\"&lt;a &amp; &quot;b&quot;&gt;\">&lt;a &amp; &quot;b&quot;&gt;</b>");
  // The JSON for the scripts cannot close its element, whatever a text says.
  odd.no = "</script><script>alert(1)</script>";
  const std::string filled = fill_page("<script>{{words}}</script>", odd);
  BOOST_TEST(filled.find("</script><script>") == std::string::npos);
  BOOST_TEST(nlohmann::json::parse(filled.substr(8, filled.size() - 17))["no"] == odd.no);
}

// A rule set names its language: the advice's own words follow it, the rules' texts stay.
BOOST_AUTO_TEST_CASE(a_rule_set_chooses_its_language) {
  const std::string rules =
      "decision d: bool { title \"Veilig genoeg\" settle first otherwise false }\n"
      "rule r.a { when safety.acute then d = true because \"acuut onveilig\" }\n";
  const Program dutch = program_with(rules);
  BOOST_TEST(dutch.words().language == "nl");
  const Program english = program_with("language \"en\"\n" + rules);
  BOOST_TEST(english.words().language == "en");
  BOOST_TEST(format_value(english, Value{true}) == "yes");
  BOOST_TEST(format_value(dutch, Value{true}) == "ja");
  BOOST_TEST(format_value(english, Value{date_of("2026-11-01")}) == "1 November 2026");

  const std::string yaml = minimal_case("safety:\n  acute: true\n");
  const std::string text = render_text(english, advise(english, yaml));
  BOOST_TEST(text.find("Advice for ") == 0u, text);
  BOOST_TEST(text.find("Decisions\n  Veilig genoeg: yes\n      because: acuut onveilig") !=
                 std::string::npos,
             text);
  BOOST_TEST(text.find("Technical details") != std::string::npos, text);
  const std::string html = render_html(english, advise(english, yaml));
  BOOST_TEST(html.find("<html lang=\"en\">") != std::string::npos);
  // None of the Dutch words the reports used to have built in.
  for (const char* dutch_word : {"Besluiten", "Technische gegevens", "Advies voor",
                                 "want:", "adviesdatum", "geeft advies", "Ontvangstbewijs"}) {
    BOOST_TEST(text.find(dutch_word) == std::string::npos, dutch_word);
    BOOST_TEST(html.find(dutch_word) == std::string::npos, dutch_word);
  }
}
