package io.connectgate.schemagen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every validator class the generator meets in Kafka's ConfigDefs is either mapped to JSON
 * Schema (ValidatorMapping) or listed, with a reason, in unmapped-validators.txt. A Kafka
 * upgrade that brings a new validator fails here until someone decides.
 */
class UnmappedValidatorsTest {

  private static Map<String, String> listed() throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (InputStream in = SchemaGenerator.class.getResourceAsStream("unmapped-validators.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split(" \\| ", 2);
        assertEquals(2, parts.length, () -> "expected 'class | reason' in: " + line);
        assertFalse(parts[1].isBlank(), () -> "expected a reason for " + parts[0]);
        out.put(parts[0].strip(), parts[1].strip());
      }
    }
    return out;
  }

  @Test
  void everyValidatorMetIsMappedOrListed() throws IOException {
    // Over every supported Kafka version: each release meets its own validators.
    Set<String> met = new TreeSet<>();
    AllVersions.generated().unmapped().values().forEach(met::addAll);
    Set<String> listed = listed().keySet();
    Set<String> unlisted = new TreeSet<>(met);
    unlisted.removeAll(listed);
    assertTrue(unlisted.isEmpty(), () -> "validators neither mapped in ValidatorMapping nor"
        + " listed in unmapped-validators.txt: " + unlisted);
    Set<String> stale = new TreeSet<>(listed);
    stale.removeAll(met);
    assertTrue(stale.isEmpty(), () -> "unmapped-validators.txt lists validators the generator"
        + " no longer meets (remove them): " + stale);
  }

  @Test
  void anUnknownValidatorIsReportedNotSilentlyDropped() {
    ValidatorMapping mapping = new ValidatorMapping();
    ConfigDef.Validator novel = (name, value) -> { };
    ConfigDef def = new ConfigDef().define("x", ConfigDef.Type.STRING, "", novel,
        ConfigDef.Importance.LOW, "doc");
    ObjectNode property = JsonNodeFactory.instance.objectNode();
    mapping.apply(def.configKeys().get("x"), novel, property, new java.util.ArrayList<>());
    assertEquals(Set.of(getClass().getName() + "$$Lambda"), mapping.unmapped(),
        "expected a lambda validator recorded under its declaring class");
    assertTrue(property.path("$comment").asString().contains("not expressed here"),
        "expected the property to say Kafka checks more than the schema does");
  }

  @Test
  void rangesAndCaseInsensitiveEnumsAreMapped() {
    ValidatorMapping mapping = new ValidatorMapping();
    ConfigDef def = new ConfigDef()
        .define("n", ConfigDef.Type.INT, 1, ConfigDef.Range.between(1, 5),
            ConfigDef.Importance.LOW, "doc")
        .define("e", ConfigDef.Type.STRING, "a",
            ConfigDef.CaseInsensitiveValidString.in("a", "b"), ConfigDef.Importance.LOW, "doc");
    PropertySchemas p = new PropertySchemas(mapping, new Deprecations(
        JsonNodeFactory.instance.objectNode()));
    ObjectNode n = p.property(def.configKeys().get("n"));
    assertEquals(1, n.get("minimum").intValue(), "expected Range's minimum");
    assertEquals(5, n.get("maximum").intValue(), "expected Range's maximum");
    ObjectNode e = p.property(def.configKeys().get("e"));
    String pattern = e.path("allOf").get(0).path("pattern").asString();
    assertTrue(java.util.regex.Pattern.compile(pattern).matcher(" B ").find(),
        "expected a case-insensitive, trimmed match of B: " + pattern);
    assertFalse(java.util.regex.Pattern.compile(pattern).matcher("c").find(),
        "expected c rejected: " + pattern);
    assertTrue(mapping.unmapped().isEmpty(), "expected nothing unmapped");
  }
}
