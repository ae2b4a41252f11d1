#include "SemanticMatcher.h"

#include "ObjectVocabulary.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace vl::engine {

namespace {

constexpr int kHypernymDepth = 12;
constexpr double kSynonym = 0.9;
constexpr double kKindOf = 0.85;
constexpr double kParent = 0.6;
constexpr double kAncestor = 0.45;

const QSet<QString>& stopWords() {
    static const QSet<QString> words = {
        "a",     "an", "the",  "of",   "on",    "in",    "at",    "to",      "for",     "with",  "and",
        "or",    "is", "are",  "was",  "were",  "be",    "by",    "from",    "into",    "onto",  "over",
        "under", "it", "its",  "this", "that",  "these", "those", "some",    "there",   "their", "his",
        "her",   "as", "near", "very", "while", "image", "photo", "picture", "showing", "shows", "of"};
    return words;
}

void keepStrongest(QHash<QString, double>& out, const QHash<QString, double>& more, double factor) {
    for (auto it = more.cbegin(); it != more.cend(); ++it) {
        const double w = it.value() * factor;
        if (w > out.value(it.key(), 0.0))
            out.insert(it.key(), w);
    }
}

} // namespace

SemanticMatcher::SemanticMatcher(const QString& query, const WordNet& wordNet)
    : m_wordNet(wordNet) {
    const QStringList words = contentWords(query);
    m_queryText = words.join(QLatin1Char(' '));
    for (const QString& phrase : phrases(words, false)) {
        QueryTerm term;
        term.text = phrase;
        term.lemmas = m_wordNet.lemmas(phrase);
        for (const QString& lemma : term.lemmas) {
            keepStrongest(term.synonyms, m_wordNet.synonyms(lemma), 1.0);
            keepStrongest(term.members, m_wordNet.members(lemma), 1.0);
            const auto parents = m_wordNet.hypernyms(lemma, kHypernymDepth);
            for (auto it = parents.cbegin(); it != parents.cend(); ++it) {
                if (!term.hypernyms.contains(it.key()) || term.hypernyms[it.key()].depth > it->depth)
                    term.hypernyms.insert(it.key(), it.value());
            }
        }
        for (const QString& lemma : term.lemmas)
            term.synonyms.remove(lemma);
        m_terms.append(term);
    }
}

QStringList SemanticMatcher::terms() const {
    QStringList out;
    for (const QueryTerm& t : m_terms)
        out.append(t.lemmas.constFirst());
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

// Two neighbouring words WordNet knows as one noun ("hot dog", "teddy bears") are one term. In documents
// the compound's head word stays a term too when the compound is a kind of it: a "sleeping car" is a
// car and a "golden retriever" a retriever, but a "hot dog" is no dog.
QStringList SemanticMatcher::phrases(const QStringList& words, bool keepHeads) const {
    QStringList out;
    for (int i = 0; i < words.size(); ++i) {
        if (i + 1 < words.size()) {
            const QString head = m_wordNet.lemma(words[i + 1]);
            const QString compound = words[i] + QLatin1Char(' ') + head;
            if (m_wordNet.isNoun(compound)) {
                out.append(compound);
                if (keepHeads && m_wordNet.hypernyms(compound, kHypernymDepth).contains(head))
                    out.append(words[i + 1]);
                ++i;
                continue;
            }
        }
        out.append(words[i]);
    }
    return out;
}

double SemanticMatcher::termScore(const QueryTerm& term, const DocumentTerm& doc) const {
    if (doc.text == term.text || term.lemmas.contains(doc.lemma) || term.lemmas.contains(doc.text))
        return 1.0;
    double best = 0;
    // A shared synset counts with the weaker of the two senses it joins: "dog" and "frankfurter" share
    // one, but it is a rare sense of "dog". Members of a group noun ("people" -> person) count like synonyms.
    const QHash<QString, double> docSynonyms = m_wordNet.synonyms(doc.lemma, doc.sense);
    const QHash<QString, double> docMembers =
        doc.sense ? QHash<QString, double>() : m_wordNet.members(doc.lemma);
    const QHash<QString, WordNet::Relation> docParents =
        m_wordNet.hypernyms(doc.lemma, kHypernymDepth, doc.sense);
    const double querySide = term.synonyms.value(doc.lemma, 0.0);
    best = std::max(best, kSynonym * term.members.value(doc.lemma, 0.0));
    for (const QString& lemma : term.lemmas) {
        const double docSide = docSynonyms.value(lemma, 0.0);
        if (querySide > 0 && docSide > 0)
            best = std::max(best, kSynonym * std::min(querySide, docSide));
        best = std::max(best, kSynonym * docMembers.value(lemma, 0.0));
        // The document names a kind of the query word: "dog" for "animal".
        const auto kind = docParents.constFind(lemma);
        if (kind != docParents.constEnd())
            best = std::max(best, kKindOf * WordNet::depthDecay(kind->depth) * kind->weight);
    }
    // The document names a broader word than the query: "dog" for "puppy".
    const auto parent = term.hypernyms.constFind(doc.lemma);
    if (parent != term.hypernyms.constEnd())
        best = std::max(best, (parent->depth == 1 ? kParent : kAncestor) * parent->weight);
    return best >= kMinimumMatch ? best : 0.0;
}

double SemanticMatcher::cachedScore(const QueryTerm& term, const DocumentTerm& doc) const {
    const QString key = term.text + QLatin1Char('|') + doc.text + QLatin1Char('|') + doc.lemma +
                        QLatin1Char('#') + QString::number(doc.sense);
    const auto it = m_cache.constFind(key);
    if (it != m_cache.constEnd())
        return it.value();
    const double score = termScore(term, doc);
    m_cache.insert(key, score);
    return score;
}

double SemanticMatcher::similarity(const QString& text, const QStringList& objectLabels,
                                   const QStringList& attributes) const {
    if (m_terms.isEmpty())
        return 0;
    QVector<DocumentTerm> docs;
    for (const QString& phrase : phrases(contentWords(text), true))
        docs.append(DocumentTerm{phrase, m_wordNet.lemma(phrase), 0});
    for (const QString& label : objectLabels) {
        const ObjectVocabulary::Meaning meaning = ObjectVocabulary::meaning(label);
        if (meaning.lemma == m_queryText || label.toLower() == m_queryText)
            return 1.0; // the whole query is this class name ("wine glass")
        docs.append(DocumentTerm{label.toLower(), meaning.lemma, meaning.sense});
    }
    for (const QString& tag : attributes) {
        const ObjectVocabulary::Meaning meaning = ObjectVocabulary::attributeMeaning(tag);
        if (meaning.sense == 0) { // adjectives and words WordNet lacks: free text
            // Each word of a several-word attribute ("black and white") keeps its attribute sense,
            // so the colour "white" never reads as a white person.
            for (const QString& phrase : phrases(contentWords(tag), true)) {
                const ObjectVocabulary::Meaning part = ObjectVocabulary::attributeMeaning(phrase);
                const QString lemma = part.sense ? part.lemma : m_wordNet.lemma(phrase);
                docs.append(DocumentTerm{phrase, lemma, part.sense});
            }
        } else {
            docs.append(DocumentTerm{tag.toLower(), meaning.lemma, meaning.sense});
        }
    }
    double total = 0;
    for (const QueryTerm& term : m_terms) {
        double best = 0;
        for (const DocumentTerm& doc : docs) {
            best = std::max(best, cachedScore(term, doc));
            if (best >= 1.0)
                break;
        }
        total += best;
    }
    return total / m_terms.size();
}

} // namespace vl::engine
