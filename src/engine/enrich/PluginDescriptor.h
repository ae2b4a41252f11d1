#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

#include <array>

namespace vl::engine {

// A user-supplied ONNX model described by a JSON file in DATA_DIR/models. Paths inside the descriptor are
// relative to the descriptor's folder. Format (keys not listed are ignored):
//
//   {
//     "id": "my_tagger",                  required, letters, digits, '_', '-', '.'
//     "name": "My tagger",                optional, defaults to id
//     "description": "...",               optional
//     "type": "IMAGE_TAGGING" | "MULTIMODEL_IMAGE_ENCODING",
//     "model": "tagger.onnx",             required: image model, one float input, one output
//     "input": {                          required
//       "width": 224, "height": 224,      1..4096
//       "scale": 0.00392156862745098,     optional: pixel (0..255) multiplier, default 1/255
//       "mean": [0.485, 0.456, 0.406],    optional, default [0,0,0]; per channel in channel_order
//       "std":  [0.229, 0.224, 0.225],    optional, default [1,1,1]; value = (pixel*scale - mean) / std
//       "channel_order": "RGB" | "BGR",   optional, default RGB
//       "layout": "NCHW" | "NHWC"         optional, default NCHW
//     },
//     IMAGE_TAGGING only:
//     "labels": "labels.txt",             required: one label per line, line i = output index i
//     "output": "logits" | "probabilities",  optional, default logits (softmax is applied to logits)
//     "top_k": 5, "min_score": 0.1,       optional: keep at most top_k labels scoring >= min_score
//     MULTIMODEL_IMAGE_ENCODING only (output = embedding, L2-normalised by us):
//     "text_model": "text.onnx",          optional: text encoder for semantic text search
//     "vocabulary": "vocab.txt",          required with text_model: one token per line, line i = token id i
//     "text_input": "token_ids" | "bag_of_words",  optional, default token_ids
//     "sequence_length": 16,              token_ids: input is float [1, sequence_length] of ids, padded
//     "pad_id": 0, "unknown_id": -1,      optional: unknown words map to unknown_id, or are dropped when < 0
//     "bos_id": -1, "eos_id": -1          optional: ids put before / after the words when >= 0
//   }
//
// Tokenizer contract: the text is lower-cased and split into words at every character that is not a letter
// or digit; each word is looked up in the vocabulary. bag_of_words feeds float [1, vocabulary size] counts.
struct PluginDescriptor {
    enum class Layout { NCHW, NHWC };
    enum class TextInput { TokenIds, BagOfWords };

    QString descriptorPath;
    QString error; // empty when the descriptor is usable

    QString id;
    QString name;
    QString description;
    QString type;
    QString modelPath; // absolute

    int inputWidth = 0;
    int inputHeight = 0;
    double scale = 1.0 / 255.0;
    std::array<double, 3> mean{{0, 0, 0}};
    std::array<double, 3> std{{1, 1, 1}};
    bool bgr = false;
    Layout layout = Layout::NCHW;

    QStringList labels;
    bool outputIsLogits = true;
    int topK = 5;
    double minScore = 0.0;

    QString textModelPath; // absolute; empty when the plug-in has no text encoder
    QStringList vocabulary;
    QHash<QString, int> tokenIds;
    TextInput textInput = TextInput::TokenIds;
    int sequenceLength = 16;
    int padId = 0;
    int unknownId = -1;
    int bosId = -1;
    int eosId = -1;

    bool isValid() const { return error.isEmpty(); }
    bool hasTextEncoder() const { return !textModelPath.isEmpty(); }

    // Parses and checks a descriptor (also reads the labels / vocabulary files and checks that the model
    // files exist). Never throws: problems end up in `error`, with `id` set when it could be read.
    static PluginDescriptor load(const QString& jsonPath);

    // The tokenizer contract above: words of `text`, lower-cased.
    static QStringList words(const QString& text);
};

} // namespace vl::engine
