#include "Terminal.h"

#include <cstdio>
#include <string>

#ifdef Q_OS_WIN
#include <io.h>
#include <windows.h>
#else
#include <termios.h>
#include <unistd.h>
#endif

namespace vl::cli {

namespace {

bool isTty(FILE* stream) {
#ifdef Q_OS_WIN
    return _isatty(_fileno(stream)) != 0;
#else
    return isatty(fileno(stream)) != 0;
#endif
}

// Turns terminal echo off for its lifetime; restores the previous mode even on early return.
class EchoOff {
public:
    EchoOff() {
#ifdef Q_OS_WIN
        m_handle = GetStdHandle(STD_INPUT_HANDLE);
        m_active = GetConsoleMode(m_handle, &m_mode) && SetConsoleMode(m_handle, m_mode & ~ENABLE_ECHO_INPUT);
#else
        if (tcgetattr(STDIN_FILENO, &m_mode) == 0) {
            termios silent = m_mode;
            silent.c_lflag &= ~static_cast<tcflag_t>(ECHO);
            m_active = tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent) == 0;
        }
#endif
    }
    ~EchoOff() {
        if (!m_active)
            return;
#ifdef Q_OS_WIN
        SetConsoleMode(m_handle, m_mode);
#else
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &m_mode);
#endif
    }
    EchoOff(const EchoOff&) = delete;
    EchoOff& operator=(const EchoOff&) = delete;

private:
    bool m_active = false;
#ifdef Q_OS_WIN
    HANDLE m_handle = nullptr;
    DWORD m_mode = 0;
#else
    termios m_mode{};
#endif
};

} // namespace

bool Terminal::stdinIsTty() {
    return isTty(stdin);
}

bool Terminal::stderrIsTty() {
    return isTty(stderr);
}

bool Terminal::readLine(QString* line) {
    // std::fgets on stdin rather than QTextStream: no read-ahead buffering, so two prompts in a row each
    // get their own line even when input is piped.
    std::string text;
    char buffer[256];
    bool gotAny = false;
    while (std::fgets(buffer, sizeof buffer, stdin)) {
        gotAny = true;
        text += buffer;
        if (!text.empty() && text.back() == '\n')
            break;
    }
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
        text.pop_back();
    *line = QString::fromStdString(text);
    return gotAny;
}

bool Terminal::readHiddenLine(QString* line) {
    if (!stdinIsTty())
        return readLine(line);
    const EchoOff echoOff;
    const bool ok = readLine(line);
    std::fputs("\n", stderr); // the user's Enter was not echoed
    return ok;
}

} // namespace vl::cli
