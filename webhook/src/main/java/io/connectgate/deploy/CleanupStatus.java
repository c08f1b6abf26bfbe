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
    SKIPPED;

    public boolean done() {
      return this == DELETED || this == ABANDONED || this == SKIPPED;
    }

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public record Entry(String connector, int attempts, State state, Instant retryAt) {}

  public CleanupStatus {
    entries = Map.copyOf(entries);
  }

  public static CleanupStatus parse(String annotation) {
    Map<String, Entry> entries = new TreeMap<>();
    if (annotation == null || annotation.isBlank()) return new CleanupStatus(entries);
    try {
      JsonNode root = JSON.readTree(annotation);
      if (!(root instanceof ObjectNode object)) return new CleanupStatus(entries);
      for (Map.Entry<String, JsonNode> e : object.properties()) {
        JsonNode v = e.getValue();
        State state = null;
        for (State s : State.values()) {
          if (s.label().equals(v.path("state").asString(""))) state = s;
        }
        String retryAt = v.path("retryAt").asString("");
        if (state != null) {
          entries.put(e.getKey(), new Entry(v.path("connector").asString(""), v.path("attempts").asInt(0), state,
              retryAt.isEmpty() ? null : Instant.parse(retryAt)));
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

  public CleanupStatus with(String key, Entry entry) {
    Map<String, Entry> copy = new TreeMap<>(entries);
    copy.put(key, entry);
    return new CleanupStatus(copy);
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
    });
    return JSON.writeValueAsString(root);
  }
}
