package io.connectgate.validation;

import java.util.List;

/**
 * {@code x-connectgate-derive}: during mutation, copy the settings {@code keys} (an entry ending
 * in {@code *} is a key prefix, e.g. {@code ssl.*}) from prefix {@code from} to prefix {@code to}
 * when the target key is unset, and only while setting {@code whenKey} (if given) is a list
 * containing {@code whenContains}.
 */
public record Derivation(String from, String to, List<String> keys, String whenKey,
    String whenContains) {

  public boolean covers(String relativeKey) {
    for (String k : keys) {
      if (k.endsWith("*") ? relativeKey.startsWith(k.substring(0, k.length() - 1))
          : relativeKey.equals(k)) {
        return true;
      }
    }
    return false;
  }
}
