package io.connectgate.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code serve}'s Kubernetes client settings (a picocli mixin, so they read
 * {@code CONNECTGATE_KUBECONFIG} / {@code CONNECTGATE_CONTEXT} like every option): the client
 * that {@code --deploy-jobs}, {@code --self-managed-tls} and {@code --register-webhooks} use. Unset, the client is found as
 * kubectl finds it: {@code KUBECONFIG}, {@code ~/.kube/config}, else the pod's service account.
 */
public final class KubeconfigOptions {

  @Option(names = "--kubeconfig", paramLabel = "FILE",
      description = "Kubeconfig for the Kubernetes calls of --deploy-jobs, --self-managed-tls and --register-webhooks"
          + " (default: as kubectl: KUBECONFIG, ~/.kube/config, else the pod's service account).")
  Path kubeconfig;

  @Option(names = "--context", paramLabel = "NAME",
      description = "Kubeconfig context for those calls (default: the current one).")
  String context;

  /** The problem with the settings, or null. */
  String problem() {
    if (kubeconfig != null && !Files.isReadable(kubeconfig)) {
      return "--kubeconfig " + kubeconfig + " is not a readable file";
    }
    return null;
  }
}
