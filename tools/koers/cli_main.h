#pragma once
// The command line shared by the two programs, `koers` and `koers-serve` (see serve_command.h):
// the same commands and options; they differ only in how `serve` is run.
#include <vector>

#include "tools/koers/serve_command.h"

namespace koers::cli {

int cli_main(int argc, char** argv, ServeRunner serve_runner);

// argv as the program got it, ending in a null pointer (for handing over to koers-serve).
const std::vector<char*>& original_arguments();

}  // namespace koers::cli
