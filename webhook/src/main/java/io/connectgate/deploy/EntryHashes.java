package io.connectgate.deploy;

import io.connectgate.connector.StrictJsonParser;
import io.connectgate.validation.Limits;
import java.util.LinkedHashMap;
import java.util.Map;

/** The content hash of every connector entry of a ConfigMap's data, for the URL it goes to. */
public final class EntryHashes {

  private final DeployableEntries entries;
  private final DeploySettings settings;

  public EntryHashes(DeploySettings settings) {
    this(new DeployableEntries(new StrictJsonParser()), settings);
  }

  EntryHashes(DeployableEntries entries, DeploySettings settings) {
    this.entries = entries;
    this.settings = settings;
  }

  /**
   * At most {@link #KEPT} entries: one more than a ConfigMap may hold (the engine's
   * {@link Limits#MAX_DOCUMENTS}), enough to know that it holds too many, so neither the
   * controller's cache nor a pass grows with a tenant's 20,000 entries.
   */
  public Map<String, String> of(Map<String, String> data, String connectUrlAnnotation) {
    String url = settings.effectiveUrl(connectUrlAnnotation);
    Map<String, String> hashes = new LinkedHashMap<>();
    entries.of(data, KEPT).forEach((key, text) -> hashes.put(key, EntryHash.of(key, text, url)));
    return hashes;
  }

  /** Connector entries kept of one ConfigMap. */
  public static final int KEPT = Limits.MAX_DOCUMENTS + 1;
}
