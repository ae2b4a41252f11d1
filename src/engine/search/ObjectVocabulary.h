#pragma once

#include <QString>

namespace vl::engine {

// The WordNet meaning of a detector's class name. COCO and VOC labels are short and often ambiguous
// ("mouse" is the computer mouse, "kite" the toy, "banana" the fruit, not their first WordNet senses) or
// spelled unlike WordNet ("tvmonitor", "cell phone"); labels from a detector mean one thing, so semantic
// search widens them through that one sense only. Captions and other free text keep every sense.
class ObjectVocabulary {
public:
    struct Meaning {
        QString lemma; // WordNet noun lemma
        int sense = 0; // 1-based noun sense; 0 = unknown, use every sense
    };
    // Lower-case label -> meaning; labels not in the table map to themselves with every sense.
    static Meaning meaning(const QString& label);
    // The meaning of an attribute tag (AttributeTagger): colour names are colours, not the first sense
    // ("white" is first a White person, "orange" a fruit); other attributes keep every sense.
    static Meaning attributeMeaning(const QString& tag);
};

} // namespace vl::engine
