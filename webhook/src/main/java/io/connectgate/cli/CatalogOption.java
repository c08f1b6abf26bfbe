package io.connectgate.cli;

import io.connectgate.validation.SchemaCatalog;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --schemas DIR} and {@code --kafka-version} options shared by commands that validate. */
final class CatalogOption {

  @Option(names = "--schemas", paramLabel = "DIR",
      description = "Directory of *.schema.json files added to the built-in schema catalog;"
          + " a file named like a built-in one (e.g. replicator.schema.json) replaces it, and"
          + " claiming a class another schema claims is an error (env CONNECTGATE_SCHEMAS).")
  Path schemas;

  @Option(names = "--kafka-version", paramLabel = "VERSION",
      converter = KafkaVersionOption.Converter.class,
      completionCandidates = KafkaVersionOption.Supported.class,
      description = KafkaVersionOption.DESCRIPTION)
  String kafkaVersion;

  /** Loads the catalog; throws SchemaCatalogException listing every problem. */
  SchemaCatalog load() {
    return schemas == null ? SchemaCatalog.builtIn(kafkaVersion)
        : SchemaCatalog.load(schemas, kafkaVersion);
  }
}
