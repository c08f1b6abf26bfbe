package io.connectgate.validation;

import java.util.List;

/** The catalog could not be loaded; {@link #problems()} lists every problem found at once. */
public final class SchemaCatalogException extends RuntimeException {

  private final List<String> problems;

  public SchemaCatalogException(String source, List<String> problems) {
    super("cannot load schemas from " + source + ":\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
