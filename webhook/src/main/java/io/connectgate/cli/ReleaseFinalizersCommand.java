package io.connectgate.cli;

import io.connectgate.admission.Failures;
import io.connectgate.kube.ClusterConnection;
import io.connectgate.kube.FinalizerRelease;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code release-finalizers}: what the chart's uninstall hook runs (docs/deploy.md, "Connector lifecycle"). */
@Command(
    name = "release-finalizers",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
        "Removes connectgate's finalizer connectgate.io/connector-cleanup from every ConfigMap"
            + " labelled connectgate.io/deploy=true or connectgate.io/delete-with-configmap=true,"
            + " leaving other finalizers alone, so no"
            + " ConfigMap waits for a deploy controller that is gone. Their connectors stay in"
            + " Kafka Connect. The chart's uninstall hook runs it.",
        "Needs configmaps list, get and patch."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:done (also when there was nothing to release)", "1:a Kubernetes call failed",
        "2:usage error"})
public final class ReleaseFinalizersCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin KubeconfigOptions kube = new KubeconfigOptions();

  @Option(names = "--namespaces", paramLabel = "NS", split = ",",
      description = "Only these namespaces (repeatable or comma-separated; default: all).")
  List<String> namespaces = new ArrayList<>();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (kube.problem() != null) {
      throw new CommandLine.ParameterException(spec.commandLine(), kube.problem());
    }
    try (var client = new KubernetesClientBuilder()
        .withConfig(ClusterConnection.config(kube.kubeconfig, kube.context)).build()) {
      int released = new FinalizerRelease(client, line -> {
        out.println(line);
        out.flush();
      }).release(namespaces.stream().map(String::strip).filter(s -> !s.isEmpty()).toList());
      out.println("release-finalizers: " + released + " ConfigMap(s) released");
      out.flush();
      return 0;
    } catch (IOException | RuntimeException e) {
      err.println("release-finalizers: " + Failures.describe(e));
      err.flush();
      return 1;
    }
  }
}
