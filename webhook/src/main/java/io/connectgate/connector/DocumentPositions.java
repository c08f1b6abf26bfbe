package io.connectgate.connector;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The positions of one manifest document's nodes, looked up by RFC 6901 JSON Pointer
 * (escaped, as {@link JsonPointers#escape} writes it; "" is the root), plus the span of the
 * document's text in its file (character offsets; the end excludes trailing comments and
 * blank lines).
 *
 * <p>Nodes are kept as a tree (a node is its parent's number and its own token), not by
 * their pointer strings: a pointer per node would copy the whole path for every node, which
 * for deep nesting under long keys is quadratic in the text. A lookup costs the length of
 * the pointer asked for.
 */
public final class DocumentPositions {

  /** A node's key: its parent's number and its token (escaped name or array index). */
  private record Edge(int parent, String token) {}

  private final List<NodePosition> nodes;
  private final Map<Edge, Integer> children;
  private final int start;
  private final int end;

  private DocumentPositions(Builder b, int start, int end) {
    this.nodes = b.nodes;
    this.children = b.children;
    this.start = start;
    this.end = end;
  }

  public int start() {
    return start;
  }

  public int end() {
    return end;
  }

  public NodePosition at(String pointer) {
    if (pointer == null || nodes.isEmpty()) {
      return null;
    }
    int[] found = deepest(pointer);
    return found[1] == 1 ? nodes.get(found[0]) : null;
  }

  /**
   * The position of {@code pointer}'s setting, or of its nearest ancestor present (a missing
   * required key is reported where its object is); null when not even the root is known.
   */
  public TextPosition nearest(String pointer) {
    if (nodes.isEmpty()) {
      return null;
    }
    return nodes.get(deepest(pointer == null ? "" : pointer)[0]).setting();
  }

  /**
   * The deepest node on {@code pointer}'s path (the root at least) and 1 when it is the node
   * {@code pointer} names, else 0. A pointer that does not start with "/" names no node but
   * the root ("").
   */
  private int[] deepest(String pointer) {
    if (pointer.isEmpty()) {
      return new int[] {0, 1};
    }
    if (pointer.charAt(0) != '/') {
      return new int[] {0, 0};
    }
    int id = 0;
    int from = 1;
    while (true) {
      int slash = pointer.indexOf('/', from);
      String token = pointer.substring(from, slash < 0 ? pointer.length() : slash);
      Integer child = children.get(new Edge(id, token));
      if (child == null) {
        return new int[] {id, 0};
      }
      id = child;
      if (slash < 0) {
        return new int[] {id, 1};
      }
      from = slash + 1;
    }
  }

  /** Collects one document's nodes, each added under its parent's number. */
  static final class Builder {

    /** The number {@link #add} takes as the parent of the root. */
    static final int NONE = -1;

    private final List<NodePosition> nodes = new ArrayList<>();
    private final Map<Edge, Integer> children = new HashMap<>();

    /** The number of the node {@code token} under {@code parent}, or -1 when absent. */
    int find(int parent, String token) {
      if (parent == NONE) {
        return nodes.isEmpty() ? -1 : 0;
      }
      Integer id = children.get(new Edge(parent, token));
      return id == null ? -1 : id;
    }

    /**
     * The number of the node {@code token} under {@code parent} ({@link #NONE} and any token
     * for the root), added at {@code position} unless present (then its position is kept).
     */
    int add(int parent, String token, NodePosition position) {
      int id = find(parent, token);
      if (id >= 0) {
        return id;
      }
      id = nodes.size();
      nodes.add(position);
      if (parent != NONE) {
        children.put(new Edge(parent, token), id);
      }
      return id;
    }

    DocumentPositions build(int start, int end) {
      return new DocumentPositions(this, start, end);
    }
  }
}
