package io.connectgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.admission.ScriptedReviewer;
import io.connectgate.kube.KubeTlsBackend;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** serve --self-managed-tls wired end to end against Fabric8's CRUD mock API server. */
class ServeSelfManagedTlsTest {

  KubernetesMockServer mock;
  KubernetesClient client;

  @BeforeEach
  void cluster() {
    mock = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
    mock.init(InetAddress.getLoopbackAddress(), 0);
    client = mock.createClient();
    client.admissionRegistration().v1().validatingWebhookConfigurations().resource(new ValidatingWebhookConfigurationBuilder()
        .withNewMetadata().withName("connectgate").endMetadata()
        .addNewWebhook().withName("validate.connectgate.io").withNewClientConfig().withNewService()
            .withName("connectgate").withNamespace("kafka-admin").endService().endClientConfig()
            .withSideEffects("None").withAdmissionReviewVersions("v1").endWebhook()
        .build()).create();
  }

  @AfterEach
  void stop() {
    client.close();
    mock.destroy();
  }

  @Test
  void servesTheSecretsCertificateAndPatchesCaBundle(@TempDir Path dir) throws Exception {
    ServeCommand serve = new ServeCommand((s, p) -> new ScriptedReviewer(),
        (ns, secret, configs) -> KubeTlsBackend.over(client, ns, secret, configs));
    new CommandLine(serve).parseArgs("--port", "0", "--host", "127.0.0.1", "--cert-dir", dir.resolve("certs").toString(),
        "--self-managed-tls", "--service", "connectgate", "--namespace", "kafka-admin", "--webhook-config", "connectgate",
        "--dns-name", "webhook.example.test");
    ServeCommand.Running running = serve.start();
    assertNotNull(running, "expected serve --self-managed-tls to start");
    try {
      Secret secret = client.secrets().inNamespace("kafka-admin").withName("connectgate-tls").get();
      assertNotNull(secret, "expected the Secret <service>-tls created in --namespace");
      String ca = decode(secret.getData().get("ca.crt"));
      String caBundle = client.admissionRegistration().v1().validatingWebhookConfigurations().withName("connectgate").get()
          .getWebhooks().get(0).getClientConfig().getCaBundle();
      assertEquals(ca, decode(caBundle), "expected caBundle = the Secret's ca.crt");
      for (String host : List.of("connectgate", "connectgate.kafka-admin", "connectgate.kafka-admin.svc",
          "connectgate.kafka-admin.svc.cluster.local", "webhook.example.test")) {
        assertEquals(decode(secret.getData().get("tls.crt")).strip(), pem(presented(ca, host, running.port())).strip(),
            "expected the Secret's certificate, valid for " + host + ", served");
      }
    } finally {
      running.stop(Duration.ofSeconds(1));
    }
  }

  @Test
  void selfManagedTlsWithoutServiceIsAUsageError() {
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new ServeCommand((s, p) -> new ScriptedReviewer(),
        (ns, secret, configs) -> KubeTlsBackend.over(client, ns, secret, configs)));
    cl.setErr(new PrintWriter(err));
    assertEquals(2, cl.execute("--self-managed-tls", "--namespace", "kafka-admin"),
        "expected exit 2 for --self-managed-tls without --service and --webhook-config");
    assertTrue(err.toString().contains("--service") && err.toString().contains("--webhook-config"),
        "expected every missing option named at once: " + err);
  }

  @Test
  void theChartsArgumentsNameTheSecretItsRoleAllows() {
    // As deploy/helm/connectgate/templates/deployment.yaml renders them for release connectgate.
    ServeCommand serve = new ServeCommand((s, p) -> new ScriptedReviewer());
    new CommandLine(serve).parseArgs("--port=8443", "--cert-dir=/var/run/connectgate/certs", "--shutdown-grace=PT20S",
        "--self-managed-tls", "--service=connectgate", "--namespace=connectgate", "--webhook-config=connectgate",
        "--dns-name=connectgate", "--dns-name=connectgate.connectgate", "--dns-name=connectgate.connectgate.svc",
        "--dns-name=connectgate.connectgate.svc.cluster.local");
    assertEquals("connectgate-tls", serve.selfManaged.tlsSecretName(), "expected <service>-tls, the name in the chart's Role");
    assertEquals(List.of("connectgate"), serve.selfManaged.webhookConfigs, "expected the chart's configuration name");
    assertEquals(List.of("connectgate", "connectgate.connectgate", "connectgate.connectgate.svc",
        "connectgate.connectgate.svc.cluster.local"), serve.selfManaged.names(serve.dnsNames), "expected the Service's names, once each");
    assertEquals(Duration.ofSeconds(30), serve.selfManaged.pollInterval, "expected a 30 s poll by default");
  }

  @Test
  void helpDescribesTheSelfManagedOptions() {
    StringWriter out = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    assertEquals(0, cl.execute("serve", "--help"), "expected serve --help to exit 0");
    for (String option : List.of("--self-managed-tls", "--service", "--namespace", "--webhook-config", "--tls-secret",
        "--self-managed-poll-interval")) {
      assertTrue(out.toString().contains(option), "expected " + option + " in serve --help:\n" + out);
    }
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.US_ASCII);
  }

  private static String pem(X509Certificate cert) throws Exception {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded())
        + "\n-----END CERTIFICATE-----";
  }

  /** The certificate served on 127.0.0.1:port, verified against {@code caPem} and {@code host}. */
  private static X509Certificate presented(String caPem, String host, int port) throws Exception {
    SSLContext context = io.connectgate.testing.TrustingTls.trustingPem(caPem);
    try (Socket plain = new Socket()) {
      plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
      plain.setSoTimeout(10_000);
      try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true)) {
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        tls.setSSLParameters(parameters);
        tls.startHandshake();
        return (X509Certificate) tls.getSession().getPeerCertificates()[0];
      }
    }
  }
}
