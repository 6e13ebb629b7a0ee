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
  std::cerr << "koers serve: cannot start " << program << ": " << std::strerror(errno)
            << "\n  koers serve runs the program koers-serve, installed next to koers\n";
  return kExitUnusable;
}

}  // namespace koers::cli
