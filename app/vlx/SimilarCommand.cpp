// similar: visual search by an image file (uploaded as an anchor) or by a media item of the dataset.
#include "ApiClient.h"
#include "BoundingBox.h"
#include "CliContext.h"
#include "ClusterTable.h"
#include "Commands.h"
#include "ExploreJob.h"
#include "ImageSimilarityJob.h"
#include "OptionValues.h"

#include <QFile>
#include <QFileInfo>
#include <QImageReader>

#include <memory>

namespace vl::cli {

namespace {

const QString kSyntax = QStringLiteral(
    "similar ID (IMAGE | --media MEDIA_ID) [--bbox x,y,w,h] [--objects] [--granularity N] [--page N]");
constexpr qint64 kMaxUploadBytes = 200LL * 1024 * 1024;

struct QueryImage {
    QByteArray data;
    QSize size; // invalid when the format is not readable here; pixel boxes then cannot be converted
    QString fileName;
};

// Reads the query image; returns an error sentence on failure.
QString readImage(const QString& path, QueryImage& image) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
    if (file.size() > kMaxUploadBytes)
        return QStringLiteral("%1 is larger than %2 MB").arg(path).arg(kMaxUploadBytes / (1024 * 1024));
    image.data = file.readAll();
    image.fileName = QFileInfo(path).fileName();
    QImageReader reader(path);
    image.size = reader.size();
    return {};
}

} // namespace

int runSimilar(CliContext& context, const QStringList& args) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Find media that look like an image file or a media item."));
    parser.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("Dataset id."));
    parser.addPositionalArgument(QStringLiteral("IMAGE"),
                                 QStringLiteral("Query image file (or use --media)."));
    const QCommandLineOption media(QStringLiteral("media"),
                                   QStringLiteral("Use this media item of the dataset."),
                                   QStringLiteral("MEDIA_ID"));
    const QCommandLineOption bbox(
        QStringLiteral("bbox"),
        QStringLiteral("Region of IMAGE: fractions 0-1, or pixels (converted with the "
                       "image size)."),
        QStringLiteral("x,y,w,h"));
    const QCommandLineOption objects(QStringLiteral("objects"),
                                     QStringLiteral("Search objects instead of images."));
    const QCommandLineOption granularity(QStringLiteral("granularity"),
                                         QStringLiteral("Clustering granularity 0-4."), QStringLiteral("N"));
    const QCommandLineOption page(QStringLiteral("page"), QStringLiteral("Page number, 0-based."),
                                  QStringLiteral("N"));
    parser.addOptions({media, bbox, objects, granularity, page});
    if (const auto exit = context.parseCommand(parser, args, kSyntax, 1, 2))
        return *exit;
    const QStringList positional = parser.positionalArguments();
    const bool byImage = positional.size() == 2;
    if (byImage == parser.isSet(media))
        return context.usageError(kSyntax, QStringLiteral("give either an IMAGE file or --media MEDIA_ID"));
    if (parser.isSet(bbox) && !byImage)
        return context.usageError(kSyntax, QStringLiteral("--bbox needs an IMAGE file"));

    ExploreQuery query;
    query.entityType = parser.isSet(objects) ? EntityType::Objects : EntityType::Images;
    if (parser.isSet(granularity)) {
        const std::optional<int> value = parseIntInRange(parser.value(granularity), 0, 4);
        if (!value)
            return context.usageError(kSyntax, QStringLiteral("--granularity takes 0 to 4"));
        query.granularity = *value;
    }
    if (parser.isSet(page)) {
        const std::optional<int> value = parseIntInRange(parser.value(page), 0, 1000000);
        if (!value)
            return context.usageError(kSyntax, QStringLiteral("--page takes a page number from 0"));
        query.pageNumber = *value;
    }
    QueryImage image;
    std::optional<BoundingBox> box;
    if (byImage) {
        const QString problem = readImage(positional.at(1), image);
        if (!problem.isEmpty())
            return context.fail(ExitUsage, problem);
        if (parser.isSet(bbox)) {
            box = BoundingBox::parse(parser.value(bbox), image.size);
            if (!box)
                return context.usageError(kSyntax,
                                          QStringLiteral("--bbox must be x,y,w,h inside the image, as "
                                                         "fractions 0-1 or as pixels of a readable image"));
        }
    }
    if (const int code = context.connect())
        return code;
    const QString datasetId = positional.first();
    if (byImage) {
        std::unique_ptr<ImageSimilarityJob> upload(
            new ImageSimilarityJob(&context.client(), datasetId, image.data, image.fileName, query.entityType,
                                   query.granularity, box));
        if (const int code = context.wait(upload.get()))
            return code;
        if (!upload->anchor().isValid())
            return context.fail(ExitApiError,
                                QStringLiteral("the server returned no anchor for the query image"));
        query.anchor = upload->anchor();
    } else {
        query.anchor = Anchor::media(parser.value(media));
    }
    std::unique_ptr<ExploreJob> job(new ExploreJob(&context.client(), datasetId, query));
    if (const int code = context.wait(job.get()))
        return code;
    if (context.options().json)
        context.printBody(job->rawBody());
    else
        printClusters(context.out(), job->result(), query.pageNumber);
    return ExitOk;
}

} // namespace vl::cli
