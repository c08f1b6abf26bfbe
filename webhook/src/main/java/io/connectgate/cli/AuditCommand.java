package io.connectgate.cli;

import io.connectgate.kube.ClusterConnection;
import io.connectgate.policy.PolicyException;
import io.connectgate.validation.Finding;
import io.connectgate.validation.FindingReport;
import io.connectgate.validation.Inspection;
import io.connectgate.validation.Inspector;
import io.connectgate.validation.SchemaCatalogException;
import io.connectgate.validation.Severity;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ObjectNode;

/** {@code audit}: runs the engine and policy over the ConfigMaps already in a cluster. */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = {
        "Lists the ConfigMaps of one namespace (default: the current context's) or of all"
            + " namespaces (-A), a page at a time, and reports every connector finding with the"
            + " same engine and policy as the webhook. Connects as kubectl would: --kubeconfig,"
            + " KUBECONFIG, ~/.kube/config, or the in-cluster service account (needs list on"
            + " configmaps).",
        "Exit codes: 0 no errors, 1 at least one error (violations), 2 usage, policy, schema"
            + " or Kubernetes API error."})
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
      description = "ConfigMaps per list request (default: ${DEFAULT-VALUE}).")
  int pageSize;

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
    List<Finding> findings = new ArrayList<>();
    int[] counts = new int[2]; // ConfigMaps seen, connectors
    int pages;
    String scope;
    try (ClusterConnection cluster = ClusterConnection.open(kubeconfig, context)) {
      String ns = allNamespaces ? null : namespace != null ? namespace : cluster.defaultNamespace();
      scope = ns == null ? "all namespaces" : "namespace " + ns;
      pages = cluster.configMaps(pageSize).forEach(ns, view -> {
        counts[0]++;
        Inspection i = inspector.inspect(view);
        counts[1] += i.documents().size();
        findings.addAll(i.findings());
      });
    } catch (java.io.IOException e) {
      err.println("audit: cannot read the kubeconfig: " + e.getMessage());
      err.flush();
      return 2;
    } catch (RuntimeException e) {
      err.println("audit: " + ClusterConnection.describe(e));
      err.flush();
      return 2;
    }
    FindingReport report = new FindingReport();
    if (output == Output.json) {
      ObjectNode root = report.json(findings, 0, counts[1]);
      ObjectNode summary = (ObjectNode) root.get("summary");
      summary.remove("files");
      summary.put("configMaps", counts[0]);
      summary.put("pages", pages);
      summary.put("scope", scope);
      out.println(root.toPrettyString());
    } else {
      findings.forEach(f -> out.println(report.line(f)));
      long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
      long warnings = findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
      out.printf("audited %d ConfigMaps in %s (%d pages): %d connectors, %d errors, %d warnings%n",
          counts[0], scope, pages, counts[1], errors, warnings);
    }
    out.flush();
    return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR) ? 1 : 0;
  }
}
