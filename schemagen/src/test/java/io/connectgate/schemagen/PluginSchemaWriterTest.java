package io.connectgate.schemagen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The form of the generated plugin files, from hand-made ConfigDefs (no plugin loading). */
class PluginSchemaWriterTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static JsonNode write(PluginConfig p) {
    Map<String, String> files = new PluginSchemaWriter().files(List.of(p));
    assertEquals(Set.of(p.className() + ".schema.json"), files.keySet());
    return JSON.readTree(files.values().iterator().next());
  }

  @Test
  void sinkConnectorOnConnectBaseWithItsOwnSettingsOnly() {
    ConfigDef def = new ConfigDef()
        .define("acme.endpoint", ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "Where to.")
        .define("acme.batch", ConfigDef.Type.INT, 10, ConfigDef.Range.between(1, 500),
            ConfigDef.Importance.LOW, "Batch size.")
        .define("acme.mode", ConfigDef.Type.STRING, "fast", ConfigDef.ValidString.in("fast",
            "safe"), ConfigDef.Importance.LOW, "Mode.")
        .define("acme.secret", ConfigDef.Type.PASSWORD, "changeit", ConfigDef.Importance.HIGH,
            "Token.")
        // A key Connect's own ConnectorConfig/SinkConnectorConfig defines: left to connect-base.
        .define("topics", ConfigDef.Type.LIST, "", ConfigDef.Importance.HIGH, "Topics.");
    JsonNode s = write(new PluginConfig("com.acme.AcmeSinkConnector", Set.of("sink"), "1.0",
        "file:/plugins/acme/", def));
    assertEquals("[\"com.acme.AcmeSinkConnector\"]", s.path("x-connectgate-claims").toString());
    assertEquals("https://schemas.connectgate.io/com.acme.AcmeSinkConnector.schema.json",
        s.path("$id").asString());
    assertEquals("connect-base.schema.json#/$defs/sink", s.path("allOf").path(0).path("$ref")
        .asString());
    assertEquals("#/$defs/settings", s.path("allOf").path(1).path("$ref").asString());
    assertTrue(s.path("x-connectgate-rules").toString().contains("\"unknown-key\""));
    assertTrue(s.path("$comment").asString().contains("plugin location acme"),
        "the location's name, not the machine's path: " + s.path("$comment"));
    JsonNode settings = s.path("$defs").path("settings");
    assertEquals("[\"acme.endpoint\"]", settings.path("required").toString(),
        "no default: required");
    JsonNode props = settings.path("properties");
    assertFalse(props.has("topics"), "Connect's own key stays in connect-base: " + props);
    assertEquals(1, props.path("acme.batch").path("minimum").asInt());
    assertEquals(500, props.path("acme.batch").path("maximum").asInt());
    assertEquals(10, props.path("acme.batch").path("default").asInt());
    assertTrue(props.path("acme.mode").toString().contains("one of fast, safe"),
        props.path("acme.mode").toString());
    assertTrue(props.path("acme.secret").path("x-connectgate-sensitive").asBoolean(false));
    assertFalse(props.path("acme.secret").has("default"), "a password's default is never written");
    assertFalse(s.toString().contains("changeit"), "nor anywhere else");
  }

  /**
   * Debezium names families of keys with a regex ({@code column.mask.with.(d+).chars} for
   * {@code column.mask.with.12.chars}): as properties they made every real key of the family an
   * unknown key, with a "did you mean" naming the pattern itself.
   */
  @Test
  void keysNamedWithAGroupAreOpenKeyPatterns() {
    ConfigDef def = new ConfigDef()
        .define("column.mask.with.(d+).chars", ConfigDef.Type.STRING, ConfigDef.Importance.LOW,
            "Masked columns.")
        .define("column.mask.hash.([^.]+).with.salt.(.+)", ConfigDef.Type.LIST,
            ConfigDef.Importance.LOW, "Hashed columns.")
        .define("column.include.list", ConfigDef.Type.LIST, "", ConfigDef.Importance.LOW,
            "Columns.");
    JsonNode settings = write(new PluginConfig("io.example.CdcConnector", Set.of("source"),
        "1.0", "file:/plugins/cdc/", def)).path("$defs").path("settings");
    assertEquals(List.of("column.include.list"), List.copyOf(settings.path("properties")
        .propertyNames()), "only plain names are properties");
    assertFalse(settings.has("required"), "a family is never required: " + settings);
    List<String> open = new java.util.ArrayList<>();
    settings.path("x-connectgate-open-keys").forEach(k -> open.add(k.asString()));
    assertEquals(2, open.size(), open.toString());
    java.util.function.Predicate<String> known = key -> open.stream()
        .anyMatch(p -> java.util.regex.Pattern.compile(p).matcher(key).find());
    assertTrue(known.test("column.mask.with.12.chars"));
    assertTrue(known.test("column.mask.hash.SHA-256.with.salt.CzQMA0cB5K"));
    assertFalse(known.test("column.mask.with.chars"), "a group is never empty");
    assertFalse(known.test("column.maskXwith.12.chars"), "the rest is literal");
  }

  @Test
  void transformationIsALibraryKeyedByClass() {
    ConfigDef def = new ConfigDef().define("field", ConfigDef.Type.STRING,
        ConfigDef.Importance.HIGH, "Field.");
    JsonNode s = write(new PluginConfig("com.acme.Mask", Set.of("transformation"), "1.0",
        "file:/plugins/acme/", def));
    assertFalse(s.has("x-connectgate-claims"), "a library, not a connector schema");
    assertEquals("[\"transformation\"]", s.path("x-connectgate-plugins").path("com.acme.Mask")
        .toString());
    assertEquals("[\"field\"]", s.path("$defs").path("com.acme.Mask").path("required")
        .toString());
  }

  @Test
  void converterTypeIsNeverRequired() {
    ConfigDef def = new ConfigDef().define("converter.type", ConfigDef.Type.STRING,
        ConfigDef.Importance.LOW, "Set by Connect.");
    JsonNode s = write(new PluginConfig("com.acme.AcmeConverter", Set.of("converter"), "1.0",
        "file:/plugins/acme/", def));
    assertFalse(s.path("$defs").path("com.acme.AcmeConverter").has("required"),
        "Connect sets converter.type itself: " + s);
  }
}
