package io.connectgate.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The schemas are generated from Kafka at build time (schemagen), not at run time: the shipped
 * {@code connectgate.jar} carries the generated JSON and no Kafka class.
 */
class JarWithoutKafkaIT {

  @Test
  void theShadedJarHasTheGeneratedSchemasAndNoKafkaClasses() throws Exception {
    Path jar = Path.of("target/connectgate.jar");
    assertTrue(Files.exists(jar), "expected the shaded jar at " + jar.toAbsolutePath()
        + " (failsafe runs after package)");
    List<String> kafka = new ArrayList<>();
    List<String> schemas = new ArrayList<>();
    try (JarFile file = new JarFile(jar.toFile())) {
      for (JarEntry e : Collections.list(file.entries())) {
        if (e.getName().startsWith("org/apache/kafka/")) {
          kafka.add(e.getName());
        }
        if (e.getName().startsWith("schemas/kafka-") && e.getName().endsWith(".json")) {
          schemas.add(e.getName());
        }
      }
    }
    assertTrue(kafka.isEmpty(), () -> "expected no Kafka classes in the jar, found "
        + kafka.size() + ", e.g. " + kafka.subList(0, Math.min(5, kafka.size())));
    assertTrue(schemas.containsAll(List.of("schemas/kafka-clients.schema.json",
        "schemas/kafka-connect.schema.json", "schemas/kafka-mirror.schema.json",
        "schemas/kafka-plugins.schema.json", "schemas/kafka-versions.json",
        "schemas/kafka-3.9/kafka-mirror.schema.json", "schemas/kafka-4.0/kafka-mirror.schema.json",
        "schemas/kafka-4.2/kafka-mirror.schema.json", "schemas/kafka-4.3/kafka-mirror.schema.json")),
        () -> "expected the generated schemas of every supported Kafka version and their index"
            + " in the jar (--kafka-version), found " + schemas);
  }
}
