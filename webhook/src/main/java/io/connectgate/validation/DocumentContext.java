package io.connectgate.validation;

import io.connectgate.connector.ConnectorDocument;
import io.connectgate.connector.Origin;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The state of validating one connector document: where it is, its schema (may be null) and
 * the findings so far. Rules report through it so that severity comes from one place.
 */
final class DocumentContext {

  private final Origin origin;
  private final ConnectorDocument document;
  private final ConnectorSchema schema;
  private final RuleSeverities severities;
  private final List<Finding> findings = new ArrayList<>(4);
  /** Findings past {@link Limits#MAX_FINDINGS}: counted, the worst severity kept. */
  private int omitted;
  private Severity omittedWorst;
  /** JAAS values parse once per document, whichever rule asks first. */
  private final Map<String, Object> jaas = new HashMap<>(8);

  DocumentContext(Origin origin, ConnectorDocument document, ConnectorSchema schema,
      RuleSeverities severities) {
    this.origin = origin;
    this.document = document;
    this.schema = schema;
    this.severities = severities;
  }

  ConnectorDocument document() {
    return document;
  }

  ConnectorSchema schema() {
    return schema;
  }

  JsonNode config() {
    return document.config();
  }

  /** The value of a config key as text, or null when absent, null or not a scalar. */
  String value(String key) {
    JsonNode n = document.config().get(key);
    return n == null || !n.isValueNode() || n.isNull() ? null : n.asString();
  }

  /**
   * A value as a message may quote it: itself, or a placeholder when {@code key} is sensitive.
   * Rules quote values only through here, so a secret never enters a message
   * (docs/hardening.md "Secrets"); {@link #findings} scrubs once more as a safety net.
   */
  String quoted(String key, String value) {
    return SensitiveKeys.isSensitive(key) ? "(value hidden: sensitive setting)" : "`" + value + "`";
  }

  /** Display pointer (unescaped) of a config key, e.g. {@code /config/tasks.max}. */
  String pointer(String key) {
    return document.configPointer() + "/" + key;
  }

  void violation(String rule, String key, String message) {
    atPointer(severities.of(rule), rule, key == null ? document.configPointer() : pointer(key),
        message);
  }

  void advisory(String rule, String key, String message) {
    atPointer(severities.advisory(rule), rule,
        key == null ? document.configPointer() : pointer(key), message);
  }

  void atPointer(Severity severity, String rule, String pointer, String message) {
    if (full()) {
      omit(severity, 1);
      return;
    }
    findings.add(new Finding(severity, rule, new Location(origin, document.dataKey(), pointer),
        message));
  }

  /** Whether {@link Limits#MAX_FINDINGS} are listed: any further finding is only counted. */
  boolean full() {
    return findings.size() >= Limits.MAX_FINDINGS;
  }

  /** Counts {@code count} findings of {@code severity} past the limit without listing them. */
  void omit(Severity severity, int count) {
    omitted += count;
    if (omittedWorst == null || severity.ordinal() < omittedWorst.ordinal()) {
      omittedWorst = severity;
    }
  }

  /**
   * The parsed JAAS entries of a value, or the syntax error; memoised because several rules
   * (grammar, mechanism, plain-text credentials) read the same values.
   */
  Object jaas(String value) {
    return jaas.computeIfAbsent(value, v -> {
      try {
        return JaasParser.parse(v);
      } catch (JaasParser.SyntaxError e) {
        return e;
      }
    });
  }

  RuleSeverities severities() {
    return severities;
  }

  /** The findings with every sensitive value of the document scrubbed from their messages. */
  List<Finding> findings() {
    if (omitted > 0) {
      findings.add(Limits.omittedFindings(omitted, omittedWorst,
          new Location(origin, document.dataKey(), document.configPointer())));
      omitted = 0;
    }
    if (findings.isEmpty()) {
      return List.of();
    }
    List<String> messages = new ArrayList<>(findings.size());
    findings.forEach(f -> messages.add(f.message()));
    Redactor.Scan looking = new Redactor.Scan();
    if (!Redactor.revealsAny(document.config(), messages, this::jaas, looking)
        && !SchemaSecrets.revealsAny(schema, document.config(), messages, looking)) {
      return List.copyOf(findings); // what scrubbing would return: no message holds a secret
    }
    List<String> secrets = new ArrayList<>(Redactor.sensitiveValues(document.config()));
    SchemaSecrets.addValues(schema, document.config(), secrets);
    if (secrets.isEmpty()) {
      return List.copyOf(findings);
    }
    List<String> ordered = Redactor.longestFirst(secrets);
    Redactor.Scan scrubbing = new Redactor.Scan();
    List<Finding> scrubbed = new ArrayList<>(findings.size());
    for (Finding f : findings) {
      scrubbed.add(new Finding(f.severity(), f.rule(), f.location(),
          Redactor.scrub(f.message(), ordered, scrubbing)));
    }
    return scrubbed;
  }
}
