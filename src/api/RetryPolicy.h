#pragma once

#include "ApiError.h"

#include <QByteArray>

namespace vl {

// The one table that says which failures are tried again and how long to wait (every job and every
// media load goes through it). A failure is retried when its row says so, the request may be repeated
// (idempotent, nothing streamed out yet) and attempts are left; the delay doubles from the client's
// base delay unless the server sent Retry-After, and is capped.
namespace RetryPolicy {

// True when the table retries this failure. `transferCut`: the connection ended inside a body
// (a reset, not a malformed answer).
bool isRetryable(const ApiError& error, bool transferCut);

// The wait before attempt `attempt + 1` (attempt counts from 1): baseDelayMs doubled per attempt,
// or the Retry-After header (seconds or an HTTP date), never more than capMs.
int delayMs(int attempt, int baseDelayMs, int capMs, const QByteArray& retryAfter);

} // namespace RetryPolicy

} // namespace vl
