#pragma once

#include <QByteArray>
#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVector>

#include <mutex>

namespace vl::engine {

// Read-only access to the Princeton WordNet database files (Debian `wordnet-base`:
// /usr/share/wordnet/{index,data}.{noun,verb,adj} and *.exc), used to widen text queries with
// synonyms and hypernyms because the engine has no neural text encoder. Every sense of a word counts,
// weighted by its rank: the first sense 1, later senses seen in the tagged corpus less, senses never seen
// there (a "dog" that is a "frankfurter") little. When the files are absent every lookup degrades to the
// plain word, so search still works by stems.
class WordNet {
public:
    // A word reached through a relation, with the weight of the sense it came from and its distance.
    struct Relation {
        double weight = 0; // sense weight in (0, 1]
        int depth = 0;     // is-a links (hypernyms); 0 for synonyms
    };

    // The shared instance, loaded on first use from $VL_WORDNET_DIR or /usr/share/wordnet.
    static const WordNet& instance();
    explicit WordNet(const QString& directory);

    bool isAvailable() const { return m_available; }
    // The dictionary form of a word ("puppies" -> "puppy", "geese" -> "goose"); the word itself when unknown.
    QString lemma(const QString& word) const;
    // Every dictionary form WordNet's morphology allows, the most likely first ("persons" -> person).
    QStringList lemmas(const QString& word) const;
    bool isNoun(const QString& phrase) const { return m_index[Noun].contains(phrase); }

    // Other words of the lemma's senses ("car" -> automobile 1.0, ...). `onlySense` (1-based noun sense)
    // restricts to one known meaning, e.g. a detector's "mouse" is the computer mouse.
    QHash<QString, double> synonyms(const QString& lemma, int onlySense = 0) const;
    // Members of a group noun ("people" -> person): a query for the group asks for its members.
    QHash<QString, double> members(const QString& lemma) const;
    // Noun ancestors over all senses ("dog" -> canine depth 1, ... animal depth 2); per ancestor the
    // strongest path (sense weight x depth decay).
    QHash<QString, Relation> hypernyms(const QString& lemma, int maxDepth, int onlySense = 0) const;

    // How much a path of `depth` is-a links still says "is a kind of": 1 for a parent, down to 0.5.
    static double depthDecay(int depth);

private:
    enum Pos { Noun, Verb, Adj, PosCount };
    struct Synset {
        QStringList words;
        QVector<quint32> hypernymOffsets;
        QVector<quint32> memberOffsets; // %m member meronyms
    };
    struct Entry {
        QVector<quint32> offsets; // most frequent sense first
        int taggedSenses = 0;     // how many of them the tagged corpus saw
    };
    struct Sense {
        quint32 offset;
        double weight;
    };

    void loadIndex(Pos pos, const QString& path);
    void loadExceptions(Pos pos, const QString& path);
    Synset synset(Pos pos, quint32 offset) const;
    QVector<Sense> senses(Pos pos, const QString& lemma, int onlySense) const;
    static double senseWeight(int rank, int taggedSenses);

    bool m_available = false;
    QHash<QString, Entry> m_index[PosCount];            // lemma -> senses
    QHash<QString, QStringList> m_exceptions[PosCount]; // irregular form -> lemmas
    QByteArray m_data[PosCount];                        // data.* file contents; offsets are byte offsets
    mutable std::mutex m_cacheMutex;
    mutable QHash<QString, QHash<QString, Relation>> m_hypernymCache;
    mutable QHash<QString, QHash<QString, double>> m_synonymCache;
};

} // namespace vl::engine
