#pragma once
// Finding the site a command works on: the nearest folder with a config.toml, from the current
// folder upwards (as Git finds .git and Hugo its config).

#include <optional>
#include <string>

namespace nk::pipeline {

/// The nearest folder at or above `start` that holds a `config.toml` file, as a path relative
/// to `start` ("." for `start` itself, ".." for its parent, and so on), so that messages read
/// as they did when the command ran in the site. nullopt when no folder up to the root has one.
std::optional<std::string> find_site_root(const std::string& start);

}  // namespace nk::pipeline
