package io.connectgate.schemagen;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every supported Kafka version's generated files: the pinned version (the Kafka on the class
 * path) at the top of {@code schemas/}, each other release under {@code kafka-<line>/}, and the
 * index {@value #INDEX} that names them and lists what each differs in from the pinned one.
 *
 * @param files path relative to {@code schemas/} → JSON text
 * @param unmapped release → validator classes met that have no mapping
 */
record VersionedSchemas(Map<String, String> files, Map<String, Set<String>> unmapped) {

  static final String INDEX = "kafka-versions.json";

  /** Generates the pinned version here and every release under {@code jars} in isolation. */
  static VersionedSchemas generate(Path jars) {
    SchemaGenerator pinned = new SchemaGenerator();
    Map<String, String> pinnedFiles = pinned.generate();
    String pinnedRelease = SchemaGenerator.kafkaVersion();
    Map<String, String> files = new LinkedHashMap<>(pinnedFiles);
    Map<String, Set<String>> unmapped = new TreeMap<>();
    unmapped.put(pinnedRelease, pinned.unmappedValidators());
    List<IsolatedGeneration.Generated> others = new ArrayList<>();
    for (KafkaRelease release : KafkaRelease.under(jars)) {
      if (release.line().equals(KafkaRelease.line(pinnedRelease))) {
        throw new IllegalStateException("Kafka " + release.release() + " under " + jars
            + " is the pinned line " + pinnedRelease + ": one release per line");
      }
      IsolatedGeneration.Generated g = IsolatedGeneration.run(release,
          jars.resolve(KafkaRelease.SHARED));
      others.add(g);
      unmapped.put(g.release(), g.unmapped());
      g.files().forEach((name, text) -> files.put(release.directory() + "/" + name, text));
    }
    files.put(INDEX, VersionDiff.index(pinnedRelease, pinnedFiles, others));
    return new VersionedSchemas(files, unmapped);
  }
}
