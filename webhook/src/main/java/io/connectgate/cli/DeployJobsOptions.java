package io.connectgate.cli;

import io.connectgate.admission.ConfigMapReviewer;
import io.connectgate.admission.ConnectUrlAllowList;
import io.connectgate.kube.ConnectorOwnerIndex;
import io.connectgate.admission.Failures;
import io.connectgate.admission.OwnershipCheck;
import io.connectgate.deploy.ConnectorCheck;
import io.connectgate.deploy.DeploySettings;
import io.connectgate.deploy.ReviewerCheck;
import io.connectgate.kube.ClusterConnection;
import io.connectgate.kube.DeployController;
import io.connectgate.kube.JobBuilder;
import io.connectgate.kube.JobTemplate;
import io.connectgate.server.WebhookMetrics;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * {@code serve}'s deploy controller options (a picocli mixin, so they read
 * {@code CONNECTGATE_*} like every option) and their start-up checks: every problem is
 * reported at once, before anything is started.
 */
public final class DeployJobsOptions {

  /** The chart's image ({@code image.repository}:{@code appVersion}). */
  public static final String DEFAULT_JOB_IMAGE = "connectgate:0.1.0";
  public static final String DEFAULT_LEASE_NAME = "connectgate-deploy-controller";
  static final int MAX_CONCURRENCY = 16;
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  @Option(names = "--deploy-jobs",
      description = "Run the deploy controller: for each connector entry of a stored ConfigMap labelled"
          + " connectgate.io/deploy: \"true\", one Job (per content) that runs `deploy` against Kafka"
          + " Connect; outcome as Events and the connectgate.io/deploy-status annotation. Replicas elect"
          + " one leader (a Lease); admission runs on all. Needs --connect-url and the chart's RBAC."
          + " Also: a connector (URL, name) belongs to one labelled ConfigMap (admission denies a second"
          + " one); ConfigMaps labelled connectgate.io/delete-with-configmap: \"true\" get a finalizer and"
          + " their connectors are deleted with them (docs/deploy.md, Connector lifecycle).")
  boolean deployJobs;

  @Option(names = "--connect-url", paramLabel = "URL",
      description = "Kafka Connect REST URL the Jobs deploy to (required with --deploy-jobs).")
  String connectUrl;

  @Option(names = "--connect-url-allow", split = ",", paramLabel = "PATTERN",
      description = "URL pattern a connectgate.io/connect-url annotation may name instead"
          + " (repeatable or comma-separated): '*' matches within one URL part (never / : @),"
          + " e.g. http://connect-*.kafka.svc:8083. Without it only --connect-url is used; a"
          + " ConfigMap naming another URL gets a Warning Event and no Job.")
  List<String> connectUrlAllow = new ArrayList<>();

  @Option(names = "--job-template", paramLabel = "FILE",
      // $${...}: picocli would otherwise interpolate these as (unset) system properties.
      description = "YAML batch/v1 Job replacing the built-in one; $${JOB_NAME}, $${NAMESPACE},"
          + " $${CONFIGMAP}, $${CONNECTOR_KEY}, $${CONNECT_URL}, $${IMAGE}, $${CONTENT_HASH} are"
          + " substituted in its string values.")
  Path jobTemplate;

  @Option(names = "--job-image", paramLabel = "IMAGE", defaultValue = DEFAULT_JOB_IMAGE,
      description = "Image of the Job's container, $${IMAGE} in the template (default: ${DEFAULT-VALUE}).")
  String jobImage;

  @Option(names = "--deploy-jobs-concurrency", paramLabel = "N", defaultValue = "4",
      description = "ConfigMaps the leader reconciles at once (1-" + MAX_CONCURRENCY + ", default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(names = "--deploy-namespaces", split = ",", paramLabel = "NS",
      description = "Namespaces the controller watches (repeatable or comma-separated; the chart's"
          + " deployJobs.namespaces, one Role each). Default: all, except kube-system and the"
          + " --lease-namespace, which it refuses whatever RBAC allows.")
  List<String> namespaces = new ArrayList<>();

  @Option(names = "--lease-namespace", paramLabel = "NS",
      description = "Namespace of the leader-election Lease: the release namespace (default: the"
          + " namespace of the Kubernetes client configuration, in a pod its own).")
  String leaseNamespace;

  @Option(names = "--lease-name", paramLabel = "NAME", defaultValue = DEFAULT_LEASE_NAME,
      description = "Name of the coordination.k8s.io/v1 Lease (default: ${DEFAULT-VALUE}).")
  String leaseName;

  @Option(names = "--lease-duration", defaultValue = "15s", converter = DurationConverter.class,
      paramLabel = "DURATION", description = "How long a leader's Lease holds without renewal; a"
          + " follower takes over within this plus --lease-retry-period (default: ${DEFAULT-VALUE}).")
  Duration leaseDuration;

  @Option(names = "--lease-renew-deadline", defaultValue = "10s", converter = DurationConverter.class,
      paramLabel = "DURATION", description = "The leader steps down when it could not renew for this long"
          + " (default: ${DEFAULT-VALUE}; below --lease-duration).")
  Duration renewDeadline;

  @Option(names = "--lease-retry-period", defaultValue = "2s", converter = DurationConverter.class,
      paramLabel = "DURATION", description = "How often the Lease is tried or renewed (default: ${DEFAULT-VALUE}).")
  Duration retryPeriod;

  @Option(names = "--deploy-resync", defaultValue = "10m", converter = DurationConverter.class,
      paramLabel = "DURATION", description = "How often every labelled ConfigMap is checked again; a"
          + " stable one costs no API call (default: ${DEFAULT-VALUE}).")
  Duration resync;

  /** Replaces the real controller (tests): given its settings and the Job builder. */
  BiFunction<DeployController.Settings, JobBuilder, AutoCloseable> controllers;

  /** A checked configuration, or the problems that prevent it (then not empty). */
  record Checked(DeploySettings settings, JobTemplate template, List<String> problems) {}

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
    for (String ns : namespaces) {
      if (!DNS_LABEL.matcher(ns.strip()).matches()) {
        problems.add("--deploy-namespaces: \"" + ns + "\" is not a namespace name");
      } else if (ns.strip().equals("kube-system")) {
        problems.add("--deploy-namespaces: connectgate never deploys in kube-system");
      }
    }
    if (leaseNamespace != null && !DNS_LABEL.matcher(leaseNamespace).matches()) {
      problems.add("--lease-namespace: \"" + leaseNamespace + "\" is not a namespace name");
    }
    if (leaseName == null || !leaseName.contains("connectgate") || !DNS_LABEL.matcher(leaseName).matches()) {
      problems.add("--lease-name must be a DNS label that contains \"connectgate\"");
    }
    if (!(retryPeriod.compareTo(renewDeadline) < 0 && renewDeadline.compareTo(leaseDuration) < 0)) {
      problems.add("leader election needs --lease-retry-period < --lease-renew-deadline < --lease-duration");
    }
    JobTemplate template = null;
    try {
      template = jobTemplate == null ? JobTemplate.builtIn() : JobTemplate.fromFile(jobTemplate);
    } catch (JobTemplate.JobTemplateException e) {
      problems.add(e.getMessage());
    }
    return new Checked(problems.isEmpty() ? new DeploySettings(url, allow, Set.of()) : null, template, problems);
  }

  /**
   * With --deploy-jobs: the connector owner index, then the controller, both closed with
   * {@code started}. The index comes first: the controller deploys nothing over, and deletes
   * nothing of, another ConfigMap's connector, as admission denies it, and checks what is stored
   * with the same engine, policy and ownership as admissions.
   *
   * @return admission's ownership check, or null without --deploy-jobs
   */
  OwnershipCheck startAll(Checked checked, KubeconfigOptions kube, ConfigMapReviewer reviewer, WebhookMetrics metrics,
      Closer started) throws StartupFailure {
    OwnershipCheck ownership = ownership(checked, kube, started);
    if (checked.settings() != null) {
      try {
        started.add("deploy controller", start(checked, kube, new ReviewerCheck(reviewer, ownership), metrics));
      } catch (RuntimeException e) {
        // A kubeconfig that does not parse, or a client that cannot be built: say so, no trace.
        throw new StartupFailure("cannot start: no Kubernetes client for --deploy-jobs: " + e.getMessage());
      }
    }
    return ownership;
  }

  /**
   * Starts the controller of a checked configuration (its own client, closed with it), its
   * Events and leadership counted in {@code metrics}.
   *
   * @throws UncheckedIOException when the kubeconfig cannot be read
   */
  AutoCloseable start(Checked checked, KubeconfigOptions kube, ConnectorCheck engine, WebhookMetrics metrics) {
    Config config;
    try {
      config = ClusterConnection.config(kube.kubeconfig, kube.context);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the kubeconfig " + kube.kubeconfig, e);
    }
    String lease = leaseNamespace != null ? leaseNamespace
        : config.getNamespace() == null || config.getNamespace().isBlank() ? "default" : config.getNamespace();
    List<String> watched = namespaces.stream().map(String::strip).distinct().toList();
    Set<String> refused = new LinkedHashSet<>(List.of("kube-system"));
    if (watched.isEmpty()) {
      refused.add(lease); // cluster-wide: never in connectgate's own namespace either
    }
    DeploySettings deploy = new DeploySettings(checked.settings().connectUrl(), checked.settings().allowList(), refused);
    DeployController.Settings settings = new DeployController.Settings(deploy, watched, lease, leaseName, identity(),
        leaseDuration, renewDeadline, retryPeriod, resync, concurrency);
    JobBuilder builder = new JobBuilder(checked.template(), jobImage.strip());
    if (controllers != null) {
      return controllers.apply(settings, builder);
    }
    DeployController controller = DeployController.start(new KubernetesClientBuilder().withConfig(config).build(),
        builder, engine, settings, Clock.systemUTC(), e -> metrics.deployEvent(e.reason()));
    metrics.deployController(controller::isLeader);
    return controller;
  }

  /**
   * One owner per connector (#16): the admission check over an owner index that runs on every
   * replica (listed before this returns, so /readyz is 200 only once it is synced), closed with
   * {@code started}; null without --deploy-jobs or when the controller is a test double
   * ({@link #controllers}).
   */
  OwnershipCheck ownership(Checked checked, KubeconfigOptions kube, Closer started) throws StartupFailure {
    if (checked.settings() == null || controllers != null) {
      return null;
    }
    try {
      Config config = ClusterConnection.config(kube.kubeconfig, kube.context);
      ConnectorOwnerIndex owners = started.add("connector owner index", ConnectorOwnerIndex.start(
          new KubernetesClientBuilder().withConfig(config).build(),
          namespaces.stream().map(String::strip).distinct().toList(), checked.settings().connectUrl(),
          Duration.ofMinutes(2)));
      return new OwnershipCheck(owners, checked.settings().connectUrl());
    } catch (Exception e) {
      throw new StartupFailure("cannot start: connector owner index: " + Failures.describe(e));
    }
  }

  /** The pod's name (HOSTNAME) and a random suffix: unique even for two controllers in one process. */
  private static String identity() {
    String host = System.getenv().getOrDefault("HOSTNAME", "connectgate");
    return host + "_" + UUID.randomUUID().toString().substring(0, 8);
  }
}
