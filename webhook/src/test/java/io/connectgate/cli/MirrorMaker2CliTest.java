package io.connectgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strimzi {@code KafkaMirrorMaker2} resources through validate and mutate: each connector of
 * each mirror judged by the engine, findings at the resource's own fields and their lines
 * (a section's setting, or the cluster field a derived setting comes from), published manifests
 * (src/test/resources/mirrormaker2/published) clean but for their one genuine mistake, secrets
 * never shown, and no mutation.
 */
class MirrorMaker2CliTest {

  static final Path PUBLISHED = Path.of("src/test/resources/mirrormaker2/published");
  static final String PW = "Mm2-LEAK-s3cr3t";
  @TempDir Path dir;

  /** A v1 MirrorMaker 2 with a bad setting of its own, a bad derived one and a plain password. */
  static final String BAD = """
      apiVersion: kafka.strimzi.io/v1
      kind: KafkaMirrorMaker2
      metadata:
        name: mm2
        namespace: kafka
      spec:
        target:
          alias: west
          bootstrapServers: west-kafka:9092
          groupId: g
          configStorageTopic: c
          offsetStorageTopic: o
          statusStorageTopic: s
        mirrors:
          - source:
              alias: east
              bootstrapServers: east-kafka:9092
              config:
                sasl.mechanism: PLAIN
                security.protocol: SASL_SSL
                sasl.jaas.config: org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="%s";
            sourceConnector:
              tasksMax: 0
              config:
                offset.lag.max: lots
            checkpointConnector:
              config:
                emit.checkpoints.interval.seconds: 60
            topicsPattern: "orders.*"
      """.formatted(PW);

  @Test
  void publishedManifestsAreCleanButForTheirGenuineMistake() {
    CliRun r = CliRun.run("validate", PUBLISHED.toString());
    assertEquals(0, r.exitCode(), () -> "warnings only: " + r);
    String f = PUBLISHED.resolve("rmarting-migration-v1beta2.yaml").toString();
    String in = " (in my-source-cluster->my-target-cluster.MirrorSourceConnector,"
        + " my-source-cluster->my-target-cluster.MirrorCheckpointConnector,"
        + " my-source-cluster->my-target-cluster.MirrorHeartbeatConnector) (unknownKeys)";
    String at = ": event-bus-mm2-migrator /spec/clusters/0/config/";
    assertEquals(List.of(
        f + ":32:7" + at + "config.storage.replication.factor: WARNING unknown setting under source.cluster." + in,
        f + ":33:7" + at + "offset.storage.replication.factor: WARNING unknown setting under source.cluster." + in,
        f + ":34:7" + at + "status.storage.replication.factor: WARNING unknown setting under source.cluster." + in),
        ValidateCommandTest.findingLines(r),
        () -> "the worker's settings on the source cluster, nothing else (the target's are the worker's;"
            + " groupsPattern reaches the source connector, which has no use for it); " + r);
    assertTrue(r.out().contains("checked 4 files: 9 connectors, 0 errors, 3 warnings"), r::toString);
  }

  @Test
  void findingsPointAtTheFieldsUsersWrote() throws IOException {
    Path file = dir.resolve("mm2.yaml");
    Files.writeString(file, BAD);
    CliRun r = CliRun.run("validate", file.toString());
    assertEquals(1, r.exitCode(), () -> "errors: exit 1; " + r);
    String at = file + ":";
    List<String> lines = ValidateCommandTest.findingLines(r);
    assertEquals(List.of(
        at + "23:9: kafka/mm2 /spec/mirrors/0/sourceConnector/tasksMax: ERROR must be at least 1 (schema)",
        at + "25:11: kafka/mm2 /spec/mirrors/0/sourceConnector/config/offset.lag.max: ERROR must be an"
            + " integer (a JSON number or a string holding one), found string (schema)",
        at + "21:11: kafka/mm2 /spec/mirrors/0/source/config/sasl.jaas.config: WARNING has a plain-text"
            + " password; use a ${...} reference (in east->west.MirrorSourceConnector,"
            + " east->west.MirrorCheckpointConnector) (plaintextCredentials)"),
        lines.stream().map(l -> l.replaceAll(": (plaintextCredentials|schema): ", ": ")).toList(),
        () -> "the section's own fields, and the source cluster's config; " + r);
    assertFalse(r.out().contains(PW) || r.err().contains(PW), () -> "no password: " + r);
  }

  @Test
  void noOutputFormatShowsTheSecret() throws IOException {
    Path file = dir.resolve("mm2.yaml");
    Files.writeString(file, BAD);
    for (String format : List.of("text", "json", "junit", "sarif", "github")) {
      CliRun r = CliRun.run("validate", "-o", format, file.toString());
      assertEquals(1, r.exitCode(), () -> format + ": " + r);
      assertTrue(r.out().contains("sasl.jaas.config"), () -> format + " reports the setting: " + r);
      assertFalse(r.out().contains(PW) || r.err().contains(PW), () -> format + " shows no password: " + r);
    }
  }

  @Test
  void mutatePrintsMirrorMakerResourcesByteForByteAndRefusesBadOnes() throws IOException {
    String text = Files.readString(PUBLISHED.resolve("strimzi-scram-v1.yaml"));
    CliRun r = CliRun.withStdin(text, "mutate", "-");
    assertEquals(0, r.exitCode(), () -> "exit 0; " + r);
    assertEquals(text, r.out(), "never changed");
    CliRun bad = CliRun.withStdin(BAD, "mutate", "-");
    assertEquals(1, bad.exitCode(), () -> "errors: exit 1; " + bad);
    assertEquals("", bad.out(), "nothing printed");
    assertFalse(bad.err().contains(PW), () -> "no password: " + bad);
  }
}
