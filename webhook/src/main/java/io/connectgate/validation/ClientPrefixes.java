package io.connectgate.validation;

import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A schema's open prefixes, longest first, that also answer "the longest prefix of this key":
 * every rule asks it of every key of every document, and a scan of a dozen or more
 * {@code startsWith} per key was a visible share of a review. Answers are kept per key name
 * (a pure function of the key for this immutable list), bounded like
 * {@link SensitiveKeys}' so that made-up keys cannot grow it; beyond the bound keys are scanned.
 */
final class ClientPrefixes extends AbstractList<ClientPrefix> implements RandomAccess {

  static final int SEEN_MAX_ENTRIES = 1024;
  static final int SEEN_MAX_KEY_LENGTH = 128;
  /** Stands for "no prefix" in the map, which holds no nulls. */
  private static final Under NONE = new Under(null, null);

  /**
   * A key's longest prefix and the key under it ({@code src.kafka.acks}: {@code src.kafka.},
   * {@code acks}). Kept, the key under the prefix is one string whose hash is computed once,
   * instead of a substring cut and hashed again by every rule that looks it up.
   */
  record Under(ClientPrefix prefix, String key) {}

  private final List<ClientPrefix> prefixes;
  private final Map<String, Under> seen = new ConcurrentHashMap<>();

  private ClientPrefixes(List<ClientPrefix> prefixes) {
    this.prefixes = prefixes;
  }

  static List<ClientPrefix> of(List<ClientPrefix> prefixes) {
    return prefixes == null || prefixes instanceof ClientPrefixes || prefixes.isEmpty() ? prefixes
        : new ClientPrefixes(List.copyOf(prefixes));
  }

  /** The longest prefix {@code key} falls under (the first in this order), or null. */
  static ClientPrefix longest(List<ClientPrefix> prefixes, String key) {
    Under under = under(prefixes, key);
    return under == null ? null : under.prefix();
  }

  /** {@code key}'s longest prefix and the key under it, or null when it falls under none. */
  static Under under(List<ClientPrefix> prefixes, String key) {
    if (prefixes instanceof ClientPrefixes indexed) {
      Under known = indexed.seen.get(key);
      if (known != null) {
        return known == NONE ? null : known;
      }
    }
    ClientPrefix found = scan(prefixes, key);
    Under under = found == null ? null : new Under(found, key.substring(found.prefix().length()));
    if (prefixes instanceof ClientPrefixes indexed && key.length() <= SEEN_MAX_KEY_LENGTH
        && indexed.seen.size() < SEEN_MAX_ENTRIES) {
      indexed.seen.put(key, under == null ? NONE : under);
    }
    return under;
  }

  private static ClientPrefix scan(List<ClientPrefix> prefixes, String key) {
    for (ClientPrefix p : prefixes) {
      if (key.startsWith(p.prefix())) {
        return p;
      }
    }
    return null;
  }

  @Override
  public ClientPrefix get(int index) {
    return prefixes.get(index);
  }

  @Override
  public int size() {
    return prefixes.size();
  }
}
