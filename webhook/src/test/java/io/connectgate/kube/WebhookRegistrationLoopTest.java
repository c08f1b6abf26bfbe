package io.connectgate.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registration loop against Fabric8's CRUD mock: it keeps retrying while the template is
 * unusable, registers once it is, and re-creates a configuration deleted later (a Helm upgrade
 * from a chart that rendered it deletes it).
 */
class WebhookRegistrationLoopTest {

  private static final Duration DEADLINE = Duration.ofSeconds(20);

  KubernetesMockServer mock;
  KubernetesClient client;
  @TempDir Path dir;

  @BeforeEach
  void cluster() {
    mock = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new RecordingCrudDispatcher(), false);
    mock.init(InetAddress.getLoopbackAddress(), 0);
    client = mock.createClient();
  }

  @AfterEach
  void stop() {
    client.close();
    mock.destroy();
  }

  @Test
  void retriesUntilTheTemplateIsUsableThenKeepsTheConfigurationThere() throws Exception {
    Path template = Files.writeString(dir.resolve("webhooks.yaml"), "");
    Path ca = Files.writeString(dir.resolve("ca.crt"), WebhookSelfRegistrationTest.CA_PEM);
    try (WebhookRegistrationLoop loop = WebhookRegistrationLoop.start(
        new WebhookSelfRegistration(client, template, ca, null), Duration.ofMillis(50), Duration.ofMillis(100), () -> { })) {
      assertFalse(loop.registered(), "nothing registered from an empty template");
      Files.writeString(template, """
          apiVersion: admissionregistration.k8s.io/v1
          kind: ValidatingWebhookConfiguration
          metadata: {name: connectgate}
          webhooks:
            - name: validate.connectgate.io
              clientConfig: {url: "https://127.0.0.1:9443/validate"}
              sideEffects: NoneOnDryRun
              admissionReviewVersions: [v1]
          """);
      awaitTrue("the configuration registered", () -> loop.registered() && exists());
      client.admissionRegistration().v1().validatingWebhookConfigurations().withName("connectgate").delete();
      awaitTrue("the deleted configuration re-created", this::exists);
      assertEquals(WebhookSelfRegistrationTest.CA_B64, client.admissionRegistration().v1().validatingWebhookConfigurations()
          .withName("connectgate").get().getWebhooks().get(0).getClientConfig().getCaBundle(), "with its caBundle");
    }
  }

  private boolean exists() {
    return client.admissionRegistration().v1().validatingWebhookConfigurations().withName("connectgate").get() != null;
  }

  private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(DEADLINE);
    CountDownLatch never = new CountDownLatch(1);
    for (int i = 0; i < 400 && Instant.now().isBefore(deadline); i++) {
      if (condition.getAsBoolean()) {
        return;
      }
      never.await(50, TimeUnit.MILLISECONDS); // nothing counts it down: the pause between checks
    }
    assertTrue(condition.getAsBoolean(), "expected " + what + " within " + DEADLINE);
  }
}
