#pragma once
// Files built into the koers binary (cmake/embed_files.cmake): the web page of `koers serve`
// (web/*) and the shipped example cases (examples/*.yaml).
#include <span>
#include <string_view>

namespace koers::cli {

struct EmbeddedFile {
  std::string_view name;  // file name without directory, e.g. "index.html"
  std::string_view bytes;
};

std::span<const EmbeddedFile> embedded_web();
std::span<const EmbeddedFile> embedded_examples();

}  // namespace koers::cli
