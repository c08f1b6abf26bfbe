package io.connectgate.connector;

import java.util.Map;

/**
 * The positions of one manifest document's nodes, keyed by RFC 6901 JSON Pointer (escaped,
 * as {@link JsonPointers#escape} writes it; "" is the root), plus the span of the document's
 * text in its file (character offsets; the end excludes trailing comments and blank lines).
 */
public record DocumentPositions(Map<String, NodePosition> nodes, int start, int end) {

  public DocumentPositions {
    nodes = Map.copyOf(nodes);
  }

  public NodePosition at(String pointer) {
    return nodes.get(pointer);
  }

  /**
   * The position of {@code pointer}'s setting, or of its nearest ancestor present (a missing
   * required key is reported where its object is); null when not even the root is known.
   */
  public TextPosition nearest(String pointer) {
    String p = pointer == null ? "" : pointer;
    while (true) {
      NodePosition n = nodes.get(p);
      if (n != null) {
        return n.setting();
      }
      if (p.isEmpty()) {
        return null;
      }
      int slash = p.lastIndexOf('/');
      p = slash <= 0 ? "" : p.substring(0, slash);
    }
  }
}
