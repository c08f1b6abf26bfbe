package io.connectgate.schemagen;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.utils.AppInfoParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The reviewed, committed deprecation list ({@code deprecations.json}): ConfigDef carries no
 * deprecation, so renamed and removed keys are written down by hand and merged into the
 * generated defs as {@code x-connectgate-deprecated} (and {@code x-connectgate-removed} from
 * the Kafka version that removed the key on); a key Kafka still reads and dropped, or will drop,
 * without a successor is marked {@value #WITHOUT_REPLACEMENT} instead. The list is checked against the ConfigDef of the
 * Kafka version being generated: a key Kafka still defines must not be marked removed yet, a
 * removed one must be gone, and the replacement must exist.
 */
final class Deprecations {

  /**
   * A deprecated setting the Kafka version being generated still reads and that has no
   * replacement: the Kafka version that removes it ({@code "4.0"}), or {@code true} when no
   * Kafka release removes it yet.
   */
  static final String WITHOUT_REPLACEMENT = "x-connectgate-deprecated-without-replacement";

  private final JsonNode list;
  private final String kafkaVersion;

  Deprecations(JsonNode list) {
    this(list, AppInfoParser.getVersion());
  }

  Deprecations(JsonNode list, String kafkaVersion) {
    this.list = list;
    this.kafkaVersion = kafkaVersion;
  }

  static Deprecations committed() {
    try (InputStream in = Deprecations.class.getResourceAsStream("deprecations.json")) {
      return new Deprecations(JsonMapper.builder().build().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JsonNode list() {
    return list;
  }

  /** Whether Kafka {@code version} is {@code other} or later (major.minor[.patch] numbers). */
  static boolean atLeast(String version, String other) {
    String[] a = version.split("[.-]");
    String[] b = other.split("[.-]");
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      int x = i < a.length ? number(a[i]) : 0;
      int y = i < b.length ? number(b[i]) : 0;
      if (x != y) {
        return x > y;
      }
    }
    return true;
  }

  private static int number(String part) {
    return part.chars().allMatch(Character::isDigit) && !part.isEmpty() ? Integer.parseInt(part)
        : 0;
  }

  /**
   * Marks the listed keys of {@code scope} in {@code properties}; {@code defined}: every key of
   * the ConfigDef behind them, at this Kafka version.
   */
  void addTo(String scope, ObjectNode properties, Set<String> defined) {
    if (scope == null) {
      return;
    }
    for (Map.Entry<String, JsonNode> e : list.path(scope).properties()) {
      String key = e.getKey();
      // No replacement: a setting Kafka dropped without a successor.
      String replacement = e.getValue().path("replacement").asString(null);
      String removedIn = e.getValue().path("removedIn").asString(null);
      // A setting Kafka added already deprecated (MirrorMaker's metric.names.formats in 4.3):
      // older versions must not define it, and have nothing to mark.
      String addedIn = e.getValue().path("addedIn").asString(null);
      if (addedIn != null && !atLeast(kafkaVersion, addedIn)) {
        if (defined.contains(key)) {
          throw new IllegalStateException("deprecations.json: " + scope + ": " + key
              + " is marked added in " + addedIn + " but Kafka " + kafkaVersion
              + " already defines it");
        }
        continue;
      }
      boolean removed = removedIn != null && atLeast(kafkaVersion, removedIn);
      if (replacement != null && !defined.contains(replacement)) {
        throw new IllegalStateException("deprecations.json: " + scope + ": the replacement "
            + replacement + " of " + key + " is not a setting of Kafka " + kafkaVersion);
      }
      if (removed && defined.contains(key)) {
        throw new IllegalStateException("deprecations.json: " + scope + ": " + key
            + " is marked removed in " + removedIn + " but Kafka " + kafkaVersion
            + " still defines it");
      }
      if (!removed && !defined.contains(key)) {
        throw new IllegalStateException("deprecations.json: " + scope + ": " + key
            + " is marked deprecated but Kafka " + kafkaVersion + " does not define it: give"
            + " the version that removed it (removedIn)");
      }
      ObjectNode p = properties.has(key) ? (ObjectNode) properties.get(key)
          : properties.putObject(key);
      if (replacement == null && !removed) {
        // Still read, documented deprecated by Kafka, and no successor: the version that
        // removes it when a Kafka release does (3.9's use.incremental.alter.configs: 4.0),
        // else true (4.3's metric.names.formats). Kafka's own description is kept.
        if (removedIn != null) {
          p.put(WITHOUT_REPLACEMENT, removedIn);
        } else {
          p.put(WITHOUT_REPLACEMENT, true);
        }
        continue;
      }
      if (removed) {
        p.put("description", "removed in Kafka " + removedIn + " (ignored)"
            + (replacement == null ? "" : ": use " + replacement));
        p.put("x-connectgate-removed", removedIn);
      }
      if (replacement != null) {
        p.put("x-connectgate-deprecated", replacement);
      }
    }
  }
}
