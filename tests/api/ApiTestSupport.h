#pragma once

#include "ApiClient.h"
#include "ApiJob.h"
#include "Jwt.h"
#include "ScriptedServer.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace vl::test {

// Generous: the machine is shared and slow; a hang still ends the test with a clear failure.
constexpr int kJobWaitMs = 30000;

inline const QString kApiKey = QStringLiteral("test-key-1234");
inline const QByteArray kApiSecret = QByteArrayLiteral("s3cr3t-for-tests");

// A client pointed at the scripted server, with fast retries so failing paths finish quickly.
inline std::unique_ptr<ApiClient> makeClient(const ScriptedServer& server, bool withCredentials = true) {
    auto client = std::make_unique<ApiClient>();
    client->setBaseUrl(server.baseUrl());
    if (withCredentials)
        client->setCredentials(kApiKey, kApiSecret);
    client->setRetryBaseDelay(5);
    client->setTimeout(10000);
    return client;
}

// Runs a job to completion without a nested blocking loop of our own; never hangs longer than timeoutMs.
// The job is kept alive (auto-delete off) so its results can be read; the caller owns it.
template <class JobType> std::unique_ptr<JobType> runJob(JobType* job, int timeoutMs = kJobWaitMs) {
    job->setAutoDelete(false);
    QSignalSpy spy(job, &ApiJob::finished);
    if (!job->isFinished())
        spy.wait(timeoutMs);
    return std::unique_ptr<JobType>(job);
}

// Decoded, signature-verified JWT from a recorded request (empty optional when absent or invalid).
inline std::optional<Jwt::Decoded> verifiedToken(const RecordedRequest& request, QString* whyNot = nullptr) {
    const QByteArray token = request.bearerToken();
    if (token.isEmpty())
        return std::nullopt;
    return Jwt::verify(token, kApiSecret, QDateTime::currentDateTimeUtc(), 30, whyNot);
}

inline bool isWholeNumber(const QJsonValue& value) {
    return value.isDouble() && value.toDouble() == double(qint64(value.toDouble()));
}

} // namespace vl::test
