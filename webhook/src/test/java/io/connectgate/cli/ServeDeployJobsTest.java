package io.connectgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.admission.ScriptedReviewer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** serve's deploy-on-admission options: start-up checks and wiring. */
class ServeDeployJobsTest {

  @Test
  void helpListsTheDeployOptions() {
    StringWriter out = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out));
    assertEquals(0, cl.execute("serve", "--help"), "expected serve --help to exit 0");
    for (String option : List.of("--deploy-jobs", "--connect-url", "--connect-url-allow", "--job-template", "--job-image",
        "--deploy-jobs-concurrency")) {
      assertTrue(out.toString().contains(option), "expected " + option + " in serve --help:\n" + out);
    }
  }

  @Test
  void deployJobsWithoutAConnectUrlDoesNotStart(@TempDir Path dir) throws Exception {
    StringWriter err = new StringWriter();
    ServeCommand serve = new ServeCommand((s, p) -> new ScriptedReviewer());
    CommandLine cl = new CommandLine(serve);
    cl.setErr(new PrintWriter(err));
    cl.parseArgs("--port", "0", "--host", "127.0.0.1", "--cert-dir", dir.resolve("certs").toString(), "--deploy-jobs");
    assertNull(serve.start(), "expected serve not to start");
    assertTrue(err.toString().contains("--deploy-jobs needs --connect-url"), "expected the reason on stderr: " + err);
  }

  @Test
  void everyDeployProblemIsListedAtOnce(@TempDir Path dir) throws Exception {
    Path template = dir.resolve("job.yaml");
    Files.writeString(template, "apiVersion: v1\nkind: Pod\n");
    StringWriter err = new StringWriter();
    ServeCommand serve = new ServeCommand((s, p) -> new ScriptedReviewer());
    CommandLine cl = new CommandLine(serve);
    cl.setErr(new PrintWriter(err));
    cl.parseArgs("--port", "0", "--host", "127.0.0.1", "--cert-dir", dir.resolve("certs").toString(), "--deploy-jobs",
        "--connect-url", "http://admin:secret@connect:8083", "--connect-url-allow", "connect-*:8083",
        "--job-template", template.toString(), "--deploy-jobs-concurrency", "17");
    assertNull(serve.start(), "expected serve not to start");
    for (String problem : List.of("--connect-url is not an http(s) URL", "--connect-url-allow \"connect-*:8083\"", "kind must be Job",
        "--deploy-jobs-concurrency must be between 1 and 16, not 17")) {
      assertTrue(err.toString().contains(problem), "expected \"" + problem + "\" on stderr: " + err);
    }
    assertTrue(!err.toString().contains("secret"), "expected the URL's password never printed: " + err);
    assertTrue(!Files.exists(dir.resolve("certs")), "expected nothing started or written before the checks pass");
  }

  @Test
  void optionsComeFromTheEnvironmentAndReachTheLauncher(@TempDir Path dir) throws Exception {
    ServeCommand serve = new ServeCommand((s, p) -> new ScriptedReviewer());
    AtomicReference<String> image = new AtomicReference<>();
    serve.deployJobs.launchers = (template, img) -> {
      image.set(img);
      return (job, bound) -> {
        throw new AssertionError("no review is sent in this test");
      };
    };
    CommandLine cl = new CommandLine(serve);
    cl.setDefaultValueProvider(new EnvironmentDefaults(Map.of(
        "CONNECTGATE_DEPLOY_JOBS", "true",
        "CONNECTGATE_CONNECT_URL", "http://connect.kafka.svc:8083",
        "CONNECTGATE_CONNECT_URL_ALLOW", "http://connect-*.kafka.svc:8083,https://connect.example.com",
        "CONNECTGATE_JOB_IMAGE", "registry.example.com/connectgate:9",
        "CONNECTGATE_DEPLOY_JOBS_CONCURRENCY", "6")));
    cl.parseArgs("--port", "0", "--host", "127.0.0.1", "--cert-dir", dir.resolve("certs").toString());
    assertTrue(serve.deployJobs.deployJobs, "expected CONNECTGATE_DEPLOY_JOBS honoured");
    assertEquals(List.of("http://connect-*.kafka.svc:8083", "https://connect.example.com"),
        serve.deployJobs.connectUrlAllow, "expected CONNECTGATE_CONNECT_URL_ALLOW split on commas");
    assertEquals(6, serve.deployJobs.concurrency, "expected CONNECTGATE_DEPLOY_JOBS_CONCURRENCY honoured");
    ServeCommand.Running running = serve.start();
    assertNotNull(running, "expected serve to start with deploy-on-admission");
    try {
      assertEquals("registry.example.com/connectgate:9", image.get(), "expected --job-image given to the launcher");
    } finally {
      running.stop(Duration.ofSeconds(1));
    }
  }

  @Test
  void defaultJobImageIsTheChartImage() {
    ServeCommand serve = new ServeCommand((s, p) -> new ScriptedReviewer());
    new CommandLine(serve).parseArgs();
    assertEquals("connectgate:0.1.0", serve.deployJobs.jobImage, "expected the chart's image as the default");
    assertEquals(4, serve.deployJobs.concurrency, "expected 4 Job creations at once by default");
  }
}
