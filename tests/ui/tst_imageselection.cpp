#include "ImageSelectionWidget.h"

#include <QApplication>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QTest>

using namespace vl;

class ImageSelectionTest : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void dragDrawsABoxSettledOnlyOnRelease();
    void fractionsReferToTheOriginalSize();
    void edgeAndCornerResize();
    void dragInsideMovesAndStaysInside();
    void keyboardNudgesAndResizes();
    void escapeClears();
    void doubleClickSelectsAll();
    void clickWithoutDragClears();

private:
    void press(const QPointF& widgetPoint);
    void move(const QPointF& widgetPoint);
    void release(const QPointF& widgetPoint);
    void drag(const QPointF& from, const QPointF& to);
    QPointF at(qreal imageX, qreal imageY) const { return m_widget->toWidget(QPointF(imageX, imageY)); }

    ImageSelectionWidget* m_widget = nullptr;
};

static void sendMouse(QWidget* widget, QEvent::Type type, const QPointF& point, Qt::MouseButtons buttons) {
    QMouseEvent event(type, point, widget->mapToGlobal(point), Qt::LeftButton, buttons, Qt::NoModifier);
    QApplication::sendEvent(widget, &event);
}

void ImageSelectionTest::press(const QPointF& p) {
    sendMouse(m_widget, QEvent::MouseButtonPress, p, Qt::LeftButton);
}

void ImageSelectionTest::move(const QPointF& p) {
    sendMouse(m_widget, QEvent::MouseMove, p, Qt::LeftButton);
}

void ImageSelectionTest::release(const QPointF& p) {
    sendMouse(m_widget, QEvent::MouseButtonRelease, p, Qt::NoButton);
}

void ImageSelectionTest::drag(const QPointF& from, const QPointF& to) {
    press(from);
    move((from + to) / 2);
    move(to);
    release(to);
}

void ImageSelectionTest::init() {
    m_widget = new ImageSelectionWidget;
    m_widget->resize(408, 308);
    // The displayed copy is half the original size, as the pane's reduced decode would make it.
    QImage display(400, 300, QImage::Format_RGB32);
    display.fill(Qt::darkCyan);
    m_widget->setImage(display, QSize(800, 600));
    m_widget->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_widget));
    QCOMPARE(m_widget->imageRect().size(), QSizeF(400, 300));
}

void ImageSelectionTest::cleanup() {
    delete m_widget;
    m_widget = nullptr;
}

void ImageSelectionTest::dragDrawsABoxSettledOnlyOnRelease() {
    QSignalSpy settled(m_widget, &ImageSelectionWidget::selectionSettled);
    press(at(100, 100));
    move(at(300, 250));
    move(at(500, 400));
    QCOMPARE(settled.count(), 0); // nothing while dragging
    QCOMPARE(m_widget->selection(), QRectF(100, 100, 400, 300));
    release(at(500, 400));
    QCOMPARE(settled.count(), 1);
    const auto box = settled.first().first().value<BoundingBox>();
    QCOMPARE(box, (BoundingBox{0.125, 100.0 / 600, 0.5, 0.5}));

    // Dragging up-left from the start point gives the same box, normalised.
    m_widget->clearSelection();
    drag(at(500, 400), at(100, 100));
    QCOMPARE(m_widget->selection(), QRectF(100, 100, 400, 300));
}

void ImageSelectionTest::fractionsReferToTheOriginalSize() {
    // An awkward original (1000x500) shown from a 300x150 decode in a widget of another size.
    QImage display(300, 150, QImage::Format_RGB32);
    display.fill(Qt::red);
    m_widget->setImage(display, QSize(1000, 500));
    m_widget->resize(520, 300);
    QSignalSpy settled(m_widget, &ImageSelectionWidget::selectionSettled);
    drag(at(250, 125), at(750, 375));
    QCOMPARE(settled.count(), 1);
    const auto box = m_widget->boundingBox();
    QVERIFY(box.has_value());
    QVERIFY(qAbs(box->x - 0.25) < 1e-9 && qAbs(box->y - 0.25) < 1e-9);
    QVERIFY(qAbs(box->width - 0.5) < 1e-9 && qAbs(box->height - 0.5) < 1e-9);
    const QRectF back = box->toPixels(QSize(1000, 500));
    QVERIFY(qAbs(back.left() - 250) < 1e-6 && qAbs(back.width() - 500) < 1e-6);
}

void ImageSelectionTest::edgeAndCornerResize() {
    drag(at(100, 100), at(500, 400));
    const QRectF before = m_widget->selection();
    // The right edge, mid-height.
    QCOMPARE(m_widget->edgesAt(at(500, 250)), ImageSelectionWidget::Edges(ImageSelectionWidget::Right));
    QSignalSpy settled(m_widget, &ImageSelectionWidget::selectionSettled);
    drag(at(500, 250), at(600, 250));
    QCOMPARE(m_widget->selection(), QRectF(before.left(), before.top(), 500, 300));
    QCOMPARE(settled.count(), 1);
    // The top-left corner grabs two edges.
    QCOMPARE(m_widget->edgesAt(at(100, 100)),
             ImageSelectionWidget::Edges(ImageSelectionWidget::Left | ImageSelectionWidget::Top));
    drag(at(100, 100), at(50, 20));
    QCOMPARE(m_widget->selection(), QRectF(50, 20, 550, 380));
    // Resizing past the image border stops at the border.
    drag(at(600, 250), at(2000, 250));
    QCOMPARE(m_widget->selection().right(), 800.0);
    // Dragging an edge past the opposite edge flips instead of producing a negative box.
    drag(at(50, 200), at(790, 200));
    QVERIFY(m_widget->selection().width() > 0);
}

void ImageSelectionTest::dragInsideMovesAndStaysInside() {
    drag(at(100, 100), at(300, 200));
    drag(at(200, 150), at(300, 190)); // inside: move by (+100, +40)
    QCOMPARE(m_widget->selection(), QRectF(200, 140, 200, 100));
    drag(at(300, 190), at(5000, 5000)); // far outside: pushed back in, size kept
    QCOMPARE(m_widget->selection(), QRectF(600, 500, 200, 100));
}

void ImageSelectionTest::keyboardNudgesAndResizes() {
    drag(at(100, 100), at(300, 200));
    QSignalSpy settled(m_widget, &ImageSelectionWidget::selectionSettled);
    QTest::keyPress(m_widget, Qt::Key_Right);
    QTest::keyPress(m_widget, Qt::Key_Right);
    QCOMPARE(settled.count(), 0); // settles when the key is let go
    QTest::keyRelease(m_widget, Qt::Key_Right);
    QCOMPARE(settled.count(), 1);
    // One screen pixel is two original pixels at this scale.
    QCOMPARE(m_widget->selection(), QRectF(104, 100, 200, 100));
    QTest::keyClick(m_widget, Qt::Key_Down, Qt::ShiftModifier);
    QCOMPARE(m_widget->selection(), QRectF(104, 120, 200, 100));
    QTest::keyClick(m_widget, Qt::Key_Right, Qt::ControlModifier);
    QCOMPARE(m_widget->selection(), QRectF(104, 120, 202, 100));
    QCOMPARE(settled.count(), 3);
    QTest::keyClick(m_widget, Qt::Key_Up, Qt::ShiftModifier);
    QTest::keyClick(m_widget, Qt::Key_Up, Qt::ShiftModifier);
    QTest::keyClick(m_widget, Qt::Key_Up, Qt::ShiftModifier);
    QCOMPARE(m_widget->selection().top(), 60.0);
    for (int i = 0; i < 10; ++i)
        QTest::keyClick(m_widget, Qt::Key_Left, Qt::ShiftModifier);
    QCOMPARE(m_widget->selection().left(), 0.0); // stops at the border
}

void ImageSelectionTest::escapeClears() {
    drag(at(100, 100), at(300, 200));
    QSignalSpy cleared(m_widget, &ImageSelectionWidget::selectionCleared);
    QTest::keyClick(m_widget, Qt::Key_Escape);
    QCOMPARE(cleared.count(), 1);
    QVERIFY(m_widget->selection().isEmpty());
    QVERIFY(!m_widget->boundingBox().has_value());
}

void ImageSelectionTest::doubleClickSelectsAll() {
    QSignalSpy settled(m_widget, &ImageSelectionWidget::selectionSettled);
    QMouseEvent event(QEvent::MouseButtonDblClick, at(10, 10), m_widget->mapToGlobal(at(10, 10)),
                      Qt::LeftButton, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_widget, &event);
    QCOMPARE(m_widget->selection(), QRectF(0, 0, 800, 600));
    QCOMPARE(settled.count(), 1);
    QVERIFY(settled.first().first().value<BoundingBox>().isWholeImage());
}

void ImageSelectionTest::clickWithoutDragClears() {
    drag(at(100, 100), at(300, 200));
    QSignalSpy cleared(m_widget, &ImageSelectionWidget::selectionCleared);
    QSignalSpy settled(m_widget, &ImageSelectionWidget::selectionSettled);
    drag(at(600, 500), at(601, 501)); // outside the box, a click
    QCOMPARE(cleared.count(), 1);
    QCOMPARE(settled.count(), 0);
    QVERIFY(m_widget->selection().isEmpty());
}

QTEST_MAIN(ImageSelectionTest)
#include "tst_imageselection.moc"
