#include "messages/messages.h"

#include "messages/catalogues.h"

namespace koers {

const Messages* find_messages(std::string_view language) {
  for (const Messages* m : all_messages()) {
    if (m->language == language) return m;
  }
  return nullptr;
}

const Messages& dutch_messages() {
  return kDutchMessages;
}

std::vector<const Messages*> all_messages() {
  return {&kDutchMessages, &kEnglishMessages};
}

std::string date_in_words(const Messages& m, Date d, bool short_month) {
  const Ymd v = ymd_of(d);
  const auto month = static_cast<size_t>(v.month - 1);
  return say(m.date_format, v.day, short_month ? m.months_short[month] : m.months[month], v.year);
}

std::string capitalized(std::string_view text) {
  std::string out(text);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z')
    out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

std::vector<std::pair<std::string_view, std::string_view>> message_entries(const Messages& m) {
  std::vector<std::pair<std::string_view, std::string_view>> out;
#define KOERS_MESSAGE_ENTRY(key) out.emplace_back(#key, m.key);
  KOERS_MESSAGE_KEYS(KOERS_MESSAGE_ENTRY)
#undef KOERS_MESSAGE_ENTRY
  for (const MessageEntry& e : m.web()) out.emplace_back(e.key, e.text);
  return out;
}

}  // namespace koers
