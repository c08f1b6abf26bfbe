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
  void targetedDerivationsNeedExactlyOneDefaultTarget() throws IOException {
    String entry = "{\"from\": \"a.\", \"to\": \"b.\", \"keys\": [\"k\"], \"target\": \"%s\"%s}";
    Files.writeString(dir.resolve("none.schema.json"), "{\"x-connectgate-claims\": [\"n.N\"],"
        + " \"x-connectgate-derive\": [" + entry.formatted("one", "") + ", "
        + entry.formatted("two", "") + "]}");
    Files.writeString(dir.resolve("orphan.schema.json"), "{\"x-connectgate-claims\": [\"o.O\"],"
        + " \"x-connectgate-derive\": [{\"from\": \"a.\", \"to\": \"b.\", \"keys\": [\"k\"],"
        + " \"default\": true}]}");
    SchemaCatalogException e = assertThrows(SchemaCatalogException.class,
        () -> SchemaCatalog.loadOnly(dir), "targets without one default fail at start-up");
    String all = String.join("\n", e.problems());
    assertTrue(all.contains("none.schema.json") && all.contains("exactly one default target"),
        () -> "expected the missing default target to be named: " + all);
    assertTrue(all.contains("orphan.schema.json") && all.contains("needs a \"target\""),
        () -> "expected a default without a target to be named: " + all);
  }

  @Test
  void theIncludingSchemasReplacementWinsOverTheIncludedOnes() throws IOException {
    Files.writeString(dir.resolve("lib.schema.json"), """
        {"$defs": {"family": {"properties": {"old": {"x-connectgate-deprecated": "library.name"},
          "library.name": {}, "own.name": {}}}}}""");
    Files.writeString(dir.resolve("f.schema.json"), """
        {"x-connectgate-claims": ["x.F"], "x-connectgate-rules": ["deprecated-key"],
         "properties": {"old": {"x-connectgate-deprecated": "own.name"}},
         "allOf": [{"$ref": "lib.schema.json#/$defs/family"}]}""");
    assertEquals(java.util.Map.of("old", "own.name"),
        SchemaCatalog.loadOnly(dir).schemaFor("x.F").properties().deprecated(),
        "the outer level wins (schemas/README.md), as for every other annotation");
  }

  @Test
  void deprecatedWithoutReplacementIsReadWithItsRemovalVersion() throws IOException {
    Files.writeString(dir.resolve("lib.schema.json"), """
        {"$defs": {"family": {"properties": {
          "until40": {"x-connectgate-deprecated-without-replacement": "4.0"},
          "open": {"x-connectgate-deprecated-without-replacement": true},
          "kept": {"x-connectgate-deprecated-without-replacement": false}, "plain": {}}}}}""");
    Files.writeString(dir.resolve("f.schema.json"), """
        {"x-connectgate-claims": ["x.F"], "x-connectgate-rules": ["deprecated-key"],
         "allOf": [{"$ref": "lib.schema.json#/$defs/family"}]}""");
    ConnectorSchema f = SchemaCatalog.loadOnly(dir).schemaFor("x.F");
    assertEquals(java.util.Map.of("until40", "4.0", "open", ""),
        f.properties().withoutReplacement(), "the removing version, \"\" when none is known");
    assertTrue(f.properties().deprecated().isEmpty() && f.properties().removed().isEmpty(),
        "no replacement and not removed");
    Files.writeString(dir.resolve("g.schema.json"), """
        {"x-connectgate-claims": ["x.G"], "properties": {
          "bad": {"x-connectgate-deprecated-without-replacement": 4}}}""");
    SchemaCatalogException e = assertThrows(SchemaCatalogException.class,
        () -> SchemaCatalog.loadOnly(dir), "a malformed annotation fails at start-up");
    assertTrue(String.join("\n", e.problems())
        .contains("x-connectgate-deprecated-without-replacement of bad"),
        () -> "expected the property named: " + e.problems());
  }

  @Test
  void emptyOrMissingDirectoryIsAnError() {
    assertThrows(SchemaCatalogException.class, () -> SchemaCatalog.loadOnly(dir),
        "no schema files");
    assertThrows(SchemaCatalogException.class, () -> SchemaCatalog.loadOnly(dir.resolve("nope")),
        "missing directory");
  }

  static final Path USER_SCHEMAS = Path.of("src/test/resources/user-schemas");
  static final String REPLICATOR = "io.confluent.connect.replicator.ReplicatorSourceConnector";

  @Test
  void schemasDirectoryAddsToTheBuiltInCatalog() {
    SchemaCatalog catalog = SchemaCatalog.load(USER_SCHEMAS);
    ConnectorSchema acme = catalog.schemaFor("com.example.AcmeSinkConnector");
    assertEquals("acme-sink.schema.json", acme.file(), "the directory's schema claims its class");
    assertEquals(USER_SCHEMAS.resolve("acme-sink.schema.json").toString(), acme.origin(),
        "origin is the file's path");
    assertEquals("replicator.schema.json", catalog.schemaFor(REPLICATOR).file(),
        "built-in schemas stay");
    assertEquals("built-in", catalog.schemaFor(REPLICATOR).origin(), "built-in origin");
    assertEquals("connect-base.schema.json", catalog.fallback().file(),
        "the built-in fallback stays");
    assertEquals("built-in + " + USER_SCHEMAS, catalog.source(), "source names both");
    assertTrue(acme.optsInto(Rules.UNKNOWN_KEY) && acme.prefix("producer.override.") != null,
        "own rules, and prefixes inherited from connect-base's $defs/connector");
    assertEquals(List.of("acme.batch.size"),
        acme.defaults().stream().map(InjectedDefault::key).toList(), "injected default read");
  }

  @Test
  void aFileNamedLikeABuiltInReplacesIt() throws IOException {
    Files.writeString(dir.resolve("replicator.schema.json"), """
        {"title": "Replicator, stricter in-house rules",
         "x-connectgate-claims": ["io.confluent.connect.replicator.ReplicatorSourceConnector"],
         "allOf": [{"$ref": "connect-base.schema.json#/$defs/connector"}],
         "required": ["dest.kafka.bootstrap.servers"]}""");
    SchemaCatalog catalog = SchemaCatalog.load(dir);
    ConnectorSchema replicator = catalog.schemaFor(REPLICATOR);
    assertEquals("Replicator, stricter in-house rules", replicator.title(), "replaced by name");
    assertEquals(dir.resolve("replicator.schema.json").toString(), replicator.origin(),
        "the replacement's origin");
    Inspection i = new ConnectorEngine(catalog).inspectConnectorText(
        "{\"connector.class\": \"" + REPLICATOR + "\"}", new Origin("f.json", 0, null, null));
    assertEquals(List.of("/dest.kafka.bootstrap.servers"),
        i.findings().stream().map(f -> f.location().pointer()).toList(),
        "the replacement decides (its own required key), not the built-in");
  }

  @Test
  void claimingAClassTheBuiltInCatalogClaimsIsAStartUpErrorNamingBothFiles() {
    Path duplicate = Path.of("src/test/resources/user-schemas-duplicate-claim");
    SchemaCatalogException e = assertThrows(SchemaCatalogException.class,
        () -> SchemaCatalog.load(duplicate), "two schemas claiming one class");
    String all = String.join("\n", e.problems());
    assertTrue(all.contains(duplicate.resolve("my-replicator.schema.json").toString())
        && all.contains("replicator.schema.json (built-in)") && all.contains(REPLICATOR),
        () -> "the problem names the file, the class and the built-in claimant: " + all);
  }

  @Test
  void brokenUserFilesAreNamedByPath() {
    Path json = Path.of("src/test/resources/user-schemas-broken-json");
    SchemaCatalogException e1 = assertThrows(SchemaCatalogException.class,
        () -> SchemaCatalog.load(json), "invalid JSON");
    assertTrue(e1.getMessage().contains(json.resolve("broken.schema.json") + ": invalid JSON"),
        () -> "names the file by path: " + e1.getMessage());
    Path ref = Path.of("src/test/resources/user-schemas-bad-ref");
    SchemaCatalogException e2 = assertThrows(SchemaCatalogException.class,
        () -> SchemaCatalog.load(ref), "unresolvable $ref");
    assertTrue(e2.getMessage().contains(ref.resolve("acme-ref.schema.json").toString()),
        () -> "names the file by path: " + e2.getMessage());
  }

  @Test
  void extensionKeywordsAreInheritedThroughIncludedDefsOuterFirst() throws IOException {
    Files.writeString(dir.resolve("lib.schema.json"), """
        {"$defs": {
          "client": {"x-connectgate-client": true, "properties": {
            "security.protocol": {"enum": ["PLAINTEXT", "SASL_SSL"]}}},
          "family": {
            "x-connectgate-rules": ["deprecated-key"],
            "x-connectgate-prefixes": {"up.": "#/$defs/client", "down.": "#/$defs/client"},
            "properties": {
              "old": {"x-connectgate-deprecated": "new"}, "new": {},
              "k": {"default": "from-lib", "x-connectgate-inject": true},
              "j": {"default": "lib-j", "x-connectgate-inject": true}}}}}""");
    Files.writeString(dir.resolve("f.schema.json"), """
        {"x-connectgate-claims": ["x.F"],
         "x-connectgate-rules": ["unknown-key"],
         "x-connectgate-prefixes": {"down.": {"$ref": "lib.schema.json#/$defs/client",
           "inherits": "up."}},
         "allOf": [{"$ref": "lib.schema.json#/$defs/family"}],
         "properties": {"k": {"default": "from-family", "x-connectgate-inject": true}}}""");
    ConnectorSchema f = SchemaCatalog.loadOnly(dir).schemaFor("x.F");
    assertTrue(f.optsInto(Rules.UNKNOWN_KEY) && f.optsInto(Rules.DEPRECATED_KEY),
        "rules of the schema and of the included def");
    assertEquals("up.", f.prefix("down.").inherits(), "the outer declaration of a prefix wins");
    assertNotNull(f.prefix("up."), "prefix declared only by the included def");
    assertEquals(List.of("from-family", "lib-j"),
        f.defaults().stream().map(d -> d.value().asString()).toList(),
        "injected defaults of both; the outer one wins for the same key");
    assertEquals("new", f.properties().deprecated().get("old"), "deprecations of the def");
  }
}
