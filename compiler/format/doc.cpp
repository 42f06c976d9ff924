#include "compiler/format/doc.h"

#include <cstdint>
#include <utility>

#include "compiler/base/invariant.h"

namespace caios::format {
namespace {

// Columns taken by `text`: its code points (UTF-8 continuation bytes take none).
uint32_t Columns(std::string_view text) {
  uint32_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

Docs::Node Docs::NodeOf(Kind kind) {
  Node node;
  node.kind = kind;
  return node;
}

void Docs::Reserve(size_t nodes) {
  nodes_.reserve(nodes);
  parts_.reserve(nodes);
}

DocId Docs::Add(Node node) {
  CAIOS_CHECK_INVARIANT(nodes_.size() < UINT32_MAX);  // a source file is under 4 GiB
  nodes_.push_back(std::move(node));
  return static_cast<DocId>(nodes_.size() - 1);
}

DocId Docs::Text(std::string_view text) {
  Node node = NodeOf(Kind::kText);
  node.text = text;
  node.width = Columns(text);
  node.hard = text.find_first_of("\r\n") != std::string_view::npos;
  return Add(std::move(node));
}

DocId Docs::OwnedText(std::string text) {
  owned_.push_back(std::make_unique<std::string>(std::move(text)));
  return Text(*owned_.back());
}

DocId Docs::Line() { return Add(NodeOf(Kind::kLine)); }
DocId Docs::SoftLine() { return Add(NodeOf(Kind::kSoftLine)); }

DocId Docs::HardLine(bool blank) {
  Node node = NodeOf(Kind::kHardLine);
  node.hard = true;
  node.blank = blank;
  return Add(std::move(node));
}

DocId Docs::Concat(std::vector<DocId> parts) {
  Node node = NodeOf(Kind::kConcat);
  for (DocId part : parts) node.hard = node.hard || nodes_[part].hard;
  CAIOS_CHECK_INVARIANT(parts_.size() + parts.size() <= UINT32_MAX);
  node.first = static_cast<uint32_t>(parts_.size());
  node.count = static_cast<uint32_t>(parts.size());
  parts_.insert(parts_.end(), parts.begin(), parts.end());
  return Add(std::move(node));
}

DocId Docs::Nest(DocId doc) {
  Node node = NodeOf(Kind::kNest);
  node.hard = nodes_[doc].hard;
  node.first = doc;
  return Add(std::move(node));
}

DocId Docs::Group(DocId doc) {
  Node node = NodeOf(Kind::kGroup);
  node.hard = nodes_[doc].hard;
  node.first = doc;
  return Add(std::move(node));
}

void Docs::PushParts(const Node& node, int level, bool flat, std::vector<Frame>& stack) const {
  for (uint32_t i = node.count; i > 0; --i) {
    stack.push_back({level, flat, parts_[node.first + i - 1]});
  }
}

bool Docs::Fits(int remaining, DocId doc, const std::vector<Frame>& rest) const {
  std::vector<Frame> local{{0, true, doc}};
  size_t next_rest = rest.size();
  while (remaining >= 0) {
    Frame frame;
    if (!local.empty()) {
      frame = local.back();
      local.pop_back();
    } else if (next_rest > 0) {
      frame = rest[--next_rest];
    } else {
      return true;
    }
    const Node& node = nodes_[frame.doc];
    switch (node.kind) {
      case Kind::kText:
        if (node.hard) return true;
        remaining -= static_cast<int>(node.width);
        break;
      case Kind::kLine:
      case Kind::kSoftLine:
        if (!frame.flat) return true;
        remaining -= node.kind == Kind::kLine ? 1 : 0;
        break;
      case Kind::kHardLine:
        return true;
      case Kind::kConcat:
        PushParts(node, frame.level, frame.flat, local);
        break;
      case Kind::kNest:
      case Kind::kGroup:
        // A group after the one being measured keeps its frame's mode: its own breaks are
        // decided when it is printed.
        local.push_back({frame.level, frame.flat && !node.hard, node.first});
        break;
    }
  }
  return false;
}

std::string Docs::Render(DocId root, int width, int indent) const {
  std::string out;
  int column = 0;
  int pending_indent = -1;  // spaces to write before the next text; -1: none
  auto new_line = [&](int level, bool blank) {
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out += '\n';
    if (blank && !out.ends_with("\n\n")) out += '\n';
    pending_indent = level * indent;
    column = pending_indent;
  };
  std::vector<Frame> stack{{0, false, root}};
  while (!stack.empty()) {
    Frame frame = stack.back();
    stack.pop_back();
    const Node& node = nodes_[frame.doc];
    switch (node.kind) {
      case Kind::kText:
        if (node.text.empty()) break;
        if (pending_indent > 0) out.append(static_cast<size_t>(pending_indent), ' ');
        pending_indent = -1;
        out += node.text;
        if (node.hard) {
          size_t last = node.text.find_last_of("\r\n");
          column = static_cast<int>(Columns(node.text.substr(last + 1)));
        } else {
          column += static_cast<int>(node.width);
        }
        break;
      case Kind::kLine:
        if (frame.flat) {
          if (pending_indent > 0) out.append(static_cast<size_t>(pending_indent), ' ');
          pending_indent = -1;
          out += ' ';
          ++column;
        } else {
          new_line(frame.level, false);
        }
        break;
      case Kind::kSoftLine:
        if (!frame.flat) new_line(frame.level, false);
        break;
      case Kind::kHardLine:
        CAIOS_CHECK_INVARIANT(!frame.flat);  // groups holding a hard line never lie flat
        new_line(frame.level, node.blank);
        break;
      case Kind::kConcat:
        PushParts(node, frame.level, frame.flat, stack);
        break;
      case Kind::kNest:
        stack.push_back({frame.level + 1, frame.flat, node.first});
        break;
      case Kind::kGroup: {
        bool flat = frame.flat || (!node.hard && Fits(width - column, node.first, stack));
        stack.push_back({frame.level, flat, node.first});
        break;
      }
    }
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.pop_back();
  if (!out.empty()) out += '\n';
  return out;
}

}  // namespace caios::format
