package io.connectgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.schemagen.PluginSchemaCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The plugin schema generator (schemagen's {@link PluginSchemaCommand}) on a real Connect
 * plugin.path built from Maven artifacts (target/test-plugins, see the pom): Kafka's connect-file as a plugin of its own and
 * Debezium's published PostgreSQL plugin archive; then connectgate's own {@code validate
 * --schemas} with the generated directory, end to end.
 */
class PluginSchemasEndToEndTest {

  /** Built by the pom (maven-dependency-plugin, generate-test-resources). */
  static final Path PLUGINS = Path.of("target/test-plugins");
  static final Path CONNECTORS = Path.of("src/test/resources/plugin-connectors");
  static final String POSTGRES = "io.debezium.connector.postgresql.PostgresConnector";

  @TempDir
  static Path out;
  static Run generated;

  record Run(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  static Run run(CommandLine cl, String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    cl.setOut(new PrintWriter(o, true));
    cl.setErr(new PrintWriter(e, true));
    int code = cl.execute(args);
    return new Run(code, o.toString(), e.toString());
  }

  /**
   * One scan for the whole class. Kafka's and Debezium's plugins ship ServiceLoader manifests:
   * service_load skips the reflective scan of the whole test classpath (minutes here).
   */
  @BeforeAll
  static void generate() {
    assertTrue(Files.isDirectory(PLUGINS.resolve("debezium-connector-postgres")),
        () -> "the pom unpacks Debezium's plugin archive into " + PLUGINS);
    generated = run(PluginSchemaCommand.commandLine(), "--plugin-path", PLUGINS.toString(),
        "--plugin-discovery", "service_load", "-o", out.toString());
  }

  static JsonNode schema(String className) throws IOException {
    Path file = out.resolve(className + ".schema.json");
    assertTrue(Files.isRegularFile(file), () -> "expected " + file + "; " + generated);
    return JsonMapper.builder().build().readTree(Files.readString(file));
  }

  @Test
  void writesOneSchemaPerPluginClassAndNothingForKafkasOwnClasspath() throws IOException {
    assertEquals(0, generated.exitCode(), () -> "every plugin's ConfigDef read; " + generated);
    List<String> names;
    try (Stream<Path> files = Files.list(out)) {
      names = files.map(p -> p.getFileName().toString()).sorted().toList();
    }
    for (String expected : List.of(POSTGRES, "io.debezium.transforms.ExtractNewRecordState",
        "io.debezium.converters.CloudEventsConverter")) {
      assertTrue(names.contains(expected + ".schema.json"), () -> expected + " in " + names);
    }
    assertTrue(names.stream().allMatch(n -> n.startsWith("io.debezium.")),
        () -> "only the plugin path's classes, not the generator's classpath (Kafka's SMTs,"
            + " MirrorMaker); " + names);
    for (String builtIn : List.of("FileStreamSourceConnector", "FileStreamSinkConnector")) {
      assertTrue(generated.out().contains("not written: org.apache.kafka.connect.file." + builtIn
          + " (connectgate's built-in schemas claim it)"), () -> "connect-file, found in its"
              + " own plugin directory, is connectgate's built-in family: " + generated);
    }
  }

  @Test
  void connectorSchemaClaimsTheClassOnConnectBaseWithUnknownKeys() throws IOException {
    JsonNode pg = schema(POSTGRES);
    assertEquals(POSTGRES, pg.path("x-connectgate-claims").path(0).asString());
    assertEquals("connect-base.schema.json#/$defs/source",
        pg.path("allOf").path(0).path("$ref").asString(), "a source connector: " + pg);
    assertTrue(pg.path("x-connectgate-rules").toString().contains("\"unknown-key\""));
    JsonNode settings = pg.path("$defs").path("settings").path("properties");
    JsonNode port = settings.path("database.port");
    assertEquals("integer", port.path("type").asString(), "INT: " + port);
    assertEquals(5432, port.path("default").asInt(), "ConfigDef default: " + port);
    assertEquals(2147483647L, port.path("maximum").asLong(), "INT's bound: " + port);
    JsonNode password = settings.path("database.password");
    assertTrue(password.path("x-connectgate-sensitive").asBoolean(false), "PASSWORD: " + password);
    assertFalse(password.has("default"), "no default of a password is written: " + password);
    assertTrue(settings.path("database.hostname").path("description").asString()
        .contains("hostname"), "documentation as description");
    assertFalse(settings.has("tasks.max"), "Connect's own settings stay in connect-base");

  }

  @Test
  void smtAndConverterSchemasAreLibrariesTheEngineChecksAliasSettingsAgainst()
      throws IOException {
    String smt = "io.debezium.transforms.ExtractNewRecordState";
    JsonNode unwrap = schema(smt);
    assertFalse(unwrap.has("x-connectgate-claims"), "not a connector schema");
    assertEquals("[\"transformation\"]", unwrap.path("x-connectgate-plugins").path(smt)
        .toString());
    assertEquals("boolean", unwrap.path("$defs").path(smt).path("properties")
        .path("drop.fields.from.key").path("type").asString());
    String converter = "io.debezium.converters.CloudEventsConverter";
    assertEquals("[\"converter\"]", schema(converter).path("x-connectgate-plugins")
        .path(converter).toString());
  }

  @Test
  void validateAcceptsThePublishedDebeziumConfig() {
    for (String ok : List.of("debezium-postgres-published.json",
        "debezium-postgres-unwrap.json")) {
      Run r = validate(ok);
      assertEquals(0, r.exitCode(), () -> ok + ": a correct config; " + r);
      assertFalse(r.out().contains("ERROR"), () -> ok + ": no error; " + r);
    }
  }

  @Test
  void validateCatchesWrongDebeziumSettings() {
    Run r = validate("debezium-postgres-wrong.json");
    assertEquals(1, r.exitCode(), () -> "errors: exit 1; " + r);
    for (String expected : List.of("/config/database.port: ERROR",
        "/config/transforms.unwrap.drop.fields.from.key: ERROR",
        "/config/databse.dbname: WARNING")) {
      assertTrue(r.out().contains(expected), () -> "expected '" + expected + "'; " + r);
    }
    assertTrue(r.out().contains("`database.dbname`"), () -> "did you mean; " + r);
    assertFalse(r.out().contains("postgres:5432"), () -> "values are never echoed; " + r);
  }

  @Test
  void withoutTheGeneratedSchemasDebeziumGetsOnlyTheGenericChecks() {
    Run r = run(Main.commandLine(), "validate",
        CONNECTORS.resolve("debezium-postgres-wrong.json").toString());
    assertFalse(r.out().contains("/config/database.port"),
        () -> "the built-in catalog knows nothing of Debezium: the test above proves the"
            + " generated schemas at work; " + r);
  }

  @Test
  void helpAndUsageErrors() {
    Run help = run(PluginSchemaCommand.commandLine(), "--help");
    assertEquals(0, help.exitCode(), help::toString);
    assertTrue(help.out().contains("--plugin-path") && help.out().contains("--jar"),
        help::toString);
    Run none = run(PluginSchemaCommand.commandLine(), "-o", out.toString());
    assertEquals(2, none.exitCode(), () -> "no plugin given; " + none);
    Run missing = run(PluginSchemaCommand.commandLine(), "--plugin-path",
        out.resolve("absent").toString(), "-o", out.toString());
    assertEquals(2, missing.exitCode(), () -> "not a directory; " + missing);
    assertTrue(missing.err().contains("absent"), missing::toString);
  }

  @Test
  void jarsGivenOneByOneAreLoadedAsOnePlugin(@TempDir Path jarOut) throws IOException {
    List<String> args = new java.util.ArrayList<>();
    try (Stream<Path> files = Files.list(PLUGINS.resolve("debezium-connector-postgres"))) {
      files.filter(p -> p.toString().endsWith(".jar")).sorted()
          .forEach(j -> args.addAll(List.of("--jar", j.toString())));
    }
    args.addAll(List.of("--plugin-discovery", "service_load", "-o", jarOut.toString()));
    Run r = run(PluginSchemaCommand.commandLine(), args.toArray(String[]::new));
    assertEquals(0, r.exitCode(), r::toString);
    assertTrue(Files.isRegularFile(jarOut.resolve(POSTGRES + ".schema.json")),
        () -> "Debezium's jars together are one plugin: its connector loads; " + r);
  }

  /**
   * This test JVM's classpath carries connect-runtime's test plugins too, among them
   * BlockingConnectorTest's connectors, whose config() blocks: the generator reports them and
   * writes the rest instead of hanging.
   */
  @Test
  void includeClasspathWritesKafkasPluginsAndSurvivesABlockingPlugin(@TempDir Path cpOut)
      throws IOException {
    Run r = run(PluginSchemaCommand.commandLine(), "--include-classpath",
        "--plugin-discovery", "service_load", "--config-timeout-seconds", "10",
        "-o", cpOut.toString());
    assertEquals(1, r.exitCode(), () -> "a plugin that never answers: exit 1; " + r);
    assertTrue(r.err().contains("BlockingConnector") && r.err().contains("did not return within"
        + " 10 s"), () -> "the blocking plugin is named; " + r);
    List<String> names;
    try (Stream<Path> files = Files.list(cpOut)) {
      names = files.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertTrue(names.contains("org.apache.kafka.connect.transforms.Cast$Value.schema.json"),
        () -> "Kafka's SMTs from the classpath: " + names);
    assertTrue(names.stream().noneMatch(n -> n.startsWith("org.apache.kafka.connect.mirror.")
        || n.startsWith("io.debezium.")), () -> "no MirrorMaker (claimed by the built-in"
            + " schemas), and no plugin.path read from the working directory: " + names);
    Run loads = run(Main.commandLine(), "schemas", "--schemas", cpOut.toString());
    assertEquals(0, loads.exitCode(), () -> "the directory loads beside the built-ins; " + loads);
  }

  private static Run validate(String file) {
    return run(Main.commandLine(), "validate", "--schemas", out.toString(),
        CONNECTORS.resolve(file).toString());
  }
}
