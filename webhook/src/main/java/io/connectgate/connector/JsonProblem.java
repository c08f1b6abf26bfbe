package io.connectgate.connector;

/**
 * A problem found while reading connector JSON: a syntax error or a duplicate key, with the
 * 1-based line and column in the text and, for duplicates, the JSON Pointer of the key.
 */
public record JsonProblem(Kind kind, String pointer, int line, int column, String message) {

  public enum Kind {
    SYNTAX,
    DUPLICATE_KEY
  }
}
