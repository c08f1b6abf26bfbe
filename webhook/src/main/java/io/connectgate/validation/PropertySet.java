package io.connectgate.validation;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The settings a (sub-)schema declares, read from its JSON: property names (following
 * {@code $ref}/{@code allOf}), {@code patternProperties}, deprecated names with their
 * replacement ({@code x-connectgate-deprecated}) and Java-regex settings
 * ({@code x-connectgate-java-regex}: {@code true} for one regex, {@code "list"} for a
 * comma-separated list of regexes, as MirrorMaker's {@code topics}). Keys are relative to the
 * prefix the set belongs to. {@code removed}: deprecated names the target Kafka version no
 * longer reads ({@code x-connectgate-removed}: the version that removed them).
 * {@code sensitive}: settings marked {@code x-connectgate-sensitive} (Kafka's PASSWORD type).
 * {@code withoutReplacement}: deprecated settings the target Kafka version still reads and
 * that have no successor ({@code x-connectgate-deprecated-without-replacement}), each with the
 * Kafka version that removes it, or {@code ""} when no Kafka release removes it yet.
 */
public record PropertySet(
    Set<String> names, List<Pattern> patterns, Map<String, String> deprecated,
    Set<String> javaRegex, Set<String> javaRegexLists, Map<String, String> removed,
    Set<String> sensitive, Map<String, String> withoutReplacement) {

  public boolean knows(String key) {
    if (names.contains(key)) {
      return true;
    }
    for (Pattern p : patterns) {
      if (BoundedRegex.find(p, key)) {
        return true;
      }
    }
    return false;
  }
}
