#include "TextRecognizer.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string>

namespace vl::engine {
namespace {

const QString kModel = QStringLiteral("eng.traineddata");

QStringList candidateDataDirectories() {
    QStringList dirs;
    const QString prefix = qEnvironmentVariable("TESSDATA_PREFIX");
    if (!prefix.isEmpty())
        dirs << prefix << prefix + QStringLiteral("/tessdata");
    if (QCoreApplication::instance())
        dirs << QCoreApplication::applicationDirPath() + QStringLiteral("/../share/tessdata");
    // Debian/Ubuntu (tesseract-ocr-eng), then other Unix layouts (Homebrew, /usr/local builds).
    dirs << QStringLiteral("/usr/share/tesseract-ocr/5/tessdata")
         << QStringLiteral("/usr/share/tesseract-ocr/4.00/tessdata") << QStringLiteral("/usr/share/tessdata")
         << QStringLiteral("/usr/local/share/tessdata") << QStringLiteral("/opt/homebrew/share/tessdata");
    return dirs;
}

// This thread's engine for `dataDirectory`, initialised on first use; nullptr when Tesseract refuses it.
tesseract::TessBaseAPI* threadEngine(const QString& dataDirectory) {
    thread_local std::map<std::string, std::unique_ptr<tesseract::TessBaseAPI>> engines;
    const std::string key = dataDirectory.toStdString();
    auto it = engines.find(key);
    if (it == engines.end()) {
        auto engine = std::make_unique<tesseract::TessBaseAPI>();
        if (engine->Init(key.c_str(), "eng", tesseract::OEM_LSTM_ONLY) != 0) {
            engine.reset();
        } else {
            // Automatic page segmentation finds scattered text (signs, labels) as well as paragraphs.
            engine->SetPageSegMode(tesseract::PSM_AUTO);
        }
        it = engines.emplace(key, std::move(engine)).first;
    }
    return it->second.get();
}

QString trimmedWord(const QString& word) {
    int start = 0;
    int end = word.size();
    while (start < end && !word.at(start).isLetterOrNumber())
        ++start;
    while (end > start && !word.at(end - 1).isLetterOrNumber())
        --end;
    return word.mid(start, end - start);
}

} // namespace

TextRecognizer::TextRecognizer()
    : TextRecognizer(Config{}) {}

TextRecognizer::TextRecognizer(Config config)
    : m_config(config) {
    // Tesseract may parallelise one page with OpenMP; the enrichment workers already use every core.
    if (qEnvironmentVariableIsEmpty("OMP_THREAD_LIMIT"))
        qputenv("OMP_THREAD_LIMIT", "1");
    const QStringList dirs =
        m_config.dataDirectories.isEmpty() ? candidateDataDirectories() : m_config.dataDirectories;
    const auto found = std::find_if(dirs.begin(), dirs.end(), [](const QString& dir) {
        return QFileInfo(dir + QLatin1Char('/') + kModel).isFile();
    });
    if (found == dirs.end()) {
        m_error =
            QStringLiteral("Tesseract's English model %1 was not found (looked in %2): install the Debian "
                           "package tesseract-ocr-eng (packaging/bootstrap.sh does) or set TESSDATA_PREFIX")
                .arg(kModel, dirs.join(QStringLiteral(", ")));
        return;
    }
    m_dataDirectory = QDir(*found).absolutePath();
    if (!threadEngine(m_dataDirectory))
        m_error = QStringLiteral("Tesseract cannot load %1/%2").arg(m_dataDirectory, kModel);
}

bool TextRecognizer::plausible(const QString& word, float confidence) const {
    if (confidence < m_config.minConfidence || word.size() < 2)
        return false;
    int letters = 0;
    int digits = 0;
    for (const QChar c : word) {
        letters += c.isLetter() ? 1 : 0;
        digits += c.isDigit() ? 1 : 0;
    }
    // Photos without text yield fragments like "|", "—=", "ii", "ee": mostly non-alphanumeric, or one
    // repeated character.
    if (letters + digits < word.size() * 0.8 || (letters == 0 && digits < 2))
        return false;
    return word.count(word.at(0), Qt::CaseInsensitive) < word.size();
}

QStringList TextRecognizer::words(const QImage& image) const {
    QStringList result;
    for (const Word& word : recognise(image))
        if (plausible(word.text, word.confidence))
            result << word.text;
    return result;
}

QVector<TextRecognizer::Word> TextRecognizer::recognise(const QImage& image) const {
    QVector<Word> result;
    if (!m_error.isEmpty() || image.isNull() || std::min(image.width(), image.height()) < 8)
        return result;
    tesseract::TessBaseAPI* engine = threadEngine(m_dataDirectory);
    if (!engine)
        return result;
    QImage gray = image.convertToFormat(QImage::Format_Grayscale8);
    if (std::max(gray.width(), gray.height()) > m_config.maxSide)
        gray = gray.scaled(m_config.maxSide, m_config.maxSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    engine->SetImage(gray.constBits(), gray.width(), gray.height(), 1, int(gray.bytesPerLine()));
    engine->SetSourceResolution(300); // photos carry no meaningful DPI; 300 keeps Tesseract's defaults sane
    if (engine->Recognize(nullptr) == 0) {
        std::unique_ptr<tesseract::ResultIterator> it(engine->GetIterator());
        if (it) {
            do {
                const std::unique_ptr<char[]> text(it->GetUTF8Text(tesseract::RIL_WORD));
                if (text)
                    result.append(
                        {trimmedWord(QString::fromUtf8(text.get())), it->Confidence(tesseract::RIL_WORD)});
            } while (it->Next(tesseract::RIL_WORD));
        }
    }
    engine->Clear();
    return result;
}

} // namespace vl::engine
