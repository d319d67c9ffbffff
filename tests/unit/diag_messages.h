#pragma once
// The diagnostics a test collected, each formatted as editors read it ("path:line:col: ...").

#include <string>
#include <vector>

#include "diag/diagnostics.h"

namespace nk::test {

inline std::vector<std::string> messages(const diag::Diagnostics& d) {
    std::vector<std::string> out;
    for (const auto& x : d.sorted()) out.push_back(diag::Diagnostics::format(x));
    return out;
}

}  // namespace nk::test
