package io.connectgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.admission.DenialMessage;
import io.connectgate.admission.ScriptedReviewer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a client may send that is not a review: exact status codes, and the server keeps serving. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestLimitsTest {

  static final int LIMIT = 3 * 1024 * 1024;
  final ScriptedReviewer reviewer = new ScriptedReviewer();
  TestWebhook webhook;
  HttpClient http1;
  HttpClient http2;
  SSLContext tls;

  @BeforeAll
  void start(@TempDir Path certDir) throws Exception {
    ServerConfig config = ServerConfig.defaults("127.0.0.1", 0).withBodyTimeout(Duration.ofSeconds(2));
    webhook = TestWebhook.start(certDir, reviewer, config, DenialMessage.DEFAULT_MAX_CHARS);
    http1 = webhook.client(HttpClient.Version.HTTP_1_1);
    http2 = webhook.client(HttpClient.Version.HTTP_2);
    tls = TestWebhook.sslContext(List.of(certDir.resolve("ca.crt")));
  }

  @AfterAll
  void stop() throws Exception {
    if (webhook != null) {
      webhook.close();
    }
  }

  @AfterEach
  void serverStillServes() throws Exception {
    HttpResponse<String> health = webhook.get(http2, "/healthz");
    assertEquals(200, health.statusCode(), "expected the server to keep serving after the previous request");
    HttpResponse<String> review = webhook.post(http1, "/validate", "application/json",
        TestWebhook.fixture("create-validate.json"));
    assertEquals(200, review.statusCode(), "expected reviews to keep working after the previous request");
  }

  @Test
  void announcedOversizedBodyIs413BeforeAnyOfItIsRead() throws Exception {
    try (RawHttp1 raw = new RawHttp1(tls, webhook.port)) {
      raw.send("POST /validate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + (LIMIT + 1) + "\r\n\r\n");
      // Not one byte of the body is sent: the answer can only come from the header.
      assertEquals(413, raw.readStatus(), "expected 413 from Content-Length alone");
    }
  }

  @Test
  void chunkedBodyOverTheLimitIs413() throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    try (RawHttp1 raw = new RawHttp1(tls, webhook.port)) {
      raw.send("POST /validate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n");
      byte[] chunk = chunk(64 * 1024);
      Thread writer = new Thread(() -> {
        try {
          // Twice the limit unless the server stops us first; a write error means it did.
          for (int sent = 0; sent < 2 * LIMIT && !stop.get(); sent += 64 * 1024) {
            raw.send(chunk);
          }
        } catch (IOException expected) {
          // the server closed the connection after answering 413
        }
      });
      writer.start();
      try {
        assertEquals(413, raw.readStatus(), "expected 413 once the chunked body crossed 3 MiB");
      } finally {
        stop.set(true);
        writer.join(20_000);
      }
    }
  }

  /**
   * With Vert.x's client: on HTTP/2 the server answers 413 as soon as it sees the
   * content-length and then resets the stream with NO_ERROR (RFC 9113 section 8.1), which Go's
   * client (the API server) and curl honour, but the JDK client waits on forever.
   */
  @Test
  void oversizedBodyOverHttp2Is413() throws Exception {
    var options = new io.vertx.core.http.HttpClientOptions()
        .setProtocolVersion(io.vertx.core.http.HttpVersion.HTTP_2)
        .setSsl(true)
        .setUseAlpn(true)
        .setVerifyHost(true)
        .setTrustOptions(new io.vertx.core.net.PemTrustOptions()
            .addCertPath(webhook.certDir.resolve("ca.crt").toString()));
    var client = webhook.vertx.createHttpClient(options);
    try {
      var response = client.request(io.vertx.core.http.HttpMethod.POST, webhook.port, "127.0.0.1", "/validate")
          .compose(request -> {
            request.putHeader("Content-Type", "application/json");
            request.send(io.vertx.core.buffer.Buffer.buffer(new byte[LIMIT + 1]));
            return request.response();
          })
          .toCompletionStage().toCompletableFuture().get(20, java.util.concurrent.TimeUnit.SECONDS);
      assertEquals(io.vertx.core.http.HttpVersion.HTTP_2, response.version(), "expected HTTP/2");
      assertEquals(413, response.statusCode(), "expected 413 for a body over 3 MiB");
    } finally {
      client.close();
    }
  }

  @Test
  void streamedHttp2BodyWithoutLengthOverTheLimitIs413() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(webhook.uri("/validate"))
        .header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(20))
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[LIMIT + 100])))
        .build();
    HttpResponse<String> response = http2.send(request, HttpResponse.BodyHandlers.ofString());
    assertEquals(413, response.statusCode(), "expected 413 for a streamed body over 3 MiB");
  }

  @Test
  void bodyOfExactlyTheLimitIsRead() throws Exception {
    byte[] body = new byte[LIMIT];
    java.util.Arrays.fill(body, (byte) ' ');
    byte[] review = TestWebhook.fixture("create-validate.json");
    System.arraycopy(review, 0, body, 0, review.length); // JSON followed by whitespace
    HttpResponse<String> response = webhook.post(http2, "/validate", "application/json", body);
    assertEquals(200, response.statusCode(), "expected a 3 MiB body to be accepted: " + response.body());
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/jsonx", "application/yaml"})
  void nonJsonContentTypeIs415(String contentType) throws Exception {
    HttpResponse<String> response = webhook.post(http1, "/validate", contentType, TestWebhook.fixture("create-validate.json"));
    assertEquals(415, response.statusCode(), "expected 415 for Content-Type " + contentType);
  }

  @Test
  void missingContentTypeIs415() throws Exception {
    HttpResponse<String> response = webhook.post(http2, "/mutate", null, TestWebhook.fixture("create-mutate.json"));
    assertEquals(415, response.statusCode(), "expected 415 without a Content-Type");
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/json; charset=utf-8", "Application/JSON", "application/json;charset=UTF-8"})
  void jsonWithParametersIsAccepted(String contentType) throws Exception {
    HttpResponse<String> response = webhook.post(http1, "/validate", contentType, TestWebhook.fixture("create-validate.json"));
    assertEquals(200, response.statusCode(), "expected " + contentType + " to be accepted as JSON");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "not json at all",
      "",
      "[1,2,3]",
      "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"Pod\",\"request\":{\"uid\":\"u\"}}",
      "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"}",
      "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"operation\":\"CREATE\"}}",
      "{\"apiVersion\":\"v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"u\"}}",
      "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"u\",\"operation\":\"CREATE\",\"kind\":{}}} trailing"
  })
  void undecodableBodiesAre400WithAPlainExplanation(String body) throws Exception {
    HttpResponse<String> response = webhook.post(http2, "/validate", "application/json", body.getBytes(StandardCharsets.UTF_8));
    assertEquals(400, response.statusCode(), "expected 400 for " + body);
    assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/plain"),
        "expected a plain-text explanation");
    assertFalse(response.body().isBlank(), "expected an explanation in the body");
  }

  @Test
  void deeplyNestedJsonIsRejectedQuickly() throws Exception {
    String deep = "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":"
        + "[".repeat(1_000_000);
    long start = System.nanoTime();
    HttpResponse<String> response = webhook.post(http1, "/validate", "application/json", deep.getBytes(StandardCharsets.UTF_8));
    assertEquals(400, response.statusCode(), "expected 400 for nesting beyond the limit");
    assertTrue(response.body().contains("nesting"), "expected the explanation to name the limit: " + response.body());
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10, "expected a quick rejection");
  }

  @Test
  void hugeNumberIsRejected() throws Exception {
    String review = new String(TestWebhook.fixture("create-validate.json"), StandardCharsets.UTF_8)
        .replace("\"dryRun\": false", "\"dryRun\": " + "9".repeat(100_000));
    HttpResponse<String> response = webhook.post(http2, "/validate", "application/json", review.getBytes(StandardCharsets.UTF_8));
    assertEquals(400, response.statusCode(), "expected 400 for a 100000-digit number");
  }

  @Test
  void slowBodyTimesOutWith408() throws Exception {
    try (RawHttp1 raw = new RawHttp1(tls, webhook.port)) {
      raw.send("POST /validate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Content-Length: 100\r\n\r\n{");
      assertEquals(408, raw.readStatus(), "expected 408 when the body does not arrive within the body timeout");
    }
  }

  @Test
  void wrongMethodIs405AndUnknownPathIs404() throws Exception {
    assertEquals(405, webhook.get(http2, "/validate").statusCode(), "expected 405 for GET /validate");
    assertEquals(404, webhook.get(http2, "/nope").statusCode(), "expected 404 for an unknown path");
  }

  private static byte[] chunk(int size) {
    byte[] data = new byte[size];
    java.util.Arrays.fill(data, (byte) ' ');
    byte[] head = (Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] chunk = new byte[head.length + size + 2];
    System.arraycopy(head, 0, chunk, 0, head.length);
    System.arraycopy(data, 0, chunk, head.length, size);
    chunk[chunk.length - 2] = '\r';
    chunk[chunk.length - 1] = '\n';
    return chunk;
  }
}
