package io.connectgate.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RegexRouter's replacement against its regex, as {@code Matcher.replaceFirst} reads it when a
 * topic matches (Kafka's RegexRouter.apply).
 */
class RegexRouterRuleTest {

  private static List<Finding> findings(String type, String regex, String replacement) {
    return FileSinkFindings.with(", \"transforms\": \"route\", \"transforms.route.type\": \"" + type
        + "\", \"transforms.route.regex\": \"" + regex.replace("\\", "\\\\")
        + "\", \"transforms.route.replacement\": \"" + replacement.replace("\\", "\\\\") + "\"");
  }

  /** What Kafka's RegexRouter does with a topic that matches: null when it routes it. */
  private static String kafka(String regex, String replacement, String topic) {
    var matcher = Pattern.compile(regex).matcher(topic);
    assertTrue(matcher.matches(), "the example topic must match " + regex);
    try {
      matcher.replaceFirst(replacement);
      return null;
    } catch (RuntimeException e) {
      return e.getClass().getSimpleName();
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "(.*)|copy-$1|orders",
      "(.*)\\.(.*)\\.(.*)|$1_$3|db.inventory.orders",
      "(?<db>[^.]+)\\.(.*)|${db}-$2|db.orders",
      "(.*)|$10|orders",
      "(.*)|price\\$-$1|orders",
      "(?x) (.*) # the whole topic|$1-copy|orders",
      "orders|archive|orders"})
  void aReplacementKafkaAppliesIsAccepted(String regex, String replacement, String topic) {
    assertNull(kafka(regex, replacement, topic), "Kafka routes it");
    assertEquals(List.of(), findings("org.apache.kafka.connect.transforms.RegexRouter", regex, replacement));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "(.*)|x-$2|orders|No group 2; the regex has 1 group",
      "(.*)\\.(.*)|$3-$1|db.orders|No group 3; the regex has 2 groups",
      "(?<db>[^.]+)\\.(.*)|${schema}-$2|db.orders|No group with name {schema}",
      "(.*)|cost$|orders|group index is missing",
      "(.*)|a\\|orders|character to be escaped is missing",
      "orders|$1|orders|No group 1; the regex has 0 groups"})
  void aReplacementThatThrowsOnEveryMatchingRecordIsAnError(String regex, String replacement, String topic,
      String message) {
    assertTrue(kafka(regex, replacement, topic) != null, "Kafka's RegexRouter throws");
    List<Finding> found = findings("RegexRouter", regex, replacement);
    assertEquals(1, found.size(), found::toString);
    Finding f = found.get(0);
    assertEquals("/config/transforms.route.replacement", f.location().pointer(), f::toString);
    assertEquals(Severity.ERROR, f.severity(), f::toString);
    assertTrue(f.message().contains(message) && f.message().contains("RegexRouter fails on every record"),
        f::toString);
  }

  @Test
  void referencesAndRegexesThatDoNotCompileAreLeftToTheirOwnChecks() {
    assertEquals(List.of(), findings("RegexRouter", "${file:/opt/route.properties:regex}", "$2"));
    List<Finding> bad = findings("RegexRouter", "((", "$1");
    assertEquals(List.of("/config/transforms.route.regex"), bad.stream().map(f -> f.location().pointer()).toList(),
        "one finding, on the regex: " + bad);
    assertEquals(List.of(), findings("com.example.OtherRouter", "(.*)", "$2"), "another plugin's settings");
  }

  @Test
  void aRegexNestedTooDeeplyForJavaIsTheRegexsFindingOnly() {
    String deep = "(".repeat(30_000) + "a" + ")".repeat(30_000);
    List<Finding> found = findings("RegexRouter", deep, "$1");
    assertEquals(List.of("/config/transforms.route.regex"), found.stream().map(f -> f.location().pointer()).toList(),
        found::toString);
    assertEquals(null, RegexRouterRule.problem("(".repeat(800) + "a" + ")".repeat(800), "$800"),
        "as deep as Java compiles: judged, and group 800 exists");
  }
}
