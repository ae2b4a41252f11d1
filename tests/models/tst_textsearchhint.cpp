// Issue 11: an empty text search pointed at a model that could not be launched. The hint names the
// fields this dataset has text in and suggests only models the server can run.
#include "TextSearchHint.h"

#include <QTest>

using namespace vl;

class TextSearchHintTest : public QObject {
    Q_OBJECT
private slots:
    void localEngineNamesItsOwnFieldsAndOnlyRunnableModels();
    void appliedEnrichmentsAreFieldsNotSuggestions();
    void nothingToSuggestStaysShort();
};

static EnrichmentModel model(const QString& id, const QString& type, const QString& status) {
    EnrichmentModel m;
    m.id = id;
    m.name = id;
    m.type = type;
    m.status = status;
    return m;
}

static const QVector<EnrichmentModel> kLocalCatalogue{
    model("Local-Object-Detector", "OBJECT_DETECTION", "Active"),
    model("Local-Face-Detector", "FACE_DETECTION", "Active"),
    model("Local-Text-Reader", "TEXT_RECOGNITION", "Active"),
    model("Local-Image-Captioner", "CAPTION_IMAGES", "Coming Soon"),
    model("Local-Image-Semantic-Search", "MULTIMODEL_IMAGE_ENCODING", "Coming Soon"),
};

void TextSearchHintTest::localEngineNamesItsOwnFieldsAndOnlyRunnableModels() {
    const QString hint = TextSearchHint::describe(kLocalCatalogue, {}, true);
    QVERIFY2(hint.contains(QStringLiteral("file and folder names")), qPrintable(hint));
    QVERIFY2(hint.contains(QStringLiteral("objects and faces")), qPrintable(hint));
    QVERIFY2(hint.contains(QStringLiteral("Local-Text-Reader")), qPrintable(hint));
    QVERIFY2(!hint.contains(QStringLiteral("Captioner")), qPrintable(hint)); // cannot be launched
    QVERIFY2(!hint.contains(QStringLiteral("Semantic")), qPrintable(hint));  // adds no text
    // The engine finds objects and faces itself: its detectors are not suggested again.
    QVERIFY2(!hint.contains(QStringLiteral("Local-Object-Detector")), qPrintable(hint));
    QVERIFY2(hint.size() < 260, qPrintable(hint)); // short
}

void TextSearchHintTest::appliedEnrichmentsAreFieldsNotSuggestions() {
    const QVector<EnrichmentModel> cloud{model("vl-captioner", "CAPTION_IMAGES", "Active"),
                                         model("vl-tagger", "IMAGE_TAGGING", "Active")};
    EnrichmentContext context;
    context.appliedModels.insert(QStringLiteral("CAPTION_IMAGES"), QStringLiteral("vl-captioner"));
    const QString hint = TextSearchHint::describe(cloud, context, false);
    QVERIFY2(hint.contains(QStringLiteral("looks at captions")), qPrintable(hint));
    QVERIFY2(!hint.contains(QStringLiteral("file and folder")), qPrintable(hint));
    QVERIFY2(!hint.contains(QStringLiteral("vl-captioner")), qPrintable(hint));
    QVERIFY2(hint.contains(QStringLiteral("vl-tagger (image tags)")), qPrintable(hint));
}

void TextSearchHintTest::nothingToSuggestStaysShort() {
    const QVector<EnrichmentModel> comingSoon{model("captioner", "CAPTION_IMAGES", "Coming Soon")};
    const QString hint = TextSearchHint::describe(comingSoon, {}, false);
    QVERIFY2(hint.contains(QStringLiteral("no captions, labels or tags")), qPrintable(hint));
    QVERIFY2(!hint.contains(QStringLiteral("Enrich")), qPrintable(hint));
    QVERIFY2(!hint.contains(QStringLiteral("captioner")), qPrintable(hint));
}

QTEST_GUILESS_MAIN(TextSearchHintTest)
#include "tst_textsearchhint.moc"
