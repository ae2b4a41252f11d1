#pragma once

#include <QIcon>
#include <QString>

namespace vl {

// The application's own SVG icons (resources/icons/<name>.svg).
QIcon icon(const QString& name);
// Registers the compiled-in resources of the static vlui library; call once from main().
void initUiResources();

} // namespace vl
