package io.connectgate.admission;

import io.connectgate.connector.Origin;
import io.connectgate.validation.Finding;
import io.connectgate.validation.Location;
import io.connectgate.validation.Severity;

/** Builds findings the way the engine reports them, for tests. */
public final class Findings {
  private Findings() {}

  public static Finding of(Severity severity, String rule, String property, String message) {
    return new Finding(severity, rule,
        new Location(Origin.admission("default", "replicator-connector"),
            "replicator-connector.json", property == null ? null : "/config/" + property),
        message);
  }

  public static Finding error(String rule, String property, String message) {
    return of(Severity.ERROR, rule, property, message);
  }

  public static Finding warning(String rule, String property, String message) {
    return of(Severity.WARNING, rule, property, message);
  }

  public static Finding audit(String rule, String property, String message) {
    return of(Severity.AUDIT, rule, property, message);
  }
}
