#pragma once

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVector>

namespace vl::engine {

class WordNet;

// Scores how well a caption/label text matches a natural-language query without a neural encoder:
// query words are reduced to lemmas and widened with WordNet synonyms; document words are widened
// with their hypernyms, so "animal" finds "dog" and "automobile" finds "car". The similarity is the
// mean over query words of their best match in the text, in [0, 1].
class SemanticMatcher {
public:
    explicit SemanticMatcher(const QString& query, const WordNet& wordNet);
    bool isEmpty() const { return m_terms.isEmpty(); }
    QStringList terms() const;
    double similarity(const QString& text) const;

    static QStringList contentWords(const QString& text); // lower-case words minus stop words

private:
    struct QueryTerm {
        QString lemma;
        QSet<QString> synonyms;
        QHash<QString, int> hypernyms; // of the query word itself, to reward near-parents
    };
    double termScore(const QueryTerm& term, const QString& docLemma) const;

    const WordNet& m_wordNet;
    QVector<QueryTerm> m_terms;
};

} // namespace vl::engine
