#pragma once

#include <QDialog>

namespace vl {

// The keyboard shortcut sheet ("?").
class ShortcutSheet : public QDialog {
    Q_OBJECT
public:
    explicit ShortcutSheet(QWidget* parent = nullptr);
};

} // namespace vl
