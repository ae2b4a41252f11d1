// Saved views: per connection and dataset, persisted in QSettings (survive a new model), unique
// names (saving under a name replaces), rename and delete, and nothing but the query is stored.
#include "SavedViewsModel.h"

#include <QAbstractItemModelTester>
#include <QCoreApplication>
#include <QSettings>
#include <QTest>

using namespace vl;

class SavedViewsModelTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init() { QSettings().clear(); }
    void savesPerConnectionAndDatasetAndPersists();
    void sameNameReplacesRenameAndRemove();
    void roundTripsEveryField();
    void idsCannotReachAnotherScope();
};

static SavedView view(const QString& name, const QString& text) {
    SavedView v;
    v.name = name;
    v.mode = QStringLiteral("semantic");
    v.text = text;
    return v;
}

void SavedViewsModelTest::initTestCase() {
    QCoreApplication::setOrganizationName(QStringLiteral("VLExplorerTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_savedviewsmodel"));
}

void SavedViewsModelTest::savesPerConnectionAndDatasetAndPersists() {
    SavedViewsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.save(view("no scope", "x")), -1);
    model.setScope("local", "ds-1");
    QCOMPARE(model.save(view("Dogs", "dog")), 0);
    QCOMPARE(model.save(view("Cats", "cat")), 1);
    model.setScope("local", "ds-2");
    QCOMPARE(model.rowCount(), 0);
    model.save(view("Cars", "car"));
    model.setScope("cloud", "ds-1");
    QCOMPARE(model.rowCount(), 0); // another connection's dataset with the same id

    SavedViewsModel reopened; // as after a restart
    reopened.setScope("local", "ds-1");
    QCOMPARE(reopened.rowCount(), 2);
    QCOMPARE(reopened.index(0).data().toString(), QStringLiteral("Dogs"));
    QCOMPARE(reopened.view(1).text, QStringLiteral("cat"));
    QVERIFY(reopened.index(1).data(Qt::ToolTipRole).toString().contains("cat"));
}

void SavedViewsModelTest::sameNameReplacesRenameAndRemove() {
    SavedViewsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setScope("local", "ds-1");
    model.save(view("Dogs", "dog"));
    model.save(view("Cats", "cat"));
    QCOMPARE(model.save(view(" Dogs ", "puppy")), 0);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.view(0).text, QStringLiteral("puppy"));

    QVERIFY(!model.rename(1, "Dogs")); // would clash
    QVERIFY(!model.rename(1, "  "));
    QVERIFY(model.setData(model.index(1), "Kittens"));
    QCOMPARE(model.view(1).name, QStringLiteral("Kittens"));
    QVERIFY(model.remove(0));
    QVERIFY(!model.remove(5));

    SavedViewsModel reopened;
    reopened.setScope("local", "ds-1");
    QCOMPARE(reopened.rowCount(), 1);
    QCOMPARE(reopened.view(0).name, QStringLiteral("Kittens"));
    QVERIFY(reopened.remove(0));
    QVERIFY(!QSettings().contains(SavedViewsModel::settingsKey("local", "ds-1"))); // no empty leftovers
}

void SavedViewsModelTest::roundTripsEveryField() {
    SavedView full;
    full.name = QStringLiteral("Blurry objects");
    full.mode = QStringLiteral("fulltext");
    full.text = QStringLiteral("car -truck");
    full.filters = QJsonArray{QJsonObject{{"kind", "issue"}, {"values", QJsonArray{"blur"}}, {"low", 0.5}}};
    full.entityType = EntityType::Objects;
    full.granularity = 3;
    full.minSimilarity = 0.4;
    full.anchorMediaId = QStringLiteral("m-7");
    SavedViewsModel model;
    model.setScope("local", "ds-1");
    model.save(full);
    SavedViewsModel reopened;
    reopened.setScope("local", "ds-1");
    QVERIFY(reopened.view(0) == full);
    const QString description = full.description();
    QVERIFY2(description.contains("objects") && description.contains("granularity 3") &&
                 description.contains("similar"),
             qPrintable(description));
}

void SavedViewsModelTest::idsCannotReachAnotherScope() {
    SavedViewsModel model;
    model.setScope("a/b", "c");
    model.save(view("One", "x"));
    model.setScope("a", "b/c");
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(SavedViewsModel::settingsKey("a/b", "c") != SavedViewsModel::settingsKey("a", "b/c"));
}

QTEST_MAIN(SavedViewsModelTest)
#include "tst_savedviewsmodel.moc"
