#include "ObjectVocabulary.h"

#include <QHash>

namespace vl::engine {

ObjectVocabulary::Meaning ObjectVocabulary::meaning(const QString& label) {
    // Only the labels whose first WordNet sense is not the detector's class, or whose spelling WordNet
    // lacks; the rest ("dog", "car", "person"...) are the first sense of their own name.
    static const QHash<QString, Meaning> table = {
        {"person", {"person", 1}},
        {"motorbike", {"motorcycle", 1}},
        {"aeroplane", {"airplane", 1}},
        {"stop sign", {"street sign", 1}},
        {"fire hydrant", {"fireplug", 1}},
        {"kite", {"kite", 3}},
        {"tie", {"necktie", 1}},
        {"skis", {"ski", 1}},
        {"sports ball", {"ball", 1}},
        {"wine glass", {"wineglass", 1}},
        {"banana", {"banana", 2}},
        {"broccoli", {"broccoli", 2}},
        {"carrot", {"carrot", 3}},
        {"hot dog", {"hot dog", 2}},
        {"cake", {"cake", 3}},
        {"couch", {"sofa", 1}},
        {"potted plant", {"pot plant", 1}},
        {"pottedplant", {"pot plant", 1}},
        {"dining table", {"dining table", 1}},
        {"diningtable", {"dining table", 1}},
        {"toilet", {"toilet", 2}},
        {"tv", {"television receiver", 1}},
        {"tvmonitor", {"television receiver", 1}},
        {"mouse", {"computer mouse", 1}},
        {"remote", {"remote control", 1}},
        {"cell phone", {"cellular telephone", 1}},
        {"microwave", {"microwave oven", 1}},
        {"toaster", {"toaster", 2}},
        {"teddy bear", {"teddy bear", 1}},
        {"hair drier", {"hair drier", 1}},
    };
    const QString key = label.trimmed().toLower();
    return table.value(key, Meaning{key, 0});
}

ObjectVocabulary::Meaning ObjectVocabulary::attributeMeaning(const QString& tag) {
    static const QHash<QString, Meaning> colours = {{"red", {"red", 1}},
                                                    {"orange", {"orange", 2}},
                                                    {"yellow", {"yellow", 1}},
                                                    {"green", {"green", 1}},
                                                    {"blue", {"blue", 1}},
                                                    {"purple", {"purple", 1}},
                                                    {"pink", {"pink", 1}},
                                                    {"brown", {"brown", 1}},
                                                    {"black", {"black", 1}},
                                                    {"white", {"white", 2}},
                                                    {"gray", {"gray", 1}},
                                                    {"dark", {"dark", 1}},
                                                    {"grayscale", {"grayscale", 0}}};
    const QString key = tag.trimmed().toLower();
    return colours.value(key, Meaning{key, 0});
}

} // namespace vl::engine
