#include "FullTextQuery.h"

#include <QStringList>
#include <QVector>

namespace vl::engine {

struct FullTextQuery::Node {
    enum Kind { Leaf, And, Or, Not } kind = Leaf;
    QString fts; // Leaf: the FTS5 expression
    QVector<std::shared_ptr<const Node>> children;
};

namespace {

using NodePtr = std::shared_ptr<const FullTextQuery::Node>;

struct Token {
    enum Kind { Word, Phrase, Open, Close, AndOp, OrOp, Minus } kind;
    QString text;
};

QString quoted(const QString& text) {
    QString escaped = text;
    escaped.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

std::optional<QVector<Token>> tokenize(const QString& text, QString* error) {
    QVector<Token> tokens;
    int i = 0;
    while (i < text.size()) {
        const QChar c = text[i];
        if (c.isSpace()) {
            ++i;
        } else if (c == QLatin1Char('(')) {
            tokens.append(Token{Token::Open, {}});
            ++i;
        } else if (c == QLatin1Char(')')) {
            tokens.append(Token{Token::Close, {}});
            ++i;
        } else if (c == QLatin1Char('-') &&
                   (tokens.isEmpty() || i == 0 || text[i - 1].isSpace() || text[i - 1] == QLatin1Char('('))) {
            tokens.append(Token{Token::Minus, {}});
            ++i;
        } else if (c == QLatin1Char('"')) {
            const int end = text.indexOf(QLatin1Char('"'), i + 1);
            if (end < 0) {
                *error = QStringLiteral("Unbalanced quotes in full-text query");
                return std::nullopt;
            }
            tokens.append(Token{Token::Phrase, text.mid(i + 1, end - i - 1).simplified()});
            i = end + 1;
        } else {
            int end = i;
            while (end < text.size() && !text[end].isSpace() && text[end] != QLatin1Char('(') &&
                   text[end] != QLatin1Char(')') && text[end] != QLatin1Char('"'))
                ++end;
            const QString word = text.mid(i, end - i);
            if (word == QLatin1String("AND"))
                tokens.append(Token{Token::AndOp, {}});
            else if (word == QLatin1String("OR"))
                tokens.append(Token{Token::OrOp, {}});
            else
                tokens.append(Token{Token::Word, word});
            i = end;
        }
    }
    return tokens;
}

// Recursive descent: or := and (OR and)* ; and := unary ((AND)? unary)* ; unary := '-' unary | primary
class Parser {
public:
    Parser(QVector<Token> tokens, QString* error)
        : m_tokens(std::move(tokens))
        , m_error(error) {}

    NodePtr parseAll() {
        NodePtr root = parseOr();
        if (root && m_pos < m_tokens.size())
            return fail(QStringLiteral("Unbalanced parentheses in full-text query"));
        return root;
    }

private:
    bool at(Token::Kind k) const { return m_pos < m_tokens.size() && m_tokens[m_pos].kind == k; }
    NodePtr fail(const QString& message) {
        if (m_error->isEmpty())
            *m_error = message;
        return nullptr;
    }
    NodePtr combine(FullTextQuery::Node::Kind kind, QVector<NodePtr> children) {
        if (children.size() == 1)
            return children.first();
        auto node = std::make_shared<FullTextQuery::Node>();
        node->kind = kind;
        node->children = std::move(children);
        return node;
    }
    NodePtr parseOr() {
        QVector<NodePtr> parts;
        do {
            NodePtr part = parseAnd();
            if (!part)
                return nullptr;
            parts.append(part);
        } while (at(Token::OrOp) && ++m_pos);
        return combine(FullTextQuery::Node::Or, parts);
    }
    NodePtr parseAnd() {
        QVector<NodePtr> parts;
        while (m_pos < m_tokens.size() && !at(Token::OrOp) && !at(Token::Close)) {
            if (at(Token::AndOp)) {
                ++m_pos;
                if (parts.isEmpty() || m_pos >= m_tokens.size() || at(Token::OrOp) || at(Token::Close))
                    return fail(QStringLiteral("AND needs a term on both sides"));
                continue;
            }
            NodePtr part = parseUnary();
            if (!part)
                return nullptr;
            parts.append(part);
        }
        if (parts.isEmpty())
            return fail(QStringLiteral("Empty full-text query or operator without a term"));
        return combine(FullTextQuery::Node::And, parts);
    }
    NodePtr parseUnary() {
        if (at(Token::Minus)) {
            ++m_pos;
            NodePtr inner = parseUnary();
            if (!inner)
                return fail(QStringLiteral("'-' must be followed by a term"));
            auto node = std::make_shared<FullTextQuery::Node>();
            node->kind = FullTextQuery::Node::Not;
            node->children = {inner};
            return node;
        }
        if (at(Token::Open)) {
            ++m_pos;
            NodePtr inner = parseOr();
            if (!inner)
                return nullptr;
            if (!at(Token::Close))
                return fail(QStringLiteral("Unbalanced parentheses in full-text query"));
            ++m_pos;
            return inner;
        }
        if (at(Token::Word) || at(Token::Phrase)) {
            const Token& t = m_tokens[m_pos++];
            auto leaf = std::make_shared<FullTextQuery::Node>();
            if (t.kind == Token::Word && t.text.endsWith(QLatin1Char('*')) && t.text.size() > 1)
                leaf->fts = quoted(t.text.chopped(1)) + QLatin1Char('*');
            else
                leaf->fts = quoted(t.text);
            if (t.text.isEmpty())
                return fail(QStringLiteral("Empty phrase in full-text query"));
            return leaf;
        }
        return fail(QStringLiteral("Unbalanced parentheses in full-text query"));
    }

    QVector<Token> m_tokens;
    QString* m_error;
    int m_pos = 0;
};

QSet<qint64> evaluateNode(const FullTextQuery::Node& node, const FullTextQuery::LeafMatcher& match,
                          const QSet<qint64>& universe) {
    switch (node.kind) {
    case FullTextQuery::Node::Leaf:
        return match(node.fts);
    case FullTextQuery::Node::Not:
        return QSet<qint64>(universe).subtract(evaluateNode(*node.children.first(), match, universe));
    case FullTextQuery::Node::And: {
        QSet<qint64> rows = universe;
        for (const auto& child : node.children)
            rows.intersect(evaluateNode(*child, match, universe));
        return rows;
    }
    case FullTextQuery::Node::Or: {
        QSet<qint64> rows;
        for (const auto& child : node.children)
            rows.unite(evaluateNode(*child, match, universe));
        return rows;
    }
    }
    return {};
}

QString describeNode(const FullTextQuery::Node& node) {
    if (node.kind == FullTextQuery::Node::Leaf)
        return node.fts;
    if (node.kind == FullTextQuery::Node::Not)
        return QStringLiteral("NOT(%1)").arg(describeNode(*node.children.first()));
    QStringList parts;
    for (const auto& child : node.children)
        parts.append(describeNode(*child));
    return QStringLiteral("%1(%2)").arg(node.kind == FullTextQuery::Node::And ? "AND" : "OR",
                                        parts.join(", "));
}

} // namespace

FullTextQuery::FullTextQuery(std::shared_ptr<const Node> root)
    : m_root(std::move(root)) {}
FullTextQuery::FullTextQuery(const FullTextQuery& other) = default;
FullTextQuery::FullTextQuery(FullTextQuery&&) noexcept = default;
FullTextQuery& FullTextQuery::operator=(FullTextQuery other) {
    m_root = std::move(other.m_root);
    return *this;
}
FullTextQuery::~FullTextQuery() = default;

std::optional<FullTextQuery> FullTextQuery::parse(const QString& text, QString* error) {
    QString message;
    const auto tokens = tokenize(text, &message);
    if (!tokens) {
        *error = message;
        return std::nullopt;
    }
    NodePtr root = Parser(*tokens, &message).parseAll();
    if (!root) {
        *error = message.isEmpty() ? QStringLiteral("Invalid full-text query") : message;
        return std::nullopt;
    }
    return FullTextQuery(root);
}

QSet<qint64> FullTextQuery::evaluate(const LeafMatcher& match, const QSet<qint64>& universe) const {
    return evaluateNode(*m_root, match, universe);
}

QString FullTextQuery::describe() const {
    return describeNode(*m_root);
}

} // namespace vl::engine
