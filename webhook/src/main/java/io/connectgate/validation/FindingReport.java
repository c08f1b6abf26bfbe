package io.connectgate.validation;

import io.connectgate.connector.Origin;
import io.connectgate.connector.TextPosition;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders findings for people and machines (the CLI's {@code -o text} and {@code -o json};
 * the JSON shape is documented in docs/cli.md and stable: fields are only ever added).
 */
public final class FindingReport {

  /**
   * A policy finding's message starts with the policy rule's name ({@code unknownKeys: ...});
   * the text line shows that name once, as the rule, instead of both spellings.
   */
  private static final Pattern POLICY_PREFIX = Pattern.compile("^([a-z]+[A-Z][A-Za-z]*): ");

  private final ObjectMapper mapper = JsonMapper.builder().build();

  /**
   * One CI-readable line: {@code file.yaml[0] default/replicator data[key] /config/x: ERROR
   * message (rule)}; a resource whose origin names its kind (audit) is {@code KafkaConnector
   * team-a/mm2 /spec/config/x: ERROR message (rule)}.
   */
  public String line(Finding f) {
    return line(new LocatedFinding(f, null));
  }

  /**
   * One CI-readable line, {@code file:line:column:} first when the position is known (the form
   * editors and CI log viewers link): {@code a.yaml:14:7: default/replicator
   * data[key] /config/x: ERROR message (rule)}.
   */
  public String line(LocatedFinding located) {
    Finding f = located.finding();
    StringBuilder sb = new StringBuilder();
    Origin o = f.location().origin();
    TextPosition at = located.at();
    if (o != null) {
      if (o.file() != null) {
        sb.append("-".equals(o.file()) ? "<stdin>" : o.file());
        if (at != null) {
          sb.append(':').append(at.line()).append(':').append(at.column()).append(':');
          if (o.name() != null) {
            sb.append(' ').append(o.objectRef());
          }
        } else if (o.name() != null) {
          sb.append('[').append(o.document()).append("] ").append(o.objectRef());
        }
        sb.append(' ');
      } else if (o.name() != null) {
        if (o.kind() != null) {
          sb.append(o.kind()).append(' ');
        }
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
      if (sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(' ');
    }
    return sb.append(f.severity()).append(' ').append(message(f))
        .append(" (").append(rule(f)).append(')').toString();
  }

  /** The rule shown to people: the policy rule when a policy governs the finding. */
  public static String rule(Finding f) {
    Matcher m = POLICY_PREFIX.matcher(f.message());
    return m.find() ? m.group(1) : f.rule();
  }

  /** The message without the policy rule's name in front (it is shown as the rule). */
  public static String message(Finding f) {
    Matcher m = POLICY_PREFIX.matcher(f.message());
    return m.find() ? f.message().substring(m.end()) : f.message();
  }

  /** The summary line of the text output. */
  public String summary(int files, int connectors, List<LocatedFinding> findings) {
    List<Finding> plain = new ArrayList<>(findings.size());
    findings.forEach(l -> plain.add(l.finding()));
    return String.format("checked %d %s: %d %s, %d %s, %d %s", files, files == 1 ? "file" : "files",
        connectors, connectors == 1 ? "connector" : "connectors",
        count(plain, Severity.ERROR), count(plain, Severity.ERROR) == 1 ? "error" : "errors",
        count(plain, Severity.WARNING), count(plain, Severity.WARNING) == 1 ? "warning" : "warnings");
  }

  /** The {@code -o json} document: a summary and every finding. */
  public ObjectNode json(List<Finding> findings, int files, int connectors) {
    List<LocatedFinding> located = new ArrayList<>(findings.size());
    findings.forEach(f -> located.add(new LocatedFinding(f, null)));
    return jsonLocated(located, files, connectors);
  }

  /** The {@code -o json} document with each finding's line and column (null when unknown). */
  public ObjectNode jsonLocated(List<LocatedFinding> findings, int files, int connectors) {
    ObjectNode root = mapper.createObjectNode();
    ObjectNode summary = root.putObject("summary");
    List<Finding> plain = new ArrayList<>(findings.size());
    findings.forEach(l -> plain.add(l.finding()));
    summary.put("files", files);
    summary.put("connectors", connectors);
    summary.put("errors", count(plain, Severity.ERROR));
    summary.put("warnings", count(plain, Severity.WARNING));
    ArrayNode list = root.putArray("findings");
    for (LocatedFinding l : findings) {
      Finding f = l.finding();
      ObjectNode n = list.addObject();
      Origin o = f.location().origin();
      n.put("severity", f.severity().name());
      n.put("rule", f.rule());
      n.put("file", o == null ? null : o.file());
      n.put("document", o == null ? null : o.document());
      n.put("line", l.at() == null ? null : l.at().line());
      n.put("column", l.at() == null ? null : l.at().column());
      if (o != null && o.kind() != null) {
        n.put("kind", o.kind()); // only where kinds mix (audit); absent means a ConfigMap or a file
      }
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

  public String jsonText(ObjectNode report) {
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(report);
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
