#include "FilterChipsBar.h"

#include "Icons.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QMenu>
#include <QRadioButton>
#include <QToolButton>
#include <iterator>

namespace vl {

QString FilterChipsBar::Filter::text() const {
    switch (kind) {
    case Kind::Labels:
        return (exclude ? QObject::tr("not labels: %1") : QObject::tr("labels: %1"))
            .arg(values.join(QStringLiteral(", ")));
    case Kind::Tags:
        return QObject::tr("tags: %1").arg(values.join(QStringLiteral(", ")));
    case Kind::Issue:
        return QObject::tr("%1%2 %3–%4")
            .arg(exclude ? QObject::tr("no ") : QString(), values.value(0))
            .arg(low, 0, 'f', 2)
            .arg(high, 0, 'f', 2);
    case Kind::Duplicates:
        return QObject::tr("duplicates ≥ %1").arg(low, 0, 'f', 2);
    case Kind::Uniqueness:
        return QObject::tr("uniqueness ≥ %1").arg(low, 0, 'f', 2);
    case Kind::MapRegion:
        return QObject::tr("map: lasso selection");
    }
    return {};
}

FilterChipsBar::Filter FilterChipsBar::Filter::mapRegion(const QPolygonF& polygon) {
    Filter filter;
    filter.kind = Kind::MapRegion;
    for (const QPointF& p : polygon)
        filter.values.append(QStringLiteral("%1,%2").arg(p.x(), 0, 'f', 1).arg(p.y(), 0, 'f', 1));
    return filter;
}

QPolygonF FilterChipsBar::Filter::polygon() const {
    QPolygonF polygon;
    for (const QString& vertex : values)
        polygon << QPointF(vertex.section(QLatin1Char(','), 0, 0).toDouble(),
                           vertex.section(QLatin1Char(','), 1, 1).toDouble());
    return polygon;
}

static const char* const kKindNames[] = {"labels", "tags", "issue", "duplicates", "uniqueness", "map_region"};

QJsonObject FilterChipsBar::Filter::toJson() const {
    return {{QStringLiteral("kind"), QLatin1String(kKindNames[int(kind)])},
            {QStringLiteral("values"), QJsonArray::fromStringList(values)},
            {QStringLiteral("exclude"), exclude},
            {QStringLiteral("low"), low},
            {QStringLiteral("high"), high}};
}

FilterChipsBar::Filter FilterChipsBar::Filter::fromJson(const QJsonObject& json) {
    Filter filter;
    const QString kind = json.value(QStringLiteral("kind")).toString();
    for (int i = 0; i < int(std::size(kKindNames)); ++i) {
        if (kind == QLatin1String(kKindNames[i]))
            filter.kind = Kind(i);
    }
    for (const QJsonValue& value : json.value(QStringLiteral("values")).toArray())
        filter.values.append(value.toString());
    filter.exclude = json.value(QStringLiteral("exclude")).toBool();
    filter.low = qBound(0.0, json.value(QStringLiteral("low")).toDouble(0), 1.0);
    filter.high = qBound(filter.low, json.value(QStringLiteral("high")).toDouble(1), 1.0);
    return filter;
}

QJsonArray FilterChipsBar::toJson() const {
    QJsonArray array;
    for (const Filter& filter : m_filters)
        array.append(filter.toJson());
    return array;
}

QVector<FilterChipsBar::Filter> FilterChipsBar::filtersFromJson(const QJsonArray& array) {
    QVector<Filter> filters;
    for (const QJsonValue& value : array) {
        const Filter filter = Filter::fromJson(value.toObject());
        if (!filter.values.isEmpty() || filter.kind == Filter::Kind::Duplicates ||
            filter.kind == Filter::Kind::Uniqueness)
            filters.append(filter);
    }
    return filters;
}

FilterChipsBar::FilterChipsBar(QWidget* parent)
    : QWidget(parent)
    , m_chips(new QHBoxLayout)
    , m_addButton(new QToolButton(this)) {
    m_addButton->setText(tr("Add filter"));
    m_addButton->setIcon(icon("filter"));
    m_addButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_addButton->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(m_addButton);
    menu->addAction(tr("Labels…"), this, [this] { addLabels(false); });
    menu->addAction(tr("Exclude labels…"), this, [this] { addLabels(true); });
    menu->addAction(tr("Tags…"), this, [this] { addTags(); });
    QMenu* issues = menu->addMenu(tr("Issue"));
    for (const QString& issue : Vql::knownIssueNames())
        issues->addAction(issue, this, [this, issue] { addIssue(issue); });
    menu->addAction(tr("Duplicates…"), this, [this] { addThreshold(Filter::Kind::Duplicates); });
    menu->addAction(tr("Uniqueness…"), this, [this] { addThreshold(Filter::Kind::Uniqueness); });
    m_addButton->setMenu(menu);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_addButton);
    layout->addLayout(m_chips);
    layout->addStretch();
    m_chips->setSpacing(4);
}

void FilterChipsBar::addFilter(const Filter& filter) {
    m_filters.append(filter);
    rebuild();
    emit filtersChanged();
}

void FilterChipsBar::removeFilter(int index) {
    if (index < 0 || index >= m_filters.size())
        return;
    m_filters.removeAt(index);
    rebuild();
    emit filtersChanged();
}

void FilterChipsBar::clearFilters() {
    if (m_filters.isEmpty())
        return;
    m_filters.clear();
    rebuild();
    emit filtersChanged();
}

void FilterChipsBar::setFilters(const QVector<Filter>& filters) {
    QJsonArray wanted;
    for (const Filter& filter : filters)
        wanted.append(filter.toJson());
    if (wanted == toJson())
        return;
    m_filters = filters;
    rebuild();
    emit filtersChanged();
}

void FilterChipsBar::rebuild() {
    while (QLayoutItem* item = m_chips->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (int i = 0; i < m_filters.size(); ++i) {
        auto* chip = new QToolButton(this);
        chip->setText(m_filters.at(i).text());
        chip->setIcon(icon("clear"));
        chip->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        chip->setLayoutDirection(Qt::RightToLeft); // the × after the text
        chip->setToolTip(tr("Remove this filter"));
        chip->setAutoRaise(false);
        chip->setStyleSheet(
            QStringLiteral("QToolButton { border: 1px solid palette(mid); border-radius: 10px; "
                           "padding: 1px 8px; background: palette(alternate-base); }"));
        connect(chip, &QToolButton::clicked, this, [this, i] { removeFilter(i); });
        m_chips->addWidget(chip);
    }
}

void FilterChipsBar::applyTo(Vql& vql) const {
    for (const Filter& filter : m_filters) {
        switch (filter.kind) {
        case Filter::Kind::Labels:
            vql.labels(filter.values, filter.exclude ? Vql::LabelOp::NotOneOf : Vql::LabelOp::OneOf);
            break;
        case Filter::Kind::Tags:
            vql.tags(filter.values);
            break;
        case Filter::Kind::Issue:
            vql.issue(filter.values.value(0), filter.low, filter.high,
                      filter.exclude ? Vql::IssueMode::Out : Vql::IssueMode::In);
            break;
        case Filter::Kind::Duplicates:
            vql.duplicates(filter.low);
            break;
        case Filter::Kind::Uniqueness:
            vql.uniqueness(filter.low);
            break;
        case Filter::Kind::MapRegion:
            vql.mapRegion(filter.polygon());
            break;
        }
    }
}

static QStringList splitList(const QString& text) {
    QStringList items;
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString trimmed = part.trimmed();
        if (!trimmed.isEmpty())
            items << trimmed;
    }
    return items;
}

void FilterChipsBar::addLabels(bool exclude) {
    bool ok = false;
    const QString text =
        QInputDialog::getText(this, exclude ? tr("Exclude labels") : tr("Filter by labels"),
                              tr("Labels, separated by commas:"), QLineEdit::Normal, {}, &ok);
    const QStringList labels = splitList(text);
    if (!ok || labels.isEmpty())
        return;
    Filter filter;
    filter.kind = Filter::Kind::Labels;
    filter.values = labels;
    filter.exclude = exclude;
    addFilter(filter);
}

void FilterChipsBar::addTags() {
    bool ok = false;
    const QString text = QInputDialog::getText(this, tr("Filter by tags"),
                                               tr("Tag ids, separated by commas (or \"untagged\"):"),
                                               QLineEdit::Normal, {}, &ok);
    const QStringList tags = splitList(text);
    if (!ok || tags.isEmpty())
        return;
    Filter filter;
    filter.kind = Filter::Kind::Tags;
    filter.values = tags;
    addFilter(filter);
}

void FilterChipsBar::addIssue(const QString& issue) {
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Issue: %1").arg(issue));
    auto* low = new QDoubleSpinBox(&dialog);
    auto* high = new QDoubleSpinBox(&dialog);
    for (QDoubleSpinBox* box : {low, high}) {
        box->setRange(0, 1);
        box->setSingleStep(0.05);
        box->setDecimals(2);
    }
    low->setValue(0.8);
    high->setValue(1.0);
    auto* with = new QRadioButton(tr("Show media with this issue"), &dialog);
    auto* without = new QRadioButton(tr("Hide media with this issue"), &dialog);
    with->setChecked(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto* form = new QFormLayout(&dialog);
    form->addRow(tr("Confidence from"), low);
    form->addRow(tr("to"), high);
    form->addRow(with);
    form->addRow(without);
    form->addRow(buttons);
    if (dialog.exec() != QDialog::Accepted)
        return;
    Filter filter;
    filter.kind = Filter::Kind::Issue;
    filter.values = {issue};
    filter.low = qMin(low->value(), high->value());
    filter.high = qMax(low->value(), high->value());
    filter.exclude = without->isChecked();
    addFilter(filter);
}

void FilterChipsBar::addThreshold(Filter::Kind kind) {
    bool ok = false;
    const bool duplicates = kind == Filter::Kind::Duplicates;
    const double value =
        QInputDialog::getDouble(this, duplicates ? tr("Duplicates") : tr("Uniqueness"),
                                duplicates ? tr("Minimum similarity between duplicates (0–1):")
                                           : tr("Minimum uniqueness score (0–1):"),
                                duplicates ? 0.95 : 0.5, 0, 1, 2, &ok);
    if (!ok)
        return;
    Filter filter;
    filter.kind = kind;
    filter.low = value;
    addFilter(filter);
}

} // namespace vl
