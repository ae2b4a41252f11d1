#pragma once

#include "EnrichmentModelInfo.h"
#include "OnnxImageEncoder.h"
#include "OnnxImageTagger.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QMutex>
#include <QVector>

#include <memory>
#include <optional>

namespace vl::engine {

// A validated enrichment request: which model to run for each type, dependencies first.
struct EnrichmentRequest {
    QString error;                       // non-empty: the request is refused (engine answers 422 with it)
    QMap<QString, QString> models;       // type -> model id
    QMap<QString, QJsonObject> metadata; // type -> the "metadata" object of {"id":..,"metadata":{..}} values
    QStringList orderedTypes;            // requested types, each after the types it depends on

    bool isValid() const { return error.isEmpty(); }
};

// The models list_models shows: the built-in local models plus ONNX plug-ins found in the models folder
// (see PluginDescriptor). Types no local model provides are listed once as "Coming Soon", with the reason.
// Thread-safe; rescan() replaces the plug-in set atomically.
class ModelRegistry {
public:
    static inline const QString ObjectDetectorId = QStringLiteral("local_object_detector_v00");
    static inline const QString FaceDetectorId = QStringLiteral("local_face_detector_v00");
    static inline const QString ObjectEncoderId = QStringLiteral("local_object_encoder_v00");
    static inline const QString ImageTaggerId = QStringLiteral("local_image_tagger_v00");
    static inline const QString TextReaderId = QStringLiteral("local_text_reader_v00");

    // `modelsDirectory` may be empty or missing (no plug-ins). Scans it once.
    explicit ModelRegistry(const QString& modelsDirectory = QString());

    QString modelsDirectory() const { return m_modelsDirectory; }
    // Re-reads every *.json descriptor of the models folder and loads its models. Invalid plug-ins are
    // listed with status "Invalid" and the reason in their description; nothing throws.
    void rescan();

    QVector<EnrichmentModelInfo> models() const;
    QJsonArray toJson() const; // the list_models response body
    std::optional<EnrichmentModelInfo> model(const QString& id) const;

    // Loaded plug-ins by model id (null when the id is not an active plug-in of that kind).
    std::shared_ptr<const OnnxImageTagger> tagger(const QString& id) const;
    std::shared_ptr<const OnnxImageEncoder> encoder(const QString& id) const;

    // Checks the body's "enrichment_models" value ({TYPE: MODEL_ID | {"id": MODEL_ID, "metadata": {...}}}):
    // unknown type, malformed value, unknown model, model of another type, Coming Soon / Invalid model, and a
    // requested type whose dependency is neither requested nor in `appliedTypes` (already on the dataset).
    EnrichmentRequest validate(const QJsonValue& enrichmentModels,
                               const QStringList& appliedTypes = {}) const;

private:
    struct Plugin {
        EnrichmentModelInfo info;
        std::shared_ptr<const OnnxImageTagger> tagger;
        std::shared_ptr<const OnnxImageEncoder> encoder;
    };

    static QVector<EnrichmentModelInfo> builtInModels();
    static Plugin loadPlugin(const QString& descriptorPath);
    QString checkEntry(const QString& type, const QJsonValue& value, EnrichmentRequest& request) const;

    QString m_modelsDirectory;
    QVector<EnrichmentModelInfo> m_builtIns;
    mutable QMutex m_mutex;
    QVector<Plugin> m_plugins;
};

} // namespace vl::engine
