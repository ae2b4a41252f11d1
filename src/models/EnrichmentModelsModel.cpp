#include "EnrichmentModelsModel.h"

#include "ApiClient.h"
#include "EnrichmentJobs.h"

namespace vl {

// Type rows carry internalId 0; model rows carry (type row + 1).
static constexpr quintptr kTypeRowId = 0;

EnrichmentModelsModel::EnrichmentModelsModel(QObject* parent)
    : QAbstractItemModel(parent) {}

EnrichmentModelsModel::~EnrichmentModelsModel() {
    for (const QPointer<ApiJob>& job : m_loadJobs) {
        if (job)
            job->disconnect(this);
    }
    if (m_enrichJob)
        m_enrichJob->disconnect(this);
}

void EnrichmentModelsModel::load(ApiClient* client, const QString& datasetId) {
    for (const QPointer<ApiJob>& job : m_loadJobs) {
        if (job) {
            job->disconnect(this);
            job->abort();
        }
    }
    m_loadJobs.clear();
    m_client = client;
    m_datasetId = datasetId;
    setCatalogue({}, {});
    if (!client)
        return;
    m_pendingJobs = 2;
    ApiJob* listJob = new ListModelsJob(client, datasetId);
    ApiJob* contextJob = new EnrichmentContextJob(client, datasetId);
    for (ApiJob* job : {listJob, contextJob}) {
        m_loadJobs.append(job);
        connect(job, &ApiJob::finished, this, &EnrichmentModelsModel::onJobFinished);
    }
}

void EnrichmentModelsModel::onJobFinished(ApiJob* job) {
    if (!job->isSuccess()) {
        // One failure settles the load; the other answer no longer matters.
        for (const QPointer<ApiJob>& other : m_loadJobs) {
            if (other && other != job) {
                other->disconnect(this);
                other->abort();
            }
        }
        m_loadJobs.clear();
        m_pendingJobs = 0;
        emit loadFailed(job->error());
        return;
    }
    if (auto* list = qobject_cast<ListModelsJob*>(job))
        m_loadedModels = list->models();
    else if (auto* context = qobject_cast<EnrichmentContextJob*>(job))
        m_loadedContext = context->context();
    if (--m_pendingJobs > 0)
        return;
    m_loadJobs.clear();
    setCatalogue(m_loadedModels, m_loadedContext);
    emit loaded();
}

QVector<EnrichmentModel> EnrichmentModelsModel::models() const {
    QVector<EnrichmentModel> all;
    for (const TypeGroup& group : m_groups)
        all += group.models;
    return all;
}

void EnrichmentModelsModel::setCatalogue(const QVector<EnrichmentModel>& models,
                                         const EnrichmentContext& context) {
    beginResetModel();
    m_groups.clear();
    m_selection.clear();
    m_context = context;
    for (const EnrichmentModel& model : models) {
        auto group = std::find_if(m_groups.begin(), m_groups.end(),
                                  [&](const TypeGroup& candidate) { return candidate.type == model.type; });
        if (group == m_groups.end()) {
            m_groups.append({model.type, {}});
            group = m_groups.end() - 1;
        }
        group->models.append(model);
    }
    endResetModel();
    emit selectionChanged();
}

const EnrichmentModel* EnrichmentModelsModel::modelById(const QString& modelId) const {
    for (const TypeGroup& group : m_groups) {
        for (const EnrichmentModel& model : group.models) {
            if (model.id == modelId)
                return &model;
        }
    }
    return nullptr;
}

const EnrichmentModel* EnrichmentModelsModel::firstActiveModel(const QString& type) const {
    for (const TypeGroup& group : m_groups) {
        if (group.type != type)
            continue;
        for (const EnrichmentModel& model : group.models) {
            if (model.isActive())
                return &model;
        }
    }
    return nullptr;
}

bool EnrichmentModelsModel::isApplied(const EnrichmentModel& model) const {
    return m_context.appliedModels.value(model.type) == model.id;
}

QString EnrichmentModelsModel::typeDisplayName(const QString& type) {
    QString name = type.toLower();
    name.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!name.isEmpty())
        name[0] = name[0].toUpper();
    return name;
}

bool EnrichmentModelsModel::collectDependencies(const EnrichmentModel& model, QMap<QString, QString>& chosen,
                                                QStringList& notes, QString* why) const {
    for (const QString& type : model.dependencies) {
        if (m_context.appliedModels.contains(type) || m_selection.contains(type) || chosen.contains(type))
            continue;
        const EnrichmentModel* provider = firstActiveModel(type);
        if (!provider) {
            if (why) {
                *why = tr("%1 needs %2, but no available model provides it.")
                           .arg(model.name, typeDisplayName(type).toLower());
            }
            return false;
        }
        chosen.insert(type, provider->id);
        notes << tr("Selected %1 because %2 needs %3.")
                     .arg(provider->name, model.name, typeDisplayName(type).toLower());
        if (!collectDependencies(*provider, chosen, notes, why))
            return false;
    }
    return true;
}

bool EnrichmentModelsModel::selectModel(const QString& modelId, QString* why) {
    const EnrichmentModel* model = modelById(modelId);
    QString reason;
    if (!model)
        reason = tr("Unknown model %1.").arg(modelId);
    else if (!model->isActive())
        reason = tr("%1 is coming soon and cannot be applied yet.").arg(model->name);
    else if (isApplied(*model))
        reason = tr("%1 is already applied to this dataset.").arg(model->name);
    QMap<QString, QString> chosen;
    QStringList notes;
    if (reason.isEmpty() && !collectDependencies(*model, chosen, notes, &reason) && reason.isEmpty())
        reason = tr("The dependencies of %1 cannot be met.").arg(model->name);
    if (!reason.isEmpty()) {
        if (why)
            *why = reason;
        emit selectionExplained(reason);
        return false;
    }
    m_selection.insert(model->type, model->id);
    for (auto it = chosen.cbegin(); it != chosen.cend(); ++it)
        m_selection.insert(it.key(), it.value());
    if (why)
        *why = notes.join(QLatin1Char(' '));
    notifySelectionRows();
    if (!notes.isEmpty())
        emit selectionExplained(notes.join(QLatin1Char(' ')));
    emit selectionChanged();
    return true;
}

void EnrichmentModelsModel::deselectType(const QString& type, QString* why) {
    if (!m_selection.remove(type))
        return;
    QStringList notes;
    QStringList removedTypes{type};
    // Anything that needed a removed type (and does not find it applied already) goes too.
    bool changed = true;
    while (changed) {
        changed = false;
        for (auto it = m_selection.begin(); it != m_selection.end(); ++it) {
            const EnrichmentModel* model = modelById(it.value());
            if (!model)
                continue;
            for (const QString& dependency : model->dependencies) {
                if (removedTypes.contains(dependency) && !m_context.appliedModels.contains(dependency)) {
                    notes << tr("Deselected %1 because it needs %2.")
                                 .arg(model->name, typeDisplayName(dependency).toLower());
                    removedTypes << it.key();
                    m_selection.erase(it);
                    changed = true;
                    break;
                }
            }
            if (changed)
                break;
        }
    }
    if (why)
        *why = notes.join(QLatin1Char(' '));
    notifySelectionRows();
    if (!notes.isEmpty())
        emit selectionExplained(notes.join(QLatin1Char(' ')));
    emit selectionChanged();
}

void EnrichmentModelsModel::notifySelectionRows() {
    for (int typeRow = 0; typeRow < m_groups.size(); ++typeRow) {
        const QModelIndex parentIndex = index(typeRow, 0);
        emit dataChanged(parentIndex, parentIndex);
        const int count = m_groups.at(typeRow).models.size();
        if (count > 0)
            emit dataChanged(index(0, 0, parentIndex), index(count - 1, ColumnCount - 1, parentIndex));
    }
}

EnrichmentRequest EnrichmentModelsModel::request() const {
    EnrichmentRequest request;
    request.models = m_selection;
    return request;
}

void EnrichmentModelsModel::startEnrichment() {
    if (!m_client || m_selection.isEmpty() || m_enrichJob)
        return;
    auto* job = new EnrichDatasetJob(m_client, m_datasetId, request());
    m_enrichJob = job;
    connect(job, &ApiJob::finished, this, [this, job] { onEnrichFinished(job); });
}

void EnrichmentModelsModel::onEnrichFinished(EnrichDatasetJob* job) {
    m_enrichJob = nullptr;
    if (job->isSuccess())
        emit enrichmentStarted(job->newDatasetId());
    else
        emit enrichmentFailed(job->error(), explainEnrichError(job->error()));
}

QString EnrichmentModelsModel::explainEnrichError(const ApiError& error) const {
    QString explanation;
    switch (error.kind) {
    case ApiError::Kind::Conflict:
        explanation = tr("The dataset cannot be enriched right now: it must be READY and not busy with "
                         "another update (indexing, adding media or another enrichment).");
        break;
    case ApiError::Kind::NotFound:
        explanation = tr("The dataset no longer exists, or this account has no access to it.");
        break;
    case ApiError::Kind::Authentication:
        explanation = tr("The server rejected the credentials. Reconnect and try again.");
        break;
    case ApiError::Kind::Validation:
        explanation = tr("The server did not accept the chosen models.");
        break;
    default:
        return error.message.isEmpty() ? error.detail : error.message;
    }
    if (!error.detail.isEmpty())
        explanation += QLatin1Char(' ') + tr("Server said: %1").arg(error.detail);
    return explanation;
}

QModelIndex EnrichmentModelsModel::index(int row, int column, const QModelIndex& parent) const {
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, kTypeRowId);
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex EnrichmentModelsModel::parent(const QModelIndex& child) const {
    if (!child.isValid() || child.internalId() == kTypeRowId)
        return {};
    return createIndex(int(child.internalId() - 1), 0, kTypeRowId);
}

int EnrichmentModelsModel::rowCount(const QModelIndex& parent) const {
    if (!parent.isValid())
        return m_groups.size();
    if (parent.internalId() == kTypeRowId && parent.column() == 0)
        return m_groups.at(parent.row()).models.size();
    return 0;
}

int EnrichmentModelsModel::columnCount(const QModelIndex&) const {
    return ColumnCount;
}

QVariant EnrichmentModelsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == kTypeRowId) {
        const TypeGroup& group = m_groups.at(index.row());
        if (role == IsTypeRole)
            return true;
        if (role == TypeRole)
            return group.type;
        if (role == Qt::DisplayRole && index.column() == NameColumn) {
            const QString applied = m_context.appliedModels.value(group.type);
            if (applied.isEmpty())
                return typeDisplayName(group.type);
            const EnrichmentModel* model = modelById(applied);
            return tr("%1 (applied: %2)").arg(typeDisplayName(group.type), model ? model->name : applied);
        }
        return {};
    }
    const EnrichmentModel& model = m_groups.at(int(index.internalId() - 1)).models.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == NameColumn)
            return model.name.isEmpty() ? model.id : model.name;
        if (index.column() == VendorColumn)
            return model.vendor;
        if (!model.isActive())
            return tr("Coming soon");
        if (isApplied(model))
            return tr("Applied");
        if (m_selection.value(model.type) == model.id)
            return tr("Selected");
        return tr("Available");
    case Qt::CheckStateRole:
        if (index.column() != NameColumn)
            return {};
        if (isApplied(model))
            return Qt::PartiallyChecked;
        return m_selection.value(model.type) == model.id ? Qt::Checked : Qt::Unchecked;
    case Qt::ToolTipRole: {
        QString tip = model.description;
        if (!model.dependencies.isEmpty()) {
            QStringList names;
            for (const QString& type : model.dependencies)
                names << typeDisplayName(type).toLower();
            tip += QLatin1Char('\n') + tr("Needs: %1").arg(names.join(QStringLiteral(", ")));
        }
        return tip;
    }
    case ModelIdRole:
        return model.id;
    case TypeRole:
        return model.type;
    case DescriptionRole:
        return model.description;
    case DependenciesRole:
        return model.dependencies;
    case ActiveRole:
        return model.isActive();
    case AppliedRole:
        return isApplied(model);
    case IsTypeRole:
        return false;
    default:
        return {};
    }
}

bool EnrichmentModelsModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    if (role != Qt::CheckStateRole || !index.isValid() || index.internalId() == kTypeRowId)
        return false;
    const QString modelId = data(index, ModelIdRole).toString();
    const QString type = data(index, TypeRole).toString();
    if (value.toInt() == Qt::Checked)
        return selectModel(modelId);
    if (m_selection.value(type) != modelId)
        return false;
    deselectType(type);
    return true;
}

Qt::ItemFlags EnrichmentModelsModel::flags(const QModelIndex& index) const {
    if (!index.isValid())
        return Qt::NoItemFlags;
    if (index.internalId() == kTypeRowId)
        return Qt::ItemIsEnabled;
    const EnrichmentModel& model = m_groups.at(int(index.internalId() - 1)).models.at(index.row());
    if (!model.isActive())
        return Qt::ItemNeverHasChildren; // disabled: Coming Soon
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (!isApplied(model) && index.column() == NameColumn)
        flags |= Qt::ItemIsUserCheckable;
    return flags;
}

QVariant EnrichmentModelsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Model");
    case VendorColumn:
        return tr("Vendor");
    case StatusColumn:
        return tr("Status");
    default:
        return {};
    }
}

} // namespace vl
