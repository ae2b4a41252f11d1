#pragma once

#include <QSet>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace vl::engine {

// The caption search syntax of the Visual Layer UI: words (implicitly AND-ed), AND, OR, -term
// (exclude), "exact phrase", parentheses and trailing * for prefixes. Each word or phrase becomes one
// FTS5 expression (porter-stemmed by the index); the boolean structure is evaluated over row sets,
// which also allows what FTS5 alone cannot: a query that only excludes ("-blurry").
class FullTextQuery {
public:
    struct Node;
    using LeafMatcher = std::function<QSet<qint64>(const QString& fts5Expression)>;

    // nullopt and a message for unbalanced quotes/parentheses, a dangling operator or an empty query.
    static std::optional<FullTextQuery> parse(const QString& text, QString* error);
    // `universe` = every row of the dataset (what a pure exclusion subtracts from).
    QSet<qint64> evaluate(const LeafMatcher& match, const QSet<qint64>& universe) const;
    QString describe() const; // the parsed structure, for tests and logs

    FullTextQuery(const FullTextQuery& other);
    FullTextQuery(FullTextQuery&&) noexcept;
    FullTextQuery& operator=(FullTextQuery other);
    ~FullTextQuery();

private:
    explicit FullTextQuery(std::shared_ptr<const Node> root);
    std::shared_ptr<const Node> m_root;
};

} // namespace vl::engine
