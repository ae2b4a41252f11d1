// TextRecognizer (Tesseract): reads text drawn with QPainter in several fonts and sizes, dark on light and
// light on dark, and returns nothing on python3-skimage photos without text. Needs tesseract-ocr-eng; without
// it the tests skip (fail when CI=true).
#include "SkimageData.h"
#include "TextRecognizer.h"

#include <QElapsedTimer>
#include <QFont>
#include <QPainter>
#include <QTemporaryDir>
#include <QtConcurrent>
#include <QtTest>

using namespace vl::engine;
using namespace vl::engine::test;

namespace {

bool inCi() {
    return qEnvironmentVariable("CI") == QLatin1String("true");
}

QImage textImage(const QStringList& lines, const QString& family, int pixelSize, bool inverted) {
    QFont font(family);
    font.setPixelSize(pixelSize);
    const QFontMetrics metrics(font);
    int width = 0;
    for (const QString& line : lines)
        width = std::max(width, metrics.horizontalAdvance(line));
    QImage image(width + 2 * pixelSize, int(lines.size() * metrics.lineSpacing() * 1.5) + 2 * pixelSize,
                 QImage::Format_RGB32);
    image.fill(inverted ? QColor(30, 40, 60) : QColor(245, 240, 230));
    QPainter painter(&image);
    painter.setRenderHint(QPainter::TextAntialiasing);
    painter.setFont(font);
    painter.setPen(inverted ? QColor(250, 250, 240) : QColor(20, 20, 20));
    for (int i = 0; i < lines.size(); ++i)
        painter.drawText(pixelSize, pixelSize + metrics.ascent() + int(i * metrics.lineSpacing() * 1.5),
                         lines[i]);
    return image;
}

QStringList lowered(const QStringList& words) {
    QStringList result;
    for (const QString& w : words)
        result << w.toLower();
    return result;
}

} // namespace

class TestEnrichText : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<TextRecognizer> m_recognizer;

    bool ready() {
        if (m_recognizer->error().isEmpty())
            return true;
        if (inCi())
            QTest::qFail(qPrintable(m_recognizer->error()), __FILE__, __LINE__);
        else
            QTest::qSkip(qPrintable(m_recognizer->error()), __FILE__, __LINE__);
        return false;
    }

private slots:
    void initTestCase() { m_recognizer = std::make_unique<TextRecognizer>(); }

    void readsGeneratedText_data() {
        QTest::addColumn<QString>("family");
        QTest::addColumn<int>("pixelSize");
        QTest::addColumn<bool>("inverted");
        for (const char* family : {"DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono"})
            for (int size : {16, 28, 64})
                QTest::addRow("%s %d px", family, size) << QString::fromLatin1(family) << size << false;
        QTest::newRow("light on dark, 32 px") << QStringLiteral("DejaVu Sans") << 32 << true;
    }

    void readsGeneratedText() {
        QFETCH(QString, family);
        QFETCH(int, pixelSize);
        QFETCH(bool, inverted);
        if (!ready())
            return;
        const QStringList lines{QStringLiteral("Harbour festival tickets"),
                                QStringLiteral("Quantum bakery opens Monday"),
                                QStringLiteral("Platform 42 to Edinburgh")};
        const QStringList expected = lowered(lines.join(QLatin1Char(' ')).split(QLatin1Char(' ')));
        const QStringList found = lowered(m_recognizer->words(textImage(lines, family, pixelSize, inverted)));
        int hits = 0;
        for (const QString& word : expected)
            hits += found.contains(word) ? 1 : 0;
        int junk = 0;
        for (const QString& word : found)
            junk += expected.contains(word) ? 0 : 1;
        const QString seen = found.join(QLatin1Char(' '));
        QVERIFY2(hits >= expected.size() - 1, qPrintable(QStringLiteral("read: %1").arg(seen)));
        QVERIFY2(junk <= 1, qPrintable(QStringLiteral("read: %1").arg(seen)));
    }

    void nothingOnPhotosWithoutText() {
        if (!ready())
            return;
        int photos = 0;
        for (const char* name :
             {"astronaut.png", "chelsea.png", "coffee.png", "rocket.jpg", "brick.png", "grass.png",
              "gravel.png", "horse.png", "coins.png", "hubble_deep_field.jpg", "camera.png"}) {
            const QImage image = skimagePhoto(QLatin1String(name));
            if (image.isNull())
                continue;
            ++photos;
            const QStringList words = m_recognizer->words(image);
            QVERIFY2(words.isEmpty(),
                     qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(name), words.join(' '))));
        }
        if (photos == 0) {
            if (inCi())
                QFAIL("python3-skimage is not installed");
            QSKIP("python3-skimage is not installed");
        }
    }

    // The confidence threshold sits between what photos without text produce (word-shaped junk) and what
    // Tesseract gives real words in the generated images.
    void thresholdSeparatesTextFromPhotoJunk() {
        if (!ready())
            return;
        TextRecognizer::Config any;
        any.minConfidence = 0;
        const TextRecognizer unfiltered(any);
        float junk = 0;
        QStringList junkSeen;
        for (const char* name :
             {"astronaut.png", "chelsea.png", "coffee.png", "rocket.jpg", "horse.png", "camera.png"}) {
            for (const TextRecognizer::Word& w : unfiltered.recognise(skimagePhoto(QLatin1String(name)))) {
                if (!unfiltered.plausible(w.text, w.confidence))
                    continue;
                junk = std::max(junk, w.confidence);
                junkSeen << QStringLiteral("%1(%2)").arg(w.text).arg(w.confidence, 0, 'f', 0);
            }
        }
        QVector<float> real;
        for (const char* family : {"DejaVu Sans", "DejaVu Serif"})
            for (int size : {16, 28, 64})
                for (const TextRecognizer::Word& w :
                     unfiltered.recognise(textImage({QStringLiteral("Harbour festival tickets"),
                                                     QStringLiteral("Quantum bakery opens Monday")},
                                                    QLatin1String(family), size, false)))
                    real << w.confidence;
        std::sort(real.begin(), real.end());
        QVERIFY(real.size() >= 40);
        const float tenthPercentile = real[real.size() / 10];
        qInfo("word-shaped junk on photos: max confidence %.0f (%s); real words: min %.0f, 10th percentile "
              "%.0f; "
              "threshold %.0f",
              junk, qPrintable(junkSeen.join(' ')), real.front(), tenthPercentile,
              TextRecognizer().config().minConfidence);
        QVERIFY(junk < m_recognizer->config().minConfidence);
        QVERIFY(tenthPercentile >= m_recognizer->config().minConfidence);
    }

    void junkFilter() {
        QVERIFY(m_recognizer->plausible(QStringLiteral("Edinburgh"), 95));
        QVERIFY(m_recognizer->plausible(QStringLiteral("42"), 95));
        QVERIFY(!m_recognizer->plausible(QStringLiteral("Edinburgh"), 40)); // unsure
        QVERIFY(!m_recognizer->plausible(QStringLiteral("a"), 99));         // too short to search for
        QVERIFY(!m_recognizer->plausible(QStringLiteral("eee"), 99));       // one repeated letter
        QVERIFY(!m_recognizer->plausible(QStringLiteral("=—|"), 99));       // punctuation
        QVERIFY(!m_recognizer->plausible(QStringLiteral("7"), 99));
    }

    void threadsGetTheirOwnEngine() {
        if (!ready())
            return;
        const QImage image =
            textImage({QStringLiteral("Parallel reading works")}, QStringLiteral("DejaVu Sans"), 32, false);
        const QStringList reference = m_recognizer->words(image);
        QVERIFY(!reference.isEmpty());
        QVector<int> runs(4);
        const QList<QStringList> results =
            QtConcurrent::blockingMapped(runs, [&](int) { return m_recognizer->words(image); });
        for (const QStringList& words : results)
            QCOMPARE(words, reference);
    }

    void missingLanguageDataIsExplained() {
        QTemporaryDir empty;
        TextRecognizer::Config config;
        config.dataDirectories = {empty.path()};
        const TextRecognizer recognizer(config);
        QVERIFY(recognizer.error().contains(QLatin1String("tesseract-ocr-eng")));
        QVERIFY(
            recognizer
                .words(textImage({QStringLiteral("Hello world")}, QStringLiteral("DejaVu Sans"), 32, false))
                .isEmpty());
    }
};

QTEST_MAIN(TestEnrichText) // QPainter text needs the font database, hence a QGuiApplication
#include "tst_enrich_text.moc"
