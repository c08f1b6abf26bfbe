package io.connectgate.policy;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A connector config's scalar settings as strings, read from its JSON object as asked rather
 * than copied into a map for every document (the copy was a twelfth of what a review
 * allocated). Objects, arrays and nulls are absent, as they were from the copy; order is the
 * document's. Read-only, and valid while the document is not changed (the policy's checks run
 * before anything mutates it).
 */
final class ConfigValues extends AbstractMap<String, String> {

  private final ObjectNode config;

  ConfigValues(ObjectNode config) {
    this.config = config;
  }

  private static String scalar(JsonNode v) {
    return v != null && v.isValueNode() && !v.isNull() ? v.asString() : null;
  }

  @Override
  public String get(Object key) {
    return key instanceof String name ? scalar(config.get(name)) : null;
  }

  @Override
  public boolean containsKey(Object key) {
    return get(key) != null;
  }

  @Override
  public Set<Entry<String, String>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<String, String>> iterator() {
        Iterator<Map.Entry<String, JsonNode>> all = config.properties().iterator();
        return new Iterator<>() {
          private Entry<String, String> next = advance();

          private Entry<String, String> advance() {
            while (all.hasNext()) {
              Map.Entry<String, JsonNode> e = all.next();
              String value = scalar(e.getValue());
              if (value != null) {
                return new SimpleImmutableEntry<>(e.getKey(), value);
              }
            }
            return null;
          }

          @Override
          public boolean hasNext() {
            return next != null;
          }

          @Override
          public Entry<String, String> next() {
            if (next == null) {
              throw new NoSuchElementException();
            }
            Entry<String, String> current = next;
            next = advance();
            return current;
          }
        };
      }

      @Override
      public int size() {
        int n = 0;
        for (JsonNode v : config.values()) {
          if (scalar(v) != null) {
            n++;
          }
        }
        return n;
      }
    };
  }
}
