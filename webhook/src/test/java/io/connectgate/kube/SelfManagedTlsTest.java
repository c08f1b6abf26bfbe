package io.connectgate.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.tls.RotationPolicy;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --self-managed-tls against Fabric8's mock API server in CRUD mode, with two replicas, each a
 * real HTTPS webhook. Clients behave like the API server: they trust exactly the caBundle the
 * ValidatingWebhookConfiguration holds at that moment and verify the Service's DNS name.
 */
class SelfManagedTlsTest {

  static final String CONFIG = "connectgate";
  /** Named too, but created only later: the chart may create a configuration after the pod. */
  static final String LATE_CONFIG = "connectgate-late";
  static final String SERVICE_HOST = "connectgate.connectgate.svc";
  static final Duration DEADLINE = Duration.ofSeconds(40);
  static final Duration POLL = Duration.ofMillis(200);

  RecordingCrudDispatcher dispatcher;
  KubernetesMockServer mock;
  KubernetesClient admin;
  final List<AutoCloseable> open = new ArrayList<>();

  @BeforeEach
  void cluster() {
    dispatcher = new RecordingCrudDispatcher();
    mock = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    mock.init(InetAddress.getLoopbackAddress(), 0);
    admin = mock.createClient();
    admin.admissionRegistration().v1().validatingWebhookConfigurations().resource(new ValidatingWebhookConfigurationBuilder()
        .withNewMetadata().withName(CONFIG).endMetadata()
        .addNewWebhook().withName("validate-a.connectgate.io").withNewClientConfig().withNewService()
            .withName("connectgate").withNamespace("connectgate").withPath("/validate").endService().endClientConfig()
            .withSideEffects("None").withAdmissionReviewVersions("v1").endWebhook()
        .addNewWebhook().withName("validate-b.connectgate.io").withNewClientConfig().withNewService()
            .withName("connectgate").withNamespace("connectgate").withPath("/validate").endService()
            .withCaBundle(Base64.getEncoder().encodeToString("stale".getBytes(StandardCharsets.US_ASCII))).endClientConfig()
            .withSideEffects("None").withAdmissionReviewVersions("v1").endWebhook()
        .build()).create();
    createMutating(CONFIG);
  }

  private void createMutating(String name) {
    admin.admissionRegistration().v1().mutatingWebhookConfigurations().resource(new MutatingWebhookConfigurationBuilder()
        .withNewMetadata().withName(name).endMetadata()
        .addNewWebhook().withName("mutate-a.connectgate.io").withNewClientConfig().withNewService()
            .withName("connectgate").withNamespace("connectgate").withPath("/mutate").endService().endClientConfig()
            .withSideEffects("None").withAdmissionReviewVersions("v1").endWebhook()
        .addNewWebhook().withName("mutate-b.connectgate.io").withNewClientConfig().withNewService()
            .withName("connectgate").withNamespace("connectgate").withPath("/mutate").endService().endClientConfig()
            .withSideEffects("None").withAdmissionReviewVersions("v1").endWebhook()
        .build()).create();
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    admin.close();
    mock.destroy();
  }

  /** Two replicas started at the same moment, serving. */
  private List<Replica> replicas(Path dir, RotationPolicy policy) throws Exception {
    List<Replica> replicas = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Replica r = new Replica(mock.createClient(), dir.resolve("pod-" + i), List.of(CONFIG, LATE_CONFIG), policy, POLL);
      open.add(r);
      replicas.add(r);
    }
    ExecutorService starting = Executors.newFixedThreadPool(2);
    try {
      List<Future<Object>> started = new ArrayList<>();
      for (Replica r : replicas) {
        started.add(starting.submit(() -> {
          r.prepare();
          return null;
        }));
      }
      for (Future<Object> f : started) {
        f.get();
      }
    } finally {
      starting.shutdownNow();
    }
    for (Replica r : replicas) {
      r.serve();
    }
    return replicas;
  }

  @Test
  void replicasShareOneSecretAndPatchEveryWebhook(@TempDir Path dir) throws Exception {
    List<Replica> replicas = replicas(dir, RotationPolicy.defaults());

    assertEquals(1, dispatcher.calls("POST", "/secrets").stream().filter(c -> c.status() == 201).count(),
        "expected the Secret created exactly once: " + dispatcher.calls("POST", "/secrets"));
    assertEquals(1, admin.secrets().inNamespace(Replica.NAMESPACE).list().getItems().size(), "expected one Secret");
    Secret secret = admin.secrets().inNamespace(Replica.NAMESPACE).withName(Replica.SECRET).get();
    assertEquals("kubernetes.io/tls", secret.getType(), "expected a kubernetes.io/tls Secret");
    assertTrue(secret.getData().keySet().containsAll(Set.of("tls.crt", "tls.key", "ca.crt", "ca.key")),
        "expected tls.crt, tls.key, ca.crt and ca.key in the Secret, got " + secret.getData().keySet());

    String bundle = decoded(secret, "ca.crt");
    X509Certificate serving = TlsProbe.certificates(decoded(secret, "tls.crt")).get(0);
    var trust = TlsProbe.trusting(bundle);
    for (Replica r : replicas) {
      for (String san : Replica.SANS) {
        assertEquals(serving, TlsProbe.presented(trust, san, r.port),
            "expected replica on port " + r.port + " to present the Secret's certificate, verified for " + san);
      }
      assertEquals(200, TlsProbe.request(trust, SERVICE_HOST, r.port, "GET", "/readyz", null),
          "expected /readyz 200 once the certificate is loaded");
    }

    String expected = Base64.getEncoder().encodeToString(bundle.getBytes(StandardCharsets.US_ASCII));
    awaitTrue(() -> caBundles(CONFIG).stream().allMatch(expected::equals) && caBundles(CONFIG).size() == 4,
        () -> "expected caBundle = the Secret's ca.crt on all 4 webhooks of " + CONFIG + ", got " + caBundles(CONFIG));

    createMutating(LATE_CONFIG);
    awaitTrue(() -> caBundles(LATE_CONFIG).size() == 2 && caBundles(LATE_CONFIG).stream().allMatch(expected::equals),
        () -> "expected caBundle patched into " + LATE_CONFIG + " once it exists, got " + caBundles(LATE_CONFIG));
  }

  @Test
  void servingCertificateRotatesWithoutAFailedRequest(@TempDir Path dir) throws Exception {
    List<Replica> replicas = replicas(dir, new RotationPolicy(Duration.ofSeconds(6), Duration.ofHours(1), Duration.ofSeconds(1)));
    BigInteger first = leaf().getSerialNumber();
    String bundle = decoded(secret(), "ca.crt");

    try (ApiServerLikeClient loop = new ApiServerLikeClient(replicas)) {
      // Renewal is due when a third of the 6 s remains; both replicas must present the new one.
      awaitTrue(() -> {
        X509Certificate now = leaf();
        return !now.getSerialNumber().equals(first) && replicas.stream().allMatch(r -> presents(r, now));
      }, () -> "expected a renewed serving certificate in the Secret and on both replicas");
      loop.assertServedThroughout();
    }
    assertEquals(bundle, decoded(secret(), "ca.crt"), "expected the CA (and so caBundle) unchanged by a serving certificate renewal");
  }

  @Test
  void caRotationPublishesTheNewCaFirstAndKeepsBothDuringTheOverlap(@TempDir Path dir) throws Exception {
    ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.connectgate");
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
        new ch.qos.logback.core.read.ListAppender<>();
    logged.start();
    root.addAppender(logged);
    try {
      caRotation(dir);
    } finally {
      root.detachAppender(logged);
    }
    Set<String> keyLines = new java.util.HashSet<>();
    for (String key : List.of("tls.key", "ca.key")) {
      decoded(secret(), key).lines().filter(l -> !l.startsWith("-----")).forEach(keyLines::add);
    }
    assertTrue(logged.list.size() > 5, "expected the rotation logged, got " + logged.list.size() + " lines");
    for (var event : logged.list) {
      String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage());
      assertFalse(line.contains("PRIVATE KEY") || keyLines.stream().anyMatch(line::contains),
          "expected no key material in the log, found it in: " + event.getFormattedMessage().substring(0, 40));
    }
  }

  private void caRotation(Path dir) throws Exception {
    List<Replica> replicas = replicas(dir, new RotationPolicy(Duration.ofSeconds(12), Duration.ofSeconds(12), Duration.ofSeconds(2)));
    X509Certificate oldCa = TlsProbe.certificates(decoded(secret(), "ca.crt")).get(0);
    List<String> seen = new ArrayList<>();
    List<String> untrusted = new ArrayList<>();

    try (ApiServerLikeClient loop = new ApiServerLikeClient(replicas)) {
      awaitTrue(() -> {
        List<X509Certificate> cas = TlsProbe.certificates(decoded(secret(), "ca.crt"));
        List<X509Certificate> published = TlsProbe.certificates(new String(
            Base64.getDecoder().decode(caBundles(CONFIG).get(0)), StandardCharsets.US_ASCII));
        X509Certificate leaf = leaf();
        String issuer = leaf.getIssuerX500Principal().equals(oldCa.getSubjectX500Principal()) ? "old" : "new";
        String state = "secret=" + cas.size() + " published=" + published.size() + " leaf=" + issuer;
        if (published.stream().noneMatch(ca -> ca.getSubjectX500Principal().equals(leaf.getIssuerX500Principal()))) {
          untrusted.add(state);
        }
        if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(state)) {
          seen.add(state);
        }
        return cas.size() == 1 && !cas.contains(oldCa) && issuer.equals("new");
      }, () -> "expected the old CA replaced by a new one, states seen: " + seen);
      loop.assertServedThroughout();
    }
    assertTrue(seen.contains("secret=2 published=2 leaf=old"),
        "expected the new CA published next to the old one while the old CA still issued the serving certificate: " + seen);
    assertTrue(seen.contains("secret=2 published=2 leaf=new"),
        "expected both CAs kept while the new CA's serving certificate rolls out: " + seen);
    assertTrue(seen.indexOf("secret=2 published=2 leaf=old") < seen.indexOf("secret=2 published=2 leaf=new"),
        "expected the new CA published before it issued the serving certificate: " + seen);
    assertTrue(untrusted.isEmpty(),
        "expected the Secret's serving certificate always issued by a CA in the published caBundle: " + untrusted);
  }

  private boolean presents(Replica r, X509Certificate expected) {
    try {
      return expected.equals(TlsProbe.presented(TlsProbe.trusting(decoded(secret(), "ca.crt")), SERVICE_HOST, r.port));
    } catch (Exception e) {
      return false;
    }
  }

  private Secret secret() {
    return admin.secrets().inNamespace(Replica.NAMESPACE).withName(Replica.SECRET).get();
  }

  private X509Certificate leaf() throws Exception {
    return TlsProbe.certificates(decoded(secret(), "tls.crt")).get(0);
  }

  private static String decoded(Secret secret, String key) {
    assertNotNull(secret, "expected the Secret to exist");
    return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.US_ASCII);
  }

  /** caBundle of every webhook of both configurations named {@code name} (absent ones skipped). */
  private List<String> caBundles(String name) {
    List<String> out = new ArrayList<>();
    var v = admin.admissionRegistration().v1().validatingWebhookConfigurations().withName(name).get();
    if (v != null) {
      v.getWebhooks().forEach(w -> out.add(w.getClientConfig().getCaBundle()));
    }
    var m = admin.admissionRegistration().v1().mutatingWebhookConfigurations().withName(name).get();
    if (m != null) {
      m.getWebhooks().forEach(w -> out.add(w.getClientConfig().getCaBundle()));
    }
    return out;
  }

  interface Check {
    boolean test() throws Exception;
  }

  static void awaitTrue(Check check, java.util.function.Supplier<String> message) throws Exception {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (System.nanoTime() < deadline) {
      if (check.test()) {
        return;
      }
      Thread.sleep(100);
    }
    assertTrue(check.test(), message.get() + " within " + DEADLINE);
  }

  /**
   * Sends reviews back to back, alternating replicas, each on a new connection that trusts
   * the caBundle the API holds right then: what the API server does.
   */
  final class ApiServerLikeClient implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger served = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final Thread thread;

    ApiServerLikeClient(List<Replica> replicas) throws Exception {
      byte[] review;
      try (InputStream in = getClass().getResourceAsStream("/admission-reviews/create-validate.json")) {
        review = in.readAllBytes();
      }
      thread = new Thread(() -> {
        int i = 0;
        while (running.get()) {
          Replica r = replicas.get(i++ % replicas.size());
          String bundle = new String(Base64.getDecoder().decode(caBundles(CONFIG).get(0)), StandardCharsets.US_ASCII);
          try {
            int status = TlsProbe.request(TlsProbe.trusting(bundle), SERVICE_HOST, r.port, "POST", "/validate", review);
            if (status == 200) {
              served.incrementAndGet();
            } else {
              failures.add("HTTP " + status + " from port " + r.port);
            }
          } catch (Exception e) {
            failures.add(e + " from port " + r.port);
          }
        }
      }, "api-server-like-client");
      thread.start();
    }

    void assertServedThroughout() {
      assertTrue(failures.isEmpty(), "expected every review answered during the rotation, failures: "
          + failures.stream().limit(5).collect(Collectors.toList()));
      assertTrue(served.get() >= 20, "expected reviews to run throughout, only " + served.get() + " did");
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      thread.join(DEADLINE.toMillis());
    }
  }
}
