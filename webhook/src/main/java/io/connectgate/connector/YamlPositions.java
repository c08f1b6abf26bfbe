package io.connectgate.connector;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Node positions of every document of a YAML stream, composed with SnakeYAML Engine (the
 * parser under Jackson's YAML module, so both see the same documents). Documents are skipped
 * exactly where {@link ManifestReader} skips them (empty, null, or an empty mapping), so the
 * n-th entry belongs to the n-th manifest document. A syntax error ends the list there.
 */
final class YamlPositions {

  private static final int MAX_DEPTH = 100;

  private YamlPositions() {}

  static List<DocumentPositions> of(String text) {
    List<DocumentPositions> out = new ArrayList<>();
    LoadSettings settings = LoadSettings.builder().setMaxAliasesForCollections(50)
        .setCodePointLimit(Integer.MAX_VALUE).build();
    String[] lines = text.split("\n", -1);
    try {
      for (Node root : new Compose(settings).composeAllFromString(text)) {
        if (empty(root)) {
          continue;
        }
        DocumentPositions.Builder nodes = new DocumentPositions.Builder();
        walk(root, DocumentPositions.Builder.NONE, "", null, nodes, lines, 0,
            Collections.newSetFromMap(new IdentityHashMap<>()));
        int start = offset(text, root.getStartMark().map(Mark::getIndex).orElse(0));
        int end = offset(text, root.getEndMark().map(Mark::getIndex).orElse(text.length()));
        out.add(nodes.build(start, contentEnd(text, start, end)));
      }
    } catch (YamlEngineException | IllegalArgumentException e) {
      // A syntax error: ManifestReader reports it; positions stop at the last good document.
    }
    return out;
  }

  private static boolean empty(Node root) {
    if (root == null) {
      return true;
    }
    if (root instanceof ScalarNode s) {
      // Jackson's YAML module reads an empty document and a plain `null` as null (skipped by
      // ManifestReader), but `~` and `NULL` as strings (kept): mirror it, or indexes shift.
      return s.getScalarStyle() == ScalarStyle.PLAIN
          && (s.getValue().isEmpty() || "null".equals(s.getValue()));
    }
    return root instanceof MappingNode m && m.getValue().isEmpty();
  }

  /**
   * Records {@code node}, node {@code token} of {@code parent}, unless already recorded, and
   * the nodes under it the first time it is met. An alias composes to the node of its anchor;
   * Jackson's YAML module reads an alias as the anchor's name (a string), so nothing under an
   * alias has a pointer of its own. Descending anyway walked every path through nested aliases:
   * 24 levels of {@code &aN [*aN-1, *aN-1]} in 1 KB of YAML were 16 million paths (out of memory).
   */
  private static void walk(Node node, int parent, String token, TextPosition key,
      DocumentPositions.Builder out, String[] lines, int depth, Set<Node> expanded) {
    if (depth > MAX_DEPTH || out.find(parent, token) >= 0) {
      return;
    }
    TextPosition value = position(node.getStartMark().orElse(null));
    boolean literal = node instanceof ScalarNode s && s.getScalarStyle() == ScalarStyle.LITERAL;
    int contentLine = 0;
    int indent = 0;
    if (literal && value != null) {
      contentLine = value.line() + 1;
      indent = indentOfFirstContentLine(lines, contentLine);
    }
    int id = out.add(parent, token, new NodePosition(key, value, literal, contentLine, indent));
    if (!(node instanceof ScalarNode) && !expanded.add(node)) {
      return;
    }
    if (node instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k) {
          walk(t.getValueNode(), id, JsonPointers.escape(k.getValue()),
              position(k.getStartMark().orElse(null)), out, lines, depth + 1, expanded);
        }
      }
    } else if (node instanceof SequenceNode seq) {
      int i = 0;
      for (Node item : seq.getValue()) {
        walk(item, id, Integer.toString(i++), null, out, lines, depth + 1, expanded);
      }
    }
  }

  /** Leading spaces of the first non-blank line from 1-based {@code line} on. */
  private static int indentOfFirstContentLine(String[] lines, int line) {
    for (int i = line - 1; i >= 0 && i < lines.length; i++) {
      String l = lines[i];
      if (!l.isBlank()) {
        int n = 0;
        while (n < l.length() && l.charAt(n) == ' ') {
          n++;
        }
        return n;
      }
    }
    return 0;
  }

  private static TextPosition position(Mark mark) {
    return mark == null ? null : new TextPosition(mark.getLine() + 1, mark.getColumn() + 1);
  }

  /** SnakeYAML counts code points; Java strings count UTF-16 units. */
  private static int offset(String text, int codePoints) {
    try {
      return text.offsetByCodePoints(0, codePoints);
    } catch (IndexOutOfBoundsException e) {
      return text.length();
    }
  }

  /**
   * The end of a document's own text: SnakeYAML's end mark includes the comment and blank
   * lines before the next separator (such as helm's {@code # Source:} line), which belong
   * to the next document; they are left out.
   */
  private static int contentEnd(String text, int start, int end) {
    int e = Math.min(end, text.length());
    while (e > start) {
      int lineStart = text.lastIndexOf('\n', e - 1 - (text.charAt(e - 1) == '\n' ? 1 : 0)) + 1;
      if (lineStart < start) {
        break;
      }
      String line = text.substring(lineStart, e);
      if (line.isBlank() || line.startsWith("#")) {
        e = lineStart;
      } else {
        break;
      }
    }
    return e;
  }
}
