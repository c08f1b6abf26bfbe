package io.connectgate.admission;

import java.util.ArrayList;
import java.util.List;

/**
 * What admission still decides about deploying ({@code serve --deploy-jobs}): only what must
 * deny at apply time. The deploy controller, not the webhook, creates the Jobs, from the
 * ConfigMap the API server stored; it selects ConfigMaps by the label
 * {@value #LABEL}{@code : "true"} (labels can be selected on the server side, annotations
 * cannot). On /validate of an allowed ConfigMap:
 *
 * <ul>
 *   <li>the label's value must be {@code "true"} or {@code "false"} (400): any other value would
 *       silently never deploy;
 *   <li>a {@value #CONNECT_URL_ANNOTATION} must be the server's {@code --connect-url} or match
 *       {@code --connect-url-allow} (403), rather than deploy somewhere else than asked;
 *   <li>a warning says that the controller will deploy (or why nothing will be deployed), and
 *       the old {@value #OLD_ANNOTATION} annotation gets a warning that it no longer triggers
 *       anything.
 * </ul>
 */
public final class DeployLabel {

  public static final String LABEL = "connectgate.io/deploy";
  /** Until 0.1 an annotation of the same name asked for deploy-on-admission. */
  public static final String OLD_ANNOTATION = "connectgate.io/deploy";
  public static final String CONNECT_URL_ANNOTATION = "connectgate.io/connect-url";

  /**
   * @param connectUrl the default Connect URL, normalised ({@link ConnectUrlAllowList#normalize})
   */
  public record Settings(String connectUrl, ConnectUrlAllowList allowList) {}

  private final Settings settings;

  private DeployLabel(Settings settings) {
    this.settings = settings;
  }

  /** Deploying is off: a labelled ConfigMap only gets a warning saying so. */
  public static DeployLabel disabled() {
    return new DeployLabel(null);
  }

  public static DeployLabel enabled(Settings settings) {
    return new DeployLabel(settings);
  }

  public boolean isEnabled() {
    return settings != null;
  }

  Outcome apply(AdmissionRequest request, Endpoint endpoint, Outcome outcome) {
    if (endpoint != Endpoint.VALIDATE || !(outcome.decision() instanceof Decision.Allowed allowed)
        || !outcome.inspected() || request.object() == null) {
      return outcome;
    }
    String label = metadataString(request, "labels", LABEL);
    if (label == null) {
      if (metadataString(request, "annotations", OLD_ANNOTATION) != null) {
        return withWarning(outcome, allowed, "the annotation " + OLD_ANNOTATION
            + " no longer deploys; use the label " + LABEL + ": \"true\"");
      }
      return outcome;
    }
    if (!"true".equals(label) && !"false".equals(label)) {
      return outcome.with(new Decision.Denied(400, "metadata.labels[" + LABEL + "]: must be \"true\""
          + " (deploy) or \"false\"; the deploy controller selects exactly \"true\"", allowed.warnings()));
    }
    if ("false".equals(label)) {
      return outcome;
    }
    if (settings == null) {
      return withWarning(outcome, allowed,
          LABEL + " is set, but this connectgate does not deploy (serve --deploy-jobs is off)");
    }
    String url = settings.connectUrl();
    String override = metadataString(request, "annotations", CONNECT_URL_ANNOTATION);
    if (override != null && !override.isBlank()) {
      String normalized = ConnectUrlAllowList.normalize(override);
      String refusal = refusal(normalized);
      if (refusal != null) {
        return outcome.with(new Decision.Denied(403, refusal, allowed.warnings()));
      }
      url = normalized;
    }
    if (!outcome.carriesConnectors()) {
      return withWarning(outcome, allowed, LABEL + " is set, but no data entry holds a connector:"
          + " nothing to deploy");
    }
    return withWarning(outcome, allowed, "the deploy controller will deploy these connectors to " + url);
  }

  private String refusal(String normalized) {
    String what = "metadata.annotations[" + CONNECT_URL_ANNOTATION + "]: ";
    if (normalized == null) {
      return what + "not an http(s) URL with a host and without user info, query or fragment";
    }
    if (normalized.equals(settings.connectUrl()) || settings.allowList().allows(normalized)) {
      return null;
    }
    if (settings.allowList().isEmpty()) {
      return what + "this connectgate allows no per-ConfigMap Connect URL (no --connect-url-allow);"
          + " remove the annotation to deploy to the default Connect";
    }
    return what + "the URL matches none of the allowed patterns (--connect-url-allow: "
        + String.join(", ", settings.allowList().patterns()) + ")";
  }

  private static Outcome withWarning(Outcome outcome, Decision.Allowed allowed, String warning) {
    List<String> all = new ArrayList<>(allowed.warnings());
    all.add(warning);
    return outcome.with(new Decision.Allowed(WarningText.fitAll(all), allowed.patch()));
  }

  private static String metadataString(AdmissionRequest request, String map, String key) {
    var value = request.object().path("metadata").path(map).get(key);
    return value != null && value.isString() ? value.asString() : null;
  }
}
