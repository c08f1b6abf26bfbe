package io.connectgate.connector;

import java.security.MessageDigest;
import java.util.Arrays;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A ConfigMap's {@code data} or {@code binaryData} as an admission review's streaming reader
 * kept it: the first entries as an ordinary object, and what no check needs kept only as
 * counts, a flag and a digest (docs/hardening.md "Memory"). Past {@code retained} entries the
 * rest were seen once while reading and dropped, so a review of 150,000 tiny entries holds a
 * thousand, not 150,000.
 *
 * <p>Two such maps are equal when they have the same number of entries and the same digest of
 * every entry (key and value, in order): what an UPDATE's comparison of object and stored
 * object needs, without holding either. Without a digest (a CREATE) they are equal only when
 * nothing was dropped and the kept entries are equal. Never equal to a plain object node.
 */
public final class StreamedData extends ObjectNode {

  private static final long serialVersionUID = 1L;

  private final int entries;
  private final boolean droppedConnector;
  private final int firstBadKey;
  private final byte[] digest;

  /**
   * @param entries every entry read, kept or not
   * @param droppedConnector whether a dropped entry is a connector document on its own
   * @param firstBadKey the position (from 1) of the first dropped entry whose key the API
   *     server would refuse, 0 if none (kept entries are checked on the tree)
   * @param digest SHA-256 over every entry, or null when not computed
   */
  public StreamedData(JsonNodeFactory factory, int entries, boolean droppedConnector,
      int firstBadKey, byte[] digest) {
    super(factory);
    this.entries = entries;
    this.droppedConnector = droppedConnector;
    this.firstBadKey = firstBadKey;
    this.digest = digest == null ? null : digest.clone();
  }

  /** Every entry the map had, kept or dropped. */
  public int entries() {
    return entries;
  }

  /** Entries read but not kept. */
  public int dropped() {
    return entries - size();
  }

  /** Whether a dropped entry holds a connector document ({@link ConnectorDetection}). */
  public boolean droppedConnector() {
    return droppedConnector;
  }

  /** Position (from 1) of the first dropped entry with a key the API server refuses; 0 if none. */
  public int firstBadKey() {
    return firstBadKey;
  }

  @Override
  public boolean equals(Object o) {
    if (o == this) {
      return true;
    }
    if (!(o instanceof StreamedData other) || entries != other.entries) {
      return false;
    }
    if (digest != null && other.digest != null) {
      return MessageDigest.isEqual(digest, other.digest);
    }
    return dropped() == 0 && other.dropped() == 0 && super.equals(other);
  }

  @Override
  public int hashCode() {
    return 31 * entries + (digest == null ? super.hashCode() : Arrays.hashCode(digest));
  }
}
