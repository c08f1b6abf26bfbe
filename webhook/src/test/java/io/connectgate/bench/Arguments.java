package io.connectgate.bench;

import java.util.HashMap;
import java.util.Map;

/** {@code name=value} arguments with defaults. */
final class Arguments {

  private final Map<String, String> values = new HashMap<>();

  Arguments(String[] args) {
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("expected name=value, got " + arg);
      }
      values.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
  }

  int integer(String name, int fallback) {
    return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
  }

  String text(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }
}
