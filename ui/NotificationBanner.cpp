#include "NotificationBanner.h"

#include "Icons.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace vl {

NotificationBanner::NotificationBanner(QWidget* parent)
    : QWidget(parent)
    , m_text(new QLabel(this)) {
    setObjectName(QStringLiteral("notificationBanner"));
    setAttribute(Qt::WA_StyledBackground, true);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* close = new QToolButton(this);
    close->setIcon(icon("clear"));
    close->setAutoRaise(true);
    close->setToolTip(tr("Dismiss"));
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 6, 6);
    layout->addWidget(m_text, 1);
    layout->addWidget(close);
    m_hideTimer.setSingleShot(true);
    connect(&m_hideTimer, &QTimer::timeout, this, &QWidget::hide);
    hide();
}

void NotificationBanner::showMessage(const QString& text, bool isError, int timeoutMs) {
    m_text->setText(text);
    setStyleSheet(
        isError ? QStringLiteral("#notificationBanner { background: #f8d7d3; border: 1px solid #d9a09a; "
                                 "border-radius: 4px; } QLabel { color: #5a1d17; }")
                : QStringLiteral("#notificationBanner { background: #d9ecdf; border: 1px solid #9cc9aa; "
                                 "border-radius: 4px; } QLabel { color: #173d24; }"));
    show();
    if (timeoutMs > 0)
        m_hideTimer.start(timeoutMs);
}

QString NotificationBanner::text() const {
    return m_text->text();
}

} // namespace vl
