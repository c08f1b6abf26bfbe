package io.connectgate.admission;

import io.connectgate.connector.StrictJsonParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Deploy-on-admission ({@code serve --deploy-jobs}): after /validate has allowed a CREATE or
 * UPDATE of a ConfigMap annotated {@value #DEPLOY_ANNOTATION}{@code : "true"}, one Job per
 * connector data entry pushes the connector to Kafka Connect.
 *
 * <p>Only /validate: the mutating phase has no uid on CREATE (the Job's ownerReference needs
 * it) and sees the object before other mutations. Dry-run requests are decided the same way
 * (a disallowed URL is denied) but create nothing. A per-ConfigMap
 * {@value #CONNECT_URL_ANNOTATION} must be the server's {@code --connect-url} or match
 * {@code --connect-url-allow}; otherwise the ConfigMap is denied (403) rather than silently
 * deployed somewhere else than its author asked. A failed Job creation never denies: the
 * ConfigMap is admitted with a warning (and the failure is counted); what the API could not
 * take now is queued by the launcher ({@link DeferredJobs}) and said so in the warning.
 */
public final class DeployOnAdmission {

  public static final String DEPLOY_ANNOTATION = "connectgate.io/deploy";
  public static final String CONNECT_URL_ANNOTATION = "connectgate.io/connect-url";

  /**
   * @param connectUrl the default Connect URL, normalised ({@link ConnectUrlAllowList#normalize})
   * @param bound the longest one Job creation may hold up the admission response
   */
  public record Settings(String connectUrl, ConnectUrlAllowList allowList, Duration bound) {}

  /** The (possibly changed) outcome and every Job launch attempted for it. */
  public record Result(Outcome outcome, List<JobLaunch> launches) {
    public Result {
      launches = List.copyOf(launches);
    }
  }

  private final Settings settings;
  private final JobLauncher launcher;
  private final ConnectorEntries entries;

  private DeployOnAdmission(Settings settings, JobLauncher launcher, ConnectorEntries entries) {
    this.settings = settings;
    this.launcher = launcher;
    this.entries = entries;
  }

  /** Deploying is off: an annotated ConfigMap only gets a warning saying so. */
  public static DeployOnAdmission disabled() {
    return new DeployOnAdmission(null, null, null);
  }

  public static DeployOnAdmission enabled(Settings settings, JobLauncher launcher) {
    return new DeployOnAdmission(settings, launcher, new ConnectorEntries(new StrictJsonParser()));
  }

  public boolean isEnabled() {
    return settings != null;
  }

  /**
   * @param budget how long is left before the review must be answered: all Job creations
   *     together stay within it, each one also within {@link Settings#bound}
   */
  public Result apply(AdmissionRequest request, Endpoint endpoint, Outcome outcome, Duration budget) {
    if (endpoint != Endpoint.VALIDATE || !(outcome.decision() instanceof Decision.Allowed allowed)
        || !outcome.inspected() || request.object() == null) {
      return new Result(outcome, List.of());
    }
    String deploy = annotation(request, DEPLOY_ANNOTATION);
    if (deploy == null || !"true".equals(deploy.strip().toLowerCase(Locale.ROOT))) {
      return new Result(outcome, List.of());
    }
    if (settings == null) {
      return new Result(withWarnings(outcome, allowed, List.of(DEPLOY_ANNOTATION
          + " is set, but this connectgate does not deploy (serve --deploy-jobs is off)")), List.of());
    }
    String override = annotation(request, CONNECT_URL_ANNOTATION);
    String url = settings.connectUrl();
    if (override != null && !override.isBlank()) {
      String normalized = ConnectUrlAllowList.normalize(override);
      String refusal = refusal(normalized);
      if (refusal != null) {
        return new Result(new Outcome(new Decision.Denied(403, refusal, allowed.warnings()),
            outcome.inspected(), outcome.findings()), List.of());
      }
      url = normalized;
    }
    if (request.dryRun()) {
      return new Result(outcome, List.of()); // no side effects on dry-run
    }
    List<ConnectorEntries.Entry> connectors = entries.of(request.object());
    if (connectors.isEmpty()) {
      return new Result(withWarnings(outcome, allowed, List.of(DEPLOY_ANNOTATION
          + " is set, but no data entry holds a connector: nothing deployed")), List.of());
    }
    String name = metadata(request, "name");
    if (name == null || name.isEmpty()) {
      name = request.name();
    }
    String namespace = request.namespace() == null || request.namespace().isEmpty()
        ? metadata(request, "namespace") : request.namespace();
    String uid = metadata(request, "uid");
    if (uid == null || uid.isEmpty() || name == null || name.isEmpty() || namespace == null
        || namespace.isEmpty()) {
      // The API server always sends both to validating webhooks; without the uid the Job
      // could not be owned (and garbage-collected) by the ConfigMap, so none is created.
      return new Result(withWarnings(outcome, allowed, List.of(
          "connectgate: the request has no ConfigMap name, namespace or uid; deploy Job not created")), List.of());
    }
    long deadline = System.nanoTime() + Math.max(0, budget.toNanos());
    List<JobLaunch> launches = new ArrayList<>(connectors.size());
    List<String> warnings = new ArrayList<>();
    for (ConnectorEntries.Entry entry : connectors) {
      Duration left = Duration.ofNanos(deadline - System.nanoTime());
      Duration bound = left.compareTo(settings.bound()) < 0 ? left : settings.bound();
      DeployJob job = new DeployJob(namespace, name, uid, entry.key(), entry.content(), url);
      JobLaunch launch = bound.isNegative() || bound.isZero()
          ? launcher.notNow(job, "no time left before the timeout")
          : launcher.launch(job, bound);
      launches.add(launch);
      String warning = warning(launch);
      if (warning != null) {
        warnings.add(warning);
      }
    }
    return new Result(warnings.isEmpty() ? outcome : withWarnings(outcome, allowed, warnings), launches);
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

  private static String warning(JobLaunch launch) {
    if (launch.result() == JobLaunch.Result.QUEUED) {
      return "data[" + launch.dataKey() + "]: deploy Job queued: " + launch.detail()
          + "; created when the API answers";
    }
    if (launch.result() == JobLaunch.Result.FAILED || launch.result() == JobLaunch.Result.SKIPPED) {
      // The data key first: when a long key makes it exceed 120 characters, WarningText keeps
      // "data[KEY]: ... re-apply to retry" (the full reason is in the log).
      return "data[" + launch.dataKey() + "]: no deploy Job: " + launch.detail() + "; re-apply to retry";
    }
    if (launch.result() == JobLaunch.Result.EXISTING && !launch.detail().isEmpty()) {
      return "connectgate: Job " + launch.jobName() + " (same content) " + launch.detail();
    }
    return null;
  }

  private static Outcome withWarnings(Outcome outcome, Decision.Allowed allowed, List<String> more) {
    List<String> all = new ArrayList<>(allowed.warnings());
    all.addAll(more);
    return new Outcome(new Decision.Allowed(WarningText.fitAll(all), allowed.patch()),
        outcome.inspected(), outcome.findings());
  }

  private static String annotation(AdmissionRequest request, String key) {
    var value = request.object().path("metadata").path("annotations").get(key);
    return value != null && value.isString() ? value.asString() : null;
  }

  private static String metadata(AdmissionRequest request, String field) {
    var value = request.object().path("metadata").get(field);
    return value != null && value.isString() ? value.asString() : null;
  }
}
