#pragma once

#include "Cluster.h"
#include "ThumbnailCache.h"

#include <QDialog>

class QLabel;

namespace vl {

class ZoomImageView;

// Two images side by side for reviewing duplicates: zooming or panning one (wheel, drag) moves the
// other to the same place; + and - zoom both, 0 fits both. Under each image its metadata —
// dimensions, file size, path, labels — with the values that differ in bold.
class CompareDialog : public QDialog {
    Q_OBJECT
public:
    CompareDialog(const Preview& left, const Preview& right, ThumbnailCache* thumbnails,
                  QWidget* parent = nullptr);

    ZoomImageView* leftView() const { return m_views[0]; }
    ZoomImageView* rightView() const { return m_views[1]; }
    QString detailsText(int side) const; // the metadata shown under one image (plain text)

    // "1,920 × 1,080", "1.2 MiB" (from the local file) or "unknown", the path, the labels.
    static QStringList detailRows(const Preview& preview);

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    QWidget* buildSide(int side, ThumbnailCache* thumbnails);

    Preview m_previews[2];
    ZoomImageView* m_views[2] = {nullptr, nullptr};
    QLabel* m_details[2] = {nullptr, nullptr};
};

} // namespace vl
