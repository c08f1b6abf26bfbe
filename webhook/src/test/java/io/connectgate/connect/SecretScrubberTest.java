package io.connectgate.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.testing.CostRatio;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SecretScrubberTest {

  @ParameterizedTest
  @ValueSource(strings = {"sasl.jaas.config", "src.kafka.sasl.jaas.config",
      "producer.override.sasl.jaas.config", "ssl.key.password", "src.kafka.ssl.truststore.password",
      "connection.password", "PASSWORD", "client.secret", "aws.secret.access.key",
      "basic.auth.user.info", "schema.registry.basic.auth.user.info", "ssl.keystore.key",
      "ssl.key.password", "src.kafka.ssl.keystore.certificate.chain.ssl.key"})
  void sensitiveKeys(String key) {
    assertTrue(SecretScrubber.isSensitive(key), key + " is sensitive");
  }

  @ParameterizedTest
  @ValueSource(strings = {"topic", "tasks.max", "sasl.mechanism", "security.protocol",
      "ssl.truststore.location", "key.converter", "name", "connector.class"})
  void ordinaryKeys(String key) {
    assertFalse(SecretScrubber.isSensitive(key), key + " is not sensitive");
  }

  @Test
  void scrubsWholeValuesInnerJaasPasswordsAndTheirJsonEscapedForms() {
    String jaas = "org.apache.kafka.common.security.plain.PlainLoginModule required"
        + " username=\"svc\" password=\"pa\\s9\";";
    SecretScrubber s = SecretScrubber.forConfig(Map.of(
        "src.kafka.sasl.jaas.config", jaas, "ssl.key.password", "k3y", "topic", "orders"));

    assertEquals("Invalid value [redacted] for ssl.key.password",
        s.scrub("Invalid value k3y for ssl.key.password"), "plain value masked");
    assertEquals("bad jaas: [redacted]", s.scrub("bad jaas: " + jaas), "whole JAAS masked");
    assertEquals("login failed for password [redacted]",
        s.scrub("login failed for password pa\\s9"), "password inside JAAS masked alone too");
    String escaped = jaas.replace("\\", "\\\\").replace("\"", "\\\"");
    assertEquals("{\"message\":\"[redacted]\"}", s.scrub("{\"message\":\"" + escaped + "\"}"),
        "JSON-escaped JAAS inside a raw body masked");
    assertEquals("topic orders", s.scrub("topic orders"), "ordinary values untouched");
  }

  @Test
  void noSensitiveSettingsLeavesTextAlone() {
    SecretScrubber s = SecretScrubber.forConfig(Map.of("topic", "orders", "password.x", ""));
    assertEquals("topic orders", s.scrub("topic orders"), "nothing to mask");
  }

  /** The pattern the scrubber used to run, kept as the reference for its hand-written scan. */
  static final Pattern REFERENCE = Pattern.compile(
      "(?i)[\\w.-]*(?:password|secret|token|key)[\\w.-]*\\s*=\\s*\"([^\"]*)\"");

  static List<String> referenceValues(String text) {
    List<String> values = new ArrayList<>();
    Matcher m = REFERENCE.matcher(text);
    while (m.find()) {
      values.add(m.group(1));
    }
    return values;
  }

  @ParameterizedTest
  @ValueSource(strings = {"username=\"u\" password=\"p\";", "a.Secret-key = \"x\"  b_token=\n\"\"",
      "key=\"token=\"x\" password=\"y", "password x=\"v\" key=key=\"w\"", "keykey=\"a\"key=\"b\"",
      "pass word=\"n\" KEY\t=\t\"k\" ssl.key.location=\"/k\"", "\u212Aey=\"kelvin\" \u017Fecret=\"long s\""})
  void findsTheQuotedOptionsThePatternFinds(String text) {
    assertEquals(referenceValues(text), SecretScrubber.credentialOptionValues(text), "for " + text);
  }

  @Test
  void findsTheQuotedOptionsThePatternFindsOnRandomText() {
    // Single characters of every kind the pattern tells apart, and pieces that make matches likely.
    String[] pieces = {"key", "KEY", "Key", "password", "secret", "token", "tok", "ke", "pass",
        "key=\"", "Token = \"", "=\"", " =\n\"", "\" ", "\";", "\"", "\"", "=", "=",
        " ", "  ", "\n", "\t", ".", "-", "_", "a", "k", "e", "y", "p", "s", "w", "o", "r", "d", "t",
        "9", ",", ";", "\u212A", "\u017F", "\u00E9"};
    Random random = new Random(20240611);
    int withMatches = 0;
    int withSeveral = 0;
    for (int round = 0; round < 20_000; round++) {
      StringBuilder text = new StringBuilder();
      int count = random.nextInt(30);
      for (int p = 0; p < count; p++) {
        text.append(pieces[random.nextInt(pieces.length)]);
      }
      String t = text.toString();
      List<String> expected = referenceValues(t);
      assertEquals(expected, SecretScrubber.credentialOptionValues(t), "for " + t.replace("\n", "\\n"));
      withMatches += expected.isEmpty() ? 0 : 1;
      withSeveral += expected.size() > 1 ? 1 : 0;
    }
    assertTrue(withMatches > 2_000 && withSeveral > 200,
        "expected the corpus to exercise matches: " + withMatches + " with one, " + withSeveral + " with several");
  }

  @Test
  void aTenantsValueCostsLinearTime() {
    // The pattern backtracked: quadratic in a run of name characters, cubic in "keykeykey...".
    String quadratic = "a".repeat(6_000);
    String cubic = "key".repeat(600);
    String unclosed = "key=\"" + "key= ".repeat(1_200);
    String spaced = "key" + " ".repeat(6_000) + "x";
    for (String hostile : List.of(quadratic, cubic, unclosed, spaced)) {
      String benign = "ab ".repeat(hostile.length() / 3) + "c".repeat(hostile.length() % 3);
      double ratio = CostRatio.of(() -> scrubberFor(hostile), () -> scrubberFor(benign));
      assertTrue(ratio < 20, "expected linear cost: " + hostile.substring(0, 12) + "... costs " + ratio
          + " x the benign value");
    }
  }

  static SecretScrubber scrubberFor(String jaas) {
    return SecretScrubber.forConfig(Map.of("connector.class", "x", "src.kafka.sasl.jaas.config", jaas));
  }
}
