package io.connectgate.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.kube.WebhookSelfRegistration.Outcome;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Self-registration of the webhook configurations against Fabric8's mock API server in CRUD mode. */
class WebhookSelfRegistrationTest {

  static final String NAME = "connectgate";
  static final String CA_PEM = "-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n";
  static final String CA_B64 = Base64.getEncoder().encodeToString(CA_PEM.getBytes(StandardCharsets.US_ASCII));

  KubernetesMockServer mock;
  KubernetesClient client;
  @TempDir Path dir;
  Path template;
  Path ca;
  WebhookSelfRegistration registration;

  @BeforeEach
  void cluster() throws IOException {
    mock = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new RecordingCrudDispatcher(), false);
    mock.init(InetAddress.getLoopbackAddress(), 0);
    client = mock.createClient();
    client.rbac().clusterRoles().resource(new ClusterRoleBuilder().withNewMetadata().withName("connectgate-webhook-registration")
.endMetadata().build()).create();
    template = dir.resolve("webhooks.yaml");
    ca = dir.resolve("ca.crt");
    Files.writeString(ca, CA_PEM);
    writeTemplate("Fail");
    registration = new WebhookSelfRegistration(client, template, ca, "connectgate-webhook-registration");
  }

  @AfterEach
  void stop() {
    client.close();
    mock.destroy();
  }

  void writeTemplate(String failurePolicy) throws IOException {
    Files.writeString(template, """
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingWebhookConfiguration
        metadata:
          name: connectgate
          labels: {app.kubernetes.io/managed-by: connectgate}
        webhooks:
          - name: validate.connectgate.io
            clientConfig: {service: {name: connectgate, namespace: connectgate, path: /validate, port: 443}}
            rules: [{apiGroups: [""], apiVersions: [v1], resources: [configmaps], operations: [CREATE, UPDATE]}]
            failurePolicy: %1$s
            sideEffects: NoneOnDryRun
            admissionReviewVersions: [v1]
        ---
        apiVersion: admissionregistration.k8s.io/v1
        kind: MutatingWebhookConfiguration
        metadata:
          name: connectgate
        webhooks:
          - name: mutate.connectgate.io
            clientConfig: {service: {name: connectgate, namespace: connectgate, path: /mutate, port: 443}}
            rules: [{apiGroups: [""], apiVersions: [v1], resources: [configmaps], operations: [CREATE, UPDATE]}]
            failurePolicy: %1$s
            sideEffects: NoneOnDryRun
            admissionReviewVersions: [v1]
        """.formatted(failurePolicy));
  }

  void readyEndpoint() {
    client.endpoints().inNamespace("connectgate").resource(new EndpointsBuilder()
        .withNewMetadata().withName("connectgate").withNamespace("connectgate").endMetadata()
        .addNewSubset().addNewAddress().withIp("10.1.2.3").endAddress().addNewPort().withPort(8443).endPort().endSubset()
        .build()).create();
  }

  ValidatingWebhookConfiguration validating() {
    return client.admissionRegistration().v1().validatingWebhookConfigurations().withName(NAME).get();
  }

  MutatingWebhookConfiguration mutating() {
    return client.admissionRegistration().v1().mutatingWebhookConfigurations().withName(NAME).get();
  }

  @Test
  void registersNothingWhileTheServiceHasNoReadyEndpoint() {
    client.endpoints().inNamespace("connectgate").resource(new EndpointsBuilder()
        .withNewMetadata().withName("connectgate").withNamespace("connectgate").endMetadata()
        .addNewSubset().addNewNotReadyAddress().withIp("10.1.2.3").endNotReadyAddress().endSubset().build()).create();
    assertEquals(Outcome.WAITING, registration.ensure(), "only not-ready addresses: wait");
    assertNull(validating(), "no ValidatingWebhookConfiguration while nobody serves");
    assertNull(mutating(), "no MutatingWebhookConfiguration while nobody serves");
  }

  @Test
  void createsBothWithTheCaBundleTheOwnerAndTheTemplateHash() {
    readyEndpoint();
    assertEquals(Outcome.APPLIED, registration.ensure(), "first pass creates");
    ValidatingWebhookConfiguration v = validating();
    assertNotNull(v, "ValidatingWebhookConfiguration created");
    assertEquals(CA_B64, v.getWebhooks().get(0).getClientConfig().getCaBundle(), "caBundle seeded from the CA file");
    assertEquals("Fail", v.getWebhooks().get(0).getFailurePolicy(), "the template's settings");
    assertEquals("connectgate", v.getMetadata().getLabels().get("app.kubernetes.io/managed-by"), "the template's labels");
    String ownerUid = client.rbac().clusterRoles().withName("connectgate-webhook-registration").get().getMetadata().getUid();
    assertEquals(ownerUid, v.getMetadata().getOwnerReferences().get(0).getUid(), "owned by the ClusterRole");
    assertEquals("ClusterRole", v.getMetadata().getOwnerReferences().get(0).getKind(), "owner kind");
    assertNotNull(v.getMetadata().getAnnotations().get(WebhookSelfRegistration.TEMPLATE_HASH), "hash recorded");
    assertEquals(CA_B64, mutating().getWebhooks().get(0).getClientConfig().getCaBundle(), "mutating too");
    assertEquals(Outcome.UNCHANGED, registration.ensure(), "second pass: nothing to do");
  }

  @Test
  void keepsALiveCaBundleAndAHandEditUntilTheTemplateChanges() throws IOException {
    readyEndpoint();
    registration.ensure();
    // Self-managed TLS (or cert-manager's injector) publishes a bundle; someone breaks glass.
    ValidatingWebhookConfiguration edited = validating();
    edited.getWebhooks().get(0).getClientConfig().setCaBundle("cm90YXRlZA==");
    edited.getWebhooks().get(0).setFailurePolicy("Ignore");
    client.resource(edited).update();
    assertEquals(Outcome.UNCHANGED, registration.ensure(), "the file did not change: hands off");
    assertEquals("Ignore", validating().getWebhooks().get(0).getFailurePolicy(), "hand edit kept");

    writeTemplate("Ignore");
    writeTemplate("Fail");
    Files.writeString(template, Files.readString(template) + "# changed\n");
    assertEquals(Outcome.APPLIED, registration.ensure(), "a changed file is applied");
    ValidatingWebhookConfiguration after = validating();
    assertEquals("Fail", after.getWebhooks().get(0).getFailurePolicy(), "the file's failurePolicy again");
    assertEquals("cm90YXRlZA==", after.getWebhooks().get(0).getClientConfig().getCaBundle(),
        "the live caBundle is kept, not replaced by the seed");
  }

  @Test
  void recreatesADeletedConfiguration() {
    readyEndpoint();
    registration.ensure();
    client.admissionRegistration().v1().mutatingWebhookConfigurations().withName(NAME).delete();
    assertNull(mutating(), "deleted (e.g. by a Helm upgrade from a chart that rendered it)");
    assertEquals(Outcome.APPLIED, registration.ensure(), "the next pass re-creates it");
    assertNotNull(mutating(), "MutatingWebhookConfiguration back");
  }

  @Test
  void refusesWithoutOwnerOrCaOrWithForeignObjects() throws IOException {
    readyEndpoint();
    IllegalStateException noOwner = assertThrows(IllegalStateException.class,
        () -> new WebhookSelfRegistration(client, template, ca, "missing-role").ensure());
    assertTrue(noOwner.getMessage().contains("missing-role"), noOwner.getMessage());
    assertNull(validating(), "nothing registered without its owner (it would never be collected)");

    IllegalStateException noCa = assertThrows(IllegalStateException.class,
        () -> new WebhookSelfRegistration(client, template, dir.resolve("absent.crt"), null).ensure());
    assertTrue(noCa.getMessage().contains("no caBundle"), noCa.getMessage());

    Files.writeString(template, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n");
    IllegalStateException foreign = assertThrows(IllegalStateException.class, () -> registration.ensure());
    assertTrue(foreign.getMessage().contains("ConfigMap is not a webhook configuration"), foreign.getMessage());
  }

  @Test
  void aUrlWebhookNeedsNoEndpoint() throws IOException {
    Files.writeString(template, Files.readString(template)
        .replace("{service: {name: connectgate, namespace: connectgate, path: /validate, port: 443}}",
            "{url: \"https://127.0.0.1:9443/validate\"}")
        .replace("{service: {name: connectgate, namespace: connectgate, path: /mutate, port: 443}}",
            "{url: \"https://127.0.0.1:9443/mutate\"}"));
    assertEquals(Outcome.APPLIED, registration.ensure(), "no Service to wait for");
    assertNotEquals(null, validating(), "registered");
  }
}
