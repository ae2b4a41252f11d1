#pragma once

namespace vl::cli {

// vlx's documented exit codes.
enum ExitCode : int {
    ExitOk = 0,
    ExitApiError = 1, // the server answered with an error, or the operation itself failed
    ExitUsage = 2,    // bad command line, or no server to talk to
    ExitAuth = 3,     // 401 or no credentials
    ExitNetwork = 4,  // connection refused/reset, DNS, timeout, TLS
};

} // namespace vl::cli
