package io.connectgate.validation;

import io.connectgate.connector.ConfigMapView;
import io.connectgate.connector.ConnectorDocument;
import io.connectgate.connector.ConnectorDocuments;
import io.connectgate.connector.Deadline;
import io.connectgate.connector.JsonProblem;
import io.connectgate.connector.Origin;
import io.connectgate.connector.ParsedJson;
import io.connectgate.connector.StrictJsonParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The validation facade: finds connector documents in a ConfigMap (docs/design.md "What is
 * inspected") and reports every finding for each of them. Thread-safe and allocation-light;
 * pure (no I/O), so the webhook, the CLI and the audit share it.
 */
public final class ConnectorEngine implements Inspector {

  /**
   * Characters of a duplicate key's pointer listed in its finding; past them it is shortened
   * ("…(N more chars)"). Keys outside the config have no length limit, so 100 duplicates under
   * a path of megabytes would otherwise be 100 copies of it. Its line and column stay exact.
   */
  static final int MAX_POINTER_CHARS = 4096;

  private final SchemaCatalog catalog;
  private final RuleSeverities severities;
  private final StrictJsonParser parser = new StrictJsonParser();
  private final SchemaCheck schemaCheck;
  private final ConfigRules rules;
  private final PlaintextCredentialsRule credentials = new PlaintextCredentialsRule();

  public ConnectorEngine(SchemaCatalog catalog) {
    this(catalog, RuleSeverities.DEFAULTS);
  }

  public ConnectorEngine(SchemaCatalog catalog, RuleSeverities severities) {
    this.catalog = catalog;
    this.severities = severities;
    this.schemaCheck = new SchemaCheck(new SchemaMessages(catalog.documents()), catalog.fastChecks());
    this.rules = new ConfigRules(catalog);
  }

  public SchemaCatalog catalog() {
    return catalog;
  }

  /** Inspects a ConfigMap: whether it carries connectors, which, and every finding. */
  @Override
  public Inspection inspect(ConfigMapView view) {
    return inspect(view, Deadline.none());
  }

  /** As {@link #inspect(ConfigMapView)}, checking the deadline per entry, document and rule. */
  @Override
  public Inspection inspect(ConfigMapView view, Deadline deadline) {
    boolean labelled = view.labelledAsConnector();
    Origin origin = view.origin();
    Severity limit = severities.of(Limits.RULE);
    Finding tooManyEntries = Limits.entries(origin, view.entries(), limit);
    if (labelled && tooManyEntries != null) {
      return new Inspection(true, List.of(), List.of(tooManyEntries));
    }
    List<ConnectorDocument> documents = new ArrayList<>(1);
    List<Finding> findings = new ArrayList<>(0);
    List<Finding> unparsable = new ArrayList<>(0);
    boolean detected = view.droppedConnector();
    int documentCount = 0;
    // Past a limit the answer is that limit's denial: keep nothing more than it needs, so an
    // unlabelled ConfigMap of 100 000 entries costs a scan, not 100 000 findings or trees.
    boolean keep = tooManyEntries == null;
    for (Map.Entry<String, String> e : view.data().entrySet()) {
      deadline.check();
      if (!e.getKey().endsWith(".json")) {
        continue;
      }
      ParsedJson parsed = parser.parse(e.getValue(), deadline);
      if (parsed.syntaxError()) {
        Finding asConnect = connectWouldRead(origin, e.getKey(), e.getValue(), deadline);
        if (asConnect != null) {
          detected = true;
          findings.add(asConnect);
        } else if (keep) {
          unparsable.add(syntaxFinding(origin, e.getKey(), parsed.problems().get(0)));
        }
        continue;
      }
      ConnectorDocument doc =
          ConnectorDocuments.recognise(e.getKey(), parsed.root(), parsed.problems());
      if (doc != null) {
        documentCount++;
        if (keep && documentCount <= Limits.MAX_DOCUMENTS) {
          documents.add(doc);
        }
      } else if (labelled && ConnectorDocuments.looksLikeConnector(parsed.root())) {
        findings.add(new Finding(severities.of(Rules.NOT_A_CONNECTOR), Rules.NOT_A_CONNECTOR,
            new Location(origin, e.getKey(), "/config"),
            "has a config object but no connector.class: not a connector document"));
      }
    }
    if (!labelled && !detected && documentCount == 0) {
      return Inspection.untouched();
    }
    findings.addAll(unparsable);
    Finding overLimit = tooManyEntries != null ? tooManyEntries
        : Limits.documents(origin, documentCount, limit);
    if (overLimit != null) {
      findings.add(overLimit);
      return new Inspection(true, List.of(), List.copyOf(findings));
    }
    if (labelled && documents.isEmpty() && findings.isEmpty()) {
      findings.add(new Finding(severities.of(Rules.NOT_A_CONNECTOR), Rules.NOT_A_CONNECTOR,
          new Location(origin, null, null), "the ConfigMap is labelled "
              + ConfigMapView.CONNECTOR_LABEL + " but no data entry ending in .json holds a"
              + " connector document ({\"name\": ..., \"config\": {\"connector.class\": ...}}"
              + " or a flat map with connector.class)"));
    }
    List<ConnectorDocument> checked = new ArrayList<>(documents.size());
    for (ConnectorDocument doc : documents) {
      List<Finding> over = Limits.document(doc, origin, limit);
      if (over.isEmpty()) {
        checked.add(doc);
        findings.addAll(validateDocument(doc, origin, deadline));
        checkMonitoringTarget(view, doc, findings);
      } else {
        findings.addAll(over);
      }
    }
    return new Inspection(true, List.copyOf(checked), List.copyOf(findings));
  }

  /**
   * The denial for an entry strict JSON refuses that is a connector all the same: behind a
   * byte order mark or in NUL-interleaved text that reads as UTF-16 (Kafka Connect decodes
   * both, so a {@code curl --data-binary @file} Job would deploy it unchecked), or next to
   * trailing content or comments (Connect refuses those;
   * denied too, as no reading of them is safe to leave unchecked). Null when not a connector.
   */
  private Finding connectWouldRead(Origin origin, String key, String text, Deadline deadline) {
    StrictJsonParser.ConnectReading reading = parser.readAsConnect(text, deadline);
    if (reading == null
        || ConnectorDocuments.recognise(key, reading.root(), reading.duplicates()) == null) {
      return null;
    }
    List<String> wrong = new ArrayList<>(3);
    if (reading.bom()) {
      wrong.add("starts with a byte order mark (U+FEFF), which Kafka Connect skips");
    }
    if (reading.nul()) {
      wrong.add("contains NUL characters, with which Kafka Connect reads its bytes as UTF-16"
          + " or UTF-32");
    }
    if (reading.comments()) {
      wrong.add("contains comments, which Kafka Connect refuses");
    }
    if (reading.trailing()) {
      wrong.add("has content after the end of the JSON value (from line " + reading.endLine()
          + ", column " + reading.endColumn() + "), which Kafka Connect refuses");
    }
    return new Finding(severities.of(Rules.JSON_SYNTAX), Rules.JSON_SYNTAX,
        new Location(origin, key, ""), "is a connector document that "
            + String.join(" and ", wrong) + "; store it as plain JSON");
  }

  /**
   * Parses and validates a bare connector JSON file (no ConfigMap around it). A text that is
   * not a connector document yields a not-a-connector error.
   */
  @Override
  public Inspection inspectConnectorText(String text, Origin origin) {
    ParsedJson parsed = parser.parse(text);
    if (parsed.syntaxError()) {
      Finding asConnect = connectWouldRead(origin, null, text, Deadline.none());
      if (asConnect != null) {
        return new Inspection(true, List.of(), List.of(asConnect));
      }
    }
    if (parsed.syntaxError()) {
      return new Inspection(true, List.of(),
          List.of(syntaxFinding(origin, null, parsed.problems().get(0))));
    }
    ConnectorDocument doc = ConnectorDocuments.recognise(null, parsed.root(), parsed.problems());
    if (doc == null) {
      return new Inspection(true, List.of(), List.of(new Finding(
          severities.of(Rules.NOT_A_CONNECTOR), Rules.NOT_A_CONNECTOR,
          new Location(origin, null, ""), "not a connector document: expected"
              + " {\"name\": ..., \"config\": {\"connector.class\": ...}} or a flat map with"
              + " connector.class")));
    }
    List<Finding> over = Limits.document(doc, origin, severities.of(Limits.RULE));
    if (!over.isEmpty()) {
      return new Inspection(true, List.of(), over);
    }
    return new Inspection(true, List.of(doc), validateDocument(doc, origin));
  }

  /**
   * A JSON comment written as a key ({@code "_comment"}, {@code "//"}), the idiom of published
   * examples (kafka-docker-playground repeats {@code "_comment"} in most of its connectors): no
   * connector reads it, so repeating it loses nothing and is not a duplicate-key error.
   */
  static boolean isCommentKey(String name) {
    return name != null && (name.startsWith("_") || name.startsWith("//"));
  }

  /** Every finding for one connector document. */
  public List<Finding> validateDocument(ConnectorDocument doc, Origin origin) {
    return validateDocument(doc, origin, Deadline.none());
  }

  private List<Finding> validateDocument(ConnectorDocument doc, Origin origin, Deadline deadline) {
    deadline.check();
    String connectorClass = doc.connectorClass();
    ConnectorSchema schema = catalog.schemaFor(connectorClass);
    DocumentContext ctx = new DocumentContext(origin, doc, schema, severities);
    List<JsonProblem> duplicates = doc.duplicates().stream()
        .filter(d -> !isCommentKey(d.name())).toList();
    Severity duplicate = severities.of(Rules.DUPLICATE_KEY);
    for (int i = 0; i < duplicates.size(); i++) {
      if (ctx.full()) { // the rest are only counted: their pointers are never built
        ctx.omit(duplicate, duplicates.size() - i);
        break;
      }
      JsonProblem dup = duplicates.get(i);
      ctx.atPointer(duplicate, Rules.DUPLICATE_KEY,
          unescape(dup.pointer(MAX_POINTER_CHARS)), "duplicate key at line " + dup.line()
              + ", column " + dup.column() + "; Kafka Connect would silently keep only the"
              + " last value");
    }
    if (!doc.configPointer().isEmpty()) {
      JsonNode name = doc.root().get("name");
      if (name == null || !name.isString() || name.stringValue().isBlank()
          || name.stringValue().chars().anyMatch(Character::isISOControl)) {
        ctx.atPointer(severities.of(Rules.SCHEMA), Rules.SCHEMA, "/name",
            "the connector name is required: a non-empty string without control characters");
      } else {
        JsonNode inner = doc.config().get("name");
        if (inner != null && inner.isValueNode() && !inner.isNull()
            && !inner.asString().trim().equals(name.stringValue().trim())) {
          ctx.violation(Rules.SCHEMA, "name", "differs from the document's name; Kafka Connect"
              + " rejects such a request (400)");
        }
      }
    }
    for (Map.Entry<String, JsonNode> e : doc.config().properties()) {
      if (e.getValue().isContainer()) {
        ctx.violation(Rules.VALUE_TYPE, e.getKey(), "must be a string, number or boolean;"
            + " Kafka Connect does not accept a JSON " + (e.getValue().isObject() ? "object"
            : "array") + " as a config value");
      }
    }
    if (connectorClass == null) {
      ctx.violation(Rules.SCHEMA, ConnectorDocument.CONNECTOR_CLASS,
          "must be a string naming the connector class");
    }
    if (schema == null) {
      if (connectorClass != null) {
        ctx.advisory(Rules.SCHEMA, ConnectorDocument.CONNECTOR_CLASS, "no schema claims"
            + " this connector class and there is no fallback schema; only generic checks ran");
      }
    } else {
      schemaCheck.check(ctx);
      try {
        rules.check(ctx, deadline);
      } catch (BoundedRegex.BudgetExceeded e) {
        ctx.violation(Rules.SCHEMA, null, "a setting is too costly to check against the"
            + " schema's patterns (limit: regular-expression steps per value)");
      }
    }
    credentials.check(ctx);
    return ctx.findings();
  }

  /**
   * The {@code connectgate.io/monitoring-target} annotation must name one of the targets of
   * the connector's schema (mutation would otherwise silently derive nothing).
   */
  private void checkMonitoringTarget(ConfigMapView view, ConnectorDocument doc,
      List<Finding> findings) {
    String target = view.monitoringTarget();
    ConnectorSchema schema = catalog.schemaFor(doc.connectorClass());
    if (target == null || schema == null || schema.derivationTargets().isEmpty()
        || schema.derivationTargets().contains(target)) {
      return;
    }
    findings.add(new Finding(severities.of(Rules.SCHEMA), Rules.SCHEMA,
        new Location(view.origin(), doc.dataKey(), null), "the annotation "
            + ConfigMapView.MONITORING_TARGET_ANNOTATION + " must be one of "
            + String.join(", ", schema.derivationTargets()) + " for " + schema.displayName()));
  }

  private Finding syntaxFinding(Origin origin, String dataKey, JsonProblem problem) {
    return new Finding(severities.of(Rules.JSON_SYNTAX), Rules.JSON_SYNTAX,
        new Location(origin, dataKey, ""), "invalid JSON at line " + problem.line()
            + ", column " + problem.column() + ": " + problem.message());
  }

  private static String unescape(String pointer) {
    return pointer.indexOf('~') < 0 ? pointer : pointer.replace("~1", "/").replace("~0", "~");
  }
}
