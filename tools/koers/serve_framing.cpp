#include "tools/koers/serve_framing.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <string>
#include <vector>

#include "tools/koers/serve_json.h"

namespace koers::cli {

namespace {

HttpResponse too_large(size_t max_body) {
  return json_error(413, "payload_too_large",
                    "the request body is larger than " + std::to_string(max_body) + " bytes");
}

HttpResponse transfer_encoding_refused(bool has_length) {
  return json_error(400, "transfer_encoding_not_accepted",
                    has_length ? "a request may not have both Transfer-Encoding and Content-Length"
                               : "send the body with Content-Length, not with Transfer-Encoding");
}

HttpResponse one_length_only() {
  return json_error(400, "bad_content_length", "a request may have only one Content-Length");
}

HttpResponse length_not_a_number() {
  return json_error(400, "bad_content_length", "Content-Length must be a number of bytes");
}

// The verdict on one Content-Length value: nullopt when it is a number within `max_body`.
std::optional<HttpResponse> judge_length(std::string_view length, size_t max_body) {
  uint64_t announced = 0;
  const auto [end, error] =
      std::from_chars(length.data(), length.data() + length.size(), announced);
  const bool all_digits = !length.empty() && end == length.data() + length.size();
  if (error == std::errc::result_out_of_range ||
      (error == std::errc() && all_digits && announced > max_body)) {
    return too_large(max_body);
  }
  if (error != std::errc() || !all_digits) return length_not_a_number();
  return std::nullopt;
}

bool starts_with_field(std::string_view line, std::string_view name) {
  if (line.size() <= name.size() || line[name.size()] != ':') return false;
  return std::equal(name.begin(), name.end(), line.begin(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
  });
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

// The values of field `name` among the raw header lines (up to the blank line).
std::vector<std::string_view> raw_values(std::string_view head, std::string_view name) {
  std::vector<std::string_view> values;
  while (!head.empty()) {
    const size_t end = head.find('\n');
    const std::string_view line = head.substr(0, end);
    if (trimmed(line).empty()) break;
    if (starts_with_field(line, name)) values.push_back(trimmed(line.substr(name.size() + 1)));
    if (end == std::string_view::npos) break;
    head.remove_prefix(end + 1);
  }
  return values;
}

}  // namespace

std::optional<HttpResponse> refuse_body_framing(const HttpRequest& head, size_t max_body) {
  const bool has_length = head.has_header("Content-Length");
  if (head.has_header("Transfer-Encoding")) return transfer_encoding_refused(has_length);
  if (head.has_header("Content-Encoding")) {
    return json_error(415, "content_encoding_not_accepted",
                      "send the body uncompressed, without Content-Encoding");
  }
  const bool takes_body = head.method == "POST" || head.method == "PUT" || head.method == "PATCH";
  if (!has_length) {
    if (!takes_body) return std::nullopt;
    return json_error(411, "length_required", "a request with a body needs a Content-Length");
  }
  if (head.header_count("Content-Length") != 1) return one_length_only();
  return judge_length(head.header("Content-Length"), max_body);
}

HttpResponse refuse_malformed_head(HeadFault fault, std::string_view received, size_t max_body,
                                   size_t header_limit) {
  if (fault == HeadFault::too_large) {
    return json_error(
        431, "header_fields_too_large",
        "the request headers are larger than " + std::to_string(header_limit) + " bytes");
  }
  // The parser stops at the first field it cannot accept; the raw lines say which rule of ours
  // the request broke, so that its answer is the same as for a head the parser let through.
  const auto lengths = raw_values(received, "Content-Length");
  const bool has_encoding = !raw_values(received, "Transfer-Encoding").empty();
  if (fault == HeadFault::transfer_encoding ||
      (fault == HeadFault::content_length && has_encoding)) {
    return transfer_encoding_refused(!lengths.empty());
  }
  if (fault == HeadFault::content_length) {
    if (lengths.size() > 1) return one_length_only();
    if (lengths.size() == 1) {
      if (auto verdict = judge_length(lengths.front(), max_body)) return *verdict;
    }
    return length_not_a_number();
  }
  return json_error(400, "bad_request", "the request is not valid HTTP/1.1");
}

}  // namespace koers::cli
