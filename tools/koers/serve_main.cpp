// koers-serve: the program behind `koers serve` (the HTTP server; see serve_command.h). Every other
// command works here as in `koers`.
#include "tools/koers/cli_main.h"

int main(int argc, char** argv) {
  return koers::cli::cli_main(argc, argv, koers::cli::run_serve);
}
