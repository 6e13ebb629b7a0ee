#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "tools/koers/app.h"
#include "tools/koers/cli_main.h"
#include "tools/koers/commands.h"

namespace koers::cli {

int exec_server(const ServeOptions& /*options: koers-serve parses the same arguments again*/) {
  const std::filesystem::path server = executable_dir() / "koers-serve";
  std::vector<char*> arguments = original_arguments();
  std::string program = server.string();
  arguments[0] = program.data();
  std::cout.flush();
  ::execv(program.c_str(), arguments.data());
  const int error = errno;
  std::cerr << "koers serve: cannot start " << program << ": " << std::strerror(error)
            << "\n  koers serve runs the program koers-serve, installed next to koers";
  if (error == ENOENT) {
    // scripts/demo.sh builds koers alone, for a fast first advice.
    std::cerr << "; in a build tree, build it with `bash scripts/setup.sh` (everything) or "
                 "`cmake --build "
              << executable_dir().string() << " --target koers-serve`";
  }
  std::cerr << "\n";
  return kExitUnusable;
}

}  // namespace koers::cli
