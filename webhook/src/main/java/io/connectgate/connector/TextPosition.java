package io.connectgate.connector;

/** A 1-based line and column in an input file. */
public record TextPosition(int line, int column) {

  @Override
  public String toString() {
    return line + ":" + column;
  }
}
