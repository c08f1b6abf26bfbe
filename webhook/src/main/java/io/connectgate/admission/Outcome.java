package io.connectgate.admission;

import io.connectgate.validation.Finding;
import java.util.List;

/**
 * A decision plus what led to it, for the decision log line and metrics.
 *
 * @param inspected whether the engine looked at the object (false for DELETE, other kinds)
 * @param findings every finding, AUDIT ones included (they only go to logs and metrics)
 * @param carriesConnectors whether the object carries connectors (docs/design.md "What is inspected")
 */
public record Outcome(Decision decision, boolean inspected, List<Finding> findings, boolean carriesConnectors) {
  public Outcome {
    findings = List.copyOf(findings);
  }

  public Outcome(Decision decision, boolean inspected, List<Finding> findings) {
    this(decision, inspected, findings, false);
  }

  static Outcome untouched() {
    return new Outcome(Decision.Allowed.untouched(), false, List.of());
  }

  /** The same outcome with another decision. */
  Outcome with(Decision other) {
    return new Outcome(other, inspected, findings, carriesConnectors);
  }
}
