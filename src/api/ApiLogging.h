#pragma once

#include <QLoggingCategory>

// "vl.api": one line per request sent, retry scheduled and failure (method, path, status, attempt;
// never a query string, a header, a token or a secret). Off by default; turn on with
// QT_LOGGING_RULES="vl.api*=true".
Q_DECLARE_LOGGING_CATEGORY(vlApi)
