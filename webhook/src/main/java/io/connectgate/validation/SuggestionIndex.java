package io.connectgate.validation;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The candidates of one "did you mean" (the keys a schema, or a client under a prefix, knows)
 * with the suggestions already found for them. The suggestion is a pure function of the key and
 * these immutable candidates, and the same unknown names recur in every connector of a family
 * (a MirrorMaker document with twenty misplaced client settings cost ~0.5 ms in edit distances,
 * each time). Bounded like the other per-key-name answers ({@link ClientPrefixes}): entries and
 * key length, so names made up by a tenant cannot grow it; past the bound a key is computed.
 */
final class SuggestionIndex {

  static final int SEEN_MAX_ENTRIES = 1024;
  static final int SEEN_MAX_KEY_LENGTH = 128;

  private final Collection<String> candidates;
  private final Map<String, Optional<String>> seen = new ConcurrentHashMap<>();

  SuggestionIndex(Collection<String> candidates) {
    this.candidates = List.copyOf(candidates);
  }

  /** {@link Suggestions#closest} of {@code key} among the candidates, or null. */
  String closest(String key) {
    if (candidates.isEmpty()) {
      return null;
    }
    Optional<String> known = seen.get(key);
    if (known != null) {
      return known.orElse(null);
    }
    String suggestion = Suggestions.closest(key, candidates);
    if (key.length() <= SEEN_MAX_KEY_LENGTH && seen.size() < SEEN_MAX_ENTRIES) {
      seen.put(key, Optional.ofNullable(suggestion));
    }
    return suggestion;
  }

  int kept() {
    return seen.size();
  }
}
