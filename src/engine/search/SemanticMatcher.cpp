#include "SemanticMatcher.h"

#include "WordNet.h"

#include <QRegularExpression>

#include <algorithm>

namespace vl::engine {

namespace {

constexpr int kHypernymDepth = 8;

const QSet<QString>& stopWords() {
    static const QSet<QString> words = {
        "a",     "an", "the",  "of",   "on",    "in",    "at",    "to",      "for",     "with",  "and",
        "or",    "is", "are",  "was",  "were",  "be",    "by",    "from",    "into",    "onto",  "over",
        "under", "it", "its",  "this", "that",  "these", "those", "some",    "there",   "their", "his",
        "her",   "as", "near", "very", "while", "image", "photo", "picture", "showing", "shows", "of"};
    return words;
}

} // namespace

SemanticMatcher::SemanticMatcher(const QString& query, const WordNet& wordNet)
    : m_wordNet(wordNet) {
    for (const QString& word : contentWords(query)) {
        QueryTerm term;
        term.lemma = m_wordNet.lemma(word);
        term.synonyms = m_wordNet.synonyms(term.lemma);
        term.hypernyms = m_wordNet.hypernyms(term.lemma, 2);
        m_terms.append(term);
    }
}

QStringList SemanticMatcher::terms() const {
    QStringList out;
    for (const QueryTerm& t : m_terms)
        out.append(t.lemma);
    return out;
}

QStringList SemanticMatcher::contentWords(const QString& text) {
    static const QRegularExpression separators(QStringLiteral("[^\\p{L}\\p{N}]+"));
    QStringList words;
    for (const QString& w : text.toLower().split(separators, Qt::SkipEmptyParts)) {
        if (!stopWords().contains(w))
            words.append(w);
    }
    return words;
}

// Exact lemma 1.0; shared synset 0.9; the text names a kind of the query ("dog" for "animal") from 0.85
// falling with distance, or through a compound synonym ("passenger vehicle" for "vehicle") 0.75; the text
// names the query's direct parent ("dog" for "puppy") 0.6.
double SemanticMatcher::termScore(const QueryTerm& term, const QString& docLemma) const {
    if (docLemma == term.lemma)
        return 1.0;
    if (term.synonyms.contains(docLemma))
        return 0.9;
    double best = 0;
    const int depth = m_wordNet.hypernyms(docLemma, kHypernymDepth).value(term.lemma, 0);
    if (depth > 0)
        best = std::max(0.4, 0.85 - 0.05 * (depth - 1));
    // Compound synonyms name the kind too: "bus" is also a "passenger vehicle", so it is a "vehicle".
    if (best < 0.75) {
        for (const QString& synonym : m_wordNet.synonyms(docLemma)) {
            if (synonym.endsWith(QLatin1Char(' ') + term.lemma)) {
                best = 0.75;
                break;
            }
        }
    }
    const int parentDepth = term.hypernyms.value(docLemma, 0);
    if (parentDepth > 0)
        best = std::max(best, parentDepth == 1 ? 0.6 : 0.45);
    return best;
}

double SemanticMatcher::similarity(const QString& text) const {
    if (m_terms.isEmpty())
        return 0;
    QStringList docLemmas;
    for (const QString& w : contentWords(text))
        docLemmas.append(m_wordNet.lemma(w));
    docLemmas.removeDuplicates();
    double total = 0;
    for (const QueryTerm& term : m_terms) {
        double best = 0;
        for (const QString& doc : docLemmas) {
            best = std::max(best, termScore(term, doc));
            if (best >= 1.0)
                break;
        }
        total += best;
    }
    return total / m_terms.size();
}

} // namespace vl::engine
