package io.connectgate.cli;

import io.connectgate.admission.ConnectUrlAllowList;
import io.connectgate.admission.DeployLabel;
import io.connectgate.admission.JobLauncher;
import io.connectgate.kube.DeployJobs;
import io.connectgate.kube.JobTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import picocli.CommandLine.Option;

/**
 * {@code serve}'s deploy-on-admission options (a picocli mixin, so they read
 * {@code CONNECTGATE_*} like every option) and their start-up checks: every problem is
 * reported at once, before anything is started.
 */
public final class DeployJobsOptions {

  /** The chart's image ({@code image.repository}:{@code appVersion}). */
  public static final String DEFAULT_JOB_IMAGE = "connectgate:0.1.0";

  /** Longest one Job creation may hold up an admission (the chart's webhook timeout is 3 s). */
  public static final Duration CREATE_BOUND = Duration.ofSeconds(2);

  @Option(names = "--deploy-jobs",
      description = "Deploy on admission: when /validate admits a ConfigMap annotated"
          + " connectgate.io/deploy: \"true\", create a Job in its namespace that runs `deploy` for"
          + " each connector entry. Needs --connect-url and RBAC to create/get Jobs and get"
          + " ConfigMaps there.")
  boolean deployJobs;

  @Option(names = "--connect-url", paramLabel = "URL",
      description = "Kafka Connect REST URL the Jobs deploy to (required with --deploy-jobs).")
  String connectUrl;

  @Option(names = "--connect-url-allow", split = ",", paramLabel = "PATTERN",
      description = "URL pattern a connectgate.io/connect-url annotation may name instead"
          + " (repeatable or comma-separated): '*' matches within one URL part (never / : @),"
          + " e.g. http://connect-*.kafka.svc:8083. Without it only --connect-url is used; a"
          + " ConfigMap naming another URL is denied.")
  List<String> connectUrlAllow = new ArrayList<>();

  @Option(names = "--job-template", paramLabel = "FILE",
      description = "YAML batch/v1 Job replacing the built-in one; ${JOB_NAME}, ${NAMESPACE},"
          + " ${CONFIGMAP}, ${CONNECTOR_KEY}, ${CONNECT_URL}, ${IMAGE}, ${CONTENT_HASH} are"
          + " substituted in its string values.")
  Path jobTemplate;

  @Option(names = "--job-image", paramLabel = "IMAGE", defaultValue = DEFAULT_JOB_IMAGE,
      description = "Image of the Job's container, ${IMAGE} in the template (default: ${DEFAULT-VALUE}).")
  String jobImage;

  /** Most Job creations --deploy-jobs-concurrency may allow: the rest of the worker pool (20) reviews. */
  static final int MAX_CONCURRENCY = 16;

  @Option(names = "--deploy-jobs-concurrency", paramLabel = "N", defaultValue = "4",
      description = "Job creations that may wait on the Kubernetes API at once (1-" + MAX_CONCURRENCY
          + ", default: ${DEFAULT-VALUE}). Each holds its review until the API answers (at most 2 s);"
          + " beyond N, and for 5 s after 3 calls in a row found the API unavailable, an annotated"
          + " ConfigMap is admitted at once and its Job queued: created in the background once the"
          + " API answers, if the ConfigMap still holds that content (RBAC: get configmaps).")
  int concurrency;

  /** Replaces the Kubernetes client as the launcher (tests): given the template and the image. */
  BiFunction<JobTemplate, String, JobLauncher> launchers;

  /** The launcher for a checked configuration: the Kubernetes API per {@code kube}, unless replaced. */
  JobLauncher launcher(JobTemplate template, KubeconfigOptions kube) {
    if (launchers != null) {
      return launchers.apply(template, jobImage.strip());
    }
    try {
      return DeployJobs.connect(kube.kubeconfig, kube.context, template, jobImage.strip(), CREATE_BOUND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the kubeconfig " + kube.kubeconfig, e);
    }
  }

  /** A checked configuration, or the problems that prevent it (then not empty). */
  record Checked(DeployLabel.Settings settings, JobTemplate template, List<String> problems) {}

  Checked check() {
    List<String> problems = new ArrayList<>();
    if (!deployJobs) {
      return new Checked(null, null, problems);
    }
    String url = null;
    if (connectUrl == null || connectUrl.isBlank()) {
      problems.add("--deploy-jobs needs --connect-url (or CONNECTGATE_CONNECT_URL)");
    } else {
      url = ConnectUrlAllowList.normalize(connectUrl);
      if (url == null) {
        // The value is not echoed: it may carry a password in its user info.
        problems.add("--connect-url is not an http(s) URL with a host and without user info"
            + " (credentials would be readable in every Job's spec), query or fragment");
      }
    }
    ConnectUrlAllowList allow = ConnectUrlAllowList.none();
    try {
      allow = ConnectUrlAllowList.compile(connectUrlAllow);
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    if (jobImage == null || jobImage.isBlank()) {
      problems.add("--job-image is empty");
    }
    if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
      problems.add("--deploy-jobs-concurrency must be between 1 and " + MAX_CONCURRENCY + ", not " + concurrency);
    }
    JobTemplate template = null;
    try {
      template = jobTemplate == null ? JobTemplate.builtIn() : JobTemplate.fromFile(jobTemplate);
    } catch (JobTemplate.JobTemplateException e) {
      problems.add(e.getMessage());
    }
    return new Checked(problems.isEmpty() ? new DeployLabel.Settings(url, allow) : null,
        template, problems);
  }
}
