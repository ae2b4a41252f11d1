// InferenceRuntime (loading, named outputs, concurrent calls) and LearnedModelFiles (manifest lookup, reasons
// when something is missing, provenance). The runtime is exercised on the BlazeFace model that
// packaging/models/prepare-models.sh installs; without it the model-dependent tests skip (fail when CI=true).
#include "InferenceRuntime.h"
#include "LearnedModelFiles.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtConcurrent>
#include <QtTest>

using namespace vl::engine;

namespace {

bool inCi() {
    return qEnvironmentVariable("CI") == QLatin1String("true");
}

void writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

QByteArray manifest(const QJsonArray& models) {
    return QJsonDocument(QJsonObject{{QStringLiteral("format"), 1}, {QStringLiteral("models"), models}})
        .toJson();
}

QJsonObject model(const QString& id, const QString& file) {
    return {{QStringLiteral("id"), id},
            {QStringLiteral("file"), file},
            {QStringLiteral("licence"), QStringLiteral("Apache-2.0")},
            {QStringLiteral("upstream"), QStringLiteral("somebody's repository")},
            {QStringLiteral("source"),
             QJsonObject{{QStringLiteral("package"), QStringLiteral("@scope/pkg@1.2.3")},
                         {QStringLiteral("converted"), true},
                         {QStringLiteral("converter"), QStringLiteral("tfjs2onnx.py")}}}};
}

} // namespace

class TestEnrichRuntime : public QObject {
    Q_OBJECT

private:
    QString m_blazeFace; // path of the installed BlazeFace back model, empty when missing

private slots:
    void initTestCase() {
        m_blazeFace = LearnedModelFiles::instance().path(QStringLiteral("blazeface-back-256"));
    }

    void findsListedModelFiles() {
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("a.onnx")), "not really a model");
        writeFile(dir.filePath(QStringLiteral("manifest.json")),
                  manifest({model(QStringLiteral("a"), QStringLiteral("a.onnx")),
                            model(QStringLiteral("b"), QStringLiteral("b.onnx"))}));
        const LearnedModelFiles files(dir.path());
        QCOMPARE(files.path(QStringLiteral("a")),
                 QFileInfo(dir.filePath(QStringLiteral("a.onnx"))).absoluteFilePath());
        QVERIFY(files.unavailableReason(QStringLiteral("a")).isEmpty());
        // Listed but absent: the reason names the file and the fix.
        QVERIFY(files.path(QStringLiteral("b")).isEmpty());
        QVERIFY(files.unavailableReason(QStringLiteral("b")).contains(QLatin1String("b.onnx")));
        QVERIFY(
            files.unavailableReason(QStringLiteral("b")).contains(QLatin1String("packaging/bootstrap.sh")));
        // Not listed at all.
        QVERIFY(files.path(QStringLiteral("c")).isEmpty());
        QVERIFY(files.unavailableReason(QStringLiteral("c")).contains(QLatin1String("not listed")));
        QCOMPARE(files.entry(QStringLiteral("a")).value(QStringLiteral("licence")).toString(),
                 QStringLiteral("Apache-2.0"));
    }

    void provenanceListsEveryModel() {
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("a.onnx")), "x");
        writeFile(dir.filePath(QStringLiteral("manifest.json")),
                  manifest({model(QStringLiteral("a"), QStringLiteral("a.onnx")),
                            model(QStringLiteral("b"), QStringLiteral("b.onnx"))}));
        const QJsonArray provenance = LearnedModelFiles(dir.path()).provenance();
        QCOMPARE(provenance.size(), 2);
        const QJsonObject first = provenance.at(0).toObject();
        QCOMPARE(first.value(QStringLiteral("id")).toString(), QStringLiteral("a"));
        QCOMPARE(first.value(QStringLiteral("package")).toString(), QStringLiteral("@scope/pkg@1.2.3"));
        QCOMPARE(first.value(QStringLiteral("licence")).toString(), QStringLiteral("Apache-2.0"));
        QCOMPARE(first.value(QStringLiteral("upstream")).toString(), QStringLiteral("somebody's repository"));
        QCOMPARE(first.value(QStringLiteral("converter")).toString(), QStringLiteral("tfjs2onnx.py"));
        QVERIFY(first.value(QStringLiteral("available")).toBool());
        QVERIFY(!provenance.at(1).toObject().value(QStringLiteral("available")).toBool());
    }

    void missingOrBrokenManifestIsExplained() {
        QTemporaryDir dir;
        const LearnedModelFiles empty(dir.path());
        QVERIFY(empty.path(QStringLiteral("a")).isEmpty());
        QVERIFY(empty.unavailableReason(QStringLiteral("a")).contains(QLatin1String("not installed")));
        QVERIFY(empty.provenance().isEmpty());
        writeFile(dir.filePath(QStringLiteral("manifest.json")), "{ not json");
        const QString reason = LearnedModelFiles(dir.path()).unavailableReason(QStringLiteral("a"));
        QVERIFY2(reason.contains(QLatin1String("not a models manifest")), qPrintable(reason));
    }

    void environmentOverridesTheSearch() {
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("a.onnx")), "x");
        writeFile(dir.filePath(QStringLiteral("manifest.json")),
                  manifest({model(QStringLiteral("a"), QStringLiteral("a.onnx"))}));
        qputenv("VL_MODELS_DIR", dir.path().toUtf8());
        const LearnedModelFiles files;
        qunsetenv("VL_MODELS_DIR");
        QCOMPARE(files.directory(), QDir(dir.path()).absolutePath());
        QVERIFY(!files.path(QStringLiteral("a")).isEmpty());
        // Without the variable the installed and build-tree folders are searched instead.
        const LearnedModelFiles searched;
        QVERIFY(searched.searchedDirectories().size() >= 1);
        QVERIFY(!searched.searchedDirectories().contains(dir.path()));
    }

    void runtimeRejectsWhatItCannotLoad() {
        InferenceRuntime runtime;
        QString error;
        QVERIFY(!runtime.load(QStringLiteral("/nonexistent/model.onnx"), &error));
        QVERIFY(error.contains(QLatin1String("cannot read")));
        QTemporaryDir dir;
        writeFile(dir.filePath(QStringLiteral("garbage.onnx")), QByteArray(1000, 'x'));
        error.clear();
        QVERIFY(!runtime.load(dir.filePath(QStringLiteral("garbage.onnx")), &error));
        QVERIFY2(error.contains(QLatin1String("OpenCV cannot load")), qPrintable(error));
        QVERIFY(!runtime.isLoaded());
        error.clear();
        QVERIFY(runtime.run(cv::Mat::zeros(1, 4, CV_32F), {}, &error).empty());
        QVERIFY(error.contains(QLatin1String("not loaded")));
    }

    void runsNamedOutputsConcurrently() {
        if (m_blazeFace.isEmpty()) {
            const QString why =
                LearnedModelFiles::instance().unavailableReason(QStringLiteral("blazeface-back-256"));
            if (inCi())
                QFAIL(qPrintable(why));
            QSKIP(qPrintable(why));
        }
        InferenceRuntime runtime;
        QString error;
        QVERIFY2(runtime.load(m_blazeFace, &error), qPrintable(error));
        QCOMPARE(runtime.outputNames().size(), size_t(4));
        // Inputs that differ per call, so a mix-up between concurrent calls would show.
        QVector<cv::Mat> inputs;
        for (int i = 0; i < 6; ++i) {
            const int sizes[] = {1, 256, 256, 3};
            inputs.append(cv::Mat(4, sizes, CV_32F, cv::Scalar(-1.0 + i * 0.3)));
        }
        const std::vector<std::string> names{"Identity_3:0", "Identity:0"}; // not the model's order
        QVector<cv::Mat> serial;
        for (const cv::Mat& input : inputs) {
            const std::vector<cv::Mat> out = runtime.run(input, names, &error);
            QVERIFY2(out.size() == 2, qPrintable(error));
            QCOMPARE(int(out[0].total()), 384 * 16);
            QCOMPARE(int(out[1].total()), 512);
            serial.append(out[0]);
        }
        QVERIFY(cv::norm(serial[0], serial[5]) > 0); // the inputs do change the outputs
        const QVector<cv::Mat> parallel = QtConcurrent::blockingMapped(
            inputs, [&](const cv::Mat& input) { return runtime.run(input, names).at(0); });
        for (int i = 0; i < inputs.size(); ++i)
            QVERIFY(cv::norm(parallel[i], serial[i], cv::NORM_INF) < 1e-4);
        // Callers asking for other outputs in between (the pool keeps Nets planned per output set) get the
        // same answers.
        const std::vector<std::string> other{"Identity_3:0"};
        const QVector<cv::Mat> mixed = QtConcurrent::blockingMapped(inputs, [&](const cv::Mat& input) {
            const bool odd = (&input - inputs.constData()) % 2;
            return runtime.run(input, odd ? other : names).at(0);
        });
        for (int i = 0; i < inputs.size(); ++i)
            QVERIFY(cv::norm(mixed[i], serial[i], cv::NORM_INF) < 1e-4);
        QCOMPARE(runtime.runFlat(inputs[0]).size(), size_t(512)); // the first output of the model
    }

    void threadsPerCallIsAPolicy() {
        InferenceRuntime::setThreadsPerCall(1);
        QCOMPARE(InferenceRuntime::threadsPerCall(), 1);
        InferenceRuntime::setThreadsPerCall(0);
        QVERIFY(InferenceRuntime::threadsPerCall() >= 1);
    }
};

QTEST_GUILESS_MAIN(TestEnrichRuntime)
#include "tst_enrich_runtime.moc"
