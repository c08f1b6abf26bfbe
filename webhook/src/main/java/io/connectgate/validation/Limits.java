package io.connectgate.validation;

import io.connectgate.connector.ConnectorDocument;
import io.connectgate.connector.Origin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Sizes no real connector needs (docs/hardening.md "Limits"). A ConfigMap or document beyond
 * one is denied with a finding of rule {@value #RULE} naming the limit, and is not checked
 * further: the limits keep the cost of a review proportional to what a real connector needs,
 * whatever else a tenant stores.
 */
public final class Limits {

  public static final String RULE = Rules.LIMIT;
  /** Data entries of a ConfigMap that carries connectors. */
  public static final int MAX_ENTRIES = 1024;
  /** Connector documents in one ConfigMap. */
  public static final int MAX_DOCUMENTS = 64;
  /** Settings in one connector document. */
  public static final int MAX_SETTINGS = 1000;
  /** Characters of one setting's value (a PEM bundle of 70 certificates fits). */
  public static final int MAX_VALUE_CHARS = 128 * 1024;
  /** Characters of one setting's name. */
  public static final int MAX_NAME_CHARS = 1024;
  /**
   * Findings listed for one connector document; past it, one finding counts the rest, with
   * the worst severity among them, so the verdict is the same.
   */
  public static final int MAX_FINDINGS = 100;

  private Limits() {}

  /** Whether a ConfigMap has more data entries than {@link #MAX_ENTRIES}. */
  static Finding entries(Origin origin, int entries, Severity severity) {
    if (entries <= MAX_ENTRIES) {
      return null;
    }
    return new Finding(severity, RULE, new Location(origin, null, null), "the ConfigMap has "
        + entries + " data entries; one that carries connectors may have at most " + MAX_ENTRIES
        + " (limit: entries per ConfigMap)");
  }

  static Finding documents(Origin origin, int documents, Severity severity) {
    if (documents <= MAX_DOCUMENTS) {
      return null;
    }
    return new Finding(severity, RULE, new Location(origin, null, null), "the ConfigMap holds "
        + documents + " connector documents; at most " + MAX_DOCUMENTS
        + " are allowed (limit: connector documents per ConfigMap)");
  }

  /** The one finding that stands for {@code omitted} findings past {@link #MAX_FINDINGS}. */
  static Finding omittedFindings(int omitted, Severity worst, Location location) {
    return new Finding(worst, Rules.MORE_FINDINGS, location, "and " + omitted + " more findings not listed"
        + " (limit: findings per connector, " + MAX_FINDINGS + ")");
  }

  /**
   * One document's findings made after its engine run (the policy's), at most
   * {@link #MAX_FINDINGS} listed: past it, one finding counts the rest with their worst
   * severity, so the verdict is unchanged, as for the engine's own.
   */
  public static List<Finding> capped(List<Finding> findings, Location location) {
    if (findings.size() <= MAX_FINDINGS) {
      return findings;
    }
    Severity worst = Severity.AUDIT;
    for (Finding f : findings.subList(MAX_FINDINGS, findings.size())) {
      if (f.severity().ordinal() < worst.ordinal()) worst = f.severity();
    }
    List<Finding> out = new ArrayList<>(findings.subList(0, MAX_FINDINGS));
    out.add(omittedFindings(findings.size() - MAX_FINDINGS, worst, location));
    return out;
  }

  /** Every limit one document breaks; empty when it may be checked. */
  static List<Finding> document(ConnectorDocument doc, Origin origin, Severity severity) {
    List<Finding> out = new ArrayList<>(0);
    int settings = doc.config().size();
    if (settings > MAX_SETTINGS) {
      out.add(new Finding(severity, RULE, new Location(origin, doc.dataKey(),
          doc.configPointer()), "has " + settings + " settings; at most " + MAX_SETTINGS
          + " are allowed (limit: settings per connector)"));
      return out;
    }
    for (Map.Entry<String, JsonNode> e : doc.config().properties()) {
      if (e.getKey().length() > MAX_NAME_CHARS) {
        out.add(new Finding(severity, RULE, new Location(origin, doc.dataKey(),
            doc.configPointer()), "has a setting name of " + e.getKey().length()
            + " characters; at most " + MAX_NAME_CHARS + " are allowed (limit: length of a"
            + " setting name)"));
        continue;
      }
      JsonNode v = e.getValue();
      int length = v.isString() ? v.stringValue().length() : 0;
      if (length > MAX_VALUE_CHARS) {
        out.add(new Finding(severity, RULE, new Location(origin, doc.dataKey(),
            doc.configPointer() + "/" + e.getKey()),
            "has a value of " + length + " characters; at most " + MAX_VALUE_CHARS
            + " are allowed (limit: length of one value)"));
      }
    }
    return out;
  }
}
