#pragma once

#include <QString>
#include <QStringList>

namespace vl::engine {

// Finds OpenCV's cascade files (Debian/Ubuntu package opencv-data, Homebrew, vcpkg, the official Windows
// build) without hard-coding one install layout.
class CascadeLocator {
public:
    // Folders searched, in order: $VL_OPENCV_DATA, <app dir>/opencv, <app dir>/../share/opencv4, the OpenCV
    // install prefix seen at build time, then common system locations. Each folder is also searched in its
    // haarcascades/ and lbpcascades/ sub-folders.
    static QStringList searchDirectories();

    // Absolute path of e.g. "haarcascade_frontalface_alt2.xml", or empty with `error` naming the folders
    // tried and how to fix it.
    static QString find(const QString& fileName, QString* error = nullptr);
};

} // namespace vl::engine
