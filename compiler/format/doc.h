// A Wadler-style document algebra (text, line, softline, hardline, nest, group) and its printer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace caios::format {

using DocId = uint32_t;

// Documents live in one arena and refer to each other by id; texts are views that must outlive
// the arena (the source text) or are copied into it. A node holds no container of its own: a
// concatenation's parts lie in one shared array, so a document costs one small record per
// node and no allocation of its own.
class Docs {
 public:
  // Room for about `nodes` nodes, so the arena is not copied as it grows.
  void Reserve(size_t nodes);
  // Text printed as is. A text holding a line break (a multi-line block comment) cannot be
  // laid out flat: every group around it breaks.
  DocId Text(std::string_view text);
  DocId OwnedText(std::string text);
  // " " when its group is flat, else a line break at the current indentation.
  DocId Line();
  // "" when its group is flat, else a line break.
  DocId SoftLine();
  // Always a line break (two with `blank`: one empty line); every group around it breaks.
  DocId HardLine(bool blank = false);
  DocId Concat(std::vector<DocId> parts);
  // `doc` with line breaks indented one more level.
  DocId Nest(DocId doc);
  // `doc` on one line if that fits in the width, else with its lines broken.
  DocId Group(DocId doc);

  // Lays `root` out in `width` columns, indenting by `indent` spaces per level. Iterative:
  // the depth of the document does not use the stack. Lines end without trailing spaces.
  std::string Render(DocId root, int width, int indent) const;

 private:
  enum class Kind : uint8_t { kText, kLine, kSoftLine, kHardLine, kConcat, kNest, kGroup };
  struct Node {
    std::string_view text;
    uint32_t width = 0;  // kText: columns (code points)
    // kConcat: its parts are parts_[first, first + count); kNest, kGroup: `first` is the one
    // document inside.
    uint32_t first = 0;
    uint32_t count = 0;
    Kind kind = Kind::kText;
    bool hard = false;   // holds a hard line break (so no enclosing group can be flat)
    bool blank = false;  // kHardLine: leave an empty line
  };
  struct Frame {
    int level;  // indentation levels
    bool flat;
    DocId doc;
  };
  static Node NodeOf(Kind kind);
  DocId Add(Node node);
  // Whether `doc` laid out flat, followed by `rest` up to its next line break, fits in
  // `remaining` columns. Looks at no more than `remaining` columns of text.
  bool Fits(int remaining, DocId doc, const std::vector<Frame>& rest) const;

  // Pushes the frames of `node`'s parts onto `stack`, the first part on top.
  void PushParts(const Node& node, int level, bool flat, std::vector<Frame>& stack) const;

  std::vector<Node> nodes_;
  std::vector<DocId> parts_;
  std::vector<std::unique_ptr<std::string>> owned_;
};

}  // namespace caios::format
