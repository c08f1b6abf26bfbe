package io.connectgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.cli.ServeInProcess;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The `helm test` hook's script, taken from the rendered Pod as it is and run by sh with curl
 * against servers on loopback: the real connectgate (passes), a server that allows everything
 * (fails: nothing was reviewed), and connectgate under a CA the pod does not trust (fails).
 * Only CONNECTGATE_URL and the CA file differ from the Pod's environment.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HelmTestHookTest {

  private static final long SCRIPT_TIMEOUT_SECONDS = 60;

  private Path dir;
  private ServeInProcess connectgate;
  private Vertx vertx;
  private HttpServer allowAll;

  @BeforeAll
  void startServers(@TempDir Path dir) throws Exception {
    this.dir = dir;
    connectgate = ServeInProcess.start("--host", "127.0.0.1", "--port", "0", "--cert-dir",
        dir.resolve("certs").toString(), "--drain-delay", "0");
    ServeInProcess other = ServeInProcess.start("--host", "127.0.0.1", "--port", "0", "--cert-dir",
        dir.resolve("other-certs").toString(), "--drain-delay", "0");
    other.close(); // only its CA is needed: one the real server's certificate does not chain to
    vertx = Vertx.vertx();
    allowAll = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setHost("127.0.0.1").setPort(0)
            .setKeyCertOptions(new PemKeyCertOptions().setCertPath(dir.resolve("certs/tls.crt").toString())
                .setKeyPath(dir.resolve("certs/tls.key").toString())))
        .requestHandler(request -> request.body().onSuccess(body -> {
          if (request.path().equals("/readyz")) {
            request.response().end("ok");
            return;
          }
          String uid = new JsonObject(body.toString(StandardCharsets.UTF_8)).getJsonObject("request").getString("uid");
          request.response().putHeader("Content-Type", "application/json").end(new JsonObject()
              .put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview")
              .put("response", new JsonObject().put("uid", uid).put("allowed", true)).encode());
        }))
        .listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @AfterAll
  void stopServers() throws Exception {
    if (connectgate != null) connectgate.close();
    if (vertx != null) vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  record Run(int exit, String output) {}

  @Test
  void theHookPassesAgainstConnectgate() throws Exception {
    Run run = runHook(Map.of(), "https://127.0.0.1:" + connectgate.port(), dir.resolve("certs/ca.crt"));
    assertEquals(0, run.exit(), "the hook passes against connectgate:\n" + run.output());
    assertTrue(run.output().contains("OK: connectgate reviewed and denied"), run.output());
  }

  @Test
  void theHookFailsWhenNothingReviews() throws Exception {
    Run run = runHook(Map.of(), "https://127.0.0.1:" + allowAll.actualPort(), dir.resolve("certs/ca.crt"));
    assertNotEquals(0, run.exit(), "a server that allows everything must fail the hook:\n" + run.output());
    assertTrue(run.output().contains("FAIL: expected allowed:false"), run.output());
  }

  @Test
  void theHookFailsOnAnUntrustedCertificate() throws Exception {
    Run run = runHook(Map.of(), "https://127.0.0.1:" + connectgate.port(), dir.resolve("other-certs/ca.crt"));
    assertNotEquals(0, run.exit(), "TLS must be verified against the CA given:\n" + run.output());
  }

  @Test
  void withMutualTlsOnlyReadinessIsChecked() throws Exception {
    Run run = runHook(Map.of("clientCA.configMapName", "apiserver-client-ca"), "https://127.0.0.1:"
        + allowAll.actualPort(), dir.resolve("certs/ca.crt"));
    assertEquals(0, run.exit(), "with clientCA the review is not sent:\n" + run.output());
    assertTrue(run.output().contains("review not sent"), run.output());
  }

  @Test
  void thePodCallsTheServiceWithTheTlsSecretsCa() {
    Pod pod = hookPod(Map.of());
    Map<String, String> env = env(pod.getSpec().getContainers().get(0));
    assertEquals("https://connectgate.connectgate.svc:443", env.get("CONNECTGATE_URL"), "through the Service");
    assertEquals("connectgate-tls", pod.getSpec().getVolumes().stream().filter(v -> v.getName().equals("ca"))
        .findFirst().orElseThrow().getSecret().getSecretName(), "the CA of the serving certificate's Secret");
    assertEquals("test", pod.getMetadata().getAnnotations().get(Charts.UNHOOKED), "a helm test hook");
  }

  private Run runHook(Map<String, Object> sets, String url, Path caFile) throws IOException, InterruptedException {
    Container container = hookPod(sets).getSpec().getContainers().get(0);
    List<String> command = new ArrayList<>(List.of("sh", "-c", container.getArgs().get(0)));
    assertEquals(List.of("/bin/sh", "-c"), container.getCommand(), "the hook runs its script with sh -c");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env(container));
    builder.environment().put("CONNECTGATE_URL", url);
    builder.environment().put("CONNECTGATE_CA_FILE", caFile.toString());
    Process process = builder.start();
    process.getOutputStream().close();
    if (!process.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the hook script did not finish within " + SCRIPT_TIMEOUT_SECONDS + " s");
    }
    return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  private static Pod hookPod(Map<String, Object> sets) {
    List<HasMetadata> objects = Charts.parse(Charts.templateWithHooks(Charts.connectgateChart(), null, sets));
    return Charts.ofType(objects, Pod.class).stream().filter(p -> p.getMetadata().getName().equals("connectgate-test"))
        .findFirst().orElseThrow(() -> new AssertionError("no helm test Pod connectgate-test"));
  }

  private static Map<String, String> env(Container container) {
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvVar var : container.getEnv()) {
      env.put(var.getName(), var.getValue() == null ? "" : var.getValue());
    }
    return env;
  }
}
