package io.connectgate.connector;

/**
 * Where one node of a manifest is in its file.
 *
 * @param key the mapping key naming the node (null for a document root or an array item)
 * @param value where the value starts
 * @param literalBlock whether the value is a YAML literal block scalar ({@code |}), whose
 *     lines are the file's lines
 * @param contentLine for a literal block: the file line of the scalar's first content line
 * @param contentIndent for a literal block: the indentation (columns) of its content
 */
public record NodePosition(TextPosition key, TextPosition value, boolean literalBlock,
    int contentLine, int contentIndent) {

  /** The key when there is one (the "setting"), else the value. */
  public TextPosition setting() {
    return key != null ? key : value;
  }

  /**
   * The file position of a 1-based line/column inside this node's string value: exact for a
   * literal block scalar (its lines keep theirs); the start of the value for quoted, plain,
   * folded or JSON strings, whose escapes and line folding move text around.
   */
  public TextPosition inside(int line, int column) {
    if (literalBlock && line >= 1 && column >= 1) {
      return new TextPosition(contentLine + line - 1, contentIndent + column);
    }
    return value;
  }
}
