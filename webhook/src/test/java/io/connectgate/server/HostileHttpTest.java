package io.connectgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.admission.DenialMessage;
import io.connectgate.admission.EngineReviewer;
import io.connectgate.validation.TestCatalogs;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemTrustOptions;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Header and framing tricks through real HTTPS (the body-level corpus is {@link
 * HostileInputTest}; oversized, chunked-over-limit, slow and wrongly typed bodies are in
 * {@link RequestLimitsTest}): each gets an answer within a bound, and another client keeps
 * being served meanwhile.
 */
class HostileHttpTest extends ProbedWebhookTest {

  static final Duration BOUND = Duration.ofSeconds(2);
  SSLContext tls;
  byte[] review;

  @BeforeAll
  void start(@TempDir Path certDir) throws Exception {
    ServerConfig config = ServerConfig.defaults("127.0.0.1", 0).withBodyTimeout(Duration.ofSeconds(2));
    webhook = TestWebhook.start(certDir, new EngineReviewer(TestCatalogs.repository()), config,
        DenialMessage.DEFAULT_MAX_CHARS);
    tls = TestWebhook.sslContext(List.of(certDir.resolve("ca.crt")));
    review = TestWebhook.fixture("create-validate.json");
    // Warm-up, so that the time bounds measure the hostile request, not a cold server.
    webhook.post(webhook.client(HttpClient.Version.HTTP_1_1), "/validate", "application/json", review);
  }

  private String head(String extraHeaders) {
    return "POST /validate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + extraHeaders + "\r\n";
  }

  private int timedStatus(RawHttp1 raw) throws Exception {
    long start = System.nanoTime();
    int status = raw.readStatus();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertTrue(took.compareTo(BOUND) < 0, "expected an answer within " + BOUND + ", took " + took);
    return status;
  }

  @Test
  void contentLengthShorterThanTheBodyIs400ForTheTruncatedReview() throws Exception {
    try (RawHttp1 raw = new RawHttp1(tls, webhook.port)) {
      raw.send(head("Content-Length: 40\r\n"));
      raw.send(review); // 40 bytes are the body; the rest is garbage where the next request should be
      assertEquals(400, timedStatus(raw), "expected 400 for a review cut at its Content-Length");
    }
  }

  @Test
  void contentLengthAndChunkedTogetherAreNotSmuggled() throws Exception {
    // RFC 9112 6.3: Transfer-Encoding wins over Content-Length; a server that believed the
    // Content-Length would read the chunk framing as JSON, or the rest as a second request.
    try (RawHttp1 raw = new RawHttp1(tls, webhook.port)) {
      String chunk = Integer.toHexString(review.length) + "\r\n";
      raw.send(head("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n"));
      raw.send(chunk.getBytes(StandardCharsets.US_ASCII));
      raw.send(review);
      raw.send("\r\n0\r\n\r\n");
      int status = timedStatus(raw);
      assertTrue(status == 200 || status == 400, "expected the chunked review read whole (200) or refused (400), got "
          + status);
    }
  }

  @Test
  void twoDifferentContentLengthsAre400() throws Exception {
    try (RawHttp1 raw = new RawHttp1(tls, webhook.port)) {
      raw.send(head("Content-Length: " + review.length + "\r\nContent-Length: 7\r\n"));
      raw.send(review);
      assertEquals(400, timedStatus(raw), "expected 400 for conflicting Content-Length headers");
    }
  }

  @Test
  void negativeOrNonNumericContentLengthIs400() throws Exception {
    for (String length : List.of("-1", "abc", "99999999999999999999999")) {
      try (RawHttp1 raw = new RawHttp1(tls, webhook.port)) {
        raw.send(head("Content-Length: " + length + "\r\n"));
        raw.send(review);
        int status = timedStatus(raw);
        assertTrue(status == 400 || status == 413, "expected 400 (or 413) for Content-Length " + length + ", got " + status);
      }
    }
  }

  @Test
  void malformedChunkSizeIsRefusedAtOnce() throws Exception {
    try (RawHttp1 raw = new RawHttp1(tls, webhook.port)) {
      raw.send(head("Transfer-Encoding: chunked\r\n"));
      raw.send("zz\r\n{}\r\n0\r\n\r\n");
      long start = System.nanoTime();
      int status;
      try {
        status = raw.readStatus();
      } catch (java.io.IOException closed) {
        status = -1; // Vert.x drops an HTTP/1.1 connection whose framing it cannot decode
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertTrue(status == 400 || status == -1, "expected 400 or the connection closed, got " + status);
      assertTrue(took.compareTo(BOUND) < 0, "expected the refusal within " + BOUND + ", took " + took);
    }
  }

  @Test
  void clientVanishingMidBodyLeavesTheServerServing() throws Exception {
    for (int i = 0; i < 20; i++) {
      try (RawHttp1 raw = new RawHttp1(tls, webhook.port)) {
        raw.send(head("Content-Length: " + review.length + "\r\n"));
        raw.send(new String(review, StandardCharsets.UTF_8).substring(0, review.length / 2));
      } // closed with half a body sent
    }
    assertEquals(200, webhook.post(webhook.client(HttpClient.Version.HTTP_1_1), "/validate", "application/json",
        review).statusCode(), "expected reviews to keep working after abandoned uploads");
  }

  @Test
  void http2StreamsResetMidBodyAndInRapidSuccessionLeaveTheServerServing() throws Exception {
    var client = webhook.vertx.createHttpClient(new HttpClientOptions()
        .setProtocolVersion(HttpVersion.HTTP_2).setSsl(true).setUseAlpn(true).setVerifyHost(true)
        .setTrustOptions(new PemTrustOptions().addCertPath(webhook.certDir.resolve("ca.crt").toString())));
    try {
      List<Future<?>> resets = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        // Headers and half a body, then RST_STREAM: the "rapid reset" pattern (CVE-2023-44487).
        resets.add(client.request(HttpMethod.POST, webhook.port, "127.0.0.1", "/validate").compose(request -> {
          request.putHeader("Content-Type", "application/json").putHeader("Content-Length",
              Integer.toString(review.length));
          return request.write(Buffer.buffer(review).slice(0, review.length / 2))
              .compose(v -> request.reset(8)); // CANCEL
        }).transform(done -> Future.succeededFuture())); // a stream may also be closed first by either side

      }
      Future.join(resets).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
      var answer = client.request(HttpMethod.POST, webhook.port, "127.0.0.1", "/validate")
          .compose(request -> request.putHeader("Content-Type", "application/json").send(Buffer.buffer(review)))
          .compose(response -> response.body().map(body -> response.statusCode()))
          .toCompletionStage().toCompletableFuture().get(BOUND.toSeconds() * 5, TimeUnit.SECONDS);
      assertEquals(200, answer, "expected a review on the same HTTP/2 client after 500 reset streams");
    } finally {
      client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
