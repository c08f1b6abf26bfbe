package io.connectgate.schemagen;

import java.nio.file.Files;
import java.nio.file.Path;

/** Every supported Kafka version's generation, run once per test JVM (about ten seconds). */
final class AllVersions {

  private static VersionedSchemas generated;

  private AllVersions() {}

  /** The pom's {@code target/kafka}: each other release's jars, copied by the dependency plugin. */
  static Path jars() {
    Path jars = Path.of(System.getProperty("connectgate.kafka.jars", "target/kafka"));
    if (!Files.isDirectory(jars)) {
      throw new IllegalStateException(jars + " is missing: run the tests through Maven (the"
          + " dependency plugin copies each Kafka release's jars there)");
    }
    return jars;
  }

  static synchronized VersionedSchemas generated() {
    if (generated == null) {
      generated = VersionedSchemas.generate(jars());
    }
    return generated;
  }
}
