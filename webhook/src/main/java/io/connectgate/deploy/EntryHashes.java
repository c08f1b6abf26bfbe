package io.connectgate.deploy;

import io.connectgate.connector.StrictJsonParser;
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

  public Map<String, String> of(Map<String, String> data, String connectUrlAnnotation) {
    String url = settings.effectiveUrl(connectUrlAnnotation);
    Map<String, String> hashes = new LinkedHashMap<>();
    entries.of(data).forEach((key, text) -> hashes.put(key, EntryHash.of(key, text, url)));
    return hashes;
  }
}
