// Calibration data for the blur / dark / bright confidences: generated scenes at two resolutions,
// sharp and Gaussian-blurred, normally exposed, under-exposed and washed out. Prints the confidence
// distribution per condition so QualityMeter's mapping can be checked against the targets
// (sharp < 0.3, heavily blurred > 0.7, near-black dark > 0.8, normal < 0.2).
#include "ImageAnalyzer.h"
#include "SceneGenerator.h"

#include <QCommandLineParser>
#include <QGuiApplication>
#include <QPainter>
#include <QtConcurrent>

#include <algorithm>
#include <cstdio>
#include <functional>

using vl::engine::ImageAnalysis;
using vl::engine::ImageAnalyzer;

namespace {

struct Condition {
    const char* name;
    QSize size;
    std::function<QImage(const QImage&)> edit;
};

QImage washedOut(const QImage& image, int alpha) {
    QImage result = image;
    QPainter painter(&result);
    painter.fillRect(result.rect(), QColor(255, 255, 255, alpha));
    return result;
}

void report(const char* name, std::vector<double> values) {
    std::sort(values.begin(), values.end());
    std::printf("%-36s min %.3f median %.3f max %.3f\n", name, values.front(), values[values.size() / 2],
                values.back());
}

} // namespace

int main(int argc, char** argv) {
    QGuiApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({"scenes", "generated scenes per condition", "n", "20"});
    parser.process(app);
    const int scenes = std::max(1, parser.value("scenes").toInt());

    const auto same = [](const QImage& image) { return image; };
    const QVector<Condition> conditions = {
        {"sharp 640x480", QSize(640, 480), same},
        {"sharp 1600x1200", QSize(1600, 1200), same},
        {"blur sigma 1% of width, 1600x1200", QSize(1600, 1200),
         [](const QImage& image) { return SceneGenerator::gaussianBlur(image, 16); }},
        {"blur sigma 0.5% of width, 1600x1200", QSize(1600, 1200),
         [](const QImage& image) { return SceneGenerator::gaussianBlur(image, 8); }},
        {"blur sigma 0.5% of width, 640x480", QSize(640, 480),
         [](const QImage& image) { return SceneGenerator::gaussianBlur(image, 3.2); }},
        {"exposure x0.08 (near black)", QSize(640, 480),
         [](const QImage& image) { return SceneGenerator::brightness(image, 0.08); }},
        {"exposure x0.4", QSize(640, 480),
         [](const QImage& image) { return SceneGenerator::brightness(image, 0.4); }},
        {"white overlay 85% (washed out)", QSize(640, 480),
         [](const QImage& image) { return washedOut(image, 215); }},
        {"white overlay 50%", QSize(640, 480), [](const QImage& image) { return washedOut(image, 128); }},
    };
    for (const Condition& condition : conditions) {
        QList<int> seeds;
        for (int seed = 0; seed < scenes; ++seed)
            seeds.append(seed);
        const QList<ImageAnalysis> analyses = QtConcurrent::blockingMapped(seeds, [&condition](int seed) {
            const QImage image = condition.edit(SceneGenerator::scene(seed, condition.size));
            return ImageAnalyzer::analyzeData(SceneGenerator::encode(image, "PNG"));
        });
        std::vector<double> blur, dark, bright;
        for (const ImageAnalysis& analysis : analyses) {
            blur.push_back(analysis.blur);
            dark.push_back(analysis.dark);
            bright.push_back(analysis.bright);
        }
        std::printf("%s (n=%d)\n", condition.name, scenes);
        report("  blur", blur);
        report("  dark", dark);
        report("  bright", bright);
    }
    return 0;
}
