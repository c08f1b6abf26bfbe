package io.connectgate.policy;

import java.util.List;

/** A policy file that cannot be used; lists every problem found, not just the first. */
public final class PolicyException extends Exception {

  private final List<String> problems;

  public PolicyException(String source, List<String> problems) {
    super("invalid policy " + source + ":\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
