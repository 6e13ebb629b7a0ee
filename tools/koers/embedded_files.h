#pragma once
// Files built into the koers binary (cmake/embed_files.cmake): the web page of `koers serve`
// (web/*), the shipped example cases (examples/*.yaml) and the Dutch guides (docs/, as HTML).
#include <span>
#include <string_view>

namespace koers::cli {

struct EmbeddedFile {
  std::string_view name;  // file name without directory, e.g. "index.html"
  std::string_view bytes;
};

std::span<const EmbeddedFile> embedded_web();
std::span<const EmbeddedFile> embedded_examples();
// docs/*.md rendered as pages ("handleiding-hulpverlener.html"), served at /docs/NAME.
std::span<const EmbeddedFile> embedded_docs();

}  // namespace koers::cli
