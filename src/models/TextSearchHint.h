#pragma once

#include "EnrichmentModel.h"

#include <QString>
#include <QVector>

namespace vl {

// What an empty text search says about this dataset: which of its fields hold text that a search
// can match, and which models the server can actually run would add some. Models that are listed
// but cannot be launched ("Coming Soon") are never suggested. Built from the enrichment catalogue
// (list_models) and the dataset's context; `enginePerceives` is the local engine, which finds
// objects and faces in the photos by itself and indexes file and folder names.
class TextSearchHint {
public:
    static QString describe(const QVector<EnrichmentModel>& models, const EnrichmentContext& context,
                            bool enginePerceives);
    // The text a model of `type` gives a search to match ("captions"); empty when it gives none.
    static QString fieldOf(const QString& type);
};

} // namespace vl
