#pragma once
// The web page in the rule set's language: its HTML names words by key, and the server fills
// them in from the catalogue before sending it, so the page needs no second copy of any word.
#include <string>
#include <string_view>

#include "messages/messages.h"

namespace koers {

// `page` with `{{key}}` replaced by the catalogue text of `key` (HTML-escaped), `{{language}}` by
// the language code, and `{{words}}` by every key's text, the months and the language as a JSON
// object that is safe inside a <script> element (the page's scripts read their words from it).
// A key the catalogue lacks, or one whose text takes arguments, is a mistake in the page:
// std::logic_error, which tests catch.
std::string fill_page(std::string_view page, const Messages& m);

}  // namespace koers
