package io.connectgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code validate --schemas DIR} with a platform team's schema for an in-house connector:
 * the directory adds to the built-in catalog; a broken directory is a start-up error.
 */
class UserSchemasValidateTest {

  static final Path USER = Path.of("src/test/resources/user-schemas");
  static final Path CONNECTORS = Path.of("src/test/resources/user-connectors");

  @Test
  void inHouseConnectorValidatedByTheUserSchema() {
    CliRun ok = CliRun.run("validate", "--schemas", USER.toString(),
        CONNECTORS.resolve("acme-valid.json").toString());
    assertEquals(0, ok.exitCode(), () -> "a valid Acme connector: exit 0; " + ok);
    assertTrue(ValidateCommandTest.findingLines(ok).isEmpty(), () -> "no finding at all; " + ok);

    CliRun bad = CliRun.run("validate", "--schemas", USER.toString(),
        CONNECTORS.resolve("acme-invalid.json").toString());
    assertEquals(1, bad.exitCode(), () -> "errors: exit 1; " + bad);
    List<String> lines = ValidateCommandTest.findingLines(bad);
    for (String expected : List.of("/config/acme.endpoint: ERROR is required and missing",
        "/config/acme.batch.size: ERROR must be at least 1",
        "/config/tasks.max: ERROR must be at least 1",
        "/config/acme.endpont: WARNING unknown setting; did you mean `acme.endpoint`? (unknownKeys)")) {
      assertTrue(lines.stream().anyMatch(l -> l.contains(expected)),
          () -> "expected a line containing '" + expected + "'; " + bad);
    }
    assertEquals(4, lines.size(), () -> "exactly these four findings; " + bad);
  }

  @Test
  void withoutTheDirectoryTheClassFallsBackToConnectBase() {
    CliRun r = CliRun.run("validate", CONNECTORS.resolve("acme-invalid.json").toString());
    assertEquals(1, r.exitCode(), () -> "tasks.max 0 is an error for any connector; " + r);
    assertEquals(1, ValidateCommandTest.findingLines(r).size(),
        () -> "only the generic check: no Acme rules, no unknown-key from the fallback; " + r);
  }

  @Test
  void builtInFamiliesStillApplyWithADirectory() {
    CliRun r = CliRun.run("validate", "--schemas", USER.toString(),
        ValidateCommandTest.CORPUS.resolve("invalid-required-missing.json").toString());
    assertEquals(1, r.exitCode(), () -> "the built-in Replicator schema still decides; " + r);
    assertTrue(r.out().contains("/config/src.kafka.bootstrap.servers: ERROR"),
        () -> "Replicator's required setting; " + r);
  }

  @Test
  void brokenDirectoriesExitTwoNamingTheFile() {
    for (String[] c : List.of(
        new String[] {"user-schemas-broken-json", "broken.schema.json", "invalid JSON"},
        new String[] {"user-schemas-bad-ref", "acme-ref.schema.json", "conector"},
        new String[] {"user-schemas-duplicate-claim", "my-replicator.schema.json",
            "is already claimed by replicator.schema.json (built-in)"})) {
      Path dir = Path.of("src/test/resources", c[0]);
      CliRun r = CliRun.run("validate", "--schemas", dir.toString(),
          CONNECTORS.resolve("acme-valid.json").toString());
      assertEquals(2, r.exitCode(), () -> c[0] + ": a catalog that does not load: exit 2; " + r);
      assertTrue(r.err().contains(dir.resolve(c[1]).toString()) && r.err().contains(c[2]),
          () -> c[0] + ": stderr names " + c[1] + " and says '" + c[2] + "'; " + r);
      assertTrue(r.out().isEmpty(), () -> c[0] + ": nothing validated; " + r);
    }
  }

  @Test
  void readmeExampleIsTheTestedSchema() throws IOException {
    String readme = Files.readString(Path.of("..", "docs", "schemas.md"));
    int section = readme.indexOf("## Writing a schema for your connector");
    int start = readme.indexOf("```json\n", section) + "```json\n".length();
    String example = readme.substring(start, readme.indexOf("```", start));
    var json = JsonMapper.builder().build();
    assertEquals(json.readTree(Files.readString(USER.resolve("acme-sink.schema.json"))),
        json.readTree(example), "docs/schemas.md's example schema is the one the tests load");
  }
}
