package io.connectgate.server;

import io.connectgate.admission.AdmissionJson;
import io.connectgate.tls.CertDirectory;
import io.connectgate.tls.KeyMaterial;
import io.connectgate.tls.KeyMaterialParser;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The floor under issue 23's ratios: a webhook that allows every review, served by the same
 * Vert.x HTTPS listener as connectgate ({@link WebhookServer#httpsOptions}: JDK TLS 1.2/1.3, ALPN
 * h2 and http/1.1), with nothing else. The load benchmark starts it like a build
 * ({@code floor-MODE=floor:MODE}), with the same JVM options and load, so its figures say what
 * any webhook on this stack costs before it judges anything. {@code CONNECTGATE_FLOOR} picks how
 * much of the review it reads:
 * <ul>
 *   <li>{@code uid}: streams the review up to {@code request.uid}, the least any webhook must
 *       read to answer;</li>
 *   <li>{@code tree}: reads the whole review and every connector JSON in its ConfigMap into
 *       Jackson trees, on the event loop: the least a webhook that judges the connector
 *       reads;</li>
 *   <li>{@code worker}: {@code tree} on Vert.x's worker pool, as connectgate reviews (the event
 *       loop stays free for the other tenants' requests and the deadline's backstop).</li>
 * </ul>
 * {@code GET /healthz} and {@code /readyz} answer {@code ok}. Arguments as {@code serve}'s:
 * {@code serve --host H --port P --cert-dir D}; others are ignored. Test sources only.
 */
public final class FloorServer {

  private final JsonMapper mapper = AdmissionJson.newMapper();
  private final String mode;
  private final Vertx vertx;
  /**
   * Summed so that the trees are not dead code the JIT could drop (racy on workers; only
   * FloorServerTest reads it).
   */
  long fieldsRead;

  FloorServer(String mode, Vertx vertx) {
    this.mode = mode;
    this.vertx = vertx;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new java.util.HashMap<>();
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].startsWith("--")) {
        options.put(args[i], args[i + 1]);
      }
    }
    String mode = System.getenv().getOrDefault("CONNECTGATE_FLOOR", "tree").toLowerCase(Locale.ROOT);
    if (!mode.equals("uid") && !mode.equals("tree") && !mode.equals("worker")) {
      throw new IllegalArgumentException("CONNECTGATE_FLOOR must be uid, tree or worker, not " + mode);
    }
    CertDirectory certs = new CertDirectory(Path.of(options.getOrDefault("--cert-dir", "certs")));
    KeyMaterial material = new KeyMaterialParser().parse(Files.readAllBytes(certs.certFile()),
        Files.readAllBytes(certs.keyFile()));
    Vertx vertx = Vertx.vertx();
    FloorServer floor = new FloorServer(mode, vertx);
    vertx.createHttpServer(WebhookServer.httpsOptions(material, null, Duration.ofSeconds(60)))
        .requestHandler(floor::handle)
        .listen(Integer.parseInt(options.getOrDefault("--port", "8443")), options.getOrDefault("--host", "127.0.0.1"))
        .await();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      vertx.close();
      stopped.countDown();
    }));
    stopped.await();
  }

  private void handle(HttpServerRequest request) {
    switch (request.path()) {
      case "/healthz", "/readyz" -> request.response().putHeader("Content-Type", "text/plain; charset=utf-8")
          .end("ok\n");
      case "/validate" -> request.body().onSuccess(body -> answer(request, body));
      default -> request.response().setStatusCode(404).end();
    }
  }

  private void answer(HttpServerRequest request, Buffer body) {
    byte[] bytes = body.getBytes();
    Future<byte[]> answer = switch (mode) {
      case "uid" -> Future.succeededFuture(allowed(uid(bytes)));
      case "tree" -> Future.succeededFuture(allowed(tree(bytes)));
      default -> vertx.executeBlocking(() -> allowed(tree(bytes)), false);
    };
    answer.onSuccess(json -> request.response().putHeader("Content-Type", "application/json")
        .end(Buffer.buffer(json)));
  }

  /** request.uid, read as a stream and no further. */
  String uid(byte[] review) {
    try (JsonParser p = mapper.createParser(review)) {
      int depth = 0;
      boolean inRequest = false;
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        switch (t) {
          case START_OBJECT, START_ARRAY -> depth++;
          case END_OBJECT, END_ARRAY -> {
            depth--;
            inRequest &= depth >= 2;
          }
          case PROPERTY_NAME -> {
            if (depth == 1 && p.currentName().equals("request")) {
              inRequest = true;
            } else if (depth == 2 && inRequest && p.currentName().equals("uid")) {
              p.nextToken();
              return p.getString();
            }
          }
          default -> { }
        }
      }
      return "";
    }
  }

  /** The review and each connector JSON of its ConfigMap as trees; yields request.uid. */
  String tree(byte[] review) {
    JsonNode request = mapper.readTree(review).path("request");
    for (JsonNode value : request.path("object").path("data")) {
      String text = value.asString("");
      if (text.startsWith("{")) {
        fieldsRead += mapper.readTree(text).size();
      }
    }
    return request.path("uid").asString("");
  }

  private byte[] allowed(String uid) {
    ObjectNode answer = mapper.createObjectNode();
    answer.put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
    answer.putObject("response").put("uid", uid).put("allowed", true);
    return mapper.writeValueAsBytes(answer);
  }
}
