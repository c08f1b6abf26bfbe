package io.connectgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.admission.Endpoint;
import io.connectgate.server.WebhookMetrics;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The chart's Prometheus Operator objects: off by default; when on, the ServiceMonitor scrapes
 * the webhook's HTTPS port with its CA, and every alert is written against metric names and
 * label values connectgate really exports (read from a live registry, not from a list here).
 */
class MonitoringTest {

  private static final Path VALUES = Charts.connectgateChart().resolve("ci/monitoring-values.yaml");
  private static final Pattern REFERENCE = Pattern.compile("(connectgate_[a-z_]+)(\\{([^}]*)})?");
  private static final Pattern MATCHER = Pattern.compile("([a-z_]+)=~?\"([^\"]*)\"");

  @Test
  void offByDefault() {
    List<HasMetadata> objects = Charts.parse(Charts.template(Charts.connectgateChart(), null));
    assertFalse(objects.stream().anyMatch(o -> o.getApiVersion().startsWith("monitoring.coreos.com/")),
        "expected no Prometheus Operator objects unless asked for: " + ConnectgateChartTest.kinds(objects));
  }

  @Test
  void theServiceMonitorScrapesTheHttpsPortWithTheServingCa() {
    GenericKubernetesResource monitor = single("ServiceMonitor");
    assertEquals("prometheus", monitor.getMetadata().getLabels().get("release"), "expected monitoring.labels applied");
    Map<String, Object> endpoint = endpoints(monitor).get(0);
    assertEquals("https", endpoint.get("port"), "expected the Service's https port");
    assertEquals("/metrics", endpoint.get("path"), "expected /metrics");
    assertEquals("https", endpoint.get("scheme"), "expected HTTPS");
    @SuppressWarnings("unchecked")
    Map<String, Object> tls = (Map<String, Object>) endpoint.get("tlsConfig");
    assertEquals("connectgate.connectgate.svc", tls.get("serverName"), "expected the name the certificate covers");
    assertEquals(Map.of("secret", Map.of("name", "connectgate-tls", "key", "ca.crt")), tls.get("ca"),
        "expected the CA of the mounted TLS Secret");
  }

  @Test
  void everyAlertUsesMetricsAndLabelValuesConnectgateExports() {
    String scrape = exported();
    List<String> alerts = new ArrayList<>();
    for (Map<String, Object> rule : rules(single("PrometheusRule"))) {
      String alert = (String) rule.get("alert");
      alerts.add(alert);
      String expr = (String) rule.get("expr");
      Matcher reference = REFERENCE.matcher(expr);
      int references = 0;
      while (reference.find()) {
        references++;
        String name = reference.group(1);
        assertTrue(scrape.contains("\n" + name + "{") || scrape.contains("\n" + name + " "),
            alert + ": connectgate exports no " + name);
        if (reference.group(3) == null) {
          continue;
        }
        Matcher matcher = MATCHER.matcher(reference.group(3));
        while (matcher.find()) {
          for (String value : matcher.group(2).split("\\|")) {
            assertTrue(Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{[^}]*" + matcher.group(1) + "=\""
                    + Pattern.quote(value) + "\"").matcher(scrape).find(),
                alert + ": " + name + " has no " + matcher.group(1) + "=\"" + value + "\"");
          }
        }
      }
      assertTrue(references > 0, alert + ": expected an expression on connectgate's metrics: " + expr);
    }
    assertEquals(List.of("ConnectgateCertificateExpiresSoon", "ConnectgateReviewErrors", "ConnectgateSlowReviews",
        "ConnectgateConfigurationRejected", "ConnectgateDeployFailed", "ConnectgateDeployNoLeader"), alerts,
        "expected the documented alerts (the deploy ones because deployJobs is on)");
  }

  /** What /metrics shows once every kind of event has happened once. */
  private static String exported() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    WebhookMetrics metrics = new WebhookMetrics(registry);
    metrics.deployController(() -> true);
    for (String decision : List.of("allowed", "denied", "error")) {
      metrics.decision(Endpoint.VALIDATE, decision, 1_000);
    }
    for (String outcome : List.of("reloaded", "rejected")) {
      metrics.policyReload(outcome);
    }
    metrics.certificate(Instant.now(), false);
    return "\n" + registry.scrape();
  }

  private static GenericKubernetesResource single(String kind) {
    List<HasMetadata> objects = Charts.parse(Charts.template(Charts.connectgateChart(), VALUES));
    List<GenericKubernetesResource> found = objects.stream().filter(o -> o.getKind().equals(kind))
        .map(GenericKubernetesResource.class::cast).toList();
    assertEquals(1, found.size(), "expected one " + kind + ": " + ConnectgateChartTest.kinds(objects));
    return found.get(0);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> endpoints(GenericKubernetesResource monitor) {
    return (List<Map<String, Object>>) ((Map<String, Object>) monitor.get("spec")).get("endpoints");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> rules(GenericKubernetesResource rule) {
    List<Map<String, Object>> all = new ArrayList<>();
    for (Map<String, Object> group : (List<Map<String, Object>>) ((Map<String, Object>) rule.get("spec")).get("groups")) {
      all.addAll((List<Map<String, Object>>) group.get("rules"));
    }
    return all;
  }
}
