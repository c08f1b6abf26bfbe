package io.connectgate.connector;

import java.util.Objects;

/**
 * A problem found while reading connector JSON: a syntax error or a duplicate key, with the
 * 1-based line and column in the text and, for duplicates, the JSON Pointer of the key.
 *
 * <p>A duplicate found by {@link StrictJsonParser} keeps its key's place as a link to the
 * parent's, not as a string: its pointer is built only when asked for, so a document with
 * many duplicates under a long path costs one small object per duplicate, not a copy of the
 * path each. Callers build the pointers of the duplicates they list (a bounded number), not
 * of all of them.
 */
public final class JsonProblem {

  public enum Kind {
    SYNTAX,
    DUPLICATE_KEY
  }

  private final Kind kind;
  private final String pointer;
  private final PointerChain parent;
  private final String name;
  private final int line;
  private final int column;
  private final String message;

  public JsonProblem(Kind kind, String pointer, int line, int column, String message) {
    this(kind, Objects.requireNonNull(pointer), null, null, line, column, message);
  }

  private JsonProblem(Kind kind, String pointer, PointerChain parent, String name, int line,
      int column, String message) {
    this.kind = kind;
    this.pointer = pointer;
    this.parent = parent;
    this.name = name;
    this.line = line;
    this.column = column;
    this.message = message;
  }

  /** A duplicate key {@code name} of the object at {@code parent}. */
  static JsonProblem duplicate(PointerChain parent, String name, int line, int column) {
    return new JsonProblem(Kind.DUPLICATE_KEY, null, parent, name, line, column,
        "duplicate key");
  }

  public Kind kind() {
    return kind;
  }

  /** The escaped JSON Pointer; for a duplicate, built on each call (as long as its path). */
  public String pointer() {
    return pointer(Integer.MAX_VALUE);
  }

  /**
   * The escaped JSON Pointer, or when it is longer than {@code maxChars} its first
   * {@code maxChars} characters followed by {@code "…(N more chars)"}; built in time and
   * space proportional to what is returned, however long the whole pointer is.
   */
  public String pointer(int maxChars) {
    if (pointer != null) {
      return pointer.length() <= maxChars ? pointer
          : pointer.substring(0, maxChars) + PointerChain.more(pointer.length() - maxChars);
    }
    return PointerChain.pointer(parent, name, maxChars);
  }

  /** The repeated key of a duplicate (unescaped); null for a syntax error. */
  public String name() {
    return name;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  public String message() {
    return message;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JsonProblem p && kind == p.kind && line == p.line
        && column == p.column && message.equals(p.message) && pointer().equals(p.pointer());
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, line, column, message);
  }

  @Override
  public String toString() {
    return "JsonProblem[kind=" + kind + ", pointer=" + pointer(256) + ", line=" + line
        + ", column=" + column + ", message=" + message + "]";
  }
}
