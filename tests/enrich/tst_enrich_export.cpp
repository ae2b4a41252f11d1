// Export writer: zip contents read back with libzip, metadata.json checked against schema 1.1.
#include "ExportSchemaValidator.h"
#include "ExportWriter.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QTemporaryDir>
#include <QtTest>

#include <zip.h>

using namespace vl::engine;

namespace {

// Every entry of a zip file: name -> bytes.
QMap<QString, QByteArray> unzip(const QString& path) {
    QMap<QString, QByteArray> entries;
    int code = 0;
    zip_t* archive = zip_open(QFile::encodeName(path).constData(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
    if (!archive)
        return entries;
    const zip_int64_t count = zip_get_num_entries(archive, 0);
    for (zip_int64_t i = 0; i < count; ++i) {
        zip_stat_t stat;
        zip_stat_index(archive, zip_uint64_t(i), 0, &stat);
        QByteArray data(qsizetype(stat.size), Qt::Uninitialized);
        zip_file_t* file = zip_fopen_index(archive, zip_uint64_t(i), 0);
        const zip_int64_t read = file ? zip_fread(file, data.data(), stat.size) : -1;
        if (file)
            zip_fclose(file);
        if (read == zip_int64_t(stat.size))
            entries.insert(QString::fromUtf8(stat.name), data);
    }
    zip_close(archive);
    return entries;
}

QByteArray fileBytes(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestEnrichExport : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QVector<ExportMediaItem> m_items;
    ExportInfo m_info;

    QString writeImage(const QString& relative, const QColor& color, const QSize& size, const char* format) {
        const QString path = m_dir.filePath(relative);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QImage image(size, QImage::Format_RGB32);
        image.fill(color);
        image.save(path, format);
        return path;
    }

    ExportMediaItem item(const QString& id, const QString& relative, const QString& path, const QSize& size) {
        ExportMediaItem media;
        media.mediaId = id;
        media.fileName = QFileInfo(relative).fileName();
        media.filePath = relative;
        media.sourceFile = path;
        media.fileSizeBytes = QFileInfo(path).size();
        media.width = size.width();
        media.height = size.height();
        media.url = QStringLiteral("http://127.0.0.1:1/dataset/d/data/image/") + id;
        media.clusterId = QStringLiteral("cluster-") + id;
        media.uniquenessScore = 0.25;
        return media;
    }

    QJsonObject metadataOf(const QMap<QString, QByteArray>& entries) {
        return QJsonDocument::fromJson(entries.value(QStringLiteral("metadata.json"))).object();
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        const QString a1 = writeImage(QStringLiteral("one/cat.jpg"), Qt::red, QSize(64, 48), "JPG");
        const QString a2 = writeImage(QStringLiteral("two/CAT.jpg"), Qt::green, QSize(32, 32), "JPG");
        const QString b = writeImage(QStringLiteral("dog.png"), Qt::blue, QSize(40, 30), "PNG");
        m_items << item(QStringLiteral("m1"), QStringLiteral("one/cat.jpg"), a1, QSize(64, 48))
                << item(QStringLiteral("m2"), QStringLiteral("two/CAT.jpg"), a2, QSize(32, 32))
                << item(QStringLiteral("m3"), QStringLiteral("dog.png"), b, QSize(40, 30));
        ExportObject face;
        face.bbox = QRect(10, 5, 20, 30);
        face.categoryName = QStringLiteral("face");
        face.uniquenessScore = 0.5;
        face.issues << ExportIssue{QStringLiteral("blur"), 0.81, QString(), -1};
        m_items[0].objects << face;
        m_items[0].labels << ExportLabel{QStringLiteral("cat"), QStringLiteral("Model"), 3};
        m_items[0].captions << ExportCaption{QStringLiteral("a red square"), QStringLiteral("User")};
        m_items[1].issues << ExportIssue{QStringLiteral("duplicates"), 0.9, QStringLiteral("g1"), 0.95};
        m_items[2].userTags << ExportUserTag{QStringLiteral("keep"),
                                             QDateTime(QDate(2025, 4, 2), QTime(12, 34), Qt::UTC)};
        m_info.dataset = QStringLiteral("Pets");
        m_info.datasetUrl = QStringLiteral("http://127.0.0.1:1/dataset/d/data");
        m_info.exportedBy = QStringLiteral("tester");
        m_info.datasetCreationTime = QDateTime(QDate(2024, 12, 5), QTime(5, 55, 27, 725), Qt::UTC);
    }

    void metadataFollowsSchema11() {
        const QJsonObject document = ExportWriter::metadata(m_info, m_items);
        const QStringList problems = ExportSchemaValidator::validate(document);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
        const QJsonObject info = document.value(QStringLiteral("info")).toObject();
        QCOMPARE(info.value(QStringLiteral("schema_version")).toString(), QStringLiteral("1.1"));
        QCOMPARE(info.value(QStringLiteral("total_media_items")).toInt(), 3);
        QCOMPARE(info.value(QStringLiteral("description")).toString(),
                 QStringLiteral("Exported from Pets at VL Explorer"));
        QCOMPARE(info.value(QStringLiteral("dataset_creation_time")).toString(),
                 QStringLiteral("2024-12-05T05:55:27.725000"));
        const QJsonObject first = document.value(QStringLiteral("media_items")).toArray().at(0).toObject();
        QCOMPARE(first.value(QStringLiteral("file_size")).toString(),
                 ExportWriter::formatFileSize(m_items[0].fileSizeBytes));
        const QJsonArray items = first.value(QStringLiteral("metadata_items")).toArray();
        QCOMPARE(items.size(), 3);
        const QJsonObject object = items.at(2).toObject();
        QCOMPARE(object.value(QStringLiteral("type")).toString(), QStringLiteral("object_label"));
        const QJsonObject properties = object.value(QStringLiteral("properties")).toObject();
        QCOMPARE(properties.value(QStringLiteral("bbox")).toArray(), (QJsonArray{10, 5, 20, 30}));
        QCOMPARE(properties.value(QStringLiteral("metadata_items"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("properties"))
                     .toObject()
                     .value(QStringLiteral("issue_type"))
                     .toString(),
                 QStringLiteral("blur"));
        const QJsonObject duplicate = document.value(QStringLiteral("media_items"))
                                          .toArray()
                                          .at(1)
                                          .toObject()
                                          .value(QStringLiteral("metadata_items"))
                                          .toArray()
                                          .at(0)
                                          .toObject()
                                          .value(QStringLiteral("properties"))
                                          .toObject();
        QCOMPARE(duplicate.value(QStringLiteral("duplicate_group_id")).toString(), QStringLiteral("g1"));
        QCOMPARE(duplicate.value(QStringLiteral("duplicate_threshold")).toDouble(), 0.95);
    }

    void zipWithImagesHoldsOriginalBytesUnderUniqueNames() {
        const QString zipPath = m_dir.filePath(QStringLiteral("with-images.zip"));
        const ExportWriter::Result result =
            ExportWriter::writeZip(zipPath, m_info, m_items, {QStringLiteral("json"), true});
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.imagesWritten, 3);
        QVERIFY(result.warnings.isEmpty());
        const QMap<QString, QByteArray> entries = unzip(zipPath);
        QCOMPARE(entries.keys(),
                 (QStringList{QStringLiteral("images/CAT_2.jpg"), QStringLiteral("images/cat.jpg"),
                              QStringLiteral("images/dog.png"), QStringLiteral("metadata.json")}));
        QCOMPARE(entries.value(QStringLiteral("images/cat.jpg")), fileBytes(m_items[0].sourceFile));
        QCOMPARE(entries.value(QStringLiteral("images/CAT_2.jpg")), fileBytes(m_items[1].sourceFile));
        QCOMPARE(entries.value(QStringLiteral("images/dog.png")), fileBytes(m_items[2].sourceFile));
        const QJsonObject document = metadataOf(entries);
        QVERIFY2(ExportSchemaValidator::validate(document).isEmpty(),
                 qPrintable(ExportSchemaValidator::validate(document).join('\n')));
        const QJsonArray media = document.value(QStringLiteral("media_items")).toArray();
        QCOMPARE(media.at(1).toObject().value(QStringLiteral("file_name")).toString(),
                 QStringLiteral("CAT_2.jpg"));
        QCOMPARE(media.at(1).toObject().value(QStringLiteral("file_path")).toString(),
                 QStringLiteral("two/CAT.jpg"));
    }

    void zipWithoutImagesHoldsMetadataOnly() {
        const QString zipPath = m_dir.filePath(QStringLiteral("metadata-only.zip"));
        const ExportWriter::Result result = ExportWriter::writeZip(zipPath, m_info, m_items, ExportOptions());
        QVERIFY2(result.ok, qPrintable(result.error));
        const QMap<QString, QByteArray> entries = unzip(zipPath);
        QCOMPARE(entries.keys(), QStringList{QStringLiteral("metadata.json")});
        QCOMPARE(metadataOf(entries)
                     .value(QStringLiteral("media_items"))
                     .toArray()
                     .at(1)
                     .toObject()
                     .value(QStringLiteral("file_name"))
                     .toString(),
                 QStringLiteral("CAT.jpg"));
    }

    void missingImageIsReportedAndItsItemKept() {
        QVector<ExportMediaItem> items = m_items;
        items[2].sourceFile = m_dir.filePath(QStringLiteral("gone.png"));
        const QString zipPath = m_dir.filePath(QStringLiteral("missing.zip"));
        const ExportWriter::Result result =
            ExportWriter::writeZip(zipPath, m_info, items, {QStringLiteral("json"), true});
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.imagesWritten, 2);
        QCOMPARE(result.warnings.size(), 1);
        QVERIFY(result.warnings[0].contains(QLatin1String("m3")));
        const QMap<QString, QByteArray> entries = unzip(zipPath);
        QVERIFY(!entries.contains(QStringLiteral("images/dog.png")));
        QCOMPARE(metadataOf(entries).value(QStringLiteral("media_items")).toArray().size(), 3);
    }

    void unsafeFileNamesStayInsideImagesFolder() {
        QVector<ExportMediaItem> items{m_items[0], m_items[2]};
        items[0].fileName = QStringLiteral("../../etc/passwd");
        items[1].fileName = QStringLiteral("..");
        const QStringList names = ExportWriter::archiveNames(items);
        QCOMPARE(names, (QStringList{QStringLiteral("passwd"), QStringLiteral("m3.png")}));
    }

    void parquetAndUnknownFormatsAreRefused() {
        QVERIFY(ExportWriter::checkFormat(QStringLiteral("json")).isEmpty());
        QVERIFY(
            ExportWriter::checkFormat(QStringLiteral("parquet")).contains(QLatin1String("not supported")));
        QVERIFY(ExportWriter::checkFormat(QStringLiteral("csv"))
                    .contains(QLatin1String("Unknown export_format")));
        const QString zipPath = m_dir.filePath(QStringLiteral("parquet.zip"));
        const ExportWriter::Result result =
            ExportWriter::writeZip(zipPath, m_info, m_items, {QStringLiteral("parquet"), false});
        QVERIFY(!result.ok);
        QVERIFY(result.error.contains(QLatin1String("parquet")));
        QVERIFY(!QFile::exists(zipPath));
    }

    void unwritableTargetAndCancelAreErrors() {
        const ExportWriter::Result bad = ExportWriter::writeZip(
            m_dir.filePath(QStringLiteral("no/such/folder/x.zip")), m_info, m_items, ExportOptions());
        QVERIFY(!bad.ok);
        QVERIFY(bad.error.contains(QLatin1String("cannot")));
        const QString zipPath = m_dir.filePath(QStringLiteral("cancelled.zip"));
        int calls = 0;
        const ExportWriter::Result cancelled = ExportWriter::writeZip(
            zipPath, m_info, m_items, {QStringLiteral("json"), true}, [&](double) { return ++calls < 1; });
        QVERIFY(!cancelled.ok);
        QCOMPARE(cancelled.error, QStringLiteral("export cancelled"));
        QVERIFY(!QFile::exists(zipPath));
    }

    void fileSizesAndTimestampsUseTheCloudFormat() {
        QCOMPARE(ExportWriter::formatFileSize(0), QStringLiteral("0B"));
        QCOMPARE(ExportWriter::formatFileSize(512), QStringLiteral("512B"));
        QCOMPARE(ExportWriter::formatFileSize(32768), QStringLiteral("32.00KB"));
        QCOMPARE(ExportWriter::formatFileSize(49428), QStringLiteral("48.27KB"));
        QCOMPARE(ExportWriter::formatFileSize(5 * 1024 * 1024 + 1024 * 512), QStringLiteral("5.50MB"));
        QCOMPARE(ExportWriter::formatTimestamp(QDateTime(QDate(2025, 4, 24), QTime(7, 44, 46, 136), Qt::UTC)),
                 QStringLiteral("2025-04-24T07:44:46.136000"));
    }

    void validatorCatchesSchemaViolations_data() {
        QTest::addColumn<QString>("pointer"); // what to break
        QTest::addColumn<QString>("expected");
        QTest::newRow("schema version") << "schema_version"
                                        << "$.info.schema_version";
        QTest::newRow("total") << "total"
                               << "$.info.total_media_items: 4 but media_items holds 3";
        QTest::newRow("file size") << "file_size"
                                   << "$.media_items[0].file_size: \"48 KB\"";
        QTest::newRow("bbox outside") << "bbox_outside"
                                      << "outside the 64x48 image";
        QTest::newRow("bbox fractions") << "bbox_fractions"
                                        << "whole, non-negative pixels";
        QTest::newRow("missing media id") << "media_id"
                                          << "$.media_items[0].media_id: missing";
        QTest::newRow("unknown item type") << "item_type"
                                           << "is not one of";
        QTest::newRow("time zone") << "timezone"
                                   << "$.info.export_time";
        QTest::newRow("confidence") << "confidence"
                                    << "outside [0, 1]";
    }

    void validatorCatchesSchemaViolations() {
        QFETCH(QString, pointer);
        QFETCH(QString, expected);
        QJsonObject document = ExportWriter::metadata(m_info, m_items);
        QJsonObject info = document.value(QStringLiteral("info")).toObject();
        QJsonArray media = document.value(QStringLiteral("media_items")).toArray();
        QJsonObject first = media.at(0).toObject();
        QJsonArray items = first.value(QStringLiteral("metadata_items")).toArray();
        QJsonObject object = items.at(2).toObject();
        QJsonObject properties = object.value(QStringLiteral("properties")).toObject();
        if (pointer == QLatin1String("schema_version"))
            info.insert(QStringLiteral("schema_version"), QStringLiteral("1.0"));
        else if (pointer == QLatin1String("total"))
            info.insert(QStringLiteral("total_media_items"), 4);
        else if (pointer == QLatin1String("timezone"))
            info.insert(QStringLiteral("export_time"), QStringLiteral("2025-04-02T14:31:30Z"));
        else if (pointer == QLatin1String("file_size"))
            first.insert(QStringLiteral("file_size"), QStringLiteral("48 KB"));
        else if (pointer == QLatin1String("media_id"))
            first.remove(QStringLiteral("media_id"));
        else if (pointer == QLatin1String("bbox_outside"))
            properties.insert(QStringLiteral("bbox"), QJsonArray{50, 5, 20, 30});
        else if (pointer == QLatin1String("bbox_fractions"))
            properties.insert(QStringLiteral("bbox"), QJsonArray{0.1, 0.1, 0.5, 0.5});
        else if (pointer == QLatin1String("item_type"))
            object.insert(QStringLiteral("type"), QStringLiteral("comment"));
        else if (pointer == QLatin1String("confidence"))
            items[0] = QJsonObject{{QStringLiteral("type"), QStringLiteral("issue")},
                                   {QStringLiteral("properties"),
                                    QJsonObject{{QStringLiteral("issue_type"), QStringLiteral("blur")},
                                                {QStringLiteral("confidence"), 81}}}};
        if (pointer != QLatin1String("item_type"))
            object.insert(QStringLiteral("properties"), properties);
        items[2] = object;
        first.insert(QStringLiteral("metadata_items"), items);
        media[0] = first;
        document.insert(QStringLiteral("media_items"), media);
        document.insert(QStringLiteral("info"), info);
        const QStringList problems = ExportSchemaValidator::validate(document);
        QVERIFY2(std::any_of(problems.begin(), problems.end(),
                             [&](const QString& p) { return p.contains(expected); }),
                 qPrintable(problems.join('\n')));
    }
};

QTEST_GUILESS_MAIN(TestEnrichExport)
#include "tst_enrich_export.moc"
