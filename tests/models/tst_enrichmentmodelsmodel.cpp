#include "EnrichmentModelsModel.h"
#include "ModelTestSupport.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace vl;
using namespace vl::test;

class EnrichmentModelsModelTest : public QObject {
    Q_OBJECT
private slots:
    void groupsByTypeAndDisablesComingSoon();
    void choosingADependentModelChoosesItsDependency();
    void appliedDependencyIsNotChosenAgain();
    void unmetDependencyRefusesTheChoice();
    void deselectingADependencyDeselectsDependents();
    void onePerTypeThroughCheckboxes();
    void loadsFromServerAndExplainsConflict();
};

static QJsonObject modelJson(const QString& id, const QString& name, const QString& type,
                             const QString& status, const QStringList& dependencies = {}) {
    return QJsonObject{
        {"id", id},
        {"name", name},
        {"type", type},
        {"status", status},
        {"vendor", "VL"},
        {"description", name + " description"},
        {"dependencies", dependencies.isEmpty() ? QJsonValue() : QJsonArray::fromStringList(dependencies)}};
}

static QJsonArray catalogueJson() {
    return {modelJson("vl_image_captioner_v00", "VL-Image-Captioner", "CAPTION_IMAGES", "Active"),
            modelJson("nv_grounding_dino", "Nv-grounding dino", "OBJECT_DETECTION", "Coming Soon"),
            modelJson("vl_object_detector_v00", "VL-Object-Detector", "OBJECT_DETECTION", "Active"),
            modelJson("vl_object_captioner_v00", "VL-Object-Captioner", "CAPTION_OBJECTS", "Active",
                      {"OBJECT_DETECTION"}),
            modelJson("face_tagger", "Face tagger", "FACE_TAGGING", "Active", {"FACE_DETECTION"}),
            modelJson("future_face", "Face detector", "FACE_DETECTION", "Coming Soon")};
}

static QVector<EnrichmentModel> catalogue() {
    return EnrichmentModel::listFromJson(catalogueJson());
}

static EnrichmentContext contextWith(const QMap<QString, QString>& applied) {
    QJsonObject models;
    for (auto it = applied.cbegin(); it != applied.cend(); ++it)
        models.insert(it.key(), it.value());
    return EnrichmentContext::fromJson(
        QJsonObject{{"enrichment_context_id", "ctx"},
                    {"status", applied.isEmpty() ? "NEW" : "DONE"},
                    {"dataset_enrichment_models", QJsonObject{{"enrichment_models", models}}}});
}

static QModelIndex modelIndex(const EnrichmentModelsModel& model, const QString& modelId) {
    for (int type = 0; type < model.rowCount(); ++type) {
        const QModelIndex parent = model.index(type, 0);
        for (int row = 0; row < model.rowCount(parent); ++row) {
            const QModelIndex index = model.index(row, 0, parent);
            if (index.data(EnrichmentModelsModel::ModelIdRole).toString() == modelId)
                return index;
        }
    }
    return {};
}

void EnrichmentModelsModelTest::groupsByTypeAndDisablesComingSoon() {
    EnrichmentModelsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCatalogue(catalogue(), contextWith({{"CAPTION_IMAGES", "vl_image_captioner_v00"}}));
    QCOMPARE(model.rowCount(), 5); // five types
    const QModelIndex detection = model.index(1, 0);
    QCOMPARE(detection.data(EnrichmentModelsModel::TypeRole).toString(), QStringLiteral("OBJECT_DETECTION"));
    QCOMPARE(model.rowCount(detection), 2);
    const QModelIndex comingSoon = modelIndex(model, "nv_grounding_dino");
    QVERIFY(!(model.flags(comingSoon) & Qt::ItemIsEnabled));
    QCOMPARE(comingSoon.siblingAtColumn(EnrichmentModelsModel::StatusColumn).data().toString(),
             QStringLiteral("Coming soon"));
    QVERIFY(!model.setData(comingSoon, Qt::Checked, Qt::CheckStateRole));
    QVERIFY(model.selectedModel("OBJECT_DETECTION").isEmpty());

    const QModelIndex applied = modelIndex(model, "vl_image_captioner_v00");
    QVERIFY(applied.data(EnrichmentModelsModel::AppliedRole).toBool());
    QCOMPARE(applied.siblingAtColumn(EnrichmentModelsModel::StatusColumn).data().toString(),
             QStringLiteral("Applied"));
    QVERIFY(model.index(0, 0).data().toString().contains(QStringLiteral("applied: VL-Image-Captioner")));
    QVERIFY(!(model.flags(applied) & Qt::ItemIsUserCheckable));
}

void EnrichmentModelsModelTest::choosingADependentModelChoosesItsDependency() {
    EnrichmentModelsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCatalogue(catalogue(), contextWith({}));
    QSignalSpy explained(&model, &EnrichmentModelsModel::selectionExplained);
    QString why;
    QVERIFY(model.selectModel("vl_object_captioner_v00", &why));
    // The active detector, not the Coming Soon one listed first.
    QCOMPARE(model.selectedModel("OBJECT_DETECTION"), QStringLiteral("vl_object_detector_v00"));
    QCOMPARE(model.selectedModel("CAPTION_OBJECTS"), QStringLiteral("vl_object_captioner_v00"));
    QVERIFY(why.contains(QStringLiteral("VL-Object-Detector")));
    QVERIFY(why.contains(QStringLiteral("VL-Object-Captioner needs object detection")));
    QCOMPARE(explained.count(), 1);
    QCOMPARE(modelIndex(model, "vl_object_detector_v00").data(Qt::CheckStateRole).toInt(), int(Qt::Checked));
    const QJsonObject body = model.request().toJson();
    const QJsonObject models = body.value("enrichment_models").toObject();
    QCOMPARE(models.size(), 2);
    QCOMPARE(models.value("OBJECT_DETECTION").toString(), QStringLiteral("vl_object_detector_v00"));
}

void EnrichmentModelsModelTest::appliedDependencyIsNotChosenAgain() {
    EnrichmentModelsModel model;
    model.setCatalogue(catalogue(), contextWith({{"OBJECT_DETECTION", "vl_object_detector_v00"}}));
    QString why;
    QVERIFY(model.selectModel("vl_object_captioner_v00", &why));
    QVERIFY(model.selectedModel("OBJECT_DETECTION").isEmpty());
    QCOMPARE(model.request().models.keys(), QStringList{"CAPTION_OBJECTS"});
    QVERIFY(why.isEmpty());
}

void EnrichmentModelsModelTest::unmetDependencyRefusesTheChoice() {
    EnrichmentModelsModel model;
    model.setCatalogue(catalogue(), contextWith({}));
    QString why;
    QVERIFY(!model.selectModel("face_tagger", &why));
    QVERIFY(why.contains(QStringLiteral("face detection")));
    QVERIFY(!model.hasSelection());
}

void EnrichmentModelsModelTest::deselectingADependencyDeselectsDependents() {
    EnrichmentModelsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCatalogue(catalogue(), contextWith({}));
    QVERIFY(model.selectModel("vl_object_captioner_v00"));
    QVERIFY(model.selectModel("vl_image_captioner_v00"));
    QString why;
    model.deselectType("OBJECT_DETECTION", &why);
    QVERIFY(model.selectedModel("CAPTION_OBJECTS").isEmpty());
    QCOMPARE(model.selectedModel("CAPTION_IMAGES"), QStringLiteral("vl_image_captioner_v00"));
    QVERIFY(why.contains(QStringLiteral("Deselected VL-Object-Captioner")));
}

void EnrichmentModelsModelTest::onePerTypeThroughCheckboxes() {
    QJsonArray json = catalogueJson();
    json.append(modelJson("moondream2_image_captioner_v00", "Moondream2", "CAPTION_IMAGES", "Active"));
    EnrichmentModelsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setCatalogue(EnrichmentModel::listFromJson(json), contextWith({}));
    QVERIFY(model.setData(modelIndex(model, "vl_image_captioner_v00"), Qt::Checked, Qt::CheckStateRole));
    QVERIFY(
        model.setData(modelIndex(model, "moondream2_image_captioner_v00"), Qt::Checked, Qt::CheckStateRole));
    QCOMPARE(model.selectedModel("CAPTION_IMAGES"), QStringLiteral("moondream2_image_captioner_v00"));
    QCOMPARE(modelIndex(model, "vl_image_captioner_v00").data(Qt::CheckStateRole).toInt(),
             int(Qt::Unchecked));
    QVERIFY(model.setData(modelIndex(model, "moondream2_image_captioner_v00"), Qt::Unchecked,
                          Qt::CheckStateRole));
    QVERIFY(!model.hasSelection());
}

void EnrichmentModelsModelTest::loadsFromServerAndExplainsConflict() {
    ScriptedServer server;
    QVERIFY(server.listen());
    server.on("GET", "/api/v1/enrichment/ds/list_models", ScriptedReply::json(200, toJson(catalogueJson())));
    server.on("GET", "/api/v1/enrichment/ds/context",
              ScriptedReply::json(200, R"({"enrichment_context_id":"c1","status":"NEW",)"
                                       R"("dataset_enrichment_models":{"enrichment_models":{}}})"));
    server.onSequence("POST", "/api/v1/dataset/ds/enrich_dataset",
                      {ScriptedReply::json(409, R"({"detail":"Dataset is in READ ONLY state"})"),
                       ScriptedReply::json(200, R"({"dataset_id":"copy-1"})")});
    auto client = clientFor(server);
    EnrichmentModelsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(&model, &EnrichmentModelsModel::loaded);
    model.load(client.get(), "ds");
    QVERIFY(loaded.wait(10000));
    QCOMPARE(model.rowCount(), 5);

    QVERIFY(model.selectModel("vl_object_captioner_v00"));
    QSignalSpy failed(&model, &EnrichmentModelsModel::enrichmentFailed);
    QSignalSpy started(&model, &EnrichmentModelsModel::enrichmentStarted);
    model.startEnrichment();
    QVERIFY(failed.wait(10000));
    const QString explanation = failed.first().at(1).toString();
    QVERIFY(explanation.contains(QStringLiteral("must be READY")));
    QVERIFY(explanation.contains(QStringLiteral("READ ONLY state")));

    model.startEnrichment();
    QVERIFY(started.wait(10000));
    QCOMPARE(started.first().first().toString(), QStringLiteral("copy-1"));
    const QJsonObject sent =
        QJsonDocument::fromJson(server.requestsTo("/api/v1/dataset/ds/enrich_dataset").last().body)
            .object()
            .value("enrichment_models")
            .toObject();
    QCOMPARE(sent.value("CAPTION_OBJECTS").toString(), QStringLiteral("vl_object_captioner_v00"));
    QCOMPARE(sent.value("OBJECT_DETECTION").toString(), QStringLiteral("vl_object_detector_v00"));
}

QTEST_MAIN(EnrichmentModelsModelTest)
#include "tst_enrichmentmodelsmodel.moc"
