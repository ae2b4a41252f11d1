#include "PluginDescriptor.h"

#include "EnrichmentTypes.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace vl::engine {
namespace {

constexpr qint64 kMaxDescriptorBytes = 1 << 20;
constexpr qint64 kMaxListFileBytes = 64 << 20;
constexpr int kMaxInputSide = 4096;

// Reads the descriptor's fields one by one; the first problem found is kept and ends the parse.
class DescriptorParser {
public:
    DescriptorParser(PluginDescriptor& out, const QJsonObject& json, const QDir& folder)
        : m_out(out)
        , m_json(json)
        , m_folder(folder) {}

    void parse() { parseIdentity() && parseInput() && parseTypeSpecific(); }

private:
    bool fail(const QString& message) {
        m_out.error = message;
        return false;
    }

    bool parseIdentity() {
        static const QRegularExpression idPattern(QStringLiteral("^[A-Za-z0-9_.-]{1,128}$"));
        m_out.id = m_json.value(QStringLiteral("id")).toString();
        if (!idPattern.match(m_out.id).hasMatch())
            return fail(QStringLiteral("\"id\" must be 1-128 letters, digits, '_', '-' or '.'"));
        m_out.name = m_json.value(QStringLiteral("name")).toString(m_out.id);
        m_out.description = m_json.value(QStringLiteral("description")).toString();
        m_out.type = m_json.value(QStringLiteral("type")).toString();
        if (m_out.type != EnrichmentType::ImageTagging && m_out.type != EnrichmentType::ImageEncoding)
            return fail(
                QStringLiteral("\"type\" must be IMAGE_TAGGING or MULTIMODEL_IMAGE_ENCODING, not \"%1\"")
                    .arg(m_out.type));
        return resolveFile(QStringLiteral("model"), m_out.modelPath, true);
    }

    bool resolveFile(const QString& key, QString& path, bool required) {
        const QJsonValue value = m_json.value(key);
        if (value.isUndefined() && !required)
            return true;
        if (!value.isString() || value.toString().isEmpty())
            return fail(QStringLiteral("\"%1\" must name a file next to the descriptor").arg(key));
        path = QDir::cleanPath(m_folder.absoluteFilePath(value.toString()));
        if (!QFileInfo(path).isFile())
            return fail(QStringLiteral("\"%1\": file %2 not found").arg(key, path));
        return true;
    }

    bool readInt(const QJsonObject& object, const QString& key, int& out, int low, int high, bool required) {
        const QJsonValue value = object.value(key);
        if (value.isUndefined() && !required)
            return true;
        const double number = value.toDouble(-1e18);
        if (!value.isDouble() || number != static_cast<int>(number) || number < low || number > high)
            return fail(QStringLiteral("\"%1\" must be an integer in [%2, %3]").arg(key).arg(low).arg(high));
        out = static_cast<int>(number);
        return true;
    }

    bool readTriple(const QJsonObject& object, const QString& key, std::array<double, 3>& out, bool nonZero) {
        const QJsonValue value = object.value(key);
        if (value.isUndefined())
            return true;
        const QJsonArray array = value.toArray();
        if (array.size() != 3)
            return fail(QStringLiteral("\"input.%1\" must be an array of 3 numbers").arg(key));
        for (int i = 0; i < 3; ++i) {
            if (!array.at(i).isDouble() || (nonZero && array.at(i).toDouble() == 0.0))
                return fail(QStringLiteral("\"input.%1\" must hold 3 %2numbers")
                                .arg(key, nonZero ? QStringLiteral("non-zero ") : QString()));
            out[static_cast<size_t>(i)] = array.at(i).toDouble();
        }
        return true;
    }

    bool readChoice(const QJsonObject& object, const QString& key, const QStringList& choices, QString& out) {
        const QJsonValue value = object.value(key);
        if (value.isUndefined())
            return true;
        if (!choices.contains(value.toString()))
            return fail(
                QStringLiteral("\"%1\" must be one of %2").arg(key, choices.join(QStringLiteral(", "))));
        out = value.toString();
        return true;
    }

    bool parseInput() {
        const QJsonObject input = m_json.value(QStringLiteral("input")).toObject();
        if (input.isEmpty())
            return fail(QStringLiteral("\"input\" must be an object with width and height"));
        QString order = QStringLiteral("RGB");
        QString layout = QStringLiteral("NCHW");
        const QJsonValue scale = input.value(QStringLiteral("scale"));
        if (!scale.isUndefined() && !scale.isDouble())
            return fail(QStringLiteral("\"input.scale\" must be a number"));
        m_out.scale = scale.toDouble(m_out.scale);
        const bool ok = readInt(input, QStringLiteral("width"), m_out.inputWidth, 1, kMaxInputSide, true) &&
                        readInt(input, QStringLiteral("height"), m_out.inputHeight, 1, kMaxInputSide, true) &&
                        readTriple(input, QStringLiteral("mean"), m_out.mean, false) &&
                        readTriple(input, QStringLiteral("std"), m_out.std, true) &&
                        readChoice(input, QStringLiteral("channel_order"),
                                   {QStringLiteral("RGB"), QStringLiteral("BGR")}, order) &&
                        readChoice(input, QStringLiteral("layout"),
                                   {QStringLiteral("NCHW"), QStringLiteral("NHWC")}, layout);
        m_out.bgr = order == QLatin1String("BGR");
        m_out.layout =
            layout == QLatin1String("NHWC") ? PluginDescriptor::Layout::NHWC : PluginDescriptor::Layout::NCHW;
        return ok;
    }

    bool parseTypeSpecific() {
        return m_out.type == EnrichmentType::ImageTagging ? parseTagging() : parseEncoding();
    }

    bool readLines(const QString& path, QStringList& lines) {
        QFile file(path);
        if (file.size() > kMaxListFileBytes || !file.open(QIODevice::ReadOnly))
            return fail(QStringLiteral("cannot read %1").arg(path));
        const QString text = QString::fromUtf8(file.readAll());
        lines = text.split(QLatin1Char('\n'));
        for (QString& line : lines)
            line = line.trimmed();
        while (!lines.isEmpty() && lines.constLast().isEmpty())
            lines.removeLast();
        if (lines.isEmpty())
            return fail(QStringLiteral("%1 is empty").arg(path));
        return true;
    }

    bool parseTagging() {
        QString labelsPath;
        QString output = QStringLiteral("logits");
        const QJsonValue minScore = m_json.value(QStringLiteral("min_score"));
        if (!minScore.isUndefined() &&
            (!minScore.isDouble() || minScore.toDouble() < 0 || minScore.toDouble() > 1))
            return fail(QStringLiteral("\"min_score\" must be a number in [0, 1]"));
        m_out.minScore = minScore.toDouble(m_out.minScore);
        const bool ok = resolveFile(QStringLiteral("labels"), labelsPath, true) &&
                        readLines(labelsPath, m_out.labels) &&
                        readInt(m_json, QStringLiteral("top_k"), m_out.topK, 1, 1000, false) &&
                        readChoice(m_json, QStringLiteral("output"),
                                   {QStringLiteral("logits"), QStringLiteral("probabilities")}, output);
        m_out.outputIsLogits = output == QLatin1String("logits");
        return ok;
    }

    bool parseEncoding() {
        if (!resolveFile(QStringLiteral("text_model"), m_out.textModelPath, false))
            return false;
        if (m_out.textModelPath.isEmpty())
            return true;
        QString vocabularyPath;
        QString textInput = QStringLiteral("token_ids");
        if (!resolveFile(QStringLiteral("vocabulary"), vocabularyPath, true) ||
            !readLines(vocabularyPath, m_out.vocabulary) ||
            !readChoice(m_json, QStringLiteral("text_input"),
                        {QStringLiteral("token_ids"), QStringLiteral("bag_of_words")}, textInput) ||
            !readInt(m_json, QStringLiteral("sequence_length"), m_out.sequenceLength, 1, 4096, false))
            return false;
        m_out.textInput = textInput == QLatin1String("bag_of_words") ? PluginDescriptor::TextInput::BagOfWords
                                                                     : PluginDescriptor::TextInput::TokenIds;
        const int lastId = m_out.vocabulary.size() - 1;
        if (!readInt(m_json, QStringLiteral("pad_id"), m_out.padId, 0, lastId, false) ||
            !readInt(m_json, QStringLiteral("unknown_id"), m_out.unknownId, -1, lastId, false) ||
            !readInt(m_json, QStringLiteral("bos_id"), m_out.bosId, -1, lastId, false) ||
            !readInt(m_json, QStringLiteral("eos_id"), m_out.eosId, -1, lastId, false))
            return false;
        // Walk backwards so that the first line of a duplicated token keeps its id.
        for (int i = m_out.vocabulary.size() - 1; i >= 0; --i)
            m_out.tokenIds.insert(m_out.vocabulary.at(i).toLower(), i);
        return true;
    }

    PluginDescriptor& m_out;
    const QJsonObject& m_json;
    QDir m_folder;
};

} // namespace

PluginDescriptor PluginDescriptor::load(const QString& jsonPath) {
    PluginDescriptor descriptor;
    descriptor.descriptorPath = jsonPath;
    QFile file(jsonPath);
    if (file.size() > kMaxDescriptorBytes || !file.open(QIODevice::ReadOnly)) {
        descriptor.error = QStringLiteral("cannot read the descriptor (missing, unreadable or over 1 MB)");
        return descriptor;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        descriptor.error = parseError.error != QJsonParseError::NoError
                               ? QStringLiteral("invalid JSON at offset %1: %2")
                                     .arg(parseError.offset)
                                     .arg(parseError.errorString())
                               : QStringLiteral("the descriptor must be a JSON object");
        return descriptor;
    }
    const QJsonObject json = document.object();
    DescriptorParser(descriptor, json, QFileInfo(jsonPath).absoluteDir()).parse();
    return descriptor;
}

QStringList PluginDescriptor::words(const QString& text) {
    QStringList result;
    QString current;
    for (const QChar c : text.toLower()) {
        if (c.isLetterOrNumber()) {
            current.append(c);
        } else if (!current.isEmpty()) {
            result.append(current);
            current.clear();
        }
    }
    if (!current.isEmpty())
        result.append(current);
    return result;
}

} // namespace vl::engine
