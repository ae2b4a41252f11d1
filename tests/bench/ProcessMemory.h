#pragma once

#include <QtGlobal>

// The benchmark process's own memory, from /proc/self/status on Linux (VmRSS now, VmHWM = peak
// resident set). Elsewhere both are -1 and the benchmarks print "n/a" instead of checking a bound.
class ProcessMemory {
public:
    static qint64 residentKb();
    static qint64 peakResidentKb();

private:
    static qint64 statusFieldKb(const char* field);
};
