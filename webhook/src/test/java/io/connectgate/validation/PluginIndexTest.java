package io.connectgate.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Class names resolve as Connect's PluginUtils.computeAliases resolves them (Kafka 4.1): full
 * name, simple name, the simple name pruned at its type's suffix; an alias naming two plugins
 * names none.
 */
class PluginIndexTest {

  private static final String MIRROR = "org.apache.kafka.connect.mirror.MirrorSourceConnector";

  private static PluginIndex index(Map<String, Set<String>> types) {
    return PluginIndex.of(types, Map.of(), Map.of());
  }

  @Test
  void fullSimpleAndPrunedNamesResolve() {
    PluginIndex i = index(Map.of(MIRROR, Set.of("source"),
        "org.apache.kafka.connect.json.JsonConverter", Set.of("converter", "header_converter"),
        "org.apache.kafka.connect.transforms.RegexRouter", Set.of("transformation"),
        "org.apache.kafka.connect.storage.SimpleHeaderConverter", Set.of("header_converter")));
    assertEquals(MIRROR, i.resolveConnector(MIRROR), "the full name");
    assertEquals(MIRROR, i.resolveConnector("MirrorSourceConnector"), "the simple name");
    assertEquals(MIRROR, i.resolveConnector("MirrorSource"), "the alias without Connector");
    assertEquals("org.apache.kafka.connect.json.JsonConverter", i.resolve(" Json "),
        "a converter alias, trimmed as Kafka trims CLASS values");
    assertEquals("org.apache.kafka.connect.storage.SimpleHeaderConverter", i.resolve("Simple"),
        "a header converter is pruned at HeaderConverter, as PluginType.simpleName() says");
    assertEquals("RegexRouter", PluginIndex.simpleName("org.apache.kafka.connect.transforms"
        + ".RegexRouter"), "simple name");
    assertEquals(" MirrorSource", i.resolveConnector(" MirrorSource"),
        "connector.class is not trimmed by Connect");
  }

  @Test
  void anAliasOfTwoPluginsResolvesToNothing() {
    PluginIndex i = index(Map.of(
        "org.apache.kafka.connect.transforms.Cast$Key", Set.of("transformation"),
        "org.apache.kafka.connect.transforms.ExtractField$Key", Set.of("transformation"),
        "com.example.a.SyncConnector", Set.of("source"),
        "com.example.b.SyncConnector", Set.of("sink")));
    assertEquals("Key", i.resolve("Key"), "Key names two transformations: unresolved");
    assertEquals("SyncConnector", i.resolveConnector("SyncConnector"),
        "a simple name two connectors share: unresolved");
    assertEquals("Sync", i.resolveConnector("Sync"), "a pruned name two share: unresolved");
    assertFalse(i.aliases().containsKey("Key"), "ambiguous aliases are dropped");
  }

  @Test
  void prunesAtTheLastOccurrenceNotOnlyASuffix() {
    assertEquals("Converter", PluginIndex.pruned("ConverterConverter", "Converter"),
        "cut at the last occurrence");
    assertEquals("Connector", PluginIndex.pruned("Connector", "Connector"),
        "a name that is only the suffix stays (position 0)");
  }

  @Test
  void theBuiltInCatalogResolvesKafkasPluginsAndClaimedClasses() {
    SchemaCatalog catalog = TestCatalogs.repository();
    assertEquals("mirror-source.schema.json", catalog.schemaFor("MirrorSource").file(),
        "MirrorSource gets the MirrorMaker source schema");
    assertEquals("filestream-sink.schema.json", catalog.schemaFor("FileStreamSink").file(),
        "FileStreamSink gets the FileStream sink schema");
    assertTrue(catalog.plugins().isA("RegexRouter", java.util.List.of("transformation")),
        "Kafka's SMTs are known by alias");
    assertNull(catalog.plugins().aliases().get("Value"),
        "Value names many SMTs (Cast$Value, ...): no alias");
    assertTrue(catalog.schemaFor("NoSuchConnector").fallback(), "unknown: the fallback");
  }
}
