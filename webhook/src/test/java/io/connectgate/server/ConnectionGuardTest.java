package io.connectgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.admission.DenialMessage;
import io.connectgate.admission.ScriptedReviewer;
import io.connectgate.hostile.HostileReviews;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's HTTP hygiene: half a request header does not hold a connection, the connection cap
 * evicts never-served connections before served ones and keeps serving new clients, and a CR or
 * LF in a review's uid or name cannot forge a log line.
 */
class ConnectionGuardTest {

  private static final String HALF_HEADER = "POST /validate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Ty";

  @Test
  void halfARequestHeaderIsClosedAtTheHeaderTimeout(@TempDir Path dir) throws Exception {
    // Vert.x's idle timeout (60 s) would not act in this test's time; only the header timer can.
    ServerConfig config = ServerConfig.defaults("127.0.0.1", 0).withHeaderTimeout(Duration.ofMillis(500))
        .withIdleTimeout(Duration.ofSeconds(60));
    try (TestWebhook webhook = TestWebhook.start(dir, new ScriptedReviewer(), config, DenialMessage.DEFAULT_MAX_CHARS);
        RawHttp1 raw = new RawHttp1(tls(dir), webhook.port)) {
      raw.send(HALF_HEADER);
      long start = System.nanoTime();
      assertTrue(raw.closedByServer(), "expected the server to close a connection with half a header");
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertTrue(took.compareTo(Duration.ofSeconds(10)) < 0, "expected it closed near the 500 ms header timeout,"
          + " took " + took);
    }
  }

  @Test
  void theCapEvictsNeverServedConnectionsFirstAndKeepsServing(@TempDir Path dir) throws Exception {
    ServerConfig config = ServerConfig.defaults("127.0.0.1", 0).withMaxConnections(4)
        .withHeaderTimeout(Duration.ofSeconds(60)).withIdleTimeout(Duration.ofSeconds(60));
    byte[] review = HostileReviews.small("cap-uid", "tenant");
    String request = "POST /validate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + review.length + "\r\n\r\n";
    List<RawHttp1> halfOpen = new ArrayList<>();
    try (TestWebhook webhook = TestWebhook.start(dir, new ScriptedReviewer(), config, DenialMessage.DEFAULT_MAX_CHARS);
        RawHttp1 served = new RawHttp1(tls(dir), webhook.port)) {
      served.send(request);
      served.send(review);
      assertEquals(200, served.readResponse(), "expected the first client served");
      for (int i = 0; i < 3; i++) {
        RawHttp1 raw = new RawHttp1(tls(dir), webhook.port);
        halfOpen.add(raw);
        raw.send(HALF_HEADER);
      }
      // The cap is reached (1 served + 3 half headers): a new client is still answered...
      var client = webhook.client(HttpClient.Version.HTTP_1_1);
      assertEquals(200, webhook.post(client, "/validate", "application/json", review).statusCode(),
          "expected a new client served at the cap");
      // ...by evicting the oldest never-served connection, not the served one.
      assertTrue(halfOpen.get(0).closedByServer(), "expected the oldest half-header connection evicted");
      served.send(request);
      served.send(review);
      assertEquals(200, served.readResponse(), "expected the served (API server-like) connection kept");
    } finally {
      for (RawHttp1 raw : halfOpen) {
        raw.close();
      }
    }
  }

  @Test
  void crAndLfInUidAndNameCannotForgeALogLine(@TempDir Path dir) throws Exception {
    var cm = HostileReviews.configMap("x\r\ndecision uid=forged allowed=true", "tenant", true);
    ((tools.jackson.databind.node.ObjectNode) cm.get("data")).put("c.json", HostileReviews.replicator("c"));
    byte[] body = HostileReviews.review("uid\r\ndecision uid=forged route=validate allowed=true\u2028", "tenant", cm);
    try (CapturedLog log = CapturedLog.attach();
        TestWebhook webhook = TestWebhook.start(dir, new ScriptedReviewer(), ServerConfig.defaults("127.0.0.1", 0),
            DenialMessage.DEFAULT_MAX_CHARS)) {
      int status = webhook.post(webhook.client(HttpClient.Version.HTTP_2), "/validate", "application/json", body)
          .statusCode();
      assertTrue(status == 200 || status == 400, "expected an answer, got " + status);
      List<String> lines = log.lines();
      assertTrue(lines.stream().anyMatch(l -> l.contains("uid\\r\\ndecision uid=forged")),
          "expected the uid logged with its CR/LF escaped: " + lines);
      for (String line : lines) {
        assertTrue(line.chars().noneMatch(c -> c == '\r' || c == '\n' || c == '\u2028'),
            "expected no line break inside a logged line: " + line);
      }
    }
  }

  private static SSLContext tls(Path dir) throws Exception {
    return TestWebhook.sslContext(List.of(dir.resolve("ca.crt")));
  }
}
