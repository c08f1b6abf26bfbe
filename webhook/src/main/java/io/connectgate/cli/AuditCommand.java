package io.connectgate.cli;

import io.connectgate.kube.ClusterConnection;
import io.connectgate.kube.ListForbiddenException;
import io.connectgate.policy.PolicyException;
import io.connectgate.validation.ConnectorResourceInspector;
import io.connectgate.validation.FindingReport;
import io.connectgate.validation.Inspector;
import io.connectgate.validation.SchemaCatalogException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code audit}: runs the engine and policy over what is already in a cluster: ConfigMaps, and
 * Strimzi KafkaConnector and KafkaMirrorMaker2 and Confluent for Kubernetes Connector resources,
 * judged as validate and the webhook judge them.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = {
        "Lists the ConfigMaps, Strimzi KafkaConnectors (kafka.strimzi.io), Confluent for"
            + " Kubernetes Connectors (platform.confluent.io) and Strimzi KafkaMirrorMaker2s"
            + " (kafka.strimzi.io) of one namespace (default: the current context's) or of all"
            + " namespaces (-A), a page at a time, and reports every connector finding with the"
            + " same engine and policy as the webhook. Findings in a connector resource name its"
            + " kind, namespace and name, and point into its spec (/spec/config/PROP,"
            + " /spec/configs/PROP, /spec/class; for a KafkaMirrorMaker2, whose mirrors each make"
            + " up to three connectors, /spec/mirrors/N/sourceConnector/config/PROP or the cluster"
            + " field a setting comes from, such as /spec/clusters/1/bootstrapServers).",
        "A connector resource kind whose CRD is not installed is skipped; the summary says"
            + " which (KafkaConnector (kafka.strimzi.io): not installed) and the exit code does not"
            + " change.",
        "Connects as kubectl would: --kubeconfig, KUBECONFIG, ~/.kube/config, or the in-cluster"
            + " service account, which needs list on each audited resource: configmaps,"
            + " kafkaconnectors.kafka.strimzi.io, connectors.platform.confluent.io,"
            + " kafkamirrormaker2s.kafka.strimzi.io (RBAC verb list; see --resources).",
        "Exit codes: 0 no errors, 1 at least one error (violations), 2 usage, policy, schema"
            + " or Kubernetes API error (a refused list included)."})
public final class AuditCommand implements Callable<Integer> {

  enum Output { text, json }

  @Spec CommandSpec spec;

  @Option(names = {"-n", "--namespace"}, paramLabel = "NS",
      description = "Namespace to audit (default: the current context's namespace).")
  String namespace;

  @Option(names = {"-A", "--all-namespaces"}, description = "Audit every namespace.")
  boolean allNamespaces;

  @Option(names = {"-o", "--output"}, defaultValue = "text", paramLabel = "text|json",
      description = "One line per finding plus a summary (text) or a JSON report (json)."
          + " Default: ${DEFAULT-VALUE}.")
  Output output;

  @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Kubeconfig file (default: as kubectl).")
  Path kubeconfig;

  @Option(names = "--context", paramLabel = "NAME", description = "Kubeconfig context (default: the current one).")
  String context;

  @Option(names = "--page-size", defaultValue = "250", paramLabel = "N",
      description = "Objects per list request, for each audited resource (default:"
          + " ${DEFAULT-VALUE}).")
  int pageSize;

  @Option(names = "--resources", split = ",", paramLabel = "RESOURCE",
      defaultValue = "configmaps,kafkaconnectors,connectors,kafkamirrormaker2s",
      description = "What to audit, comma-separated: configmaps, kafkaconnectors (Strimzi"
          + " KafkaConnector), connectors (Confluent for Kubernetes Connector) and"
          + " kafkamirrormaker2s (Strimzi KafkaMirrorMaker2). Default: all four"
          + " (${DEFAULT-VALUE}). Leave out a kind the audit's account may not list.")
  List<AuditedResource> resources;

  @Mixin CatalogOption catalog;

  @Mixin PolicyOption policy;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (allNamespaces && namespace != null) {
      err.println("audit: give either --namespace or --all-namespaces, not both");
      err.flush();
      return 2;
    }
    if (pageSize < 1) {
      err.println("audit: --page-size must be at least 1");
      err.flush();
      return 2;
    }
    Inspector inspector;
    try {
      inspector = policy.inspector(catalog);
    } catch (SchemaCatalogException | PolicyException e) {
      err.println("audit: " + e.getMessage());
      err.flush();
      return 2;
    }
    Set<AuditedResource> audited = EnumSet.copyOf(resources);
    AuditTally tally = new AuditTally(audited);
    ConnectorResourceInspector resourceInspector = new ConnectorResourceInspector(inspector);
    AuditedResource listing = null;
    String scope;
    try (ClusterConnection cluster = ClusterConnection.open(kubeconfig, context)) {
      String ns = allNamespaces ? null : namespace != null ? namespace : cluster.defaultNamespace();
      scope = ns == null ? "all namespaces" : "namespace " + ns;
      for (AuditedResource r : audited) {
        listing = r;
        if (r.kind() == null) {
          tally.listed(cluster.configMaps(pageSize).forEach(ns,
              view -> tally.inspected(r, inspector.inspect(view))));
          continue;
        }
        OptionalInt pages = cluster.connectorResources(r.kind(), pageSize).forEach(ns,
            (origin, resource) -> tally.inspected(r, resourceInspector.inspect(resource, origin)));
        if (pages.isPresent()) {
          tally.listed(pages.getAsInt());
        } else {
          tally.notInstalled(r);
        }
      }
    } catch (java.io.IOException e) {
      err.println("audit: cannot read the kubeconfig: " + e.getMessage());
      err.flush();
      return 2;
    } catch (ListForbiddenException e) {
      err.println("audit: " + e.getMessage() + without(audited, listing));
      err.flush();
      return 2;
    } catch (RuntimeException e) {
      err.println("audit: " + ClusterConnection.describe(e));
      err.flush();
      return 2;
    }
    FindingReport report = new FindingReport();
    if (output == Output.json) {
      out.println(tally.json(report, scope).toPrettyString());
    } else {
      tally.findings().forEach(f -> out.println(report.line(f)));
      out.println(tally.line(scope));
    }
    out.flush();
    return tally.hasErrors() ? 1 : 0;
  }

  /**
   * How to audit the rest when {@code refused} may not be listed: "; to audit the others only:
   * --resources configmaps,connectors" (nothing when it was the only one asked for).
   */
  private static String without(Set<AuditedResource> audited, AuditedResource refused) {
    StringJoiner rest = new StringJoiner(",");
    audited.stream().filter(r -> r != refused).forEach(r -> rest.add(r.name()));
    return rest.length() == 0 ? "" : "; to audit the others only: --resources " + rest;
  }
}
