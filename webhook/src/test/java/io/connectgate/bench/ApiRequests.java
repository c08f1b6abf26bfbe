package io.connectgate.bench;

import io.connectgate.e2e.PrometheusText;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/**
 * Requests the API server has answered, from its own {@code apiserver_request_total}
 * ({@code GET /metrics}, as the admin): all of them, and the LISTs of ConfigMaps. The
 * difference of two readings around a child process is what that child asked for, plus the
 * API server's own background requests and the first reading itself (measured with no child
 * by {@link #idle}).
 */
record ApiRequests(double all, double configMapLists) {

  static final String METRIC = "apiserver_request_total";

  static ApiRequests read(KubernetesClient admin) {
    return parse(admin.raw("/metrics"));
  }

  static ApiRequests parse(String metrics) {
    PrometheusText text = new PrometheusText(metrics);
    return new ApiRequests(text.sum(METRIC, Map.of()),
        text.sum(METRIC, Map.of("verb", "LIST", "resource", "configmaps")));
  }

  ApiRequests minus(ApiRequests earlier) {
    return new ApiRequests(all - earlier.all, configMapLists - earlier.configMapLists);
  }

  /** Two readings with nothing in between: what a reading and the background add. */
  static ApiRequests idle(KubernetesClient admin) {
    ApiRequests before = read(admin);
    return read(admin).minus(before);
  }
}
