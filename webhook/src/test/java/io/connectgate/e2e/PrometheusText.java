package io.connectgate.e2e;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads sample values out of a Prometheus text-format scrape (what {@code GET /metrics} returns). */
record PrometheusText(String text) {

  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** Sum of every sample of {@code name} whose labels include all of {@code labels}; 0 when none. */
  double sum(String name, Map<String, String> labels) {
    double total = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith("#")) continue;
      Matcher m = SAMPLE.matcher(line);
      if (!m.find() || !m.group(1).equals(name)) continue;
      if (labels(m.group(3)).entrySet().containsAll(labels.entrySet())) {
        total += Double.parseDouble(m.group(4));
      }
    }
    return total;
  }

  private static Map<String, String> labels(String inner) {
    Map<String, String> out = new HashMap<>();
    if (inner == null) return out;
    Matcher m = LABEL.matcher(inner);
    while (m.find()) out.put(m.group(1), m.group(2));
    return out;
  }
}
