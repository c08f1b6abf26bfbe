package io.connectgate.cli;

import io.connectgate.validation.Finding;
import io.connectgate.validation.FindingReport;
import io.connectgate.validation.LocatedFinding;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code -o sarif}: a SARIF 2.1.0 log (OASIS), one run, one result per finding with its file,
 * start line and column, for GitHub code scanning and other SARIF viewers. ERROR is level
 * {@code error}, WARNING {@code warning}, AUDIT {@code note}.
 */
final class SarifReport {

  static final String SCHEMA =
      "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

  private final ObjectMapper mapper = JsonMapper.builder().build();

  String render(List<LocatedFinding> findings, String version) {
    ObjectNode log = mapper.createObjectNode();
    log.put("$schema", SCHEMA);
    log.put("version", "2.1.0");
    ObjectNode run = log.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "connectgate");
    driver.put("version", version);
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    ArrayNode rules = driver.putArray("rules");
    ArrayNode results = run.putArray("results");
    for (LocatedFinding l : findings) {
      Finding f = l.finding();
      String rule = FindingReport.rule(f);
      Integer index = ruleIndex.get(rule);
      if (index == null) {
        index = ruleIndex.size();
        ruleIndex.put(rule, index);
        ObjectNode r = rules.addObject();
        r.put("id", rule);
        r.putObject("shortDescription").put("text", "connectgate rule " + rule);
      }
      ObjectNode result = results.addObject();
      result.put("ruleId", rule);
      result.put("ruleIndex", index);
      result.put("level", switch (f.severity()) {
        case ERROR -> "error";
        case WARNING -> "warning";
        case AUDIT -> "note";
      });
      result.putObject("message").put("text", where(f) + FindingReport.message(f));
      ObjectNode location = result.putArray("locations").addObject();
      if (l.file() != null) {
        ObjectNode physical = location.putObject("physicalLocation");
        physical.putObject("artifactLocation").put("uri", uri(l.file()));
        if (l.at() != null) {
          physical.putObject("region").put("startLine", l.at().line())
              .put("startColumn", l.at().column());
        }
      }
      String logical = logicalName(f);
      if (logical != null) {
        location.putArray("logicalLocations").addObject().put("fullyQualifiedName", logical);
      }
    }
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(log);
  }

  private static String where(Finding f) {
    String p = f.location().pointer();
    return p == null || p.isEmpty() ? "" : p + ": ";
  }

  private static String logicalName(Finding f) {
    var o = f.location().origin();
    StringBuilder sb = new StringBuilder();
    if (o != null && o.name() != null) {
      sb.append(o.objectRef());
    }
    if (f.location().dataKey() != null) {
      sb.append(sb.length() > 0 ? " " : "").append("data[").append(f.location().dataKey()).append(']');
    }
    return sb.length() == 0 ? null : sb.toString();
  }

  /** A relative URI reference for a path (stdin is "stdin"), separators as "/". */
  static String uri(String file) {
    if ("-".equals(file)) {
      return "stdin";
    }
    String path = file.replace('\\', '/');
    try {
      return new URI(null, null, path, null).toASCIIString();
    } catch (URISyntaxException e) {
      return path.replace(" ", "%20");
    }
  }
}
