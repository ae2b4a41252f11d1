#pragma once

#include <QByteArray>
#include <QHash>
#include <QSet>
#include <QString>
#include <QVector>

#include <mutex>

namespace vl::engine {

// Read-only access to the Princeton WordNet database files (Debian `wordnet-base`:
// /usr/share/wordnet/{index,data}.{noun,verb,adj} and *.exc), used to widen text queries with
// synonyms and hypernyms because the engine has no neural text encoder. When the files are absent
// every lookup degrades to the plain word, so search still works by stems.
class WordNet {
public:
    // The shared instance, loaded on first use from $VL_WORDNET_DIR or /usr/share/wordnet.
    static const WordNet& instance();
    explicit WordNet(const QString& directory);

    bool isAvailable() const { return m_available; }
    // The dictionary form of a word ("puppies" -> "puppy", "geese" -> "goose"); the word itself when unknown.
    QString lemma(const QString& word) const;
    // Other words of the first senses of the lemma ("car" -> auto, automobile, machine, motorcar).
    QSet<QString> synonyms(const QString& lemma) const;
    // Ancestors of the first noun senses with their distance in is-a links ("dog" -> canine 1, ... animal 7).
    QHash<QString, int> hypernyms(const QString& lemma, int maxDepth) const;

private:
    enum Pos { Noun, Verb, Adj, PosCount };
    struct Synset {
        QStringList words;
        QVector<quint32> hypernymOffsets;
    };

    void loadIndex(Pos pos, const QString& path);
    void loadExceptions(Pos pos, const QString& path);
    Synset synset(Pos pos, quint32 offset) const;

    bool m_available = false;
    QHash<QString, QVector<quint32>> m_index[PosCount]; // lemma -> synset offsets, most frequent first
    QHash<QString, QString> m_exceptions[PosCount];     // irregular form -> lemma
    QByteArray m_data[PosCount];                        // data.* file contents; offsets are byte offsets
    mutable std::mutex m_cacheMutex;
    mutable QHash<QString, QHash<QString, int>> m_hypernymCache;
    mutable QHash<QString, QSet<QString>> m_synonymCache;
};

} // namespace vl::engine
