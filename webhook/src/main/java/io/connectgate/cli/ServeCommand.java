package io.connectgate.cli;

import io.connectgate.admission.Admission;
import io.connectgate.admission.AdmissionHandler;
import io.connectgate.admission.AdmissionJson;
import io.connectgate.admission.ConfigMapReviewer;
import io.connectgate.admission.DenialMessage;
import io.connectgate.admission.DeployLabel;
import io.connectgate.admission.OwnershipCheck;
import io.connectgate.admission.ReviewBudget;
import io.connectgate.admission.ReviewDecisions;
import io.connectgate.admission.ReviewerFactory;
import io.connectgate.policy.Policy;
import io.connectgate.policy.PolicyException;
import io.connectgate.policy.PolicyLoader;
import io.connectgate.policy.PolicyReloader;
import io.connectgate.server.NettyAllocatorEvents;
import io.connectgate.server.PolicyWatch;
import java.util.function.Supplier;
import io.connectgate.server.ServerConfig;
import io.connectgate.server.WebhookMetrics;
import io.connectgate.server.WebhookServer;
import io.connectgate.kube.KubeTlsBackend;
import io.connectgate.tls.CertDirectory;
import io.connectgate.tls.CertificateFiles;
import io.connectgate.tls.CertificateGenerator;
import io.connectgate.tls.CertificateRotation;
import io.connectgate.tls.InMemoryKeyStores;
import io.connectgate.tls.KeyMaterialParser;
import io.connectgate.tls.SelfManagedTls;
import io.connectgate.tls.TlsWarmUp;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code serve}: wiring only. Exits non-zero only when it cannot start. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Runs the HTTPS admission webhook: POST /validate, POST /mutate (AdmissionReview"
        + " v1), GET /healthz, /readyz, /metrics. On SIGTERM /readyz turns 503, in-flight reviews"
        + " finish, then it exits, all within --shutdown-grace. With --deploy-jobs it also runs the"
        + " deploy controller (one leader among the replicas, on a Lease): a Job per connector entry"
        + " of each stored ConfigMap labelled connectgate.io/deploy: \"true\", status as Events and"
        + " the connectgate.io/deploy-status annotation.")
public final class ServeCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  @Option(names = "--port", defaultValue = "8443", paramLabel = "PORT", description = "HTTPS port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", defaultValue = "0.0.0.0", paramLabel = "HOST", description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--cert-dir", defaultValue = "certs", paramLabel = "DIR",
      description = "Uses tls.crt/tls.key here and reloads them when they change; when absent,"
          + " generates a CA and serving certificate and writes ca.crt, tls.crt, tls.key"
          + " (default: ${DEFAULT-VALUE}).")
  Path certDir;

  @Option(names = "--dns-name", split = ",", paramLabel = "NAME",
      description = "Extra subject alternative name for a generated certificate (repeatable;"
          + " localhost and 127.0.0.1 are always included), e.g. connectgate.connectgate.svc.")
  List<String> dnsNames = new ArrayList<>();

  /** --schemas and --kafka-version, as every command that validates has them. */
  @CommandLine.Mixin CatalogOption catalog = new CatalogOption();

  @Option(names = "--policy", paramLabel = "FILE",
      description = "ConnectorPolicy YAML file (default: built-in defaults: plaintextCredentials"
          + " and unknownKeys warn). Re-read when it changes; a broken new version is rejected,"
          + " logged and counted, and the previous policy stays in force.")
  Path policy;

  @Option(names = "--policy-poll-interval", defaultValue = "5s", converter = DurationConverter.class,
      paramLabel = "DURATION", description = "How often the --policy file is checked for changes (default: ${DEFAULT-VALUE}).")
  Duration policyPollInterval;

  @Option(names = "--client-ca", paramLabel = "FILE",
      description = "PEM CA bundle: /validate and /mutate then answer only clients presenting a"
          + " certificate it issued (mTLS, for an API server configured with a client"
          + " certificate); probes and /metrics stay open. Re-read every --cert-poll-interval:"
          + " a changed bundle applies to new connections without a restart; an unusable file"
          + " is refused, logged and counted, and the previous bundle stays in force.")
  Path clientCa;

  @Option(names = "--shutdown-grace", defaultValue = "20s", converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "Upper bound for a graceful stop: seconds (20), a unit (20s, 500ms, 1m) or ISO-8601"
          + " (PT20S) (default: ${DEFAULT-VALUE}). Keep it below the pod's terminationGracePeriodSeconds.")
  Duration shutdownGrace;

  @Option(names = "--drain-delay", defaultValue = "2s", converter = DurationConverter.ZeroAllowed.class,
      paramLabel = "DURATION",
      description = "Part of the grace period spent still serving with /readyz at 503, so endpoints"
          + " stop routing here first (default: ${DEFAULT-VALUE}; at most half the grace).")
  Duration drainDelay;

  @Option(names = "--cert-poll-interval", defaultValue = "5s", converter = DurationConverter.class,
      paramLabel = "DURATION", description = "How often tls.crt/tls.key and the --client-ca file are checked for rotation"
          + " (default: ${DEFAULT-VALUE}).")
  Duration certPollInterval;

  @CommandLine.Mixin DeployJobsOptions deployJobs = new DeployJobsOptions();

  @CommandLine.Mixin SelfManagedTlsOptions selfManaged = new SelfManagedTlsOptions();

  @CommandLine.Mixin KubeconfigOptions kube = new KubeconfigOptions();

  @CommandLine.Mixin HttpLimitsOptions httpLimits = new HttpLimitsOptions();

  @CommandLine.Mixin WebhookRegistrationOptions registration = new WebhookRegistrationOptions();

  @CommandLine.Mixin ConnectPluginsOptions connectPlugins = new ConnectPluginsOptions();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Opens the Kubernetes side of --self-managed-tls: namespace, Secret name, webhook configurations. */
  @FunctionalInterface
  interface TlsBackends {
    KubeTlsBackend open(String namespace, String secretName, List<String> webhookConfigs);
  }

  static final Duration SELF_MANAGED_START_TIMEOUT = Duration.ofSeconds(60);

  private final ReviewerFactory reviewers;
  private final TlsBackends tlsBackends;

  public ServeCommand() {
    this(ReviewerFactory.standard());
  }

  ServeCommand(ReviewerFactory reviewers) {
    this(reviewers, null);
  }

  /** @param tlsBackends the Kubernetes side of --self-managed-tls; null: the API, per --kubeconfig */
  ServeCommand(ReviewerFactory reviewers, TlsBackends tlsBackends) {
    this.reviewers = reviewers;
    this.tlsBackends = tlsBackends != null ? tlsBackends : (namespace, secretName, webhookConfigs) -> {
      try {
        return KubeTlsBackend.connect(kube.kubeconfig, kube.context, namespace, secretName, webhookConfigs);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the kubeconfig " + kube.kubeconfig, e);
      }
    };
  }

  @Override
  public Integer call() throws Exception {
    Running running = start();
    if (running == null) {
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      running.stop(shutdownGrace);
      stopped.countDown();
    }, "connectgate-shutdown"));
    stopped.await();
    return 0;
  }

  /** Starts serving; null (after telling the operator why) when it cannot. */
  Running start() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    if (port < 0 || port > 65535) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 0..65535");
    }
    selfManaged.check(spec.commandLine());
    // Everything started below is registered here, so every failure path closes exactly what
    // was started, in reverse order.
    Closer started = new Closer();
    try {
      return start(started);
    } catch (StartupFailure e) {
      started.close();
      err.println("connectgate serve: " + e.getMessage());
      err.flush();
      return null;
    } catch (RuntimeException | Error | InterruptedException e) {
      started.close();
      throw e;
    }
  }

  private Running start(Closer started) throws StartupFailure, InterruptedException {
    List<String> problems = new ArrayList<>();
    if (clientCa != null && !java.nio.file.Files.isReadable(clientCa)) {
      problems.add("--client-ca " + clientCa + " is not a readable file");
    }
    DeployJobsOptions.Checked deploy = deployJobs.check();
    problems.addAll(deploy.problems());
    if (httpLimits.problem() != null) {
      problems.add(httpLimits.problem());
    }
    if (kube.problem() != null) {
      problems.add(kube.problem());
    }
    if (registration.problem() != null) {
      problems.add(registration.problem());
    }
    if (connectPlugins.problem() != null) {
      problems.add(connectPlugins.problem());
    }
    if (!problems.isEmpty()) {
      throw new StartupFailure("cannot start: " + String.join("; ", problems));
    }
    PolicyReloader policies = null;
    if (policy != null) {
      try {
        policies = new PolicyReloader(policy, new PolicyLoader());
      } catch (PolicyException e) {
        throw new StartupFailure("cannot start: " + e.getMessage());
      }
    }
    Supplier<Policy> policyInForce = policies == null ? Policy::builtIn : policies::current;
    // JVM-wide settings for Netty and JSSE, before the threads below first use them (each
    // class says why).
    InMemoryKeyStores.skipKeyStretching();
    NettyAllocatorEvents.offUnlessRecording();
    // Compiling the schema catalog takes about a second in a cold JVM; it runs on a thread of
    // its own, so does the TLS warm-up, while this one starts Vert.x and builds the metrics
    // registry.
    // The plugin inventory (--connect-plugins-url) starts with the compilation; it is closed
    // after serve has joined that thread, on every path.
    started.add("Connect plugin inventory", connectPlugins);
    CompletableFuture<ConfigMapReviewer> compiled = compileInBackground(policyInForce);
    CertDirectory certs = new CertDirectory(certDir);
    StartupWarmUp warming = new StartupWarmUp(new TlsWarmUp(List.copyOf(WebhookServer.TLS_PROTOCOLS)));
    Thread warmUp = new Thread(() -> warming.tls(certs), "connectgate-tls-warm-up");
    warmUp.setDaemon(true);
    warmUp.start();
    Vertx vertx = Vertx.vertx();
    started.add("Vert.x", () -> vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS));
    WebhookMetrics metrics = new WebhookMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    var mapper = AdmissionJson.newMapper();
    ConfigMapReviewer reviewer;
    try {
      reviewer = compiled.join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (!(cause instanceof RuntimeException)) {
        throw e;
      }
      throw new StartupFailure("cannot start: " + cause.getMessage());
    }
    // Before the certificate files may be written below; it never blocks (bounded handshake).
    warmUp.join();
    if (selfManaged.enabled) {
      try {
        started.add("self-managed TLS", startSelfManagedTls(certs));
      } catch (Exception e) {
        throw new StartupFailure("cannot start: self-managed TLS: " + e.getMessage());
      }
    } else {
      try {
        certs.ensure(new CertificateGenerator(Clock.systemUTC(), new SecureRandom()), dnsNames);
      } catch (Exception e) {
        throw new StartupFailure("cannot prepare certificates in " + certDir + ": " + e.getMessage());
      }
    }
    OwnershipCheck ownership = deployJobs.startAll(deploy, kube, reviewer, metrics, started);
    // Admission keeps only what must deny at apply time (the deploy label's value, the Connect
    // URL allow-list); Jobs are the controller's, from what the API server stored.
    DeployLabel deployments = deploy.settings() == null ? DeployLabel.disabled()
        : DeployLabel.enabled(new DeployLabel.Settings(deploy.settings().connectUrl(),
            deploy.settings().allowList()));
    if (policies != null) {
      new PolicyWatch(vertx, policies, metrics).every(policyPollInterval);
    }
    WebhookServer server = new WebhookServer(
        vertx,
        httpLimits.applyTo(ServerConfig.defaults(host, port)).withDrainDelay(drainDelay)
            .withCertPollInterval(certPollInterval).withClientCa(clientCa),
        new Admission(mapper,
            new AdmissionHandler(reviewer, new ReviewDecisions(new DenialMessage(DenialMessage.DEFAULT_MAX_CHARS)),
                ownership),
            deployments, ReviewBudget.forThisJvm(ServerConfig.MAX_BODY_BYTES)),
        metrics,
        new CertificateFiles(certs, new KeyMaterialParser()));
    int bound;
    try {
      bound = server.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new StartupFailure("cannot start on " + host + ":" + port + ": " + cause.getMessage());
    }
    if (deploy.settings() != null) {
      LOG.info("deploy controller on: Jobs deploy to {} (image {}, template {}, {} allowed URL pattern(s))",
          deploy.settings().connectUrl(), deployJobs.jobImage.strip(), deploy.template().source(),
          deploy.settings().allowList().patterns().size());
    }
    try {
      // Registered only once serving: an install whose pods never start registers nothing.
      started.add("webhook registration", registration.start(kube, certDir));
    } catch (Exception e) {
      throw new StartupFailure("cannot start: webhook registration: " + e.getMessage());
    }
    return new Running(vertx, server, bound, started);
  }

  /** A certificate in --cert-dir before the server starts, then the Secret polled; closing stops both. */
  private AutoCloseable startSelfManagedTls(CertDirectory certs) throws Exception {
    KubeTlsBackend backend = tlsBackends.open(selfManaged.namespace, selfManaged.tlsSecretName(),
        selfManaged.webhookConfigs);
    Clock clock = Clock.systemUTC();
    SelfManagedTls tls = new SelfManagedTls(backend.secret(), backend.webhooks(), certs,
        new CertificateRotation(new CertificateGenerator(clock, new SecureRandom()), clock, selfManaged.rotationPolicy(),
            selfManaged.names(dnsNames)), selfManaged.pollInterval);
    AutoCloseable both = () -> {
      tls.close();
      backend.close();
    };
    try {
      tls.awaitFirstCertificate(SELF_MANAGED_START_TIMEOUT);
    } catch (Exception e) {
      closeQuietly(both);
      throw e;
    }
    tls.start();
    LOG.info("self-managed TLS: Secret {}/{}, webhook configurations {}, checked every {}",
        selfManaged.namespace, selfManaged.tlsSecretName(), selfManaged.webhookConfigs,
        selfManaged.pollInterval);
    return both;
  }

  private CompletableFuture<ConfigMapReviewer> compileInBackground(Supplier<Policy> policyInForce) {
    CompletableFuture<ConfigMapReviewer> compiled = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      long started = System.nanoTime();
      try {
        compiled.complete(reviewers.create(catalog.schemas, catalog.kafkaVersion, policyInForce,
            connectPlugins.start()));
        LOG.debug("startup: schema catalog (Kafka {}) compiled in {} ms",
            catalog.kafkaVersion == null ? "pinned" : catalog.kafkaVersion, (System.nanoTime() - started) / 1_000_000);
      } catch (Throwable t) {
        compiled.completeExceptionally(t);
      }
    }, "connectgate-schemas");
    // Daemon: serve waits for it (join) on every path, so it never outlives a failed start.
    thread.setDaemon(true);
    thread.start();
    return compiled;
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      LOG.warn("closing: {}", e.toString());
    }
  }

  /**
   * A started webhook and how to stop it: the server drains, then {@code extras} (everything
   * serve started: the deploy controller, self-managed TLS, Vert.x) close in reverse order.
   */
  record Running(Vertx vertx, WebhookServer server, int port, AutoCloseable extras) {
    void stop(Duration grace) {
      try {
        server.shutdown(grace).toCompletionStage().toCompletableFuture()
            .get(grace.toMillis() + 2000, TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        LOG.warn("graceful shutdown did not complete: {}", e.toString());
      }
      closeQuietly(extras);
    }
  }
}
