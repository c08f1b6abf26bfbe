package io.connectgate.cli;

import io.connectgate.validation.KafkaVersions;
import java.util.Iterator;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --kafka-version}: the Kafka version of the target Connect cluster, whose settings the
 * catalog's Kafka-defined parts follow (serve and every command that loads the catalog). The
 * value is checked when the command line is parsed, so a version without schemas is a usage
 * error naming the supported ones, before anything starts.
 */
final class KafkaVersionOption {

  static final String DESCRIPTION = "Kafka version of the target Connect cluster: a line"
      + " (${COMPLETION-CANDIDATES}) or a release of one (3.9.1). The Kafka-defined settings,"
      + " defaults and deprecations follow it, e.g. topics.blacklist is deprecated in 3.9 and"
      + " removed (ignored) from 4.0. Default: the pinned version (env CONNECTGATE_KAFKA_VERSION).";

  private KafkaVersionOption() {}

  /** Resolves the value to a supported line; anything else is a usage error. */
  static final class Converter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      try {
        return KafkaVersions.builtIn().resolve(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** The supported lines, for the help text; read only when help is shown. */
  static final class Supported implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return KafkaVersions.builtIn().supported().iterator();
    }
  }
}
