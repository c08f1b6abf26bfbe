package io.connectgate.connect;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One connector as Kafka Connect's {@code PUT /connectors/{name}/config} wants it: the name
 * and the flat string map. The map always carries {@code name} equal to {@link #name()}, so
 * Connect never sees two different names.
 */
public record ConnectorDefinition(String name, Map<String, String> config) {

  public static final String CLASS_KEY = "connector.class";

  public ConnectorDefinition {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("connector name is missing or empty");
    }
    if (config.containsKey("name") && !name.equals(config.get("name"))) {
      throw new IllegalArgumentException("connector name \"" + name
          + "\" differs from the config's \"name\" \"" + config.get("name") + "\"");
    }
    Map<String, String> copy = new LinkedHashMap<>(config);
    copy.put("name", name);
    config = Collections.unmodifiableMap(copy);
  }

  /** The {@code connector.class}, or null when the config does not name one. */
  public String connectorClass() {
    return config.get(CLASS_KEY);
  }
}
