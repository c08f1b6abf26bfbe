package io.connectgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.admission.ScriptedReviewer;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

// A start-up check that wrongly starts serving would block forever: fail instead.
@Timeout(120)
class ServeCommandTest {

  @Test
  void helpListsTheOptions() {
    StringWriter out = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    assertEquals(0, cl.execute("serve", "--help"), "expected serve --help to exit 0");
    for (String option : List.of("--port", "--host", "--cert-dir", "--dns-name", "--schemas", "--policy",
        "--shutdown-grace", "--client-ca")) {
      assertTrue(out.toString().contains(option), "expected " + option + " in serve --help:\n" + out);
    }
  }

  @Test
  void refusesToStartOnABadPolicyListingEveryProblem(@TempDir Path dir) throws Exception {
    Path policy = Files.writeString(dir.resolve("policy.yaml"), """
        apiVersion: connectgate.io/v1
        kind: ConnectorPolicy
        rules:
          maxTasks: {action: block, max: 0}
          noSuchRule: deny
        """);
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute("serve", "--port", "0", "--host", "127.0.0.1",
        "--cert-dir", dir.resolve("certs").toString(), "--policy", policy.toString());
    assertEquals(1, exit, "expected a start-up failure to exit 1");
    for (String expected : List.of("cannot start", "rules.maxTasks.action", "rules.maxTasks.max", "noSuchRule")) {
      assertTrue(err.toString().contains(expected), "expected " + expected + " on stderr: " + err);
    }
  }

  @Test
  void refusesToStartOnABrokenSchemaDirectoryNamingTheFile(@TempDir Path dir) throws Exception {
    Path schemas = Files.createDirectories(dir.resolve("schemas"));
    Files.writeString(schemas.resolve("broken.schema.json"), "{\"$schema\": ");
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute("serve", "--port", "0", "--host", "127.0.0.1",
        "--cert-dir", dir.resolve("certs").toString(), "--schemas", schemas.toString());
    assertEquals(1, exit, "expected a start-up failure to exit 1");
    assertTrue(err.toString().contains("broken.schema.json"), "expected the file named: " + err);
  }

  @Test
  void badDurationIsAUsageError() {
    CommandLine cl = Main.commandLine();
    cl.setErr(new PrintWriter(new StringWriter()));
    assertEquals(2, cl.execute("serve", "--shutdown-grace", "soon"), "expected exit 2 for a bad duration");
  }

  @ParameterizedTest
  @CsvSource({"20, PT20S", "20s, PT20S", "500ms, PT0.5S", "2m, PT2M", "PT15S, PT15S", "pt1m, PT1M"})
  void durationsInSecondsUnitsOrIso(String text, String iso) {
    assertEquals(Duration.parse(iso), new DurationConverter().convert(text),
        "expected " + text + " to mean " + iso);
  }

  @Test
  void zeroIsADrainDelayButNeverATimeoutOrInterval() {
    assertEquals(Duration.ZERO, new DurationConverter.ZeroAllowed().convert("0"), "--drain-delay 0: no drain");
    assertEquals(Duration.ZERO, new DurationConverter.ZeroAllowed().convert("0s"), "0s too");
    org.junit.jupiter.api.Assertions.assertThrows(CommandLine.TypeConversionException.class,
        () -> new DurationConverter().convert("0"), "a zero timeout or poll interval is refused");
  }

  @Test
  void environmentVariablesSetOptions() {
    ServeCommand serve = new ServeCommand((s, p) -> new ScriptedReviewer());
    CommandLine cl = new CommandLine(serve);
    cl.setDefaultValueProvider(new EnvironmentDefaults(Map.of(
        "CONNECTGATE_SHUTDOWN_GRACE", "7s", "CONNECTGATE_DNS_NAME", "a.svc,b.svc", "CONNECTGATE_PORT", "9443")));
    cl.parseArgs();
    assertEquals(Duration.ofSeconds(7), serve.shutdownGrace, "expected CONNECTGATE_SHUTDOWN_GRACE honoured");
    assertEquals(List.of("a.svc", "b.svc"), serve.dnsNames, "expected CONNECTGATE_DNS_NAME split on commas");
    assertEquals(9443, serve.port, "expected CONNECTGATE_PORT honoured");
  }

  @Test
  void startsWithGeneratedCertificatesAClientCanTrust(@TempDir Path dir) throws Exception {
    Path certs = dir.resolve("certs");
    ServeCommand serve = new ServeCommand((s, p) -> new ScriptedReviewer());
    new CommandLine(serve).parseArgs("--port", "0", "--host", "127.0.0.1", "--cert-dir", certs.toString(),
        "--dns-name", "connectgate.connectgate.svc", "--dns-name", "connectgate.connectgate.svc.cluster.local");
    ServeCommand.Running running = serve.start();
    assertNotNull(running, "expected serve to start");
    try {
      for (String file : List.of("ca.crt", "tls.crt", "tls.key")) {
        assertTrue(Files.exists(certs.resolve(file)), "expected " + file + " written to --cert-dir");
      }
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(certs.resolve("tls.key"))),
          "expected tls.key readable by its owner only");
      X509Certificate leaf = certificate(certs.resolve("tls.crt"));
      List<String> sans = leaf.getSubjectAlternativeNames().stream().map(san -> san.get(1).toString()).toList();
      assertTrue(sans.containsAll(List.of("localhost", "127.0.0.1", "connectgate.connectgate.svc",
          "connectgate.connectgate.svc.cluster.local")), "expected every SAN, got " + sans);

      HttpClient client = HttpClient.newBuilder().sslContext(trusting(certs.resolve("ca.crt"))).build();
      HttpResponse<String> health = client.send(HttpRequest.newBuilder(
          URI.create("https://localhost:" + running.port() + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode(), "expected /healthz 200 through the generated CA and the localhost SAN");
    } finally {
      running.stop(Duration.ofSeconds(1));
    }
  }

  private static X509Certificate certificate(Path pem) throws Exception {
    try (InputStream in = Files.newInputStream(pem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  static SSLContext trusting(Path ca) throws Exception {
    return io.connectgate.testing.TrustingTls.trusting(ca);
  }

}
