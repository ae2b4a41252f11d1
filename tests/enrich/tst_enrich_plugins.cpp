// ONNX plug-ins: tiny models written by make_models.py (python3-onnx), outputs compared with the values
// numpy computed from the same weights in that script.
#include "EnrichmentTypes.h"
#include "ModelRegistry.h"
#include "OnnxInput.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QtConcurrent>
#include <QtTest>

using namespace vl::engine;

class TestEnrichPlugins : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QJsonObject m_expected;
    std::unique_ptr<ModelRegistry> m_registry;

    static QImage image(const QJsonArray& rows) // rows[y][x] = [r, g, b]
    {
        QImage result(rows.at(0).toArray().size(), rows.size(), QImage::Format_RGB32);
        for (int y = 0; y < rows.size(); ++y) {
            const QJsonArray row = rows.at(y).toArray();
            for (int x = 0; x < row.size(); ++x) {
                const QJsonArray rgb = row.at(x).toArray();
                result.setPixel(x, y, qRgb(rgb.at(0).toInt(), rgb.at(1).toInt(), rgb.at(2).toInt()));
            }
        }
        return result;
    }

    QImage testImage(int i) const {
        return image(m_expected.value(QStringLiteral("images")).toArray().at(i).toArray());
    }
    int imageCount() const { return m_expected.value(QStringLiteral("images")).toArray().size(); }

    static void compareVectors(const QVector<float>& actual, const QJsonArray& expected,
                               double tolerance = 1e-4) {
        QCOMPARE(actual.size(), expected.size());
        for (int i = 0; i < actual.size(); ++i) {
            if (std::abs(actual[i] - expected.at(i).toDouble()) > tolerance)
                QFAIL(qPrintable(QStringLiteral("element %1: %2 != %3")
                                     .arg(i)
                                     .arg(actual[i])
                                     .arg(expected.at(i).toDouble())));
        }
    }

    EnrichmentModelInfo info(const QString& id) const {
        return m_registry->model(id).value_or(EnrichmentModelInfo());
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        const QString python = QStringLiteral("/usr/bin/python3");
        QProcess probe;
        probe.start(python, {QStringLiteral("-c"), QStringLiteral("import onnx, numpy")});
        if (!probe.waitForFinished(60000) || probe.exitStatus() != QProcess::NormalExit ||
            probe.exitCode() != 0)
            QSKIP("/usr/bin/python3 with onnx and numpy (Debian: python3-onnx, python3-numpy) is needed to "
                  "make "
                  "the test models");
        QProcess make;
        make.start(python, {QStringLiteral(VL_ENRICH_TEST_DIR "/make_models.py"), m_dir.path()});
        QVERIFY(make.waitForFinished(120000));
        QVERIFY2(make.exitCode() == 0, make.readAllStandardError().constData());
        QFile expected(m_dir.filePath(QStringLiteral("expected.json")));
        QVERIFY(expected.open(QIODevice::ReadOnly));
        m_expected = QJsonDocument::fromJson(expected.readAll()).object();
        m_registry = std::make_unique<ModelRegistry>(m_dir.path());
    }

    void validPluginsAreActiveAndReplaceComingSoon() {
        for (const char* id : {"tiny_tagger", "tiny_encoder", "tiny_bow"})
            QVERIFY2(info(QLatin1String(id)).isActive(), qPrintable(info(QLatin1String(id)).description));
        QCOMPARE(info(QStringLiteral("tiny_tagger")).type, EnrichmentType::ImageTagging);
        QCOMPARE(info(QStringLiteral("tiny_tagger")).name, QStringLiteral("Tiny tagger"));
        for (const EnrichmentModelInfo& model : m_registry->models()) {
            if (model.type == EnrichmentType::ImageTagging || model.type == EnrichmentType::ImageEncoding)
                QVERIFY2(model.status != ModelStatus::ComingSoon, qPrintable(model.id));
        }
        const EnrichmentRequest request = m_registry->validate(
            QJsonObject{{EnrichmentType::ImageTagging, QStringLiteral("tiny_tagger")},
                        {EnrichmentType::ImageEncoding, QStringLiteral("tiny_encoder")}});
        QVERIFY2(request.isValid(), qPrintable(request.error));
    }

    void invalidPluginsAreListedWithTheirReason() {
        const QJsonArray invalid = m_expected.value(QStringLiteral("invalid")).toArray();
        for (const QJsonValue& id : invalid) {
            const EnrichmentModelInfo model = info(id.toString());
            QCOMPARE(model.status, ModelStatus::Invalid);
            QVERIFY2(model.description.contains(QLatin1String("cannot be used")),
                     qPrintable(model.description));
        }
        QVERIFY(info(QStringLiteral("broken_json")).description.contains(QLatin1String("invalid JSON")));
        QVERIFY(info(QStringLiteral("missing_model")).description.contains(QLatin1String("nowhere.onnx")));
        QVERIFY(info(QStringLiteral("wrong_labels"))
                    .description.contains(QLatin1String("4 scores but the labels file has 2")));
        QVERIFY(
            info(QStringLiteral("garbage_model")).description.contains(QLatin1String("OpenCV cannot load")));
        QVERIFY(info(QStringLiteral("bad_std")).description.contains(QLatin1String("non-zero")));
        QVERIFY(info(QStringLiteral("local_object_detector_v00")).isActive()); // the built-in keeps its id
        const QVector<EnrichmentModelInfo> models = m_registry->models();
        const auto clash = std::find_if(models.begin(), models.end(), [](const EnrichmentModelInfo& m) {
            return m.descriptorPath.endsWith(QLatin1String("clashing_id.json"));
        });
        QVERIFY(clash != models.end());
        QCOMPARE(clash->status, ModelStatus::Invalid);
        QVERIFY2(clash->description.contains(QLatin1String("already taken")), qPrintable(clash->description));
        const EnrichmentRequest request =
            m_registry->validate(QJsonObject{{EnrichmentType::ImageTagging, QStringLiteral("wrong_labels")}});
        QVERIFY(request.error.contains(QLatin1String("cannot be applied")));
    }

    void taggerMatchesNumpy() {
        const auto tagger = m_registry->tagger(QStringLiteral("tiny_tagger"));
        QVERIFY(tagger);
        const QJsonObject expected = m_expected.value(QStringLiteral("tagger")).toObject();
        for (int i = 0; i < imageCount(); ++i) {
            QString error;
            const std::vector<float> probabilities = tagger->probabilities(testImage(i), &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            compareVectors(QVector<float>(probabilities.begin(), probabilities.end()),
                           expected.value(QStringLiteral("probabilities")).toArray().at(i).toArray());
            const QJsonArray tags = expected.value(QStringLiteral("tags")).toArray().at(i).toArray();
            const QVector<OnnxImageTagger::Tag> actual = tagger->tag(testImage(i));
            QCOMPARE(actual.size(), tags.size());
            for (int t = 0; t < tags.size(); ++t) {
                QCOMPARE(actual[t].label, tags.at(t).toArray().at(0).toString());
                QVERIFY(std::abs(actual[t].score - tags.at(t).toArray().at(1).toDouble()) < 1e-4);
            }
        }
    }

    void taggerResizesLargerImages() {
        const auto tagger = m_registry->tagger(QStringLiteral("tiny_tagger"));
        QVERIFY(tagger);
        // A flat image scales to the same flat 2x2 input, so it must score exactly like the 2x2 one.
        QImage large(640, 480, QImage::Format_ARGB32);
        large.fill(QColor(200, 200, 200));
        const std::vector<float> big = tagger->probabilities(large);
        const std::vector<float> small = tagger->probabilities(testImage(imageCount() - 1));
        QCOMPARE(big.size(), small.size());
        for (size_t i = 0; i < big.size(); ++i)
            QVERIFY(std::abs(big[i] - small[i]) < 1e-5);
        QVERIFY(!tagger->probabilities(QImage()).empty()); // a null image is a blank input, not a crash
    }

    void tokenizerFollowsTheContract() {
        const PluginDescriptor descriptor =
            PluginDescriptor::load(m_dir.filePath(QStringLiteral("encoder.json")));
        QVERIFY2(descriptor.isValid(), qPrintable(descriptor.error));
        QCOMPARE(PluginDescriptor::words(QStringLiteral("DOG, café!  x2")),
                 (QStringList{QStringLiteral("dog"), QStringLiteral("café"), QStringLiteral("x2")}));
        const QJsonObject expected = m_expected.value(QStringLiteral("encoder")).toObject();
        const QJsonArray texts = expected.value(QStringLiteral("texts")).toArray();
        for (int i = 0; i < texts.size(); ++i) {
            const cv::Mat blob = OnnxInput::textBlob(texts.at(i).toString(), descriptor);
            const QJsonArray ids = expected.value(QStringLiteral("token_ids")).toArray().at(i).toArray();
            QCOMPARE(int(blob.total()), ids.size());
            for (int k = 0; k < ids.size(); ++k)
                QCOMPARE(blob.at<float>(0, k), float(ids.at(k).toInt()));
        }
    }

    void encoderMatchesNumpy_data() {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("key");
        QTest::newRow("token ids, NCHW") << "tiny_encoder"
                                         << "encoder";
        QTest::newRow("bag of words, NHWC") << "tiny_bow"
                                            << "bow";
    }

    void encoderMatchesNumpy() {
        QFETCH(QString, id);
        QFETCH(QString, key);
        const auto encoder = m_registry->encoder(id);
        QVERIFY(encoder);
        QVERIFY(encoder->hasTextEncoder());
        const QJsonObject expected = m_expected.value(key).toObject();
        const QJsonArray images = expected.value(QStringLiteral("image_embeddings")).toArray();
        QCOMPARE(encoder->dimension(), images.at(0).toArray().size());
        for (int i = 0; i < imageCount(); ++i)
            compareVectors(encoder->encodeImage(testImage(i)), images.at(i).toArray());
        const QJsonArray texts =
            m_expected.value(QStringLiteral("encoder")).toObject().value(QStringLiteral("texts")).toArray();
        const QJsonArray textEmbeddings = expected.value(QStringLiteral("text_embeddings")).toArray();
        for (int i = 0; i < texts.size(); ++i)
            compareVectors(encoder->encodeText(texts.at(i).toString()), textEmbeddings.at(i).toArray());
    }

    void concurrentUseGivesTheSameResults() {
        const auto encoder = m_registry->encoder(QStringLiteral("tiny_encoder"));
        QVERIFY(encoder);
        const QVector<float> reference = encoder->encodeImage(testImage(0));
        QVector<int> runs(64);
        std::iota(runs.begin(), runs.end(), 0);
        const QList<bool> same = QtConcurrent::blockingMapped(runs, [&](int) {
            return encoder->encodeImage(testImage(0)) == reference &&
                   !encoder->encodeText(QStringLiteral("a cat")).isEmpty();
        });
        QVERIFY(std::all_of(same.begin(), same.end(), [](bool b) { return b; }));
    }

    void rescanPicksUpRemovedPlugins() {
        QTemporaryDir dir;
        for (const char* file : {"tagger.json", "tagger.onnx", "tagger_labels.txt"})
            QVERIFY(QFile::copy(m_dir.filePath(QLatin1String(file)), dir.filePath(QLatin1String(file))));
        ModelRegistry registry(dir.path());
        QVERIFY(registry.tagger(QStringLiteral("tiny_tagger")));
        QVERIFY(QFile::remove(dir.filePath(QStringLiteral("tagger.json"))));
        registry.rescan();
        QVERIFY(!registry.tagger(QStringLiteral("tiny_tagger")));
        QVERIFY(!registry.model(QStringLiteral("tiny_tagger")));
    }
};

QTEST_GUILESS_MAIN(TestEnrichPlugins)
#include "tst_enrich_plugins.moc"
