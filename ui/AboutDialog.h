#pragma once

#include <QDialog>
#include <QJsonArray>

namespace vl {

// Help > About: the version, the libraries VL Explorer is built on and the learned models of the local
// engine, each with where it came from and its licence. `models` is the engine's model provenance
// (id, package, upstream, licence, available), handed in by the application; empty without an engine.
class AboutDialog : public QDialog {
    Q_OBJECT
public:
    explicit AboutDialog(const QJsonArray& models, QWidget* parent = nullptr);

    // The dialog's text (tests).
    static QString html(const QJsonArray& models);
};

} // namespace vl
