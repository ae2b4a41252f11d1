#include "Icons.h"

#include <QFile>

static void initResourcesOutsideNamespace() {
    Q_INIT_RESOURCE(resources);
}

namespace vl {

QIcon icon(const QString& name) {
    return QIcon(QStringLiteral(":/icons/%1.svg").arg(name));
}

void initUiResources() {
    static bool done = false;
    if (!done) {
        initResourcesOutsideNamespace();
        done = true;
    }
}

} // namespace vl
