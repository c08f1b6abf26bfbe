package io.connectgate.validation;

import java.util.List;

/**
 * {@code x-connectgate-derive}: during mutation, copy the settings {@code keys} (an entry ending
 * in {@code *} is a key prefix, e.g. {@code ssl.*}) from prefix {@code from} to prefix {@code to}
 * when the target key is unset, and only while setting {@code whenKey} (if given) is a list
 * containing {@code whenContains} and setting {@code whenPresent} (if given) is set.
 *
 * @param target null: the derivation always applies; otherwise the name of the choice it
 *     belongs to (e.g. {@code source} / {@code destination} for where monitoring data goes),
 *     selected per ConfigMap by the {@code connectgate.io/monitoring-target} annotation
 * @param defaultTarget whether {@code target} is the choice made when nothing is selected
 */
public record Derivation(String from, String to, List<String> keys, String whenKey,
    String whenContains, String whenPresent, String target, boolean defaultTarget) {

  public boolean covers(String relativeKey) {
    for (String k : keys) {
      if (k.endsWith("*") ? relativeKey.startsWith(k.substring(0, k.length() - 1))
          : relativeKey.equals(k)) {
        return true;
      }
    }
    return false;
  }

  /** Whether this derivation applies when {@code selected} (null: nothing selected) is chosen. */
  public boolean selectedBy(String selected) {
    if (target == null) {
      return true;
    }
    return selected == null ? defaultTarget : target.equals(selected);
  }
}
