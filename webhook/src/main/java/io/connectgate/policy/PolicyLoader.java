package io.connectgate.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a {@code ConnectorPolicy} YAML file and checks it completely: every unknown field, bad
 * action, bad glob and bad number is reported at once, so a platform team fixes a file in one
 * round rather than one error per restart.
 */
public final class PolicyLoader {

  static final String API_VERSION = "connectgate.io/v1";
  static final String KIND = "ConnectorPolicy";
  private static final Set<String> TOP_FIELDS =
      Set.of("apiVersion", "kind", "metadata", "enforcement", "exemptNamespaces", "rules");
  private static final Set<String> SCOPE_FIELDS = Set.of("action", "namespaces", "excludeNamespaces");
  private static final Map<String, Set<String>> RULE_FIELDS =
      Map.of(
          Rules.ALLOWED_BOOTSTRAP_SERVERS, Set.of("patterns"),
          Rules.MAX_TASKS, Set.of("max"),
          Rules.ALLOWED_CONNECTOR_CLASSES, Set.of("classes"),
          Rules.CONNECTOR_NAMES, Set.of("patterns"));

  private final YAMLMapper yaml = YAMLMapper.builder().build();

  public Policy load(Path file) throws PolicyException {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new PolicyException(file.toString(), List.of("cannot read the file: " + e.getMessage()));
    }
    return parse(text, file.toString());
  }

  public Policy parse(String text, String source) throws PolicyException {
    JsonNode root;
    try {
      root = yaml.readTree(text);
    } catch (JacksonException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr();
      throw new PolicyException(source, List.of("not valid YAML" + where));
    }
    if (root == null || !root.isObject()) {
      throw new PolicyException(source, List.of("expected a YAML mapping with kind " + KIND));
    }
    List<String> problems = new ArrayList<>();
    unknownFields(root, TOP_FIELDS, "", problems);
    if (!API_VERSION.equals(root.path("apiVersion").asString(""))) {
      problems.add("apiVersion must be " + API_VERSION);
    }
    if (!KIND.equals(root.path("kind").asString(""))) {
      problems.add("kind must be " + KIND);
    }
    Action enforcement = null;
    if (root.has("enforcement")) {
      enforcement = action(root.get("enforcement"), "enforcement", problems);
    }
    List<Glob> exempt = globs(root.get("exemptNamespaces"), "exemptNamespaces", false, false, problems);
    Map<String, RuleScope> rules = new LinkedHashMap<>();
    JsonNode rulesNode = root.path("rules");
    List<Glob> servers = List.of();
    List<Glob> classes = List.of();
    int maxTasks = 0;
    List<String> namePatterns = List.of();
    if (!rulesNode.isMissingNode() && !rulesNode.isNull() && !rulesNode.isObject()) {
      problems.add("rules must be a mapping of rule name to settings");
    } else if (rulesNode.isObject()) {
      for (Map.Entry<String, JsonNode> e : rulesNode.properties()) {
        String name = e.getKey();
        String at = "rules." + name;
        if (!Rules.ALL.contains(name)) {
          problems.add(at + ": unknown rule (known: " + String.join(", ", Rules.ALL) + ")");
          continue;
        }
        RuleScope scope = scope(e.getValue(), at, problems);
        JsonNode body = e.getValue();
        switch (name) {
          case Rules.ALLOWED_BOOTSTRAP_SERVERS ->
              servers = globs(body.get("patterns"), at + ".patterns", true, true, problems);
          case Rules.ALLOWED_CONNECTOR_CLASSES ->
              classes = globs(body.get("classes"), at + ".classes", true, false, problems);
          case Rules.MAX_TASKS -> maxTasks = maxTasks(body.get("max"), at + ".max", problems);
          case Rules.CONNECTOR_NAMES -> namePatterns = ConnectorNaming.patterns(body.get("patterns"), at + ".patterns", problems);
          default -> { }
        }
        if (scope != null) {
          rules.put(name, enforcement == null ? scope : scope.withAction(enforcement));
        }
      }
    }
    // Unknown keys are always judged: warn unless the file says otherwise.
    rules.putIfAbsent(
        Rules.UNKNOWN_KEYS, RuleScope.everywhere(enforcement == null ? Action.WARN : enforcement));
    if (!problems.isEmpty()) {
      throw new PolicyException(source, problems);
    }
    return new Policy(source, exempt, Map.copyOf(rules), servers, maxTasks, classes, namePatterns);
  }

  /** A rule body is either an action ("warn") or a mapping with action and scoping. */
  private RuleScope scope(JsonNode body, String at, List<String> problems) {
    if (body.isString()) {
      Action a = action(body, at, problems);
      return a == null ? null : RuleScope.everywhere(a);
    }
    if (!body.isObject()) {
      problems.add(at + ": expected an action (deny, warn, audit) or a mapping with an action");
      return null;
    }
    String rule = at.substring("rules.".length());
    Set<String> allowed = new HashSet<>(SCOPE_FIELDS);
    allowed.addAll(RULE_FIELDS.getOrDefault(rule, Set.of()));
    unknownFields(body, allowed, at + ".", problems);
    Action action = body.has("action") ? action(body.get("action"), at + ".action", problems) : null;
    if (!body.has("action")) {
      problems.add(at + ".action is required (deny, warn or audit)");
    }
    List<Glob> in = globs(body.get("namespaces"), at + ".namespaces", false, false, problems);
    List<Glob> out = globs(body.get("excludeNamespaces"), at + ".excludeNamespaces", false, false, problems);
    return action == null ? null : new RuleScope(action, in, out);
  }

  private static Action action(JsonNode node, String at, List<String> problems) {
    String text = node.isString() ? node.stringValue() : null;
    if (text != null) {
      var parsed = Action.parse(text);
      if (parsed.isPresent()) {
        return parsed.get();
      }
    }
    problems.add(at + ": action must be one of deny, warn, audit");
    return null;
  }

  private static List<Glob> globs(
      JsonNode node, String at, boolean required, boolean hostPort, List<String> problems) {
    if (node == null || node.isNull()) {
      if (required) {
        problems.add(at + " is required: a non-empty list of patterns");
      }
      return List.of();
    }
    if (!node.isArray()) {
      problems.add(at + " must be a list of patterns");
      return List.of();
    }
    if (required && node.isEmpty()) {
      problems.add(at + " must not be empty");
    }
    List<Glob> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode item = node.get(i);
      String text = item.isString() ? item.stringValue() : null;
      String problem = text == null ? "is not a string" : Glob.problem(text, hostPort);
      if (problem != null) {
        problems.add(at + "[" + i + "] " + problem);
      } else {
        out.add(Glob.compile(text.trim()));
      }
    }
    return List.copyOf(out);
  }

  private static int maxTasks(JsonNode node, String at, List<String> problems) {
    if (node == null || !node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < 1) {
      problems.add(at + " is required: an integer of at least 1");
      return 0;
    }
    return node.asInt();
  }

  private static void unknownFields(JsonNode node, Set<String> allowed, String at, List<String> problems) {
    for (String name : node.propertyNames()) {
      if (!allowed.contains(name)) {
        problems.add(at + name + ": unknown field (allowed: " + String.join(", ", new TreeSet<>(allowed)) + ")");
      }
    }
  }
}
