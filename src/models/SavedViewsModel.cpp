#include "SavedViewsModel.h"

#include <QJsonDocument>
#include <QSettings>
#include <QUrl>

namespace vl {

SavedViewsModel::SavedViewsModel(QObject* parent)
    : QAbstractListModel(parent) {}

QString SavedViewsModel::settingsKey(const QString& connectionId, const QString& datasetId) {
    const auto encode = [](const QString& id) { return QString::fromLatin1(QUrl::toPercentEncoding(id)); };
    return QStringLiteral("savedViews/%1/%2").arg(encode(connectionId), encode(datasetId));
}

void SavedViewsModel::setScope(const QString& connectionId, const QString& datasetId) {
    beginResetModel();
    m_connectionId = connectionId;
    m_datasetId = datasetId;
    load();
    endResetModel();
}

// Stored as one JSON array per scope: readable, and one value to replace atomically.
void SavedViewsModel::load() {
    m_views.clear();
    if (m_connectionId.isEmpty() || m_datasetId.isEmpty())
        return;
    const QByteArray stored = QSettings().value(settingsKey(m_connectionId, m_datasetId)).toString().toUtf8();
    for (const QJsonValue& value : QJsonDocument::fromJson(stored).array()) {
        const SavedView view = SavedView::fromJson(value.toObject());
        if (!view.name.trimmed().isEmpty() && rowOf(view.name) < 0)
            m_views.append(view);
    }
}

void SavedViewsModel::store() const {
    QJsonArray array;
    for (const SavedView& view : m_views)
        array.append(view.toJson());
    QSettings settings;
    const QString key = settingsKey(m_connectionId, m_datasetId);
    if (array.isEmpty())
        settings.remove(key);
    else
        settings.setValue(key, QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact)));
}

int SavedViewsModel::rowOf(const QString& name) const {
    for (int row = 0; row < m_views.size(); ++row) {
        if (m_views.at(row).name == name.trimmed())
            return row;
    }
    return -1;
}

int SavedViewsModel::save(const SavedView& view) {
    SavedView named = view;
    named.name = view.name.trimmed();
    if (m_connectionId.isEmpty() || m_datasetId.isEmpty() || named.name.isEmpty())
        return -1;
    int row = rowOf(named.name);
    if (row >= 0) {
        m_views[row] = named;
        emit dataChanged(index(row), index(row));
    } else {
        row = int(m_views.size());
        beginInsertRows({}, row, row);
        m_views.append(named);
        endInsertRows();
    }
    store();
    return row;
}

bool SavedViewsModel::rename(int row, const QString& name) {
    const QString trimmed = name.trimmed();
    if (row < 0 || row >= m_views.size() || trimmed.isEmpty())
        return false;
    const int other = rowOf(trimmed);
    if (other >= 0 && other != row)
        return false; // names stay unique
    m_views[row].name = trimmed;
    emit dataChanged(index(row), index(row));
    store();
    return true;
}

bool SavedViewsModel::remove(int row) {
    if (row < 0 || row >= m_views.size())
        return false;
    beginRemoveRows({}, row, row);
    m_views.removeAt(row);
    endRemoveRows();
    store();
    return true;
}

int SavedViewsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_views.size());
}

QVariant SavedViewsModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_views.size())
        return {};
    const SavedView& view = m_views.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return view.name;
    case Qt::ToolTipRole:
    case DescriptionRole:
        return view.description();
    default:
        return {};
    }
}

bool SavedViewsModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    return index.isValid() && role == Qt::EditRole && rename(index.row(), value.toString());
}

Qt::ItemFlags SavedViewsModel::flags(const QModelIndex& index) const {
    const Qt::ItemFlags base = QAbstractListModel::flags(index);
    return index.isValid() ? base | Qt::ItemIsEditable : base;
}

} // namespace vl
