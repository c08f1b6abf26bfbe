package io.connectgate.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No template lets a substituted value reach a shell: with every placeholder set to shell
 * metacharacters, the curl template's command line is run as the kubelet runs it (an exec
 * array, no shell) against a fake curl that records its argv, and no command in the values
 * runs; templates that would hand a placeholder to a shell are refused.
 */
class ShellFreeTemplatesTest {

  @TempDir Path dir;

  /** Values that run a command (creating a marker file) if any shell ever parses them. */
  private Map<String, String> hostile(Path marker) {
    String m = marker.toString();
    String shellText = "x$(touch " + m + ")`touch " + m + "`;touch " + m + ";'\"\n|touch " + m
        + "&&touch " + m + " ${HOME} $HOME";
    Map<String, String> values = new HashMap<>();
    for (String placeholder : JobTemplate.PLACEHOLDERS) {
      values.put(placeholder, placeholder + "-" + shellText);
    }
    return values;
  }

  @Test
  void theCurlTemplatePassesEveryValueAsOneArgumentAndNoShellRunsIt() throws Exception {
    JobTemplate template =
        JobTemplate.fromFile(JobTemplateTest.repositoryFile("deploy/job-templates/curl-job.yaml"));
    Path marker = dir.resolve("pwned");
    Map<String, String> values = hostile(marker);
    Job job = template.render(values);
    Container container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
    List<String> argv = new ArrayList<>(container.getCommand());
    argv.addAll(container.getArgs());

    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path recorded = dir.resolve("argv");
    Path curl = bin.resolve("curl");
    // Records each argument NUL-terminated, so newlines inside one are kept.
    Files.writeString(curl, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\0' \"$a\"; done > '"
        + recorded + "'\n");
    assertTrue(curl.toFile().setExecutable(true), "expected the fake curl executable");
    List<String> exec = new ArrayList<>(List.of("/usr/bin/env", "PATH=" + bin + ":/usr/bin:/bin"));
    exec.addAll(argv); // the kubelet execs command+args as given: no shell in between
    Process p = new ProcessBuilder(exec).redirectErrorStream(true).start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "expected the fake curl to finish");
    assertEquals(0, p.exitValue(), "expected the fake curl to run: "
        + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));

    List<String> got = List.of(Files.readString(recorded).split("\0", -1));
    got = got.subList(0, got.size() - 1);
    assertEquals(argv.subList(1, argv.size()), got, "expected curl to receive the arguments verbatim");
    assertTrue(got.contains("@/etc/connectgate/connector/" + values.get("CONNECTOR_KEY")),
        "expected the key as one argument, metacharacters intact: " + got);
    assertTrue(got.contains(values.get("CONNECT_URL") + "/connectors"),
        "expected the URL as one argument after --url: " + got);
    assertEquals("--url", got.get(got.indexOf(values.get("CONNECT_URL") + "/connectors") - 1),
        "expected the URL to be --url's value, so a leading '-' is no option");
    assertFalse(Files.exists(marker), "expected no command in a value to have run");
    for (String a : argv) {
      assertFalse(List.of("sh", "/bin/sh", "bash", "-c").contains(a), "expected no shell: " + argv);
    }
  }

  @Test
  void theBuiltInTemplateRunsNoShellEither() {
    Job job = JobTemplate.builtIn().render(hostile(dir.resolve("pwned")));
    Container container = job.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertTrue(container.getCommand() == null || container.getCommand().isEmpty(),
        "expected the image's java entrypoint, no command override: " + container.getCommand());
    assertFalse(JobTemplate.runsShellWithPlaceholder(
        tools.jackson.databind.json.JsonMapper.builder().build().valueToTree(
            Map.of("args", container.getArgs()))),
        "expected no shell in the built-in command line");
  }

  @Test
  void templatesThatHandAPlaceholderToAShellAreRefused() {
    for (String command : List.of(
        "command: [\"/bin/sh\", \"-c\"]\n        args: [\"curl ${CONNECT_URL}\"]",
        "command: [\"bash\", \"-c\", \"cat /x/${CONNECTOR_KEY}\"]",
        "command: [\"/usr/bin/env\", \"sh\", \"-c\", \"echo ${NAMESPACE}\"]",
        "args: [\"sh\", \"-c\", \"echo ${CONFIGMAP}\"]")) {
      String yaml = """
          apiVersion: batch/v1
          kind: Job
          spec:
            template:
              spec:
                containers:
                - name: c
                  image: x
                  COMMAND
          """.replace("COMMAND", command);
      var e = assertThrows(JobTemplate.JobTemplateException.class,
          () -> JobTemplate.parse("test", yaml), "expected refused: " + command);
      assertTrue(e.getMessage().contains("runs a shell with a placeholder"),
          "expected the reason: " + e.getMessage());
    }
    // A shell with only its own variables, and placeholders in env values, are fine.
    JobTemplate.parse("test", """
        apiVersion: batch/v1
        kind: Job
        spec:
          template:
            spec:
              containers:
              - name: c
                image: x
                command: ["/bin/sh", "-c", "curl \\"$URL\\" ${HOME}"]
                env: [{name: URL, value: "${CONNECT_URL}"}]
        """);
  }
}
