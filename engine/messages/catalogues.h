#pragma once
// The catalogues themselves, one file per language; messages.cpp finds them by code.
#include <span>

#include "messages/messages.h"

namespace koers {

extern const Messages kDutchMessages;
extern const Messages kEnglishMessages;

// The web page's words of each language, sorted by key (web_words_<code>.cpp).
std::span<const MessageEntry> dutch_web_words();
std::span<const MessageEntry> english_web_words();

}  // namespace koers
