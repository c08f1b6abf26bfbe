package io.connectgate.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Resource requests the API server has answered, from its own {@code apiserver_request_total}
 * ({@code GET /metrics}, as the admin), by verb and resource ({@code "LIST configmaps"}).
 * Discovery and {@code /metrics} itself are not resource requests and are not counted. The
 * difference of two readings around a child process is what that child asked for, plus the
 * API server's own background requests (measured with no child by {@link #idle}).
 */
record ApiRequests(Map<String, Double> byVerbAndResource) {

  static final String METRIC = "apiserver_request_total";
  private static final Pattern SAMPLE = Pattern.compile("^" + METRIC + "\\{(.*)}\\s+(\\S+)");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  ApiRequests {
    byVerbAndResource = java.util.Collections.unmodifiableMap(new TreeMap<>(byVerbAndResource));
  }

  static ApiRequests read(KubernetesClient admin) {
    return parse(admin.raw("/metrics"));
  }

  static ApiRequests parse(String metrics) {
    Map<String, Double> counts = new TreeMap<>();
    for (String line : metrics.split("\n")) {
      Matcher m = SAMPLE.matcher(line);
      if (!m.find()) continue;
      String verb = "";
      String resource = "";
      Matcher label = LABEL.matcher(m.group(1));
      while (label.find()) {
        if (label.group(1).equals("verb")) verb = label.group(2);
        if (label.group(1).equals("resource")) resource = label.group(2);
      }
      counts.merge((verb + " " + resource).trim(), Double.parseDouble(m.group(2)), Double::sum);
    }
    return new ApiRequests(counts);
  }

  double all() {
    return byVerbAndResource.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  double configMapLists() {
    return byVerbAndResource.getOrDefault("LIST configmaps", 0.0);
  }

  ApiRequests minus(ApiRequests earlier) {
    Map<String, Double> delta = new TreeMap<>(byVerbAndResource);
    earlier.byVerbAndResource.forEach((k, v) -> delta.merge(k, -v, Double::sum));
    delta.values().removeIf(v -> v == 0);
    return new ApiRequests(delta);
  }

  /** {@code "LIST configmaps 41, GET namespaces 1"}, or "none". */
  String describe() {
    return byVerbAndResource.isEmpty() ? "none" : byVerbAndResource.entrySet().stream()
        .map(e -> e.getKey() + " " + Math.round(e.getValue())).collect(Collectors.joining(", "));
  }

  /** Two readings with nothing in between: what the background adds. */
  static ApiRequests idle(KubernetesClient admin) {
    ApiRequests before = read(admin);
    return read(admin).minus(before);
  }
}
