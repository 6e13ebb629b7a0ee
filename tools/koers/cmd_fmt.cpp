// koers fmt: rule files in one layout. Files are replaced atomically: a crash leaves the old file
// or the new one, never half a rule file.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "syntax/format.h"
#include "tools/koers/commands.h"
#include "util/atomic_file.h"

namespace koers::cli {

namespace fs = std::filesystem;

namespace {

struct FmtOptions {
  bool check = false;
  bool follow_symlinks = false;
  std::vector<std::string> paths;
};

int run_fmt(const FmtOptions& options) {
  std::vector<fs::path> files;
  for (const auto& p : options.paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      for (const auto& e : fs::recursive_directory_iterator(p, ec)) {
        if (e.is_regular_file() && e.path().extension() == ".koers") files.push_back(e.path());
      }
    } else {
      files.emplace_back(p);
    }
  }
  std::sort(files.begin(), files.end());
  int rc = kExitOk;
  size_t changed = 0;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      std::cerr << file.string() << ": error: cannot read this file\n";
      rc = kExitUnusable;
      continue;
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string text = buffer.str();
    Diagnostics diags;
    auto formatted =
        syntax::format_source(std::make_shared<SourceFile>(file.string(), text), diags);
    if (!formatted) {
      print_diagnostics(diags);
      rc = kExitUnusable;
      continue;
    }
    if (*formatted == text) continue;
    ++changed;
    if (options.check) {
      std::cout << file.string() << ": not in the canonical layout\n";
      if (rc == kExitOk) rc = kExitInputRejected;
      continue;
    }
    ReplaceOptions replace;
    replace.follow_symlinks = options.follow_symlinks;
    if (auto written = replace_file_atomically(file, *formatted, replace); !written) {
      std::cerr << file.string() << ": error: cannot write this file: " << written.error << "\n";
      rc = kExitUnusable;
      continue;
    }
    std::cout << file.string() << ": formatted\n";
  }
  if (options.check && changed == 0 && rc == kExitOk)
    std::cout << files.size() << " file(s) in the canonical layout\n";
  return rc;
}

}  // namespace

void add_fmt(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<FmtOptions>();
  CLI::App* cmd = app.add_subcommand("fmt", "Put rule files in the canonical layout");
  cmd->add_flag("--check", options->check,
                "Change nothing; exit 1 when a file is not in the layout");
  cmd->add_flag("--follow-symlinks", options->follow_symlinks,
                "Format a rule file that is a symbolic link where it leads (else it is refused)");
  cmd->add_option("paths", options->paths, "Rule files or directories")->required();
  cmd->callback([options, &exit_code] { exit_code = run_fmt(*options); });
}

}  // namespace koers::cli
