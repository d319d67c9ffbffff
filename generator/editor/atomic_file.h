#pragma once
// Writing a record so that it is never half written: the new bytes go to a temporary file in
// the same folder, are flushed to disk, and replace the old file in one rename. When anything
// fails (a full disk, say) the old file stays as it was and the temporary file is removed.

#include <string>

namespace nk::editor {

/// Writes `bytes` to `path` atomically, creating its folder when missing. The file keeps its
/// permissions (a new one gets 0644 less the umask). Returns "" or why it failed (Russian).
std::string write_atomically(const std::string& path, const std::string& bytes);

/// The hash the editor compares to find a file changed on disk since it was opened: xxHash64 of
/// the bytes, 16 hex digits.
std::string content_hash(const std::string& bytes);

}  // namespace nk::editor
