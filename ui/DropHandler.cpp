#include "DropHandler.h"

#include <QDropEvent>
#include <QFileInfo>
#include <QMimeData>
#include <QWidget>

namespace vl {

DropHandler::DropHandler(QWidget* window, Acceptor acceptOther)
    : QObject(window)
    , m_acceptOther(std::move(acceptOther)) {
    window->setAcceptDrops(true);
    window->installEventFilter(this);
}

bool DropHandler::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::DragEnter) {
        auto* enter = static_cast<QDragEnterEvent*>(event);
        if (enter->mimeData()->hasUrls())
            enter->acceptProposedAction();
        return true;
    }
    if (event->type() == QEvent::Drop) {
        auto* dropEvent = static_cast<QDropEvent*>(event);
        if (drop(dropEvent->mimeData()))
            dropEvent->acceptProposedAction();
        return true;
    }
    return QObject::eventFilter(watched, event);
}

// Folders become datasets; anything else goes to whoever takes it (a query image on the search view).
bool DropHandler::drop(const QMimeData* mime) {
    for (const QUrl& url : mime->urls()) {
        if (!url.isLocalFile())
            continue;
        const QFileInfo info(url.toLocalFile());
        if (info.isDir()) {
            emit folderDropped(info.absoluteFilePath());
            return true;
        }
    }
    if (m_acceptOther && m_acceptOther(mime))
        return true;
    emit dropRefused(
        tr("Drop a folder to add it as a dataset, or open a dataset and drop an image to search with it."));
    return false;
}

} // namespace vl
