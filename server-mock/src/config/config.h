#pragma once
// Command line and SESAME_* environment → Settings. One table describes every
// option, so parsing and --help never disagree.

#include "config/settings.h"

#include <sesame/contract/expected.h>

#include <map>
#include <string>

namespace sesame::server {

enum class Command {
    Serve,    // run the HTTP server (the default)
    Migrate,  // apply the PostgreSQL migrations and exit
};

struct Config {
    Command command = Command::Serve;
    bool helpRequested = false;  // --help or -h: print helpText() and exit 0
    Settings settings;
};

// Environment variables by name (only SESAME_* ones are read).
using Environment = std::map<std::string, std::string>;

// The SESAME_* variables of this process.
Environment processEnvironment();

// Parses `sesame-server [serve|migrate] [options]`. Each option is read from
// its SESAME_* variable, then from the flags (`--name value` or
// `--name=value`; the last flag wins). The error names the option or
// variable and what it accepts; callers print it and exit with code 2.
contract::Expected<Config, std::string> parseConfig(int argc, const char* const* argv, const Environment& environment);

// Usage: the commands, then every option with its variable and default.
std::string helpText();

}  // namespace sesame::server
