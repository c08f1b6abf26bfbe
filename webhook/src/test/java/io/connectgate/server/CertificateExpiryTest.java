package io.connectgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.connectgate.admission.DenialMessage;
import io.connectgate.admission.ScriptedReviewer;
import io.connectgate.tls.CertDirectory;
import io.connectgate.tls.CertificateAuthority;
import io.connectgate.tls.CertificateGenerator;
import io.connectgate.tls.CertificateSet;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Expiry of the serving certificate: a WARN under 30 days (at load and daily), and the gauge follows reloads. */
class CertificateExpiryTest {

  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  final CertificateExpiry expiry = new CertificateExpiry(Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void warnsUnderThirtyDaysOnly() {
    assertEquals(Optional.empty(), expiry.warning(NOW.plus(Duration.ofDays(31)), "CN=a"),
        "expected no warning with 31 days left");
    assertTrue(expiry.warning(NOW.plus(Duration.ofDays(29)).plusSeconds(60), "CN=a").orElse("").contains("expires in 29 days"),
        "expected a warning naming the days left with 29 days left");
    assertTrue(expiry.warning(NOW.plus(Duration.ofHours(5)), "CN=a").orElse("").contains("expires in 5 hours"),
        "expected hours when under a day is left");
    assertTrue(expiry.warning(NOW.minusSeconds(1), "CN=a").orElse("").contains("EXPIRED"),
        "expected an expired certificate called out as such");
  }

  @Test
  void warnsAtLoadAndOnReloadAndTheGaugeFollows(@TempDir Path dir) throws Exception {
    CertificateGenerator generator = new CertificateGenerator(Clock.systemUTC(), new SecureRandom());
    CertificateAuthority ca = generator.newAuthority(Duration.ofDays(365));
    CertificateSet tenDays = generator.issue(ca, List.of(), Duration.ofDays(10));
    CertificateSet twentyDays = generator.issue(ca, List.of(), Duration.ofDays(20));
    CertDirectory certs = new CertDirectory(dir);
    certs.write(tenDays);

    Logger logger = (Logger) LoggerFactory.getLogger(CertificateExpiry.class);
    ListAppender<ILoggingEvent> captured = new ListAppender<>();
    captured.start();
    logger.addAppender(captured);
    ServerConfig config = ServerConfig.defaults("127.0.0.1", 0).withCertPollInterval(Duration.ofMillis(100));
    try (TestWebhook webhook = TestWebhook.start(dir, new ScriptedReviewer(), config, DenialMessage.DEFAULT_MAX_CHARS)) {
      assertTrue(warnings(captured).stream().anyMatch(m -> m.contains("expires in 9 days") || m.contains("expires in 10 days")),
          "expected a WARN at load for a certificate with 10 days left, got " + warnings(captured));
      HttpClient client = webhook.client(HttpClient.Version.HTTP_1_1);
      assertEquals(notAfter(tenDays), gauge(webhook, client), "expected the gauge at the loaded certificate's notAfter");

      certs.write(twentyDays);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (gauge(webhook, client) != notAfter(twentyDays) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertEquals(notAfter(twentyDays), gauge(webhook, client), "expected the gauge updated by the reload");
      assertTrue(webhook.get(client, "/metrics").body().contains("connectgate_tls_reloads_total 1.0"),
          "expected the reload counted");
      assertTrue(warnings(captured).stream().anyMatch(m -> m.contains("expires in 19 days") || m.contains("expires in 20 days")),
          "expected a WARN for the reloaded certificate with 20 days left, got " + warnings(captured));
      assertTrue(captured.list.stream().allMatch(e -> e.getLevel() == Level.WARN), "expected expiry messages at WARN");
    } finally {
      logger.detachAppender(captured);
    }
  }

  private static List<String> warnings(ListAppender<ILoggingEvent> captured) {
    return captured.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  private static long notAfter(CertificateSet set) throws Exception {
    return CertificateRotationTest.leaf(set).getNotAfter().toInstant().getEpochSecond();
  }

  private static long gauge(TestWebhook webhook, HttpClient client) throws Exception {
    String text = webhook.get(client, "/metrics").body();
    Matcher m = Pattern.compile("(?m)^connectgate_tls_certificate_expiry_seconds ([0-9.E+]+)$").matcher(text);
    assertTrue(m.find(), "expected the expiry gauge in /metrics:\n" + text);
    return (long) Double.parseDouble(m.group(1));
  }
}
