package io.connectgate.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A distinctive password in the sensitive settings of invalid inputs — a ConfigMap's connector
 * JSON, a Strimzi KafkaConnector, a bare connector file, broken JSON and broken YAML right at
 * the secret — never appears in any output format of validate, nor in mutate's stderr
 * (as validate.SecretLeakTest does for the engine).
 */
class OutputSecretLeakTest {

  static final String PW = "Xk7-LEAK-s3cr3t";
  private static final String PLAIN = "org.apache.kafka.common.security.plain.PlainLoginModule";
  private static final String R = "io.confluent.connect.replicator.ReplicatorSourceConnector";

  @TempDir static Path dir;
  static final List<String> FILES = new ArrayList<>();

  @BeforeAll
  static void writeInputs() throws IOException {
    String jaas = PLAIN + " required username=\\\\\"u\\\\\" " + PW + " ;";
    write("cm.yaml", """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: cm, namespace: ns}
        data:
          c.json: |
            {"name": "c", "config": {"connector.class": "%s",
              "src.kafka.bootstrap.servers": "not a server list",
              "src.kafka.security.protocol": "SASL_PLAINTEXT",
              "src.kafka.sasl.mechanism": "PLAIN",
              "src.kafka.sasl.jaas.config": "%s",
              "src.kafka.ssl.truststore.password": {"nested": "%s"},
              "src.kafka.ssl.key.password": "%s",
              "src.kafka.ssl.key.password": "%s"}}
        """.formatted(R, jaas.replace("\\\\", "\\"), PW, PW, PW));
    write("kc.yaml", """
        apiVersion: kafka.strimzi.io/v1beta2
        kind: KafkaConnector
        metadata: {name: kc}
        spec:
          class: org.apache.kafka.connect.mirror.MirrorSourceConnector
          config:
            source.cluster.bootstrap.servers: east:9092
            target.cluster.bootstrap.servers: west:9092
            source.cluster.security.protocol: SASL_SSL
            source.cluster.sasl.jaas.config: %s required password=%s
            source.cluster.ssl.keystore.password: [%s]
        """.formatted(PLAIN, PW, PW));
    write("bare.json", """
        {"name": "b", "config": {"connector.class": "%s", "tasks.max": "%s",
         "src.kafka.sasl.jaas.config": "%s"}}
        """.formatted(R, PW, PW));
    write("truncated.json", "{\"name\": \"t\", \"config\": {\"connector.class\": \"" + R
        + "\", \"src.kafka.ssl.key.password\": \"" + PW + "\" \"x\"");
    write("broken.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: y}\ndata:\n  password: "
        + PW + ": [" + PW + "\n");
  }

  private static void write(String name, String text) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, text);
    FILES.add(f.toString());
  }

  @ParameterizedTest
  @EnumSource(ReportFormat.class)
  void validateNeverPrintsThePassword(ReportFormat format) {
    List<String> args = new ArrayList<>(List.of("validate", "-o", format.name()));
    args.addAll(FILES);
    CliRun r = CliRun.run(args.toArray(String[]::new));
    assertTrue(r.exitCode() == 1, () -> "the inputs have errors: exit 1; " + r);
    assertTrue(r.out().contains("kc") && r.out().contains("bare.json"),
        () -> "every input is reported on (the check has something to look at); " + r);
    assertFalse(r.out().contains(PW) || r.err().contains(PW), () -> format + " leaks the password:\n" + r);
  }

  @ParameterizedTest
  @EnumSource(ReportFormat.class)
  void mutateNeverPrintsThePassword(ReportFormat format) {
    List<String> args = new ArrayList<>(List.of("mutate", "-o", format.name()));
    args.addAll(FILES);
    CliRun r = CliRun.run(args.toArray(String[]::new));
    assertTrue(r.exitCode() == 1, () -> "the inputs have errors: exit 1; " + r);
    assertFalse(r.out().contains(PW) || r.err().contains(PW), () -> format + " leaks the password:\n" + r);
  }
}
