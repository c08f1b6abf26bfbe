package io.connectgate.schemagen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Kafka release the catalog supports besides the pinned one, with the directory holding its
 * jars (the schemagen pom copies them to {@code target/kafka/<release>/}). Its schemas are
 * written under {@code schemas/kafka-<line>/}, where the line is major.minor: the catalog is
 * chosen by line, since Kafka changes settings in feature releases.
 *
 * @param release e.g. 3.9.1
 * @param jars the directory of that release's Kafka jars
 */
record KafkaRelease(String release, Path jars) {

  /** The directory of the generator's own non-Kafka runtime jars, beside the releases'. */
  static final String SHARED = "shared";

  /** major.minor: 3.9.1 is 3.9. */
  static String line(String release) {
    String[] parts = release.split("\\.");
    if (parts.length < 2) {
      throw new IllegalArgumentException("not a Kafka release: " + release);
    }
    return parts[0] + "." + parts[1];
  }

  String line() {
    return line(release);
  }

  /** The schemas directory's sub-directory for this line: {@code kafka-3.9}. */
  String directory() {
    return "kafka-" + line();
  }

  /** Every release directory under {@code base} (all but {@value #SHARED}), oldest first. */
  static List<KafkaRelease> under(Path base) {
    List<KafkaRelease> out = new ArrayList<>();
    if (base == null || !Files.isDirectory(base)) {
      return out;
    }
    try (Stream<Path> dirs = Files.list(base)) {
      for (Path d : dirs.filter(Files::isDirectory).toList()) {
        String name = d.getFileName().toString();
        if (!SHARED.equals(name)) {
          out.add(new KafkaRelease(name, d));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.sort(Comparator.comparing(KafkaRelease::release, (a, b) ->
        a.equals(b) ? 0 : Deprecations.atLeast(a, b) ? 1 : -1));
    return out;
  }
}
