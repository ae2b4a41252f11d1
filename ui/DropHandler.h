#pragma once

#include <QObject>
#include <functional>

class QMimeData;
class QWidget;

namespace vl {

// Drag and drop onto the window: a dropped folder becomes a dataset (folderDropped); anything else
// is offered to `acceptOther` (the search view takes query images); what nobody takes is explained.
class DropHandler : public QObject {
    Q_OBJECT
public:
    using Acceptor = std::function<bool(const QMimeData*)>;
    DropHandler(QWidget* window, Acceptor acceptOther);

signals:
    void folderDropped(const QString& path);
    void dropRefused(const QString& why);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    bool drop(const QMimeData* mime);

    Acceptor m_acceptOther;
};

} // namespace vl
