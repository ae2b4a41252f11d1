#include "WordNet.h"

#include <QDir>
#include <QFile>
#include <QStringList>

namespace vl::engine {

namespace {

constexpr int kSensesConsidered = 3; // later senses are rare meanings that would mostly add noise

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
        if (synsetCount <= 0 || synsetCount > fields.size() - 4)
            continue;
        QVector<quint32> offsets;
        for (int i = fields.size() - synsetCount; i < fields.size() && offsets.size() < kSensesConsidered;
             ++i)
            offsets.append(fields[i].toUInt());
        m_index[pos].insert(cleanWord(fields[0]), offsets);
    }
}

void WordNet::loadExceptions(Pos pos, const QString& path) {
    const QByteArray text = readAll(path);
    for (const QByteArray& line : text.split('\n')) {
        const QList<QByteArray> fields = line.trimmed().split(' ');
        if (fields.size() >= 2)
            m_exceptions[pos].insert(cleanWord(fields[0]), cleanWord(fields[1]));
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
    for (int p = 0; p < pointerCount && i + 3 < f.size() + 0; ++p, i += 4) {
        if (f[i] == "@" || f[i] == "@i")
            s.hypernymOffsets.append(f[i + 1].toUInt());
    }
    return s;
}

// WordNet's "morphy": exception lists first, then the standard detachment rules per part of speech.
QString WordNet::lemma(const QString& word) const {
    const QString w = word.toLower();
    if (!m_available) // plain stem: enough to pair "cats" with "cat"
        return (w.size() > 3 && w.endsWith(QLatin1Char('s')) && !w.endsWith(QLatin1String("ss")))
                   ? w.chopped(1)
                   : w;
    if (m_index[Noun].contains(w))
        return w;
    for (int pos = 0; pos < PosCount; ++pos) {
        const auto it = m_exceptions[pos].constFind(w);
        if (it != m_exceptions[pos].constEnd())
            return it.value();
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
            if (m_index[rule.pos].contains(candidate))
                return candidate;
        }
    }
    return w;
}

QSet<QString> WordNet::synonyms(const QString& lemma) const {
    {
        std::lock_guard lock(m_cacheMutex);
        const auto it = m_synonymCache.constFind(lemma);
        if (it != m_synonymCache.constEnd())
            return it.value();
    }
    QSet<QString> words;
    for (int pos = 0; pos < PosCount; ++pos) {
        for (quint32 offset : m_index[pos].value(lemma)) {
            for (const QString& w : synset(Pos(pos), offset).words)
                words.insert(w);
        }
    }
    words.remove(lemma);
    std::lock_guard lock(m_cacheMutex);
    m_synonymCache.insert(lemma, words);
    return words;
}

QHash<QString, int> WordNet::hypernyms(const QString& lemma, int maxDepth) const {
    const QString key = lemma + QLatin1Char('#') + QString::number(maxDepth);
    {
        std::lock_guard lock(m_cacheMutex);
        const auto it = m_hypernymCache.constFind(key);
        if (it != m_hypernymCache.constEnd())
            return it.value();
    }
    QHash<QString, int> ancestors;
    QVector<quint32> frontier = m_index[Noun].value(lemma);
    QSet<quint32> visited(frontier.cbegin(), frontier.cend());
    for (int depth = 1; depth <= maxDepth && !frontier.isEmpty(); ++depth) {
        QVector<quint32> next;
        for (quint32 offset : frontier) {
            for (quint32 parent : synset(Noun, offset).hypernymOffsets) {
                if (visited.contains(parent))
                    continue;
                visited.insert(parent);
                next.append(parent);
                for (const QString& w : synset(Noun, parent).words) {
                    if (!ancestors.contains(w))
                        ancestors.insert(w, depth);
                }
            }
        }
        frontier = next;
    }
    std::lock_guard lock(m_cacheMutex);
    m_hypernymCache.insert(key, ancestors);
    return ancestors;
}

} // namespace vl::engine
