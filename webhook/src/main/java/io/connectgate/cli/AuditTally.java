package io.connectgate.cli;

import io.connectgate.validation.Finding;
import io.connectgate.validation.FindingReport;
import io.connectgate.validation.Inspection;
import io.connectgate.validation.Severity;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What one audit saw, kind by kind, and its summary: the text line and the {@code -o json}
 * summary (whose {@code configMaps}, {@code pages} and {@code scope} fields predate connector
 * resources and keep their names; {@code pages} counts the list requests of every kind).
 */
final class AuditTally {

  /**
   * Findings listed at most; the rest are counted (in the summary and the exit code) but not
   * held: one tenant's thousands of ConfigMaps of 64 documents with 100 findings each would
   * otherwise run the audit out of memory, and the platform's whole report with it.
   */
  static final int MAX_LISTED = 50_000;

  private final Set<AuditedResource> audited;
  private final Map<AuditedResource, Integer> objects = new EnumMap<>(AuditedResource.class);
  private final Set<AuditedResource> notInstalled = EnumSet.noneOf(AuditedResource.class);
  private final List<Finding> findings = new ArrayList<>();
  private final Map<Severity, Long> totals = new EnumMap<>(Severity.class);
  private long unlisted;
  private int connectors;
  private int pages;

  AuditTally(Set<AuditedResource> audited) {
    this.audited = audited;
  }

  /** One object of {@code resource} judged by the engine. */
  void inspected(AuditedResource resource, Inspection inspection) {
    objects.merge(resource, 1, Integer::sum);
    connectors += inspection.documents().size();
    for (Finding f : inspection.findings()) {
      totals.merge(f.severity(), 1L, Long::sum);
      if (findings.size() < MAX_LISTED) {
        findings.add(f);
      } else {
        unlisted++;
      }
    }
  }

  void listed(int pages) {
    this.pages += pages;
  }

  /** {@code resource}'s CRD is not in the cluster: said in the summary, and no failure. */
  void notInstalled(AuditedResource resource) {
    notInstalled.add(resource);
  }

  List<Finding> findings() {
    return findings;
  }

  boolean hasErrors() {
    return count(Severity.ERROR) > 0;
  }

  /**
   * {@code audited 4 ConfigMaps, 1 KafkaConnectors, 0 Connectors in namespace a (3 pages): 2
   * connectors, 1 errors, 0 warnings}, then {@code ; KafkaConnector (kafka.strimzi.io): not
   * installed} for each kind whose CRD is missing (and which is left out of the counts).
   */
  String line(String scope) {
    StringJoiner counts = new StringJoiner(", ");
    for (AuditedResource r : audited) {
      if (!notInstalled.contains(r)) {
        counts.add(objects.getOrDefault(r, 0) + " " + r.counted());
      }
    }
    StringBuilder sb = new StringBuilder(String.format(
        "audited %s in %s (%d pages): %d connectors, %d errors, %d warnings",
        counts.length() == 0 ? "nothing" : counts, scope, pages, connectors,
        count(Severity.ERROR), count(Severity.WARNING)));
    notInstalled.forEach(r -> sb.append("; ").append(r.missing()).append(": not installed"));
    if (unlisted > 0) {
      sb.append("; ").append(unlisted).append(" more findings counted, not listed (at most ").append(MAX_LISTED)
          .append(" are)");
    }
    return sb.toString();
  }

  /** The {@code -o json} report: every finding, and the summary with the counts of each kind. */
  ObjectNode json(FindingReport report, String scope) {
    ObjectNode root = report.json(findings, 0, connectors);
    ObjectNode summary = (ObjectNode) root.get("summary");
    summary.remove("files");
    summary.put("errors", count(Severity.ERROR)); // every finding, listed or not
    summary.put("warnings", count(Severity.WARNING));
    summary.put("unlisted", unlisted);
    for (AuditedResource r : AuditedResource.values()) {
      summary.put(r.jsonField(), objects.getOrDefault(r, 0));
    }
    summary.put("pages", pages);
    summary.put("scope", scope);
    ArrayNode listed = summary.putArray("resources");
    audited.forEach(r -> listed.add(r.name()));
    ArrayNode missing = summary.putArray("notInstalled");
    notInstalled.forEach(r -> missing.add(r.name()));
    return root;
  }

  private long count(Severity severity) {
    return totals.getOrDefault(severity, 0L);
  }
}
