#include "ModelRegistry.h"

#include "EnrichmentTypes.h"
#include "FaceDetector.h"
#include "ObjectDetector.h"
#include "TextRecognizer.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>

#include <algorithm>

namespace vl::engine {
namespace {

EnrichmentModelInfo builtIn(const QString& id, const QString& name, const QString& type,
                            const QString& description) {
    EnrichmentModelInfo info;
    info.id = id;
    info.name = name;
    info.type = type;
    info.status = ModelStatus::Active;
    info.description = description;
    info.dependencies = EnrichmentType::dependenciesOf(type);
    return info;
}

// A built-in model whose files (cascades, learned models, OCR data) are missing is listed as not available,
// saying why.
void requireWorking(EnrichmentModelInfo& info, const QString& problem) {
    if (problem.isEmpty())
        return;
    info.status = ModelStatus::ComingSoon;
    info.description = QStringLiteral("Not available on this machine: %1").arg(problem);
}

EnrichmentModelInfo comingSoon(const QString& type) {
    struct Placeholder {
        QString id, name, description;
    };
    static const QMap<QString, Placeholder> placeholders{
        {EnrichmentType::ImageTagging,
         {QStringLiteral("local_image_tagger"), QStringLiteral("Local-Image-Tagger"),
          QStringLiteral(
              "Would label whole images with categories. No image classifier ships with the local engine: "
              "drop an ONNX classifier with a JSON descriptor (type IMAGE_TAGGING) into the engine's "
              "models folder to enable it.")}},
        {EnrichmentType::CaptionImages,
         {QStringLiteral("local_image_captioner"), QStringLiteral("Local-Image-Captioner"),
          QStringLiteral(
              "Would describe each image in a sentence. Captioning needs a generative vision-language "
              "model, which the local engine does not have and cannot load as a plug-in yet.")}},
        {EnrichmentType::CaptionObjects,
         {QStringLiteral("local_object_captioner"), QStringLiteral("Local-Object-Captioner"),
          QStringLiteral("Would describe each detected object in a sentence. Captioning needs a generative "
                         "vision-language model, which the local engine does not have and cannot load as a "
                         "plug-in yet.")}},
        {EnrichmentType::ImageEncoding,
         {QStringLiteral("local_image_semantic_encoder"), QStringLiteral("Local-Image-Semantic-Search"),
          QStringLiteral(
              "Would embed images and text in one space for semantic text search. Needs a CLIP-like "
              "image/text encoder pair, which does not ship with the local engine: drop one as ONNX "
              "models with a JSON descriptor (type MULTIMODEL_IMAGE_ENCODING) into the engine's models "
              "folder to enable it.")}},
    };
    const Placeholder placeholder = placeholders.value(type);
    EnrichmentModelInfo info = builtIn(placeholder.id, placeholder.name, type, placeholder.description);
    info.status = ModelStatus::ComingSoon;
    return info;
}

QString typeDescription(const QString& type) {
    return type == EnrichmentType::ImageTagging
               ? QStringLiteral("Image tagging plug-in (ONNX classifier)")
               : QStringLiteral("Image/text encoder plug-in (ONNX) for semantic search");
}

} // namespace

ModelRegistry::ModelRegistry(const QString& modelsDirectory)
    : m_modelsDirectory(modelsDirectory)
    , m_builtIns(builtInModels()) {
    rescan();
}

QVector<EnrichmentModelInfo> ModelRegistry::builtInModels() {
    const FaceDetector faceDetector;
    const QString faceProblem = faceDetector.error();
    const ObjectDetector objectDetector;
    EnrichmentModelInfo objects = builtIn(ObjectDetectorId, QStringLiteral("Local-Object-Detector"),
                                          EnrichmentType::ObjectDetection, objectDetector.description());
    requireWorking(objects, objectDetector.error());
    EnrichmentModelInfo faces = builtIn(
        FaceDetectorId, QStringLiteral("Local-Face-Detector"), EnrichmentType::FaceDetection,
        faceDetector.description() +
            QStringLiteral(" Type FACE_DETECTION is the local engine's name: the cloud's face detection type "
                           "string is not documented."));
    requireWorking(faces, faceProblem);
    const EnrichmentModelInfo objectEncoder =
        builtIn(ObjectEncoderId, QStringLiteral("Local-Object-Encoder"), EnrichmentType::ObjectEncoding,
                QStringLiteral(
                    "Describes each detected object's crop with the engine's visual descriptor (colour and "
                    "texture, the same as for image similarity) so objects can be clustered and searched by "
                    "appearance. Not a semantic, text-searchable embedding. Needs OBJECT_DETECTION."));
    const EnrichmentModelInfo tagger =
        builtIn(ImageTaggerId, QStringLiteral("Local-Image-Tagger"), EnrichmentType::ImageTagging,
                QStringLiteral(
                    "Tags each image with what the local engine sees in it: the objects found (%1), "
                    "\"face\" when there are faces, and its look (black and white, dark, bright, blurry, "
                    "dominant colours). The tags become the image's labels in the enriched copy; all of them "
                    "are searchable by full text and meaning. No image classifier: what no detector "
                    "class covers (e.g. \"sunset\") is not tagged.")
                    .arg(objectDetector.usesCoco() ? QStringLiteral("80 COCO classes")
                                                   : QStringLiteral("people, cat faces")));
    const TextRecognizer textRecognizer;
    EnrichmentModelInfo textReader = builtIn(
        TextReaderId, QStringLiteral("Local-Text-Reader"), EnrichmentType::TextRecognition,
        QStringLiteral(
            "Reads printed English text in the images with Tesseract 5 (signs, documents, captions in "
            "the picture); the words become tags, searchable by full text and meaning. Handwriting "
            "and small or strongly slanted text are mostly missed."));
    requireWorking(textReader, textRecognizer.error());
    return {objects, faces, objectEncoder, tagger, textReader};
}

ModelRegistry::Plugin ModelRegistry::loadPlugin(const QString& descriptorPath) {
    Plugin plugin;
    const PluginDescriptor descriptor = PluginDescriptor::load(descriptorPath);
    EnrichmentModelInfo& info = plugin.info;
    info.id = descriptor.id.isEmpty() ? QFileInfo(descriptorPath).completeBaseName() : descriptor.id;
    info.name = descriptor.name.isEmpty() ? info.id : descriptor.name;
    info.type = descriptor.type;
    info.descriptorPath = descriptorPath;
    info.dependencies = EnrichmentType::dependenciesOf(descriptor.type);
    QString error = descriptor.error;
    if (error.isEmpty() && descriptor.type == EnrichmentType::ImageTagging)
        plugin.tagger = OnnxImageTagger::load(descriptor, &error);
    else if (error.isEmpty())
        plugin.encoder = OnnxImageEncoder::load(descriptor, &error);
    if (!error.isEmpty()) {
        info.status = ModelStatus::Invalid;
        info.description =
            QStringLiteral("Plug-in %1 cannot be used: %2").arg(QFileInfo(descriptorPath).fileName(), error);
        return plugin;
    }
    info.status = ModelStatus::Active;
    info.description = descriptor.description.isEmpty()
                           ? QStringLiteral("%1 from %2.")
                                 .arg(typeDescription(descriptor.type), QFileInfo(descriptorPath).fileName())
                           : descriptor.description;
    return plugin;
}

void ModelRegistry::rescan() {
    QVector<Plugin> plugins;
    QSet<QString> ids;
    for (const EnrichmentModelInfo& info : m_builtIns)
        ids.insert(info.id);
    if (!m_modelsDirectory.isEmpty()) {
        const QDir folder(m_modelsDirectory);
        const QStringList files =
            folder.entryList({QStringLiteral("*.json")}, QDir::Files | QDir::Readable, QDir::Name);
        for (const QString& file : files) {
            Plugin plugin = loadPlugin(folder.absoluteFilePath(file));
            if (ids.contains(plugin.info.id)) {
                plugin = Plugin{plugin.info, nullptr, nullptr};
                plugin.info.status = ModelStatus::Invalid;
                plugin.info.description =
                    QStringLiteral("Plug-in %1 cannot be used: id \"%2\" is already taken by another model")
                        .arg(file, plugin.info.id);
            }
            ids.insert(plugin.info.id);
            plugins.append(plugin);
        }
    }
    QMutexLocker lock(&m_mutex);
    m_plugins = plugins;
}

QVector<EnrichmentModelInfo> ModelRegistry::models() const {
    QVector<EnrichmentModelInfo> all = m_builtIns;
    {
        QMutexLocker lock(&m_mutex);
        for (const Plugin& plugin : m_plugins)
            all.append(plugin.info);
    }
    for (const QString& type : EnrichmentType::all()) {
        // A type counts as provided by an active model, or by a built-in that explains its own absence.
        const bool provided = std::any_of(all.cbegin(), all.cend(), [&](const EnrichmentModelInfo& m) {
            return m.type == type && (m.isActive() || m.descriptorPath.isEmpty());
        });
        if (!provided)
            all.append(comingSoon(type));
    }
    const QStringList order = EnrichmentType::all();
    std::stable_sort(all.begin(), all.end(), [&](const EnrichmentModelInfo& a, const EnrichmentModelInfo& b) {
        return order.indexOf(a.type) < order.indexOf(b.type);
    });
    return all;
}

QJsonArray ModelRegistry::toJson() const {
    QJsonArray array;
    for (const EnrichmentModelInfo& info : models())
        array.append(info.toJson());
    return array;
}

std::optional<EnrichmentModelInfo> ModelRegistry::model(const QString& id) const {
    for (const EnrichmentModelInfo& info : models()) {
        if (info.id == id)
            return info;
    }
    return std::nullopt;
}

std::shared_ptr<const OnnxImageTagger> ModelRegistry::tagger(const QString& id) const {
    QMutexLocker lock(&m_mutex);
    for (const Plugin& plugin : m_plugins) {
        if (plugin.info.id == id)
            return plugin.tagger;
    }
    return nullptr;
}

std::shared_ptr<const OnnxImageEncoder> ModelRegistry::encoder(const QString& id) const {
    QMutexLocker lock(&m_mutex);
    for (const Plugin& plugin : m_plugins) {
        if (plugin.info.id == id)
            return plugin.encoder;
    }
    return nullptr;
}

QString ModelRegistry::checkEntry(const QString& type, const QJsonValue& value,
                                  EnrichmentRequest& request) const {
    if (!EnrichmentType::all().contains(type))
        return QStringLiteral("Unknown enrichment type \"%1\"; known types: %2")
            .arg(type, EnrichmentType::all().join(QStringLiteral(", ")));
    const QJsonValue idValue = value.isObject() ? value.toObject().value(QStringLiteral("id")) : value;
    const QJsonValue metadata = value.toObject().value(QStringLiteral("metadata"));
    if (!idValue.isString() || idValue.toString().isEmpty() ||
        !(metadata.isUndefined() || metadata.isNull() || metadata.isObject()))
        return QStringLiteral(
                   "The value for %1 must be a model id or {\"id\": \"<model id>\", \"metadata\": {...}}")
            .arg(type);
    const QString id = idValue.toString();
    const std::optional<EnrichmentModelInfo> info = model(id);
    if (!info) {
        QStringList usable;
        for (const EnrichmentModelInfo& m : models()) {
            if (m.type == type && m.isActive())
                usable << m.id;
        }
        return QStringLiteral("Unknown model \"%1\" for %2; active models of this type: %3")
            .arg(id, type, usable.isEmpty() ? QStringLiteral("none") : usable.join(QStringLiteral(", ")));
    }
    if (info->type != type)
        return QStringLiteral("Model \"%1\" is a %2 model and cannot be used for %3")
            .arg(id, info->type, type);
    if (info->status == ModelStatus::ComingSoon)
        return QStringLiteral("Model \"%1\" (%2) is Coming Soon and cannot be applied: %3")
            .arg(id, info->name, info->description);
    if (!info->isActive())
        return QStringLiteral("Model \"%1\" cannot be applied: %2").arg(id, info->description);
    request.models.insert(type, id);
    if (metadata.isObject())
        request.metadata.insert(type, metadata.toObject());
    return {};
}

EnrichmentRequest ModelRegistry::validate(const QJsonValue& enrichmentModels,
                                          const QStringList& appliedTypes) const {
    EnrichmentRequest request;
    const QJsonObject requested = enrichmentModels.toObject();
    if (!enrichmentModels.isObject() || requested.isEmpty()) {
        request.error =
            QStringLiteral("enrichment_models must be a non-empty object mapping enrichment types to model "
                           "ids, e.g. {\"OBJECT_DETECTION\": \"%1\"}")
                .arg(ObjectDetectorId);
        return request;
    }
    QStringList problems;
    for (auto it = requested.begin(); it != requested.end(); ++it) {
        const QString problem = checkEntry(it.key(), it.value(), request);
        if (!problem.isEmpty())
            problems << problem;
    }
    for (const QString& type : request.models.keys()) {
        for (const QString& dependency : EnrichmentType::dependenciesOf(type)) {
            if (!requested.contains(dependency) && !appliedTypes.contains(dependency))
                problems << QStringLiteral(
                                "%1 requires %2: request %2 as well or apply it to the dataset first")
                                .arg(type, dependency);
        }
    }
    if (!problems.isEmpty()) {
        request.error = problems.join(QStringLiteral("; "));
        request.models.clear();
        request.metadata.clear();
        return request;
    }
    for (const QString& type : EnrichmentType::all()) { // types with dependencies come later in all()
        if (request.models.contains(type) && EnrichmentType::dependenciesOf(type).isEmpty())
            request.orderedTypes << type;
    }
    for (const QString& type : EnrichmentType::all()) {
        if (request.models.contains(type) && !EnrichmentType::dependenciesOf(type).isEmpty())
            request.orderedTypes << type;
    }
    return request;
}

} // namespace vl::engine
