#pragma once

#include "WordNet.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <QVector>

namespace vl::engine {

// Scores how well a caption / tag / label text matches a natural-language query without a neural encoder.
// Query words are reduced to their dictionary forms (morphology with WordNet's exception lists: "people"
// also asks for its members, "person") and widened with synonyms; document terms are widened with their
// hypernyms, so "animal" finds "dog" and "vehicle" finds "bus". Phrases WordNet knows ("hot dog", "teddy
// bear") stay one term, so a "hot dog" is no dog. Per query term: exact 1.0 > synonym <= 0.9 > the text
// names a kind of the query word <= 0.85 > the text names a broader word (0.6 / 0.45), each scaled by the
// weight of the word sense it went through; matches below 0.35 count as none. The similarity is the mean
// over query terms of their best match, in [0, 1].
class SemanticMatcher {
public:
    explicit SemanticMatcher(const QString& query, const WordNet& wordNet);
    bool isEmpty() const { return m_terms.isEmpty(); }
    QStringList terms() const;
    // `text`: free text (captions, file name words, tags) read with every word sense; `objectLabels`:
    // detector class names, read in the one sense the detector means (ObjectVocabulary).
    // `attributes`: attribute tags, colour names read as colours (ObjectVocabulary::attributeMeaning).
    double similarity(const QString& text, const QStringList& objectLabels = {},
                      const QStringList& attributes = {}) const;

    static QStringList contentWords(const QString& text); // lower-case words minus stop words
    static constexpr double kMinimumMatch = 0.35;

private:
    struct QueryTerm {
        QString text;                                // as typed (lower case)
        QStringList lemmas;                          // dictionary forms
        QHash<QString, double> synonyms;             // weighted by sense
        QHash<QString, double> members;              // of group nouns: "people" -> person
        QHash<QString, WordNet::Relation> hypernyms; // of the query word itself, to reward near-parents
    };
    struct DocumentTerm {
        QString text;  // phrase as found
        QString lemma; // dictionary form (object labels: their WordNet meaning)
        int sense = 0; // 0 = every sense
    };
    QStringList phrases(const QStringList& words, bool keepHeads) const;
    double termScore(const QueryTerm& term, const DocumentTerm& doc) const;
    double cachedScore(const QueryTerm& term, const DocumentTerm& doc) const;

    const WordNet& m_wordNet;
    QString m_queryText;
    QVector<QueryTerm> m_terms;
    mutable QHash<QString, double> m_cache; // term index + document term -> score (tags repeat a lot)
};

} // namespace vl::engine
