package io.connectgate.validation;

import io.connectgate.connector.Origin;
import java.util.List;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders findings for people and machines (the CLI's {@code -o text} and {@code -o json};
 * the JSON shape is documented in README.md and stable).
 */
public final class FindingReport {

  private final ObjectMapper mapper = JsonMapper.builder().build();

  /**
   * One CI-readable line: {@code file.yaml[0] default/replicator data[key] /config/x: ERROR
   * message (rule)}.
   */
  public String line(Finding f) {
    StringBuilder sb = new StringBuilder();
    Origin o = f.location().origin();
    if (o != null) {
      if (o.file() != null) {
        sb.append("-".equals(o.file()) ? "<stdin>" : o.file());
        if (o.name() != null) {
          sb.append('[').append(o.document()).append("] ").append(o.objectRef());
        }
        sb.append(' ');
      } else if (o.name() != null) {
        sb.append(o.objectRef()).append(' ');
      }
    }
    if (f.location().dataKey() != null) {
      sb.append("data[").append(f.location().dataKey()).append("] ");
    }
    String pointer = f.location().pointer();
    if (pointer != null && !pointer.isEmpty()) {
      sb.append(pointer).append(' ');
    }
    if (sb.length() > 0) {
      sb.setLength(sb.length() - 1);
      sb.append(": ");
    }
    return sb.append(f.severity()).append(' ').append(f.message())
        .append(" (").append(f.rule()).append(')').toString();
  }

  /** The {@code -o json} document: a summary and every finding. */
  public ObjectNode json(List<Finding> findings, int files, int connectors) {
    ObjectNode root = mapper.createObjectNode();
    ObjectNode summary = root.putObject("summary");
    summary.put("files", files);
    summary.put("connectors", connectors);
    summary.put("errors", count(findings, Severity.ERROR));
    summary.put("warnings", count(findings, Severity.WARNING));
    ArrayNode list = root.putArray("findings");
    for (Finding f : findings) {
      ObjectNode n = list.addObject();
      Origin o = f.location().origin();
      n.put("severity", f.severity().name());
      n.put("rule", f.rule());
      n.put("file", o == null ? null : o.file());
      n.put("document", o == null ? null : o.document());
      n.put("namespace", o == null ? null : o.namespace());
      n.put("name", o == null ? null : o.name());
      n.put("dataKey", f.location().dataKey());
      n.put("pointer", f.location().pointer());
      n.put("message", f.message());
    }
    return root;
  }

  public String jsonText(List<Finding> findings, int files, int connectors) {
    return mapper.writerWithDefaultPrettyPrinter()
        .writeValueAsString(json(findings, files, connectors));
  }

  private static int count(List<Finding> findings, Severity s) {
    int n = 0;
    for (Finding f : findings) {
      if (f.severity() == s) {
        n++;
      }
    }
    return n;
  }
}
