#include "messages/page_words.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "util/xml_escape.h"

namespace koers {

namespace {

std::string words_json(const Messages& m) {
  nlohmann::ordered_json words = nlohmann::ordered_json::object();
  words["language"] = m.language;
  for (const auto& [key, text] : message_entries(m)) words[std::string(key)] = text;
  words["months"] = m.months;
  words["months_short"] = m.months_short;
  // Inside <script>, "</script>" or "<!--" in a text would end or bend the element: no '<' at
  // all (it can only occur inside a JSON string, where \u003c means the same).
  std::string out;
  for (char c : words.dump()) {
    if (c == '<') {
      out += "\\u003c";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string fill_page(std::string_view page, const Messages& m) {
  const auto entries = message_entries(m);
  std::string out;
  out.reserve(page.size() * 2);
  size_t at = 0;
  while (true) {
    const size_t open = page.find("{{", at);
    if (open == std::string_view::npos) break;
    const size_t close = page.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    out += page.substr(at, open - at);
    const std::string_view key = page.substr(open + 2, close - open - 2);
    if (key == "language") {
      out += xml_escape(m.language);
    } else if (key == "words") {
      out += words_json(m);
    } else {
      bool found = false;
      for (const auto& [k, text] : entries) {
        if (k != key) continue;
        // A text with arguments belongs in a script's say() or a data-zin sentence, which fill
        // them in; here its `{}` would reach the reader.
        if (text.find('{') != std::string_view::npos) {
          throw std::logic_error("the page puts the word `" + std::string(key) +
                                 "` in as it stands, but it takes arguments");
        }
        out += xml_escape(text);
        found = true;
        break;
      }
      if (!found) {
        throw std::logic_error("the page asks for the word `" + std::string(key) +
                               "`, which the catalogue `" + std::string(m.language) +
                               "` does not have");
      }
    }
    at = close + 2;
  }
  out += page.substr(at);
  return out;
}

}  // namespace koers
