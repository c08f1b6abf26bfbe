package io.connectgate.kube;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The deploy Job as a YAML template: the built-in one ({@value #BUILT_IN}) or a file given
 * with {@code --job-template}. Placeholders {@code ${NAME}} ({@link #PLACEHOLDERS}) are
 * replaced inside string values <em>after</em> the YAML is parsed, so no substituted value
 * (a URL from an annotation, say) can inject YAML structure; unknown {@code ${...}} are left
 * as they are. A template whose container runs a shell with a placeholder in its command
 * line is refused: values reach containers only as arguments or env values, never as shell
 * text (docs/hardening.md "Identifiers").
 */
public final class JobTemplate {

  static final String BUILT_IN = "/io/connectgate/kube/deploy-job.yaml";

  public static final Set<String> PLACEHOLDERS = Set.of(
      "JOB_NAME", "NAMESPACE", "CONFIGMAP", "CONNECTOR_KEY", "CONNECT_URL", "IMAGE", "CONTENT_HASH");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_]+)}");

  private final String source;
  private final ObjectNode tree;
  private final KubernetesSerialization serialization;

  private JobTemplate(String source, ObjectNode tree, KubernetesSerialization serialization) {
    this.source = source;
    this.tree = tree;
    this.serialization = serialization;
  }

  public static JobTemplate builtIn() {
    try (InputStream in = JobTemplate.class.getResourceAsStream(BUILT_IN)) {
      if (in == null) {
        throw new IllegalStateException("built-in Job template " + BUILT_IN + " missing from the jar");
      }
      return parse("built-in Job template", new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the built-in Job template", e);
    }
  }

  /** @throws JobTemplateException naming the file and every problem in it */
  public static JobTemplate fromFile(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new JobTemplateException("--job-template " + file + ": cannot read it (" + e.getMessage() + ")");
    }
    return parse("--job-template " + file, text);
  }

  static JobTemplate parse(String source, String yaml) {
    JsonNode root;
    try {
      root = YAMLMapper.builder().build().readTree(yaml);
    } catch (JacksonException e) {
      var at = e.getLocation();
      throw new JobTemplateException(source + ": not valid YAML"
          + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    }
    if (!(root instanceof ObjectNode object)) {
      throw new JobTemplateException(source + ": not a YAML mapping (expected a batch/v1 Job)");
    }
    List<String> problems = new ArrayList<>();
    if (!"batch/v1".equals(object.path("apiVersion").asString(""))) {
      problems.add("apiVersion must be batch/v1");
    }
    if (!"Job".equals(object.path("kind").asString(""))) {
      problems.add("kind must be Job");
    }
    JsonNode pod = object.path("spec").path("template").path("spec");
    JsonNode containers = pod.path("containers");
    if (!containers.isArray() || containers.isEmpty()) {
      problems.add("spec.template.spec.containers must list at least one container");
    }
    for (String field : List.of("initContainers", "containers")) {
      int i = 0;
      for (JsonNode container : pod.path(field)) {
        if (runsShellWithPlaceholder(container)) {
          problems.add("spec.template.spec." + field + "[" + i + "] runs a shell with a"
              + " placeholder in its command line; pass values as arguments or env values"
              + " (a ConfigMap key or URL must never reach a shell)");
        }
        i++;
      }
    }
    String restart = pod.path("restartPolicy").asString("");
    if (!restart.isEmpty() && !restart.equals("Never") && !restart.equals("OnFailure")) {
      problems.add("spec.template.spec.restartPolicy must be Never or OnFailure (a Job's pods end)");
    }
    JobTemplate template = new JobTemplate(source, object, new KubernetesSerialization());
    if (problems.isEmpty()) {
      try {
        template.render(Map.of("JOB_NAME", "x-deploy-0123456789", "NAMESPACE", "default",
            "CONFIGMAP", "x", "CONNECTOR_KEY", "x.json", "CONNECT_URL", "http://connect:8083",
            "IMAGE", "connectgate", "CONTENT_HASH", "0123456789"));
      } catch (RuntimeException e) {
        problems.add("does not read as a Job (" + e.getClass().getSimpleName() + ")");
      }
    }
    if (!problems.isEmpty()) {
      throw new JobTemplateException(source + ": " + String.join("; ", problems));
    }
    return template;
  }

  private static final Set<String> SHELLS =
      Set.of("sh", "bash", "ash", "dash", "zsh", "ksh", "mksh", "busybox");

  /**
   * Whether the container's command line (command, then args) names a shell anywhere
   * ({@code /bin/sh}, {@code env bash}, ...) and contains a known placeholder: the shell
   * would parse the value.
   */
  static boolean runsShellWithPlaceholder(JsonNode container) {
    List<String> argv = new ArrayList<>();
    container.path("command").forEach(a -> argv.add(a.asString("")));
    container.path("args").forEach(a -> argv.add(a.asString("")));
    boolean shell = false;
    for (String arg : argv) {
      String program = arg.strip();
      shell |= SHELLS.contains(program.substring(program.lastIndexOf('/') + 1));
    }
    if (!shell) {
      return false;
    }
    for (String arg : argv) {
      Matcher m = PLACEHOLDER.matcher(arg);
      while (m.find()) {
        if (PLACEHOLDERS.contains(m.group(1))) {
          return true;
        }
      }
    }
    return false;
  }

  /** The Job with every known placeholder replaced by {@code values}. */
  public Job render(Map<String, String> values) {
    JsonNode rendered = substitute(tree.deepCopy(), values);
    return serialization.convertValue(rendered, Job.class);
  }

  public String source() {
    return source;
  }

  private static JsonNode substitute(JsonNode node, Map<String, String> values) {
    if (node instanceof ObjectNode object) {
      for (Map.Entry<String, JsonNode> e : new ArrayList<>(object.properties())) {
        object.set(e.getKey(), substitute(e.getValue(), values));
      }
      return object;
    }
    if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, substitute(array.get(i), values));
      }
      return array;
    }
    if (node.isString() && node.asString().contains("${")) {
      Matcher m = PLACEHOLDER.matcher(node.asString());
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        String value = values.get(m.group(1));
        m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
      }
      m.appendTail(out);
      return StringNode.valueOf(out.toString());
    }
    return node;
  }

  /** A template that cannot be used; the message names the source and every problem. */
  public static final class JobTemplateException extends RuntimeException {
    public JobTemplateException(String message) {
      super(message);
    }
  }
}
