// Saved views through the real panel and search view: saving the current query, one click
// restoring every control and running the saved search (the request the server receives), a view
// of "find similar" restoring its anchor, rename and delete from the panel, and persistence.
#include "ClusterJson.h"
#include "ClusterResultsModel.h"
#include "FilterChipsBar.h"
#include "ModelTestSupport.h"
#include "SavedViewsModel.h"
#include "SavedViewsPanel.h"
#include "SearchView.h"
#include "ThumbnailCache.h"
#include "ThumbnailGridView.h"

#include <QComboBox>
#include <QLineEdit>
#include <QListView>
#include <QSettings>
#include <QSpinBox>
#include <QTest>

using namespace vl;
using namespace vl::test;

class SavedViewsTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void saveThenOneClickRestoresAndSearches();
    void similarViewRestoresItsAnchorRenameDelete();

private:
    void clickRow(SavedViewsPanel& panel, int row);
};

void SavedViewsTest::initTestCase() {
    QCoreApplication::setOrganizationName(QStringLiteral("VLExplorerTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_savedviews"));
    QSettings().clear();
}

void SavedViewsTest::clickRow(SavedViewsPanel& panel, int row) {
    QListView* list = panel.list();
    const QPoint point = list->visualRect(list->model()->index(row, 0)).center();
    QTest::mouseClick(list->viewport(), Qt::LeftButton, Qt::NoModifier, point);
}

// Everything the server is asked for explore answers one page of clusters.
struct Fixture {
    Fixture() {
        server.setHandler([](const RecordedRequest& request) -> std::optional<ScriptedReply> {
            const bool first = request.queryValue("page_number") == QLatin1String("0");
            return ScriptedReply::json(200, toJson(explorePage(first ? 4 : 0, 0)));
        });
    }
    bool start() {
        if (!server.listen())
            return false;
        client = clientFor(server);
        results.setClient(client.get());
        view = std::make_unique<SearchView>(&results, &thumbnails);
        view->resize(1100, 700);
        view->show();
        view->setDataset("ds", "Test dataset");
        model.setScope("conn-1", "ds");
        panel.setCurrentView([this] { return view->currentView(); });
        panel.updateState();
        // As the window connects them: a click restores into the search view.
        QObject::connect(&panel, &SavedViewsPanel::restoreRequested, view.get(), &SearchView::applyView);
        panel.show();
        return QTest::qWaitForWindowExposed(&panel);
    }
    // First pages only: the grid asks for the next page of every search by itself.
    QList<RecordedRequest> explores() const {
        QList<RecordedRequest> firstPages;
        for (const RecordedRequest& request : server.requestsTo("/api/v1/explore/ds")) {
            if (request.queryValue("page_number") == QLatin1String("0"))
                firstPages.append(request);
        }
        return firstPages;
    }
    ScriptedServer server;
    std::unique_ptr<ApiClient> client;
    ClusterResultsModel results;
    ThumbnailCache thumbnails;
    std::unique_ptr<SearchView> view;
    SavedViewsModel model;
    SavedViewsPanel panel{&model};
};

void SavedViewsTest::saveThenOneClickRestoresAndSearches() {
    Fixture f;
    QVERIFY(f.start());
    QTRY_VERIFY_WITH_TIMEOUT(!f.results.isLoading(), 10000);
    SearchView& view = *f.view;
    view.modeBox()->setCurrentIndex(view.modeBox()->findData(int(SearchView::TextMode::Semantic)));
    view.queryEdit()->setText("dog on grass");
    FilterChipsBar::Filter blur;
    blur.kind = FilterChipsBar::Filter::Kind::Issue;
    blur.values = {"blur"};
    blur.low = 0.6;
    view.filterChips()->setFilters({blur});
    view.findChild<QSpinBox*>()->setValue(2);
    QTRY_VERIFY_WITH_TIMEOUT(!f.results.isLoading(), 10000);
    const QString savedVql = f.explores().last().queryValue("vql");
    QVERIFY2(savedVql.contains("dog on grass") && savedVql.contains("blur"), qPrintable(savedVql));
    QCOMPARE(f.panel.saveCurrentView("Dogs on grass"), 0);

    // Something else entirely, then one click on the saved view.
    view.queryEdit()->clear();
    view.filterChips()->clearFilters();
    view.findChild<QSpinBox*>()->setValue(0);
    QTRY_VERIFY_WITH_TIMEOUT(!f.results.isLoading(), 10000);
    const int before = int(f.explores().size());
    clickRow(f.panel, 0);
    QCOMPARE(view.queryEdit()->text(), QStringLiteral("dog on grass"));
    QCOMPARE(view.modeBox()->currentData().toInt(), int(SearchView::TextMode::Semantic));
    QCOMPARE(view.filterChips()->filters().size(), 1);
    QCOMPARE(view.filterChips()->filters().first().low, 0.6);
    QCOMPARE(view.findChild<QSpinBox*>()->value(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(int(f.explores().size()), before + 1, 10000); // one search, not one per control
    QTest::qWait(100);
    QCOMPARE(int(f.explores().size()), before + 1);
    QCOMPARE(f.explores().last().queryValue("vql"), savedVql);
    QCOMPARE(f.explores().last().queryValue("threshold"), QStringLiteral("2"));

    SavedViewsModel reopened; // persisted for this connection and dataset
    reopened.setScope("conn-1", "ds");
    QCOMPARE(reopened.rowCount(), 1);
    QCOMPARE(reopened.view(0).text, QStringLiteral("dog on grass"));
}

void SavedViewsTest::similarViewRestoresItsAnchorRenameDelete() {
    QSettings().clear();
    Fixture f;
    QVERIFY(f.start());
    QTRY_VERIFY_WITH_TIMEOUT(!f.results.isLoading(), 10000);
    f.view->searchSimilarToMedia("c1-m0");
    QTRY_VERIFY_WITH_TIMEOUT(!f.results.isLoading(), 10000);
    QCOMPARE(f.panel.saveCurrentView("Like c1"), 0);
    f.view->runTextSearch(); // the anchor is gone
    QVERIFY(f.view->currentView().anchorMediaId.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!f.results.isLoading(), 10000);
    clickRow(f.panel, 0);
    QTRY_VERIFY_WITH_TIMEOUT(!f.results.isLoading(), 10000);
    QCOMPARE(f.explores().last().queryValue("anchor_media_id"), QStringLiteral("c1-m0"));
    QCOMPARE(f.explores().last().queryValue("anchor_type"), QStringLiteral("MEDIA"));

    f.panel.list()->setCurrentIndex(f.model.index(0));
    QVERIFY(f.model.setData(f.model.index(0), "Near c1")); // what the in-place editor commits
    QCOMPARE(f.model.view(0).name, QStringLiteral("Near c1"));
    f.panel.removeSelected();
    QCOMPARE(f.model.rowCount(), 0);
    SavedViewsModel reopened;
    reopened.setScope("conn-1", "ds");
    QCOMPARE(reopened.rowCount(), 0);
}

QTEST_MAIN(SavedViewsTest)
#include "tst_savedviews.moc"
