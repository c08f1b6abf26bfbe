package io.connectgate.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.validation.RuleSeverities;
import io.connectgate.validation.Rules;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** README's table of rules names every rule the engine and the policy report, at its default. */
class ReadmeRulesTest {

  private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| .* \\| (error|warning|off) \\| ([^|]+) \\|$");
  /** The policy's rules that are off unless a policy file turns them on. */
  private static final List<String> POLICY_ONLY = List.of(io.connectgate.policy.Rules.REQUIRE_ENCRYPTION,
      io.connectgate.policy.Rules.ALLOWED_BOOTSTRAP_SERVERS, io.connectgate.policy.Rules.ALLOWED_CONNECTOR_CLASSES,
      io.connectgate.policy.Rules.MAX_TASKS, io.connectgate.policy.Rules.CONNECTOR_NAMES);

  @Test
  void everyRuleIsInTheTableWithItsDefaultSeverity() throws Exception {
    Map<String, String> table = table();
    Map<String, String> expected = new LinkedHashMap<>();
    for (String rule : engineRules()) {
      expected.put(rule, RuleSeverities.DEFAULTS.of(rule).name().toLowerCase(Locale.ROOT));
    }
    POLICY_ONLY.forEach(rule -> expected.put(rule, "off"));
    // Reported only where serve reads a Connect cluster's plugins; a warning unless a policy says.
    expected.put(io.connectgate.policy.Rules.INSTALLED_PLUGINS, "warning");
    assertEquals(new TreeSet<>(expected.keySet()), new TreeSet<>(table.keySet()),
        "README's rules table lists exactly the rules connectgate reports");
    expected.forEach((rule, severity) -> assertEquals(severity, table.get(rule),
        "README's default severity of " + rule));
  }

  /** Every rule name constant of validation.Rules. */
  private static List<String> engineRules() throws IllegalAccessException {
    TreeSet<String> rules = new TreeSet<>();
    for (Field f : Rules.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        rules.add((String) f.get(null));
      }
    }
    assertTrue(rules.size() > 15, "expected the rule constants found: " + rules);
    return List.copyOf(rules);
  }

  private static Map<String, String> table() throws IOException {
    Map<String, String> rows = new LinkedHashMap<>();
    String readme = Files.readString(Path.of("..", "README.md"));
    int start = readme.indexOf("## Rules");
    assertTrue(start >= 0, "expected a Rules section in README.md");
    for (String line : readme.substring(start).split("\n")) {
      Matcher m = ROW.matcher(line.strip());
      if (m.matches()) {
        rows.put(m.group(1), m.group(2));
      }
    }
    return rows;
  }
}
