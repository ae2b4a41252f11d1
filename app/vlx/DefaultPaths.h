#pragma once

#include <QString>

namespace vl::cli {

// The data directory of the engine VL Explorer starts, where vlx looks for engine.json by default.
QString defaultEngineDataDir();

// The identity vlx shares with the desktop app so both resolve the same per-user directories.
void setApplicationIdentity();

} // namespace vl::cli
