#pragma once

#include <cstdio>
#include <cstdlib>
#include <thread>

// For an engine a test runs in a child process: the test keeps the child's standard input open, so when the
// test dies (a failed check, a sanitizer abort) the pipe closes and the child exits instead of running on as
// an orphan.
inline void exitWhenParentCloses() {
    std::thread([] {
        while (std::fgetc(stdin) != EOF) {
        }
        std::_Exit(3);
    }).detach();
}
