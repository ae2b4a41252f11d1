#include "ApiLogging.h"

Q_LOGGING_CATEGORY(vlApi, "vl.api", QtWarningMsg)
