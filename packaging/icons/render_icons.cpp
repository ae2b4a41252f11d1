// Renders the application icon (resources/icons/app.svg) with Qt's own SVG renderer into the PNG sizes the
// freedesktop hicolor theme, the Windows installer and the macOS bundle use. Run by hand when the icon
// changes (packaging/icons/render-icons.sh); its output is committed, so builds need no rasteriser.
//
//   vl_render_icons SVG OUTPUT_DIR      writes OUTPUT_DIR/<size>.png for each size
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QSvgRenderer>
#include <QTextStream>

int main(int argc, char* argv[]) {
    QGuiApplication app(argc, argv);
    const QStringList args = QGuiApplication::arguments();
    QTextStream err(stderr);
    if (args.size() != 3) {
        err << "usage: vl_render_icons SVG OUTPUT_DIR\n";
        return 2;
    }
    QSvgRenderer svg(args.at(1));
    if (!svg.isValid()) {
        err << "cannot read " << args.at(1) << '\n';
        return 1;
    }
    for (const int size : {16, 22, 24, 32, 48, 64, 128, 256, 512}) {
        QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        svg.render(&painter);
        painter.end();
        const QString file = QStringLiteral("%1/%2.png").arg(args.at(2)).arg(size);
        if (!image.save(file)) {
            err << "cannot write " << file << '\n';
            return 1;
        }
    }
    return 0;
}
