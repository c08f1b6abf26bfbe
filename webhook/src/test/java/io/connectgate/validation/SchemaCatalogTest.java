package io.connectgate.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.connector.Origin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading catalogs: the built-in copy, cross-file $ref, fallback, start-up errors. */
class SchemaCatalogTest {

  @TempDir Path dir;

  @Test
  void builtInCatalogComesFromTheClasspath() {
    SchemaCatalog catalog = SchemaCatalog.builtIn();
    assertEquals("built-in", catalog.source(), "source label");
    ConnectorSchema replicator =
        catalog.schemaFor("io.confluent.connect.replicator.ReplicatorSourceConnector");
    assertNotNull(replicator, "Replicator is claimed by the built-in catalog");
    assertTrue(replicator.clientPrefixes().containsAll(List.of("src.kafka.", "dest.kafka.",
        "src.consumer.confluent.monitoring.interceptor.")), "client prefixes exposed for policy");
    assertEquals("src.kafka.timestamps.producer.confluent.monitoring.interceptor.",
        replicator.prefixOf("src.kafka.timestamps.producer.confluent.monitoring.interceptor.topic")
            .prefix(), "a key belongs to its longest matching prefix");
  }

  @Test
  void crossFileReferencesAndFallback() throws IOException {
    Files.writeString(dir.resolve("connect-base.schema.json"), """
        {"$schema": "https://json-schema.org/draft/2020-12/schema",
         "$defs": {
           "tasks": {"type": "integer", "minimum": 1, "description": "at least one task"},
           "client": {"x-connectgate-client": true, "properties": {
             "bootstrap.servers": {"type": "string", "pattern": "^[a-z]+:[0-9]+$",
               "description": "host:port"},
             "security.protocol": {"enum": ["PLAINTEXT", "SSL"]}}}}}""");
    Files.writeString(dir.resolve("generic.schema.json"), """
        {"$schema": "https://json-schema.org/draft/2020-12/schema",
         "x-connectgate-fallback": true,
         "x-connectgate-rules": ["unknown-key", "deprecated-key"],
         "x-connectgate-prefixes": {"producer.override.": "connect-base.schema.json#/$defs/client"},
         "properties": {
           "connector.class": {}, "name": {},
           "tasks.max": {"$ref": "connect-base.schema.json#/$defs/tasks"},
           "topics.blacklist": {"x-connectgate-deprecated": "topics.exclude"},
           "topics.exclude": {}}}""");
    SchemaCatalog catalog = SchemaCatalog.loadOnly(dir);
    ConnectorSchema generic = catalog.schemaFor("org.example.AnyConnector");
    assertNotNull(generic, "unclaimed classes go to the fallback");
    assertSame(generic, catalog.fallback(), "fallback exposed");

    ConnectorEngine engine = new ConnectorEngine(catalog);
    Inspection i = engine.inspectConnectorText("""
        {"connector.class": "org.example.AnyConnector", "tasks.max": "0",
         "producer.override.bootstrap.servers": "NOPE", "producer.override.acks": "all",
         "topics.blacklist": "x"}""", new Origin("f.json", 0, null, null));
    List<String> got = i.findings().stream()
        .map(f -> f.location().pointer() + " " + f.rule() + " " + f.message()).sorted().toList();
    assertEquals(List.of(
        "/producer.override.acks unknown-key unknown setting under producer.override.",
        "/producer.override.bootstrap.servers schema must be host:port",
        "/tasks.max schema must be at least 1",
        "/topics.blacklist deprecated-key is deprecated; use `topics.exclude` instead"), got,
        "cross-file $ref in properties and prefixes, deprecated keys, fallback schema");
  }

  @Test
  void everyProblemIsListedAtOnce() throws IOException {
    Files.writeString(dir.resolve("a.schema.json"),
        "{\"x-connectgate-claims\": [\"x.Y\"], \"x-connectgate-fallback\": true}");
    Files.writeString(dir.resolve("b.schema.json"),
        "{\"x-connectgate-claims\": [\"x.Y\"], \"x-connectgate-fallback\": true,"
            + " \"properties\": {\"k\": {\"x-connectgate-inject\": true}}}");
    Files.writeString(dir.resolve("c.schema.json"), "{not json");
    Files.writeString(dir.resolve("d.schema.json"),
        "{\"$id\": \"https://elsewhere/d.json\", \"x-connectgate-claims\": [\"d.D\"],"
            + " \"properties\": {\"k\": {\"$ref\": \"missing.schema.json#/$defs/x\"}}}");
    SchemaCatalogException e = assertThrows(SchemaCatalogException.class,
        () -> SchemaCatalog.loadOnly(dir), "a broken catalog fails at start-up");
    String all = String.join("\n", e.problems());
    for (String expected : List.of("already claimed", "x-connectgate-fallback is already set",
        "has x-connectgate-inject but no", "c.schema.json: invalid JSON", "$id must be absent")) {
      assertTrue(all.contains(expected), () -> "expected a problem mentioning '" + expected
          + "' in:\n" + all);
    }
    assertTrue(e.problems().size() >= 5, () -> "every problem listed: " + all);
  }

  @Test
  void emptyOrMissingDirectoryIsAnError() {
    assertThrows(SchemaCatalogException.class, () -> SchemaCatalog.loadOnly(dir),
        "no schema files");
    assertThrows(SchemaCatalogException.class, () -> SchemaCatalog.loadOnly(dir.resolve("nope")),
        "missing directory");
  }
}
