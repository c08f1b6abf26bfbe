package io.connectgate.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The repository's charts, rendered and linted by real Helm (helm-java), parsed by Fabric8. */
final class Charts {

  static final String RELEASE = "connectgate";
  static final String NAMESPACE = "connectgate";

  private static final ObjectMapper YAML = YAMLMapper.builder().build();

  private Charts() {}

  /** The repository root: tests run in webhook/, the charts live in ../deploy. */
  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("deploy/helm"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("deploy/helm not found above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  static Path connectgateChart() {
    return repositoryRoot().resolve("deploy/helm/connectgate");
  }

  static Path replicatorChart() {
    return repositoryRoot().resolve("deploy/helm/replicator-cc");
  }

  /** The chart's documented modes: its ci/*-values.yaml files (chart-testing convention). */
  static List<Path> modeValuesFiles(Path chart) {
    try (Stream<Path> files = Files.list(chart.resolve("ci"))) {
      return files.filter(f -> f.getFileName().toString().endsWith("-values.yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The image repository the tests install with: the webhook chart has no default one (no
   * image is published), so every rendering below gives one unless the test sets its own.
   */
  static final String IMAGE_REPOSITORY = "connectgate";

  /**
   * Values a chart requires and has no default for ({@code required}), given by the tests
   * wherever the merged values leave them empty: the webhook's image repository, and the
   * example chart's SASL credentials (only read when SASL is on and no existingSecret is named).
   */
  static Map<String, Object> requiredForTests(Path chart) {
    Map<String, Object> values = new LinkedHashMap<>();
    if (chart.getFileName().toString().equals("connectgate")) {
      values.put("image.repository", IMAGE_REPOSITORY);
    } else if (chart.getFileName().toString().equals("replicator-cc")) {
      values.put("credentials.source.username", "ci-source-user");
      values.put("credentials.source.password", "ci-source-password");
      values.put("credentials.destination.username", "ci-destination-user");
      values.put("credentials.destination.password", "ci-destination-password");
    }
    return values;
  }

  /**
   * {@code helm template} with the release name and namespace of the rendered manifests, and
   * {@link #requiredForTests} wherever {@code sets} and the values file leave them empty.
   */
  static String template(Path chart, Path valuesFile, Map<String, Object> sets) {
    Map<String, Object> merged = mergedValues(chart, valuesFile);
    Map<String, Object> all = new LinkedHashMap<>();
    requiredForTests(chart).forEach((path, value) -> {
      if (value(merged, path) instanceof String current && current.isEmpty()) {
        all.put(path, value);
      }
    });
    all.putAll(sets);
    return templateAsIs(chart, valuesFile, all);
  }

  /** {@code helm template} with exactly the given values (no test image added). */
  static String templateAsIs(Path chart, Path valuesFile, Map<String, Object> sets) {
    TemplateCommand command =
        new Helm(chart).template().withName(RELEASE).withNamespace(NAMESPACE);
    if (valuesFile != null) {
      command = command.withValuesFile(valuesFile);
    }
    for (Map.Entry<String, Object> set : sets.entrySet()) {
      command = command.set(set.getKey(), set.getValue());
    }
    return command.call();
  }

  static String template(Path chart, Path valuesFile) {
    return template(chart, valuesFile, Map.of());
  }

  /**
   * {@code helm lint --strict} of the chart as configured by a values file. helm-java's lint
   * takes no values, so the chart is copied and the values file is merged into its values.yaml.
   */
  @SuppressWarnings("unchecked")
  static LintResult lint(Path chart, Path valuesFile) {
    try {
      Path copy = Files.createTempDirectory("chart-lint-").resolve(chart.getFileName());
      try {
        copyTree(chart, copy);
        Map<String, Object> values = mergedValues(chart, valuesFile);
        requiredForTests(chart).forEach((path, value) -> {
          if (value(values, path) instanceof String current && current.isEmpty()) {
            String parent = path.substring(0, path.lastIndexOf('.'));
            ((Map<String, Object>) value(values, parent)).put(path.substring(path.lastIndexOf('.') + 1), value);
          }
        });
        YAML.writeValue(copy.resolve("values.yaml").toFile(), values);
        return new Helm(copy).lint().strict().call();
      } finally {
        deleteTree(copy.getParent());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The chart's values.yaml with a mode's values file merged over it, as Helm does. */
  static Map<String, Object> mergedValues(Path chart, Path valuesFile) {
    Map<String, Object> merged = readYaml(chart.resolve("values.yaml"));
    if (valuesFile != null) {
      deepMerge(merged, readYaml(valuesFile));
    }
    return merged;
  }

  /** A dotted path into values ("tls.mode"); null when absent. */
  @SuppressWarnings("unchecked")
  static Object value(Map<String, Object> values, String dottedPath) {
    Object current = values;
    for (String part : dottedPath.split("\\.")) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = ((Map<String, Object>) map).get(part);
    }
    return current;
  }

  /**
   * {@code helm template} leaves Helm hooks out of its output (helm-java returns the release
   * manifest only). To inspect hook templates, render a copy of the chart whose hook annotation
   * key is renamed, so that Helm treats those objects as ordinary ones.
   */
  static String templateWithHooks(Path chart, Path valuesFile, Map<String, Object> sets) {
    try {
      Path copy = Files.createTempDirectory("chart-hooks-").resolve(chart.getFileName());
      try {
        copyTree(chart, copy);
        try (Stream<Path> templates = Files.walk(copy.resolve("templates"))) {
          for (Path template : (Iterable<Path>) templates.filter(Files::isRegularFile)::iterator) {
            String text = Files.readString(template);
            Files.writeString(template, text.replace("helm.sh/hook", UNHOOKED));
          }
        }
        return template(copy, valuesFile, sets);
      } finally {
        deleteTree(copy.getParent());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The annotation prefix that stands for {@code helm.sh/hook} in {@link #templateWithHooks}. */
  static final String UNHOOKED = "test.connectgate.io/unhooked";

  /** Every document of a rendering as a typed Kubernetes object (CRDs as generic ones). */
  static List<HasMetadata> parse(String rendered) {
    Object parsed = new KubernetesSerialization().unmarshal(rendered);
    List<HasMetadata> objects = new ArrayList<>();
    if (parsed instanceof List<?> list) {
      list.forEach(o -> objects.add((HasMetadata) o));
    } else if (parsed instanceof HasMetadata single) {
      objects.add(single);
    }
    return objects;
  }

  /**
   * The webhook configurations the pods register (serve --register-webhooks): the objects in
   * the {@code <fullname>-webhooks} ConfigMap of a rendering. The rendering itself holds none.
   */
  static List<HasMetadata> registeredWebhooks(List<HasMetadata> rendered) {
    ConfigMap holder = ofType(rendered, ConfigMap.class).stream()
        .filter(c -> c.getMetadata().getName().equals(RELEASE + "-webhooks")).findFirst()
        .orElseThrow(() -> new AssertionError("no ConfigMap " + RELEASE + "-webhooks in the rendering"));
    return parse(holder.getData().get("webhooks.yaml"));
  }

  static <T extends HasMetadata> List<T> ofType(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  static <T extends HasMetadata> T single(List<HasMetadata> objects, Class<T> type) {
    List<T> found = ofType(objects, type);
    if (found.size() != 1) {
      throw new AssertionError("expected exactly one " + type.getSimpleName() + ", found " + found.size());
    }
    return found.get(0);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> readYaml(Path file) {
    Map<String, Object> map = YAML.readValue(file.toFile(), LinkedHashMap.class);
    return map == null ? new LinkedHashMap<>() : map;
  }

  @SuppressWarnings("unchecked")
  private static void deepMerge(Map<String, Object> target, Map<String, Object> source) {
    source.forEach((key, value) -> {
      if (value instanceof Map<?, ?> sourceMap && target.get(key) instanceof Map<?, ?> targetMap) {
        deepMerge((Map<String, Object>) targetMap, (Map<String, Object>) sourceMap);
      } else {
        target.put(key, value);
      }
    });
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(path);
      }
    }
  }
}
