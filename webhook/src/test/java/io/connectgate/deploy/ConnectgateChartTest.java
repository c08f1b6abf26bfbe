package io.connectgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The webhook chart lints, renders and parses in every documented mode; bad values fail. */
class ConnectgateChartTest {

  static Stream<Arguments> modes() {
    return ChartMode.all(Charts.connectgateChart());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void lintsStrictly(ChartMode mode) {
    mode.assertLintsStrictly();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void rendersKubernetesObjectsWithoutUnknownFields(ChartMode mode) {
    List<HasMetadata> objects = Charts.parse(mode.renderWithHooks());
    assertTrue(objects.size() >= 8, "expected the full set of objects, got " + kinds(objects));
    for (HasMetadata object : objects) {
      String id = object.getKind() + "/" + object.getMetadata().getName();
      if (object instanceof GenericKubernetesResource) {
        assertTrue(Set.of("cert-manager.io/v1", "monitoring.coreos.com/v1").contains(object.getApiVersion()),
            "only cert-manager and Prometheus Operator objects may be untyped, not " + id);
      }
      assertEquals(List.of(), UnknownFields.in(object), "fields Kubernetes does not know in " + id);
      if (!Set.of("ClusterRole", "ClusterRoleBinding", "ValidatingWebhookConfiguration",
          "MutatingWebhookConfiguration").contains(object.getKind())) {
        assertTrue(object.getMetadata().getNamespace() != null,
            "namespaced object " + id + " should carry an explicit namespace (kubectl apply -f)");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void certManagerObjectsOnlyInCertManagerMode(ChartMode mode) {
    List<HasMetadata> objects = Charts.parse(mode.render());
    Set<String> certManagerKinds = objects.stream()
        .filter(o -> o.getApiVersion().startsWith("cert-manager.io/"))
        .map(HasMetadata::getKind).collect(Collectors.toSet());
    if (!mode.string("tls.mode").equals("certManager")) {
      assertEquals(Set.of(), certManagerKinds, "no cert-manager objects outside certManager mode");
      return;
    }
    boolean ownIssuer = mode.string("tls.certManager.issuerRef").equals("{}")
        || mode.string("tls.certManager.issuerRef").isEmpty();
    assertEquals(ownIssuer ? Set.of("Certificate", "Issuer") : Set.of("Certificate"), certManagerKinds,
        "a Certificate, plus a self-signed Issuer unless issuerRef is given");
    GenericKubernetesResource certificate = objects.stream()
        .filter(o -> o.getKind().equals("Certificate")).map(GenericKubernetesResource.class::cast)
        .findFirst().orElseThrow();
    assertEquals("connectgate", certificate.getMetadata().getName(),
        "the Certificate is named like the inject-ca-from annotation says");
    Map<String, Object> spec = certificate.get("spec");
    assertEquals("connectgate-tls", spec.get("secretName"), "the Certificate writes the mounted Secret");
    assertTrue(((List<?>) spec.get("dnsNames")).contains("connectgate.connectgate.svc"),
        "the certificate covers the name the API server dials: " + spec.get("dnsNames"));
  }

  @Test
  void rejectsAnUnknownTlsMode() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Charts.template(Charts.connectgateChart(), null, Map.of("tls.mode", "manual")));
    // values.schema.json refuses it first (enum); the template's own check stays as a second line.
    assertTrue(e.getMessage().contains("/tls/mode") && e.getMessage().contains("selfManaged"),
        "message should name tls.mode and its allowed values: " + e.getMessage());
  }

  @Test
  void existingSecretModeRequiresTheCaBundle() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Charts.template(Charts.connectgateChart(), null,
            Map.of("tls.mode", "existingSecret", "tls.existingSecret.name", "serving")));
    assertTrue(e.getMessage().contains("tls.existingSecret.caBundle is required"),
        "message should ask for the caBundle: " + e.getMessage());
  }

  @Test
  void deployJobsRequireAConnectUrl() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Charts.template(Charts.connectgateChart(), null, Map.of("deployJobs.enabled", true)));
    assertTrue(e.getMessage().contains("deployJobs.connectUrl is required"),
        "message should ask for the Connect URL: " + e.getMessage());
  }

  @Test
  void rejectsATimeoutOutsideTheApiServersRange() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Charts.template(Charts.connectgateChart(), null, Map.of("webhook.timeoutSeconds", 31)));
    assertTrue(e.getMessage().contains("timeoutSeconds") && e.getMessage().contains("30"),
        "message should name the value and the range: " + e.getMessage());
  }

  static String kinds(List<HasMetadata> objects) {
    return objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList().toString();
  }
}
