#include "TextSearchHint.h"

#include <QCoreApplication>
#include <QHash>
#include <QStringList>

namespace vl {

static QString tr(const char* text) {
    return QCoreApplication::translate("vl::TextSearchHint", text);
}

QString TextSearchHint::fieldOf(const QString& type) {
    // Enrichment types whose results a text search can match, and what to call that text.
    static const QHash<QString, const char*> kFields{
        {QStringLiteral("CAPTION_IMAGES"), QT_TRANSLATE_NOOP("vl::TextSearchHint", "captions")},
        {QStringLiteral("CAPTION_OBJECTS"), QT_TRANSLATE_NOOP("vl::TextSearchHint", "object captions")},
        {QStringLiteral("OBJECT_DETECTION"), QT_TRANSLATE_NOOP("vl::TextSearchHint", "detected objects")},
        {QStringLiteral("FACE_DETECTION"), QT_TRANSLATE_NOOP("vl::TextSearchHint", "faces")},
        {QStringLiteral("IMAGE_TAGGING"), QT_TRANSLATE_NOOP("vl::TextSearchHint", "image tags")},
        {QStringLiteral("TEXT_RECOGNITION"),
         QT_TRANSLATE_NOOP("vl::TextSearchHint", "text read in the images")},
    };
    const char* field = kFields.value(type);
    return field ? tr(field) : QString();
}

// "a, b and c"
static QString listed(const QStringList& items) {
    if (items.size() <= 1)
        return items.join(QString());
    return tr("%1 and %2").arg(items.mid(0, items.size() - 1).join(QStringLiteral(", ")), items.last());
}

QString TextSearchHint::describe(const QVector<EnrichmentModel>& models, const EnrichmentContext& context,
                                 bool enginePerceives) {
    QStringList fields;
    if (enginePerceives)
        fields << tr("file and folder names") << tr("the objects and faces the engine found in the photos");
    QStringList covered; // types whose text is there already
    if (enginePerceives)
        covered << QStringLiteral("OBJECT_DETECTION") << QStringLiteral("FACE_DETECTION");
    for (auto it = context.appliedModels.cbegin(); it != context.appliedModels.cend(); ++it) {
        const QString field = fieldOf(it.key());
        if (!field.isEmpty() && !covered.contains(it.key()) && !fields.contains(field))
            fields << field;
        covered << it.key();
    }
    QStringList suggestions;
    for (const EnrichmentModel& model : models) {
        const QString field = fieldOf(model.type);
        if (field.isEmpty() || !model.isActive() || covered.contains(model.type))
            continue;
        suggestions << tr("%1 (%2)").arg(model.name, field);
        covered << model.type;
    }
    QString text = fields.isEmpty()
                       ? tr("Nothing matches, and this dataset has no captions, labels or tags yet.")
                       : tr("Nothing matches. Text search here looks at %1.").arg(listed(fields));
    if (!suggestions.isEmpty())
        text += QLatin1Char(' ') + tr("Enrich… with %1 would add more.").arg(listed(suggestions));
    return text;
}

} // namespace vl
