#pragma once

#include <QString>

namespace vl::cli {

// The few console facts vlx needs, portable across POSIX and Windows.
class Terminal {
public:
    static bool stdinIsTty();
    static bool stderrIsTty();
    // Reads one line from stdin without the trailing newline; nullopt-like empty + false at end of input.
    static bool readLine(QString* line);
    // Reads one line with echo turned off when stdin is a terminal (for secrets).
    static bool readHiddenLine(QString* line);
};

} // namespace vl::cli
