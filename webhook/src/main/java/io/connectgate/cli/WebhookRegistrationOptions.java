package io.connectgate.cli;

import io.connectgate.kube.ClusterConnection;
import io.connectgate.kube.WebhookRegistrationLoop;
import io.connectgate.kube.WebhookSelfRegistration;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * {@code serve --register-webhooks FILE}: the pod registers its own webhook configurations
 * once it serves (see {@link WebhookSelfRegistration}); the chart then renders none, so an
 * install whose pods never start blocks nothing.
 */
final class WebhookRegistrationOptions {

  @Option(names = "--register-webhooks", paramLabel = "FILE",
      description = "YAML file of Validating-/MutatingWebhookConfigurations that this process creates"
          + " (or updates when the file changes) once it serves and the webhooks' Service has a ready"
          + " endpoint; re-checked every --register-interval, so a deleted one comes back. A missing"
          + " caBundle is kept from the live object or taken from --register-ca.")
  Path template;

  @Option(names = "--register-ca", paramLabel = "FILE",
      description = "With --register-webhooks: PEM CA that seeds a missing caBundle (default: ca.crt in --cert-dir).")
  Path caFile;

  @Option(names = "--register-owner", paramLabel = "CLUSTERROLE",
      description = "With --register-webhooks: ClusterRole set as the configurations' owner, so deleting the"
          + " release's ClusterRole (helm uninstall, GitOps pruning) garbage-collects them.")
  String owner;

  @Option(names = "--register-interval", defaultValue = "30s", converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "With --register-webhooks: how often the configurations are checked (default: ${DEFAULT-VALUE}).")
  Duration interval;

  static final Duration RETRY = Duration.ofSeconds(2);

  /** The problem with the settings, or null. */
  String problem() {
    if (template != null && !Files.isReadable(template)) {
      return "--register-webhooks " + template + " is not a readable file";
    }
    return null;
  }

  /** Starts registering when --register-webhooks is given; closing stops it. */
  AutoCloseable start(KubeconfigOptions kube, Path certDir) throws IOException {
    if (template == null) {
      return () -> { };
    }
    KubernetesClient client = new KubernetesClientBuilder()
        .withConfig(ClusterConnection.config(kube.kubeconfig, kube.context)).build();
    Path ca = caFile != null ? caFile : certDir.resolve("ca.crt");
    return WebhookRegistrationLoop.start(new WebhookSelfRegistration(client, template, ca, owner),
        RETRY, interval, client::close);
  }
}
