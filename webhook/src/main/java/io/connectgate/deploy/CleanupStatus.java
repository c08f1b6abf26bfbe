package io.connectgate.deploy;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@value CleanupKeys#CLEANUP_STATUS_ANNOTATION} annotation of a ConfigMap being deleted:
 * per data key, the connector, the delete attempts made, how the last ended and, after a
 * failure, when the next may start. It survives restarts and leader changes, so the attempt
 * limit and the backoff hold across them. Keys sorted: the same status renders the same text.
 */
public record CleanupStatus(Map<String, Entry> entries) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  public enum State {
    /** A delete Job for {@code attempts} is created (or about to be). */
    RUNNING,
    /** The last delete Job failed; another starts at {@code retryAt}. */
    FAILED,
    /** Connect no longer has the connector. */
    DELETED,
    /** Every attempt failed: the connector was left in Connect and the finalizer released. */
    ABANDONED,
    /** Nothing to delete from Connect (no connector name in the entry, or a refused URL). */
    SKIPPED,
    /**
     * The ConfigMap lives and this entry's connector is deployed: recorded (name, URL, hash) so
     * that it can be deleted once the entry is removed from the ConfigMap.
     */
    RECORDED;

    public boolean done() {
      return this == DELETED || this == ABANDONED || this == SKIPPED;
    }

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * @param url the Connect URL (RECORDED and removed entries; empty when not needed)
   * @param hash the content hash the record was made for (RECORDED; empty otherwise)
   */
  public record Entry(String connector, int attempts, State state, Instant retryAt, String url, String hash) {
    public Entry(String connector, int attempts, State state, Instant retryAt) {
      this(connector, attempts, state, retryAt, "", "");
    }

    public Entry {
      url = url == null ? "" : url;
      hash = hash == null ? "" : hash;
    }

    /** The same, in another state. */
    Entry as(int attempts, State state, Instant retryAt) {
      return new Entry(connector, attempts, state, retryAt, url, hash);
    }
  }

  public CleanupStatus {
    entries = Map.copyOf(entries);
  }

  /**
   * Entries read from the annotation at most. A real status holds one per connector entry (at
   * most {@link io.connectgate.validation.Limits#MAX_DOCUMENTS}) and those of removed entries
   * whose delete is under way; the annotation is writable by whoever may edit the ConfigMap, so
   * what it asks for is bounded: past this, entries are ignored (their connectors stay in
   * Connect), not turned into thousands of delete Jobs.
   */
  public static final int MAX_ENTRIES = 4 * io.connectgate.validation.Limits.MAX_DOCUMENTS;

  public static CleanupStatus parse(String annotation) {
    Map<String, Entry> entries = new TreeMap<>();
    if (annotation == null || annotation.isBlank()) return new CleanupStatus(entries);
    try {
      JsonNode root = JSON.readTree(annotation);
      if (!(root instanceof ObjectNode object)) return new CleanupStatus(entries);
      for (Map.Entry<String, JsonNode> e : object.properties()) {
        if (entries.size() == MAX_ENTRIES) break; // a forged status: the rest are never acted on
        JsonNode v = e.getValue();
        State state = null;
        for (State s : State.values()) {
          if (s.label().equals(v.path("state").asString(""))) state = s;
        }
        String retryAt = v.path("retryAt").asString("");
        if (state != null) {
          entries.put(e.getKey(), new Entry(v.path("connector").asString(""), v.path("attempts").asInt(0), state,
              retryAt.isEmpty() ? null : Instant.parse(retryAt), v.path("url").asString(""),
              v.path("hash").asString("")));
        }
      }
    } catch (JacksonException | java.time.format.DateTimeParseException e) {
      return new CleanupStatus(Map.of()); // unreadable: start over (attempts are then counted again)
    }
    return new CleanupStatus(entries);
  }

  public Entry get(String key) {
    return entries.get(key);
  }


  public boolean allDone() {
    return entries.values().stream().allMatch(e -> e.state().done());
  }

  public String render() {
    ObjectNode root = JSON.createObjectNode();
    new TreeMap<>(entries).forEach((key, e) -> {
      ObjectNode v = root.putObject(key);
      v.put("connector", e.connector());
      v.put("attempts", e.attempts());
      v.put("state", e.state().label());
      if (e.retryAt() != null) v.put("retryAt", e.retryAt().toString());
      if (!e.url().isEmpty()) v.put("url", e.url());
      if (!e.hash().isEmpty()) v.put("hash", e.hash());
    });
    return JSON.writeValueAsString(root);
  }
}
