#include "WordNet.h"

#include <QDir>
#include <QFile>

#include <algorithm>

namespace vl::engine {

namespace {

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString cleanWord(const QByteArray& raw) {
    QString w = QString::fromUtf8(raw).toLower();
    const int paren = w.indexOf(QLatin1Char('(')); // adjective markers like "big(a)"
    if (paren > 0)
        w.truncate(paren);
    return w.replace(QLatin1Char('_'), QLatin1Char(' '));
}

// Where WordNet's taxonomy parts words people use interchangeably for photos. Buses and trains are
// "public transport", filed beside "vehicle" under "conveyance"; the biological "human" (homo) and the
// social "person" are different synsets with no link between them.
const QHash<QString, QString>& extraParents() {
    static const QHash<QString, QString> parents = {{"public transport", "vehicle"}};
    return parents;
}
const QHash<QString, QStringList>& sameMeaning() {
    static const QHash<QString, QStringList> same = {
        {"human", {"person"}}, {"human being", {"person"}}, {"person", {"human", "human being"}}};
    return same;
}

void keepStrongest(QHash<QString, double>& out, const QString& word, double weight) {
    auto it = out.find(word);
    if (it == out.end())
        out.insert(word, weight);
    else
        it.value() = std::max(it.value(), weight);
}

} // namespace

const WordNet& WordNet::instance() {
    static const WordNet wordNet([] {
        const QString fromEnv = qEnvironmentVariable("VL_WORDNET_DIR");
        return fromEnv.isEmpty() ? QStringLiteral("/usr/share/wordnet") : fromEnv;
    }());
    return wordNet;
}

WordNet::WordNet(const QString& directory) {
    const QDir dir(directory);
    const char* names[PosCount] = {"noun", "verb", "adj"};
    for (int pos = 0; pos < PosCount; ++pos) {
        m_data[pos] = readAll(dir.filePath(QStringLiteral("data.%1").arg(QLatin1String(names[pos]))));
        loadIndex(Pos(pos), dir.filePath(QStringLiteral("index.%1").arg(QLatin1String(names[pos]))));
        loadExceptions(Pos(pos), dir.filePath(QStringLiteral("%1.exc").arg(QLatin1String(names[pos]))));
    }
    m_available = !m_index[Noun].isEmpty() && !m_data[Noun].isEmpty();
}

// index.* lines: lemma pos synset_cnt p_cnt [ptr...] sense_cnt tagsense_cnt offset... (synset_cnt offsets
// last)
void WordNet::loadIndex(Pos pos, const QString& path) {
    const QByteArray text = readAll(path);
    for (const QByteArray& line : text.split('\n')) {
        if (line.isEmpty() || line.startsWith(' '))
            continue; // licence header lines start with spaces
        const QList<QByteArray> fields = line.trimmed().split(' ');
        if (fields.size() < 6)
            continue;
        const int synsetCount = fields[2].toInt();
        if (synsetCount <= 0 || synsetCount > fields.size() - 6)
            continue;
        Entry entry;
        entry.taggedSenses = fields[fields.size() - synsetCount - 1].toInt();
        for (int i = fields.size() - synsetCount; i < fields.size(); ++i)
            entry.offsets.append(fields[i].toUInt());
        m_index[pos].insert(cleanWord(fields[0]), entry);
    }
}

void WordNet::loadExceptions(Pos pos, const QString& path) {
    const QByteArray text = readAll(path);
    for (const QByteArray& line : text.split('\n')) {
        const QList<QByteArray> fields = line.trimmed().split(' ');
        for (int i = 1; i < fields.size(); ++i)
            m_exceptions[pos][cleanWord(fields[0])].append(cleanWord(fields[i]));
    }
}

// data.* lines: offset lex_filenum ss_type w_cnt(hex) [word lex_id]... p_cnt [symbol offset pos src/tgt]... |
// gloss
WordNet::Synset WordNet::synset(Pos pos, quint32 offset) const {
    Synset s;
    const QByteArray& data = m_data[pos];
    if (offset >= quint32(data.size()))
        return s;
    int end = data.indexOf('\n', int(offset));
    if (end < 0)
        end = data.size();
    QByteArray line = data.mid(int(offset), end - int(offset));
    const int gloss = line.indexOf(" | ");
    if (gloss >= 0)
        line.truncate(gloss);
    const QList<QByteArray> f = line.split(' ');
    if (f.size() < 4)
        return s;
    bool ok = false;
    const int wordCount = f[3].toInt(&ok, 16);
    int i = 4;
    for (int w = 0; ok && w < wordCount && i + 1 < f.size(); ++w, i += 2)
        s.words.append(cleanWord(f[i]));
    if (i >= f.size())
        return s;
    const int pointerCount = f[i].toInt();
    ++i;
    for (int p = 0; p < pointerCount && i + 3 < f.size(); ++p, i += 4) {
        if (f[i] == "@" || f[i] == "@i")
            s.hypernymOffsets.append(f[i + 1].toUInt());
        else if (f[i] == "%m" && f[i + 2] == "n")
            s.memberOffsets.append(f[i + 1].toUInt());
    }
    return s;
}

// The first sense is what a word usually means; senses the tagged corpus saw keep most of the weight,
// meanings it never saw although it saw others (dog = "frankfurter", mouse = "black eye") little, so they
// rank last. Words the corpus never saw at all (omnibus) only have WordNet's order to go by.
double WordNet::senseWeight(int rank, int taggedSenses) {
    if (rank <= 1)
        return 1.0;
    if (rank <= taggedSenses || taggedSenses == 0)
        return std::max(0.5, 0.85 - 0.1 * (rank - 2));
    return 0.3;
}

double WordNet::depthDecay(int depth) {
    return std::max(0.5, 1.0 - 0.05 * (depth - 1));
}

QVector<WordNet::Sense> WordNet::senses(Pos pos, const QString& lemma, int onlySense) const {
    QVector<Sense> out;
    const auto it = m_index[pos].constFind(lemma);
    if (it == m_index[pos].constEnd())
        return out;
    for (int rank = 1; rank <= it->offsets.size(); ++rank) {
        if (onlySense > 0 && rank != onlySense)
            continue;
        out.append(Sense{it->offsets[rank - 1], onlySense > 0 ? 1.0 : senseWeight(rank, it->taggedSenses)});
    }
    return out;
}

// WordNet's "morphy": the word itself when it is a lemma, exception lists, then the detachment rules.
QStringList WordNet::lemmas(const QString& word) const {
    const QString w = word.toLower();
    if (!m_available) // plain stem: enough to pair "cats" with "cat"
        return {(w.size() > 3 && w.endsWith(QLatin1Char('s')) && !w.endsWith(QLatin1String("ss")))
                    ? w.chopped(1)
                    : w};
    QStringList out;
    for (int pos = 0; pos < PosCount; ++pos) {
        if (m_index[pos].contains(w) && !out.contains(w))
            out.append(w);
        for (const QString& base : m_exceptions[pos].value(w)) {
            if (!out.contains(base))
                out.append(base);
        }
    }
    struct Rule {
        Pos pos;
        const char* suffix;
        const char* ending;
    };
    static const Rule rules[] = {
        {Noun, "ies", "y"},   {Noun, "ses", "s"},   {Noun, "xes", "x"},   {Noun, "zes", "z"},
        {Noun, "ches", "ch"}, {Noun, "shes", "sh"}, {Noun, "men", "man"}, {Noun, "s", ""},
        {Verb, "ies", "y"},   {Verb, "es", "e"},    {Verb, "es", ""},     {Verb, "ed", "e"},
        {Verb, "ed", ""},     {Verb, "ing", "e"},   {Verb, "ing", ""},    {Verb, "s", ""},
        {Adj, "er", ""},      {Adj, "est", ""},     {Adj, "er", "e"},     {Adj, "est", "e"}};
    for (const Rule& rule : rules) {
        const QLatin1String suffix(rule.suffix);
        if (w.size() > suffix.size() + 1 && w.endsWith(suffix)) {
            const QString candidate = w.left(w.size() - suffix.size()) + QLatin1String(rule.ending);
            if (m_index[rule.pos].contains(candidate) && !out.contains(candidate))
                out.append(candidate);
        }
    }
    if (out.isEmpty())
        out.append(w);
    return out;
}

QString WordNet::lemma(const QString& word) const {
    return lemmas(word).constFirst();
}

QHash<QString, double> WordNet::synonyms(const QString& lemma, int onlySense) const {
    const QString key = lemma + QLatin1Char('#') + QString::number(onlySense);
    {
        std::lock_guard lock(m_cacheMutex);
        const auto it = m_synonymCache.constFind(key);
        if (it != m_synonymCache.constEnd())
            return it.value();
    }
    QHash<QString, double> words;
    for (int pos = 0; pos < PosCount; ++pos) {
        if (onlySense > 0 && pos != Noun)
            continue;
        for (const Sense& sense : senses(Pos(pos), lemma, onlySense)) {
            for (const QString& w : synset(Pos(pos), sense.offset).words)
                keepStrongest(words, w, sense.weight);
        }
    }
    for (const QString& same : sameMeaning().value(lemma))
        keepStrongest(words, same, 1.0);
    words.remove(lemma);
    std::lock_guard lock(m_cacheMutex);
    m_synonymCache.insert(key, words);
    return words;
}

QHash<QString, double> WordNet::members(const QString& lemma) const {
    QHash<QString, double> words;
    for (const Sense& sense : senses(Noun, lemma, 0)) {
        for (quint32 member : synset(Noun, sense.offset).memberOffsets) {
            for (const QString& w : synset(Noun, member).words)
                keepStrongest(words, w, sense.weight);
        }
    }
    words.remove(lemma);
    return words;
}

QHash<QString, WordNet::Relation> WordNet::hypernyms(const QString& lemma, int maxDepth,
                                                     int onlySense) const {
    const QString key =
        lemma + QLatin1Char('#') + QString::number(maxDepth) + QLatin1Char('#') + QString::number(onlySense);
    {
        std::lock_guard lock(m_cacheMutex);
        const auto it = m_hypernymCache.constFind(key);
        if (it != m_hypernymCache.constEnd())
            return it.value();
    }
    QHash<QString, Relation> ancestors;
    auto reach = [&](const QString& word, double weight, int depth) {
        auto it = ancestors.find(word);
        if (it == ancestors.end())
            ancestors.insert(word, Relation{weight, depth});
        else if (weight * depthDecay(depth) > it->weight * depthDecay(it->depth))
            *it = Relation{weight, depth};
    };
    for (const Sense& sense : senses(Noun, lemma, onlySense)) {
        QVector<quint32> frontier = {sense.offset};
        QSet<quint32> visited = {sense.offset};
        for (int depth = 1; depth <= maxDepth && !frontier.isEmpty(); ++depth) {
            QVector<quint32> next;
            for (quint32 offset : frontier) {
                for (quint32 parent : synset(Noun, offset).hypernymOffsets) {
                    if (visited.contains(parent))
                        continue;
                    visited.insert(parent);
                    next.append(parent);
                    for (const QString& w : synset(Noun, parent).words) {
                        reach(w, sense.weight, depth);
                        if (extraParents().contains(w))
                            reach(extraParents().value(w), sense.weight, depth + 1);
                    }
                }
            }
            frontier = next;
        }
    }
    std::lock_guard lock(m_cacheMutex);
    m_hypernymCache.insert(key, ancestors);
    return ancestors;
}

} // namespace vl::engine
