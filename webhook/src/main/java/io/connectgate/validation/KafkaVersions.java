package io.connectgate.validation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Kafka versions a catalog has schemas for, from its {@value #INDEX} (written by schemagen):
 * the pinned line, whose generated files are at the top of the schemas directory, and each
 * other line with the sub-directory holding its own generated files. A version is chosen by
 * line ({@code 3.9}) or by a release of that line ({@code 3.9.0}): Kafka changes settings in
 * feature releases.
 */
public final class KafkaVersions {

  static final String INDEX = "kafka-versions.json";

  private final String pinned;
  /** line → directory of its files relative to the schemas directory ("" for the pinned line) */
  private final Map<String, String> directories;
  private final Map<String, String> releases;

  private KafkaVersions(String pinned, Map<String, String> directories,
      Map<String, String> releases) {
    this.pinned = pinned;
    this.directories = directories;
    this.releases = releases;
  }

  /** The versions built into the jar (or the build's classes). */
  public static KafkaVersions builtIn() {
    try (InputStream in = KafkaVersions.class.getResourceAsStream("/schemas/" + INDEX)) {
      if (in == null) {
        throw new SchemaCatalogException(SchemaFiles.BUILT_IN, List.of("no /schemas/" + INDEX
            + " on the classpath"));
      }
      return parse(SchemaFiles.BUILT_IN, in.readAllBytes());
    } catch (IOException e) {
      throw new SchemaCatalogException(SchemaFiles.BUILT_IN, List.of("cannot read " + INDEX
          + ": " + e));
    }
  }

  /** The versions of a schemas directory laid out like the built-in one (the repository's). */
  static KafkaVersions of(Path schemasDir) {
    Path index = schemasDir.resolve(INDEX);
    try {
      return parse(index.toString(), Files.readAllBytes(index));
    } catch (IOException e) {
      throw new SchemaCatalogException(index.toString(), List.of("cannot read: " + e));
    }
  }

  private static KafkaVersions parse(String source, byte[] json) {
    try {
      JsonNode root = JsonMapper.builder().build().readTree(json);
      Map<String, String> directories = new LinkedHashMap<>();
      Map<String, String> releases = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> v : root.path("versions").properties()) {
        directories.put(v.getKey(), v.getValue().path("directory").asString(""));
        releases.put(v.getKey(), v.getValue().path("release").asString(v.getKey()));
      }
      String pinned = root.path("pinned").asString(null);
      if (pinned == null || !directories.containsKey(pinned)) {
        throw new SchemaCatalogException(source, List.of(INDEX + " names no pinned version"
            + " among its versions"));
      }
      return new KafkaVersions(pinned, Collections.unmodifiableMap(directories),
          Collections.unmodifiableMap(releases));
    } catch (JacksonException e) {
      throw new SchemaCatalogException(source, List.of(INDEX + ": invalid JSON: "
          + e.getOriginalMessage()));
    }
  }

  /** The line used when none is chosen: the Kafka version the project pins. */
  public String pinned() {
    return pinned;
  }

  /** Every supported line, oldest first. */
  public List<String> supported() {
    return List.copyOf(directories.keySet());
  }

  /** The Kafka release a line's schemas were generated from ({@code 3.9} → {@code 3.9.1}). */
  public String release(String line) {
    return releases.get(line);
  }

  /**
   * The supported line {@code requested} names: a line ({@code 4.0}) or a release of it
   * ({@code 4.0.1}); null or blank means the pinned line.
   *
   * @throws IllegalArgumentException naming the supported versions
   */
  public String resolve(String requested) {
    if (requested == null || requested.isBlank()) {
      return pinned;
    }
    String v = requested.strip();
    String[] parts = v.split("\\.", -1);
    if (v.matches("[0-9]{1,4}(\\.[0-9]{1,4}){1,2}")) {
      String line = Integer.parseInt(parts[0]) + "." + Integer.parseInt(parts[1]);
      if (directories.containsKey(line)) {
        return line;
      }
    }
    throw new IllegalArgumentException("unknown Kafka version \"" + abbreviate(v)
        + "\": supported are " + String.join(", ", supported()) + " (a release such as "
        + releases.get(pinned) + " selects its line; default " + pinned + ")");
  }

  /** The directory of a version's generated files, relative to the schemas directory; "" pinned. */
  String directory(String version) {
    return directories.get(resolve(version));
  }

  /** A version as typed is echoed in errors, bounded: it is user input. */
  private static String abbreviate(String v) {
    String printable = v.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() > 20 ? printable.substring(0, 20) + "..." : printable;
  }
}
