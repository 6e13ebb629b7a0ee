// koers: rule-based decision support for multiprobleemgezinnen. See README.md.
#include "tools/koers/cli_main.h"

int main(int argc, char** argv) {
  return koers::cli::cli_main(argc, argv, koers::cli::exec_server);
}
