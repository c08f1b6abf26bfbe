package io.connectgate.admission;

import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What the webhook answers to one review. {@link AdmissionResponses#complete} turns every
 * variant into the wire form, so uid echo, codes and patch encoding live in one place.
 */
public sealed interface Decision {

  /** Warnings shown by kubectl (already shortened to the 120-character limit). */
  List<String> warnings();

  /** Let the object through, optionally with an RFC 6902 patch (a JSON array). */
  record Allowed(List<String> warnings, JsonNode patch) implements Decision {
    public Allowed {
      warnings = List.copyOf(warnings);
    }

    public static Allowed untouched() {
      return new Allowed(List.of(), null);
    }
  }

  /**
   * Reject: 400 for a malformed document, 403 for a policy or schema violation, 500 when the
   * engine reported its own failure as a finding.
   */
  record Denied(int code, String message, List<String> warnings) implements Decision {
    public Denied {
      warnings = List.copyOf(warnings);
    }
  }

  /** Our own bug: the review still comes back (code 500), details stay in the log. */
  record Failed(String reference) implements Decision {
    @Override
    public List<String> warnings() {
      return List.of();
    }
  }
}
