// The `caios` executable: forwards to the CLI in compiler/driver/cli.h.
#include <iostream>

#include "compiler/driver/cli.h"

int main(int argc, char** argv) { return caios::RunCli(argc, argv, std::cout, std::cerr); }
