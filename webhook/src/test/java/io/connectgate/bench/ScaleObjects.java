package io.connectgate.bench;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The ConfigMaps of the scale benchmark, deterministic for a seed: {@code total} objects over
 * {@code namespaces} namespaces, of which {@code connectors} (evenly spread) carry one real
 * connector document each and the rest are ordinary application ConfigMaps of realistic size.
 *
 * <p>Connector ConfigMaps cycle through {@link ScaleCorpus}, each renamed after its ConfigMap
 * (a cluster does not hold the same connector twice); four in five carry the label
 * {@value #CONNECTOR_LABEL}, the fifth is found by its {@code .json} entry alone (unless its
 * document, as published, is no JSON: then it is labelled too, or nothing would mark it). Ordinary
 * ones: a properties file (58 %, 0.5–2 KiB), an application YAML (30 %, 2–6 KiB), a
 * configuration file such as nginx.conf (10 %, 8–16 KiB) and a dashboard JSON that is no
 * connector (2 %, 20–40 KiB) — about 3.7 KiB on average.
 */
final class ScaleObjects {

  static final String CONNECTOR_LABEL = "connectgate.io/connector";
  static final String NAMESPACE_PREFIX = "scale-";

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String[] WORDS = {"orders", "payments", "cache", "timeout", "retry", "pool", "region",
      "feature", "endpoint", "batch", "window", "limit", "queue", "tenant", "metrics", "tracing", "session",
      "ledger", "inventory", "search"};

  /** How many objects, of which connectors, over how many namespaces; the seed of the contents. */
  record Spec(int total, int connectors, int namespaces, long seed) {
    Spec {
      if (total < 1 || connectors < 0 || connectors > total || namespaces < 1) {
        throw new IllegalArgumentException("need total >= 1, 0 <= connectors <= total, namespaces >= 1");
      }
    }
  }

  private ScaleObjects() {}

  static List<String> namespaces(Spec spec) {
    List<String> names = new ArrayList<>();
    for (int n = 0; n < spec.namespaces(); n++) names.add(NAMESPACE_PREFIX + n);
    return names;
  }

  static List<ConfigMap> generate(Spec spec, List<ScaleCorpus.Document> corpus) {
    if (spec.connectors() > 0 && corpus.isEmpty()) {
      throw new IllegalArgumentException("connectors requested but the corpus is empty");
    }
    Random random = new Random(spec.seed());
    List<ConfigMap> out = new ArrayList<>(spec.total());
    int placed = 0;
    for (int i = 0; i < spec.total(); i++) {
      String namespace = NAMESPACE_PREFIX + (i % spec.namespaces());
      // Connector i sits at floor(i * total / connectors): evenly spread, exactly `connectors` of them.
      boolean connector = placed < spec.connectors()
          && i == (int) ((long) placed * spec.total() / spec.connectors());
      if (connector) {
        out.add(connector(namespace, corpus.get(placed % corpus.size()), placed));
        placed++;
      } else {
        out.add(ordinary(namespace, i, random));
      }
    }
    return out;
  }

  /** The {@code copy}th ConfigMap carrying {@code document}, named after it. */
  static ConfigMap connector(String namespace, ScaleCorpus.Document document, int copy) {
    String name = (document.id().length() > 50 ? document.id().substring(0, 50) : document.id())
        .replaceAll("[^a-z0-9-]", "-").replaceAll("-+$", "") + "-" + copy;
    String json = renamed(document.json(), name);
    // A document that is not JSON (published with placeholders) is found by its label only.
    boolean labelled = copy % 5 != 4 || json.equals(document.json()) && !isJson(json);
    ConfigMapBuilder builder = new ConfigMapBuilder().withNewMetadata().withNamespace(namespace).withName(name)
        .addToLabels("app.kubernetes.io/name", "connect").endMetadata();
    if (labelled) {
      builder.editMetadata().addToLabels(CONNECTOR_LABEL, "true").endMetadata();
    }
    return builder.addToData(document.dataKey(), json).build();
  }

  static boolean isJson(String text) {
    try {
      JSON.readTree(text);
      return true;
    } catch (JacksonException e) {
      return false;
    }
  }

  /**
   * {@code json} with its connector name (and {@code config.name}, when it repeated it) set to
   * {@code name}; text that is no JSON object with a name, unchanged.
   */
  static String renamed(String json, String name) {
    JsonNode tree;
    try {
      tree = JSON.readTree(json);
    } catch (JacksonException notJson) {
      return json; // a document the engine reports as malformed: stored as published
    }
    if (!(tree instanceof ObjectNode root) || !root.path("name").isString()) {
      return json;
    }
    String old = root.path("name").asString();
    root.put("name", name);
    if (root.get("config") instanceof ObjectNode config && old.equals(config.path("name").asString(null))) {
      config.put("name", name);
    }
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }

  private static ConfigMap ordinary(String namespace, int i, Random random) {
    int kind = random.nextInt(100);
    String app = WORDS[random.nextInt(WORDS.length)] + "-" + i;
    Map<String, String> data = new LinkedHashMap<>();
    if (kind < 58) {
      data.put("application.properties", properties(random, 512 + random.nextInt(1536)));
    } else if (kind < 88) {
      data.put("config.yaml", yaml(random, 2048 + random.nextInt(4096)));
      data.put("LOG_LEVEL", "info");
    } else if (kind < 98) {
      data.put("nginx.conf", nginx(random, 8192 + random.nextInt(8192)));
    } else {
      data.put("dashboard.json", dashboard(random, 20480 + random.nextInt(20480)));
    }
    return new ConfigMapBuilder()
        .withNewMetadata().withNamespace(namespace).withName(app + "-config")
          .addToLabels("app.kubernetes.io/name", app).addToLabels("app.kubernetes.io/part-of", "shop")
          .addToAnnotations("meta.helm.sh/release-name", app).endMetadata()
        .withData(data)
        .build();
  }

  private static String properties(Random random, int bytes) {
    StringBuilder b = new StringBuilder("# generated for the scale benchmark\n");
    while (b.length() < bytes) {
      b.append(word(random)).append('.').append(word(random)).append('.').append(word(random)).append('=')
          .append(value(random)).append('\n');
    }
    return b.toString();
  }

  private static String yaml(Random random, int bytes) {
    StringBuilder b = new StringBuilder("server:\n  port: 8080\n");
    while (b.length() < bytes) {
      b.append(word(random)).append(":\n");
      for (int k = 0; k < 4; k++) {
        b.append("  ").append(word(random)).append(": ").append(value(random)).append('\n');
      }
    }
    return b.toString();
  }

  private static String nginx(Random random, int bytes) {
    StringBuilder b = new StringBuilder("worker_processes auto;\nevents { worker_connections 1024; }\nhttp {\n");
    while (b.length() < bytes) {
      b.append("  location /").append(word(random)).append("/ {\n    proxy_pass http://")
          .append(word(random)).append(".svc.cluster.local:8080;\n    proxy_read_timeout ")
          .append(random.nextInt(120)).append("s;\n  }\n");
    }
    return b.append("}\n").toString();
  }

  private static String dashboard(Random random, int bytes) {
    ObjectNode root = JSON.createObjectNode();
    root.put("title", word(random) + " overview");
    var panels = root.putArray("panels");
    while (root.toString().length() < bytes) {
      ObjectNode panel = panels.addObject();
      panel.put("type", "timeseries");
      panel.put("title", word(random) + " " + word(random));
      panel.putArray("targets").addObject().put("expr",
          "sum(rate(" + word(random) + "_total{job=\"" + word(random) + "\"}[5m])) by (instance)");
    }
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
  }

  private static String word(Random random) {
    return WORDS[random.nextInt(WORDS.length)];
  }

  private static String value(Random random) {
    return switch (random.nextInt(3)) {
      case 0 -> Integer.toString(random.nextInt(100_000));
      case 1 -> Boolean.toString(random.nextBoolean());
      default -> word(random) + "-" + Long.toHexString(random.nextLong());
    };
  }
}
