package io.connectgate.policy;

import io.connectgate.validation.Severity;
import java.util.Locale;
import java.util.Optional;

/** What a policy rule does with a violation. */
public enum Action {
  /** Reject the ConfigMap. */
  DENY(Severity.ERROR),
  /** Admit it with a warning shown to the user. */
  WARN(Severity.WARNING),
  /** Admit it silently; record the violation in logs and metrics only. */
  AUDIT(Severity.AUDIT);

  private final Severity severity;

  Action(Severity severity) {
    this.severity = severity;
  }

  public Severity severity() {
    return severity;
  }

  static Optional<Action> parse(String text) {
    for (Action a : values()) {
      if (a.name().toLowerCase(Locale.ROOT).equals(text)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
