package io.connectgate.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.connector.ConfigMapView;
import io.connectgate.connector.Origin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import io.connectgate.testing.CostRatio;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Regular expressions run over tenant text only under a step budget, Kafka's list splitting
 * and class-name check run without one, and the limits deny what no connector needs.
 */
class LinearCostTest {

  static final JsonMapper JSON = JsonMapper.builder().build();
  final ConnectorEngine engine = new ConnectorEngine(TestCatalogs.repository());

  @Test
  void aCatastrophicPatternIsStoppedByTheBudget() {
    // Unbounded, this reads the 40 characters more than 2 * 10^9 times (minutes of CPU).
    Pattern evil = Pattern.compile("(.*,){10}x");
    assertThrows(BoundedRegex.BudgetExceeded.class,
        () -> BoundedRegex.find(evil, ",".repeat(40)), "expected the budget to stop it");
    assertTrue(BoundedRegex.find(evil, ",".repeat(40) + "x"), "expected an ordinary match to pass");
    assertTrue(BoundedRegex.matches(Pattern.compile("[a-z.]+"), "x".repeat(200_000)),
        "expected a linear pattern to pass on a long value");
  }

  @Test
  void aSchemaPatternThatBacktracksDeniesInsteadOfHanging(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("evil.schema.json"), """
        {"$schema": "https://json-schema.org/draft/2020-12/schema",
         "x-connectgate-claims": ["org.example.Evil"],
         "properties": {"x": {"type": "string", "pattern": "(.*,){10}x"}},
         "patternProperties": {"(.*;){10}y": {"type": "string"}}}
        """);
    ConnectorEngine evil = new ConnectorEngine(SchemaCatalog.load(dir));
    ObjectNode config = JSON.createObjectNode().put("connector.class", "org.example.Evil")
        .put("x", ",".repeat(40)).put(";".repeat(40), "y");
    ObjectNode doc = JSON.createObjectNode().put("name", "e");
    doc.set("config", config);
    long start = System.nanoTime();
    Inspection inspection = evil.inspectConnectorText(JSON.writeValueAsString(doc),
        new Origin("f", 0, null, null));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(inspection.findings().stream().anyMatch(f -> f.message().contains("too costly")),
        "expected the value denied as too costly to check: " + inspection.findings());
    assertTrue(millis < 10_000, "expected the budget to end the match, took " + millis + " ms");
  }

  @Test
  void listsSplitLikeKafkaWithoutBacktracking() {
    assertEquals(List.of("a", "b c", "", "d"), ListValues.split("  a ,b c,\t,d \n"),
        "expected Kafka's \\s*,\\s* split of the trimmed value");
    assertEquals(List.of(), ListValues.split("  "), "expected no entries in a blank value");
    assertEquals(List.of("a", "b"), List.copyOf(ListValues.distinctEntries(" a, ,b ,a")),
        "expected each non-empty entry once, in order");
    assertEquals(List.of(), List.copyOf(ListValues.distinctEntries(null)), "expected none for an unset list");
    String hostile = "a" + " ".repeat(200_000) + "b";
    String benign = "c".repeat(hostile.length());
    double ratio = CostRatio.of(() -> ListValues.split(hostile), () -> ListValues.split(benign));
    assertTrue(ratio < 100, "expected linear cost: the hostile value costs " + ratio + " x the benign one");
    assertTrue(AliasRule.isClassName(" org.example.My$Class_1 ")
        && !AliasRule.isClassName("org..x") && !AliasRule.isClassName("1x")
        && !AliasRule.isClassName("x.") && AliasRule.isClassName("a.b".repeat(50_000)),
        "expected the class-name check, on a long value without overflowing the stack");
  }

  private Inspection sink(Map<String, String> settings) {
    ObjectNode config = JSON.createObjectNode()
        .put("connector.class", "org.apache.kafka.connect.file.FileStreamSinkConnector")
        .put("tasks.max", "1").put("file", "/tmp/out");
    settings.forEach(config::put);
    ObjectNode doc = JSON.createObjectNode().put("name", "s");
    doc.set("config", config);
    return engine.inspectConnectorText(JSON.writeValueAsString(doc), new Origin("f", 0, null, null));
  }

  @Test
  void aTenantsTopicsRegexMeetsTheDeadLetterTopicOnlyUnderTheBudget() {
    // Kafka matches topics.regex against the DLQ topic; unbounded, this pair never finishes.
    Map<String, String> evil = Map.of("topics.regex", "(.*a){20}",
        "errors.deadletterqueue.topic.name", "a".repeat(60) + "b", "errors.tolerance", "all");
    Inspection inspection = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> sink(evil),
        "expected the step budget to end the match");
    assertTrue(inspection.findings().stream().anyMatch(f -> f.location().pointer().endsWith("/topics.regex")
            && f.message().contains("backtracks too much")),
        "expected topics.regex denied as too costly to match: " + inspection.findings());
    Inspection plain = sink(Map.of("topics.regex", "dlq.*", "errors.deadletterqueue.topic.name", "dlq-1",
        "errors.tolerance", "all"));
    assertTrue(plain.findings().stream().anyMatch(f -> f.message().contains("must not match the dead-letter-queue")),
        "expected an ordinary match still reported: " + plain.findings());
  }

  private static Map<String, String> with(Map<String, String> settings, String key, String value) {
    Map<String, String> out = new LinkedHashMap<>(settings);
    out.put(key, value);
    return out;
  }

  @Test
  void whitespaceRunsInTopicAndAliasListsCostLinearTime() {
    // Kafka's \s*,\s* regex over these costs 2 s per value (quadratic in the run's length).
    String run = "a" + " ".repeat(40_000) + "b";
    String plain = "c".repeat(run.length());
    for (String key : List.of("topics", "transforms", "predicates")) {
      // With a dead-letter topic, so the sink rule splits topics to look for it.
      Map<String, String> dlq = Map.of("errors.deadletterqueue.topic.name", "dlq", "errors.tolerance", "all");
      double ratio = CostRatio.of(() -> sink(with(dlq, key, run)), () -> sink(with(dlq, key, plain)));
      assertTrue(ratio < 20, "expected linear cost for " + key + ": the whitespace run costs " + ratio
          + " x a plain value of the same length");
    }
  }

  @Test
  void secretChecksCostLinearTimeAgainstLongMessages() {
    // "transforms" names an alias whose settings are missing: the finding quotes all of it.
    int m = 40_000;
    String alias = "A".repeat(2 * m);
    // A sensitive value that nearly occurs in the message (a naive search: message x value).
    assertLinear("a sensitive value", Map.of("x.password", "A".repeat(m - 1) + "B", "transforms", alias),
        Map.of("x.password", "B" + "A".repeat(m - 1), "transforms", alias));
    // The same value in a setting that is not sensitive (it was searched before that was checked).
    assertLinear("a value that is not sensitive", Map.of("foo.bar", "A".repeat(m - 1) + "B", "transforms", alias),
        Map.of("foo.bar", "B" + "A".repeat(m - 1), "transforms", alias));
    // A list of one entry repeated: each entry was searched for on its own.
    assertLinear("a list of one repeated entry", Map.of("x.password", "~,".repeat(m), "transforms", alias),
        Map.of("x.password", "~~".repeat(m), "transforms", alias));
  }

  private void assertLinear(String what, Map<String, String> hostile, Map<String, String> benign) {
    double ratio = CostRatio.of(() -> sink(hostile), () -> sink(benign));
    assertTrue(ratio < 20, "expected linear cost for " + what + ": it costs " + ratio
        + " x a benign config of the same length");
  }

  /** Thousands of distinct secrets, one of them quoted by a long message. */
  private static Map<String, String> distinctSecrets(int length) {
    StringBuilder secrets = new StringBuilder();
    for (int i = 0; i < length / 7; i++) {
      secrets.append(i == 0 ? "" : ",").append(String.format("q%05d", i));
    }
    return Map.of("x.password", secrets.toString(), "transforms", "q00000" + "A".repeat(length));
  }

  @Test
  void manyDistinctSecretsAreCheckedWithinTheScanLimitAndNeverShown() {
    // Unbounded, the check grows with the square of the size (16 x for 4 x the size); bounded,
    // about 4 x. Under 8: a 2-core machine busy with a parallel build measured 6.1 x once (the
    // larger document's collections), still half of what the unbounded check costs.
    double growth = CostRatio.of(() -> sink(distinctSecrets(80_000)), () -> sink(distinctSecrets(20_000)));
    assertTrue(growth < 8, "expected the scan limit to bound the cost: 4 x the size costs " + growth + " x");
    Inspection inspection = sink(distinctSecrets(80_000));
    assertFalse(inspection.findings().isEmpty(), "expected findings for the missing transform settings");
    assertTrue(inspection.findings().stream().noneMatch(f -> f.message().contains("q00000")),
        "expected the secret masked or the message withheld: " + inspection.findings().stream()
            .map(f -> f.message().substring(0, Math.min(120, f.message().length()))).toList());
  }

  private Inspection labelled(Map<String, String> data) {
    return engine.inspect(new ConfigMapView(Origin.admission("ns", "cm"),
        Map.of(ConfigMapView.CONNECTOR_LABEL, "true"), Map.of(), data));
  }

  private static String document(int settings, int valueLength) {
    ObjectNode config = JSON.createObjectNode()
        .put("connector.class", "org.apache.kafka.connect.file.FileStreamSourceConnector")
        .put("topic", "x".repeat(valueLength));
    for (int i = 2; i < settings; i++) {
      config.put("extra." + i, "v");
    }
    ObjectNode doc = JSON.createObjectNode().put("name", "n");
    doc.set("config", config);
    return JSON.writeValueAsString(doc);
  }

  private static void assertDeniedNaming(Inspection inspection, String limit) {
    assertTrue(inspection.findings().stream().anyMatch(f -> f.severity() == Severity.ERROR
        && Limits.RULE.equals(f.rule()) && f.message().contains("(limit: " + limit + ")")),
        "expected a denial naming \"" + limit + "\": " + inspection.findings());
  }

  private static void assertNoLimit(Inspection inspection) {
    assertFalse(inspection.findings().stream().anyMatch(f -> Limits.RULE.equals(f.rule())),
        "expected no limit at the limit itself: " + inspection.findings());
  }

  @Test
  void limitsDenyWhatNoConnectorNeedsAndAllowTheLimitItself() {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("c.json", document(3, 1));
    for (int i = 1; i < Limits.MAX_ENTRIES; i++) {
      entries.put("e" + i, "{");
    }
    assertNoLimit(labelled(entries));
    entries.put("one-more", "{");
    assertDeniedNaming(labelled(entries), "entries per ConfigMap");
    Inspection unlabelled = engine.inspect(new ConfigMapView(Origin.admission("ns", "cm"),
        Map.of(), Map.of(), entries));
    assertDeniedNaming(unlabelled, "entries per ConfigMap");
    assertEquals(1, unlabelled.findings().size(), "expected only the limit, not one syntax"
        + " error per entry: " + unlabelled.findings().size());
    entries.remove("c.json");
    assertFalse(engine.inspect(new ConfigMapView(Origin.admission("ns", "cm"), Map.of(),
        Map.of(), entries)).carriesConnectors(),
        "expected an unlabelled ConfigMap of many entries but no connector untouched");

    Map<String, String> documents = new LinkedHashMap<>();
    for (int i = 0; i < Limits.MAX_DOCUMENTS; i++) {
      documents.put("c" + i + ".json", document(3, 1));
    }
    assertNoLimit(labelled(documents));
    documents.put("more.json", document(3, 1));
    Inspection tooMany = labelled(documents);
    assertDeniedNaming(tooMany, "connector documents per ConfigMap");
    assertTrue(engine.inspect(new ConfigMapView(Origin.admission("ns", "cm"), Map.of(), Map.of(),
        documents)).hasErrors(), "expected the limit for unlabelled ConfigMaps with connectors too");

    assertNoLimit(labelled(Map.of("c.json", document(Limits.MAX_SETTINGS, Limits.MAX_VALUE_CHARS))));
    assertDeniedNaming(labelled(Map.of("c.json", document(Limits.MAX_SETTINGS + 1, 1))),
        "settings per connector");
    Inspection longValue = labelled(Map.of("c.json", document(3, Limits.MAX_VALUE_CHARS + 1)));
    assertDeniedNaming(longValue, "length of one value");
    assertTrue(longValue.findings().get(0).describe().startsWith("data[c.json] /config/topic: "),
        "expected the key and setting named: " + longValue.findings().get(0).describe());
  }
}
