package io.connectgate.deploy;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@value DeployKeys#STATUS_ANNOTATION} annotation: per data key, the content hash the
 * controller finished with, how it ended and the Job that did it, e.g.
 * {@code {"replicator.json":{"hash":"0a1b2c3d4e","outcome":"deployed","job":"r-deploy-0a1b2c3d4e",
 * "uid":"6f1c..."}}}. It, not the Job's existence, records completion: a finished Job deleted by
 * its TTL is not created again for the same content. Keys sorted, so the same status renders the
 * same text and an unchanged status is never written.
 *
 * <p>Each entry names the uid of the ConfigMap it was recorded on. An annotation copied with the
 * object ({@code kubectl get -o yaml} applied elsewhere, a backup restored into a new cluster, a
 * ConfigMap deleted and created again) belongs to another object: {@link #of(String)} drops its
 * entries, so the copy is deployed instead of being taken for done. Entries without a uid were
 * written before it was recorded and are kept (dropping them would redeploy every connector once
 * on upgrade); they gain the uid with their next change.
 */
public record DeployStatus(Map<String, Entry> entries) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** How the last Job (or the check before it) ended. */
  public enum Outcome {
    /** The Job completed: Connect runs the connector with this content. */
    DEPLOYED,
    /** The Job failed; the Warning Event carries Connect's error. */
    FAILED,
    /** No Job: the engine, policy or URL allow-list refused this content. */
    REJECTED;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Outcome parse(String label) {
      for (Outcome o : values()) {
        if (o.label().equals(label)) return o;
      }
      return null;
    }
  }

  /**
   * @param job the Job's name; empty for {@link Outcome#REJECTED}
   * @param uid the uid of the ConfigMap it was recorded on; empty when written before that was
   *     recorded
   */
  public record Entry(String hash, Outcome outcome, String job, String uid) {
    /** An entry without a uid (as written before uids were recorded). */
    public Entry(String hash, Outcome outcome, String job) {
      this(hash, outcome, job, "");
    }
  }

  public DeployStatus {
    entries = Map.copyOf(entries);
  }

  public static DeployStatus empty() {
    return new DeployStatus(Map.of());
  }

  /** The annotation's status; empty when absent or unreadable (then rewritten on the next change). */
  public static DeployStatus parse(String annotation) {
    if (annotation == null || annotation.isBlank()) {
      return empty();
    }
    JsonNode root;
    try {
      root = JSON.readTree(annotation);
    } catch (JacksonException e) {
      return empty();
    }
    if (!(root instanceof ObjectNode object)) {
      return empty();
    }
    Map<String, Entry> entries = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      JsonNode v = e.getValue();
      String hash = v.path("hash").asString("");
      Outcome outcome = Outcome.parse(v.path("outcome").asString(""));
      if (!hash.isEmpty() && outcome != null) {
        entries.put(e.getKey(), new Entry(hash, outcome, v.path("job").asString(""),
            v.path("uid").asString("")));
      }
    }
    return new DeployStatus(entries);
  }

  /**
   * Only the entries recorded on the ConfigMap with {@code uid} (or before uids were recorded):
   * what a copied annotation says about another object is not this one's.
   */
  public DeployStatus of(String uid) {
    Map<String, Entry> own = new TreeMap<>(entries);
    own.values().removeIf(e -> !e.uid().isEmpty() && !e.uid().equals(uid));
    return own.size() == entries.size() ? this : new DeployStatus(own);
  }

  public Entry get(String dataKey) {
    return entries.get(dataKey);
  }

  /** Only the entries whose keys are in {@code keys}. */
  public DeployStatus retain(java.util.Set<String> keys) {
    Map<String, Entry> copy = new TreeMap<>(entries);
    copy.keySet().retainAll(keys);
    return new DeployStatus(copy);
  }

  public String render() {
    ObjectNode root = JSON.createObjectNode();
    new TreeMap<>(entries).forEach((key, e) -> {
      ObjectNode v = root.putObject(key);
      v.put("hash", e.hash());
      v.put("outcome", e.outcome().label());
      if (!e.job().isEmpty()) v.put("job", e.job());
      if (!e.uid().isEmpty()) v.put("uid", e.uid());
    });
    return JSON.writeValueAsString(root);
  }
}
