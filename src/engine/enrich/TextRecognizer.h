#pragma once

#include <QImage>
#include <QString>
#include <QStringList>
#include <QVector>

namespace vl::engine {

// Words written in an image (signs, captions, documents, screenshots) with Tesseract OCR (Debian
// libtesseract-dev 5.x and its English model tesseract-ocr-eng), so they become searchable. Only words
// Tesseract is confident about are returned, after dropping what photos without text produce (short
// fragments, punctuation runs, letter soup); the threshold is calibrated in tests/enrich/tst_enrich_text.
//
// Thread-safe: each thread that calls words() gets its own Tesseract engine on first use (about 0.2 s and
// ~20 MB); Tesseract itself runs single-threaded (OMP_THREAD_LIMIT) so parallel workers do not oversubscribe.
class TextRecognizer {
public:
    struct Config {
        float minConfidence = 80; // Tesseract word confidence, 0..100
        int maxSide = 2400; // larger images are scaled down first (Tesseract's cost grows with the area)
        QStringList dataDirectories; // where to look for eng.traineddata; empty = the defaults (see .cpp)
    };

    TextRecognizer();
    explicit TextRecognizer(Config config);

    struct Word {
        QString text; // punctuation at its ends removed
        float confidence;
    };

    // Recognised words in reading order that pass plausible(), empty when none or on error.
    QStringList words(const QImage& image) const;
    // Everything Tesseract read, unfiltered (calibration, tests).
    QVector<Word> recognise(const QImage& image) const;
    // Empty when usable, else why not (no English model found: install tesseract-ocr-eng or set
    // TESSDATA_PREFIX).
    QString error() const { return m_error; }
    // The folder holding eng.traineddata, empty when not found.
    QString dataDirectory() const { return m_dataDirectory; }
    const Config& config() const { return m_config; }

    // Whether Tesseract's `word` with `confidence` is kept (exposed for tests).
    bool plausible(const QString& word, float confidence) const;

private:
    Config m_config;
    QString m_dataDirectory;
    QString m_error;
};

} // namespace vl::engine
