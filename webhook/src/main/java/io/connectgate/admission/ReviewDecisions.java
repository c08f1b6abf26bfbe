package io.connectgate.admission;

import io.connectgate.validation.Finding;
import io.connectgate.validation.Severity;
import java.util.List;
import java.util.Set;

/**
 * Turns the engine's {@link Review} into a {@link Decision} for one endpoint.
 *
 * <p>/validate denies on any ERROR finding: 500 when the engine reports its own failure
 * (rule {@value #INTERNAL_RULE}), 400 when the document itself is malformed, otherwise 403; WARNING findings become warnings; AUDIT findings are for logs and metrics
 * only. /mutate never denies: denial is the validating webhook's job, and a mutating
 * webhook that also denied would report every problem twice. It returns the engine's patch,
 * except for a malformed document, which has nothing sound to patch. It returns no warnings
 * either: the validating phase sees the mutated object and reports them once.
 */
public final class ReviewDecisions {

  /** Rules that mean "the document is malformed" (400) rather than "it breaks a rule" (403). */
  public static final Set<String> MALFORMED_RULES =
      Set.of("json-syntax", "duplicate-key", "not-a-connector", "value-type", "limit");

  /**
   * The engine reports its own failures as an ERROR finding with this rule (it never throws);
   * that is our bug, not the user's, so it is a 500 like an exception would be.
   */
  public static final String INTERNAL_RULE = "internal";

  private final DenialMessage denialMessage;

  public ReviewDecisions(DenialMessage denialMessage) {
    this.denialMessage = denialMessage;
  }

  public Decision decide(Endpoint endpoint, Review review) {
    List<Finding> errors = bySeverity(review, Severity.ERROR);
    boolean malformed = errors.stream().anyMatch(f -> MALFORMED_RULES.contains(f.rule()));
    if (endpoint == Endpoint.MUTATE) {
      return new Decision.Allowed(List.of(), malformed ? null : review.patch());
    }
    List<String> warnings =
        WarningText.fitAll(
            bySeverity(review, Severity.WARNING).stream().map(Finding::describe).toList());
    if (errors.isEmpty()) {
      return new Decision.Allowed(warnings, null);
    }
    String message = denialMessage.join(errors.stream().map(Finding::describe).toList());
    boolean internal = errors.stream().anyMatch(f -> INTERNAL_RULE.equals(f.rule()));
    return new Decision.Denied(internal ? 500 : malformed ? 400 : 403, message, warnings);
  }

  private static List<Finding> bySeverity(Review review, Severity severity) {
    return review.findings().stream().filter(f -> f.severity() == severity).toList();
  }
}
