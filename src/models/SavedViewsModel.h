#pragma once

#include "SavedView.h"

#include <QAbstractListModel>
#include <QVector>

namespace vl {

// The saved views of one dataset on one connection, persisted in QSettings under the connection id
// and the dataset id (no secrets: only what the query bar shows). Names are unique per dataset:
// saving under an existing name replaces that view. Editing the name (EditRole) renames.
class SavedViewsModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role { DescriptionRole = Qt::UserRole + 1 };

    explicit SavedViewsModel(QObject* parent = nullptr);

    // Which views to show; loads them from the settings.
    void setScope(const QString& connectionId, const QString& datasetId);
    QString connectionId() const { return m_connectionId; }
    QString datasetId() const { return m_datasetId; }

    int save(const SavedView& view); // the row of the new (or replaced) view; -1 without a scope or name
    bool rename(int row, const QString& name);
    bool remove(int row);
    const SavedView& view(int row) const { return m_views.at(row); }
    int rowOf(const QString& name) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

    // The settings key of a scope (ids percent-encoded, so no id can reach into another's group).
    static QString settingsKey(const QString& connectionId, const QString& datasetId);

private:
    void load();
    void store() const;

    QString m_connectionId;
    QString m_datasetId;
    QVector<SavedView> m_views;
};

} // namespace vl
