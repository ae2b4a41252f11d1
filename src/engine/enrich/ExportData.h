#pragma once

#include <QDateTime>
#include <QRect>
#include <QString>
#include <QVector>

namespace vl::engine {

// Plain input for the export writer; the engine fills these from its catalogue. Field names follow the
// metadata.json schema 1.1 (visual-layer-api.md section 7).

struct ExportIssue {   // metadata item "issue"
    QString issueType; // blur, dark, bright, duplicates, outliers, mislabels, ...
    double confidence = 0;
    QString duplicateGroupId;       // written only when not empty
    double duplicateThreshold = -1; // written only when >= 0
};

struct ExportCaption { // metadata item "caption"
    QString text;
    QString source = QStringLiteral("VL Explorer");
};

struct ExportLabel { // metadata item "image_label"
    QString categoryName;
    QString source = QStringLiteral("Model");
    qint64 originalId = -1;
};

struct ExportUserTag { // metadata item "user_tag"
    QString tagName;
    QDateTime assignedDate;
};

struct ExportObject { // metadata item "object_label"
    QRect bbox;       // pixels of the source image: written as [x, y, width, height]
    QString categoryName;
    QString source = QStringLiteral("Model");
    qint64 originalId = -1;
    double uniquenessScore = 0;
    QString url; // a link to the image; empty: none (ExportWriter then names the copy in the zip, if any)
    QVector<ExportIssue> issues;     // nested metadata_items
    QVector<ExportCaption> captions; // nested metadata_items (CAPTION_OBJECTS)
};

struct ExportMediaItem {
    QString mediaId;
    QString mediaType = QStringLiteral("image");
    QString fileName;         // when images are included, replaced by the (deduplicated) name under images/
    QString filePath;         // path relative to the dataset's folder
    qint64 fileSizeBytes = 0; // written as e.g. "48.27KB"
    double uniquenessScore = 0;
    int width = 0;
    int height = 0;
    QString url; // a link to the image; empty: none (ExportWriter then names the copy in the zip, if any)
    QString clusterId;
    QVector<ExportCaption> captions;
    QVector<ExportLabel> labels;
    QVector<ExportIssue> issues;
    QVector<ExportObject> objects;
    QVector<ExportUserTag> userTags;
    QString sourceFile; // absolute path of the original file, read when images are included
};

struct ExportInfo {
    QString dataset;
    QString description; // empty: "Exported from <dataset> at VL Explorer"
    QString datasetUrl;
    QDateTime exportTime; // invalid: now
    QDateTime datasetCreationTime;
    QString exportedBy;
};

struct ExportOptions {
    QString format = QStringLiteral("json"); // "json"; "parquet" is refused (see ExportWriter::checkFormat)
    bool includeImages = false;
};

} // namespace vl::engine
