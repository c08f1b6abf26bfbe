package io.connectgate.connector;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a Strimzi {@code KafkaMirrorMaker2} into the connector documents its cluster operator
 * sends to Kafka Connect: one per connector section ({@code sourceConnector},
 * {@code checkpointConnector}, and in v1beta2 {@code heartbeatConnector}) of each mirror. Pure.
 *
 * <p>What the operator does is reproduced from Strimzi's {@code KafkaMirrorMaker2Cluster}
 * ({@code validateAndUpdateToNewAPI}), {@code KafkaMirrorMaker2Connectors}
 * ({@code prepareMirrorMaker2ConnectorConfig}, {@code addClusterToMirrorMaker2ConnectorConfig})
 * and {@code AbstractConnectOperator} (the forbidden keys, {@code tasks.max},
 * {@code connector.plugin.version}, {@code connector.class}), release 0.51.0, the last that
 * serves both versions and both layouts; for {@code v1} the store and password references are
 * those of 1.x ({@code strimzisecrets} PEM references), which reads v1 only:
 * <ul>
 *   <li>Layout: {@code spec.target} and {@code spec.mirrors[].source}; in v1beta2 also the
 *       older {@code spec.connectCluster} naming one of {@code spec.clusters} (whose
 *       {@code group.id} and {@code *.storage.topic} config go to the Connect worker, not to
 *       the connectors) and {@code mirrors[].sourceCluster}; {@code mirrors[].targetCluster},
 *       when set, must be the target's alias; target and source aliases must be unique.
 *   <li>Config, later entries winning: the target cluster as {@code target.cluster.*}, the
 *       source as {@code source.cluster.*} (alias, bootstrap.servers, the TLS trust store when
 *       trusted certificates are given, the client authentication, security.protocol, then the
 *       cluster's config); then the section's own config; then {@code topics},
 *       {@code topics.exclude}, {@code groups}, {@code groups.exclude} from the mirror's
 *       patterns (v1beta2: the exclude pattern, else the deprecated blacklist one); then the
 *       OpenTelemetry interceptors ({@code spec.tracing}), {@code consumer.client.rack}
 *       ({@code spec.rack}) and the Strimzi metrics reporter ({@code spec.metricsConfig}).
 *   <li>{@code name}, {@code connector.class}, {@code tasks.max} and
 *       {@code connector.plugin.version} in a section's config, in any case, are dropped by the
 *       operator ({@link StrimziForbiddenKeys}, as for a KafkaConnector; reported as
 *       {@code forbidden-key} unless the value is the one the operator sends anyway); it sets
 *       {@code tasks.max} from {@code tasksMax}, {@code connector.plugin.version} from
 *       {@code version}, the class {@code org.apache.kafka.connect.mirror.Mirror*Connector} and
 *       the name {@code SOURCE->TARGET.Mirror*Connector}.
 * </ul>
 * A setting the operator derives points at the field it comes from; a layout the operator
 * refuses is a {@code not-a-connector} problem; a v1 field the v1 CRD does not have (the
 * heartbeat connector, the blacklist patterns), which the API server drops, an
 * {@code unknown-key} one. OAuth authentication (v1beta2) is read as mechanism, protocol, login
 * callback handler and a JAAS config of its text options and secret references; its numeric
 * and boolean tuning options are not reproduced.
 */
final class MirrorMaker2Resources {

  private static final ConnectorResourceKind KIND = ConnectorResourceKind.STRIMZI_KAFKA_MIRROR_MAKER_2;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String PACKAGE = "org.apache.kafka.connect.mirror.";
  /** Strimzi's connector sections in the order connectgate reports them. */
  private static final List<String> SECTIONS =
      List.of("sourceConnector", "checkpointConnector", "heartbeatConnector");
  private static final String TRACING_PREFIX =
      "io.opentelemetry.instrumentation.kafkaclients.v2_6.Tracing";

  private final boolean v1;
  private final String namespace;
  private final String resourceName;
  private final List<ConnectorResource.Problem> problems = new ArrayList<>();
  /** {@link #chars} of the objects and arrays measured (a cluster is shared by many connectors). */
  private final Map<JsonNode, Long> sizes = new java.util.IdentityHashMap<>();
  private final List<String> settingMaps = new ArrayList<>();
  private final List<String> workerSettingMaps = new ArrayList<>();
  private final MirrorMaker2ClusterSettings clusterSettings;

  private MirrorMaker2Resources(JsonNode object) {
    this.v1 = "kafka.strimzi.io/v1".equals(ConnectorResources.text(object.get("apiVersion")));
    this.namespace = orEmpty(ConnectorResources.text(object.path("metadata").get("namespace")));
    this.resourceName = orEmpty(ConnectorResources.text(object.path("metadata").get("name")));
    this.clusterSettings = new MirrorMaker2ClusterSettings(v1, namespace, resourceName, settingMaps);
  }

  /** A Kafka cluster of the resource, where it is declared, and whether in v1beta2's spec.clusters. */
  record Cluster(ObjectNode spec, String pointer, boolean listed) {
    String alias() {
      return orEmpty(ConnectorResources.text(spec.get("alias")));
    }
  }

  /** A config being built, with the field each setting comes from. */
  static final class Settings {
    final ObjectNode config = NODES.objectNode();
    final Map<String, String> from = new HashMap<>();

    void put(String key, JsonNode value, String pointer) {
      from.put(key, pointer);
      if (value != null && !value.isNull()) {
        config.set(key, value.deepCopy());
      } else {
        config.remove(key); // missing there: the operator would have nothing (or fail)
      }
    }

    void put(String key, String value, String pointer) {
      put(key, NODES.stringNode(value), pointer);
    }
  }

  static ConnectorResource read(JsonNode object) {
    return new MirrorMaker2Resources(object).readSpec(object.get("spec"));
  }

  private ConnectorResource readSpec(JsonNode spec) {
    List<ConnectorResource.Connector> connectors = new ArrayList<>();
    if (!(spec instanceof ObjectNode s)) {
      problem(ConnectorResources.NOT_A_CONNECTOR, "/spec", "a " + KIND.title()
          + " needs a spec with " + (v1 ? "target" : "target (or connectCluster and clusters)")
          + " and mirrors");
      return resource(connectors);
    }
    Map<String, Cluster> clusters = v1 ? Map.of() : clusters(s.get("clusters"));
    Cluster target = target(s, clusters);
    if (target != null) {
      // KafkaMirrorMaker2Configuration: the target's config is the Connect worker's too.
      workerSettingMaps.add(target.pointer() + "/config");
    }
    JsonNode mirrors = s.get("mirrors");
    if (mirrors == null || !mirrors.isArray() || mirrors.isEmpty()) {
      problem(ConnectorResources.NOT_A_CONNECTOR, "/spec/mirrors",
          "is required: at least one mirror (source cluster and connectors)");
      return resource(connectors);
    }
    int sections = sectionsIn(mirrors);
    if (sections > ConnectorResources.MAX_CONNECTORS) {
      problem(ConnectorResources.LIMIT, "/spec/mirrors", "the " + KIND.kind() + " makes " + sections
          + " connector documents; at most " + ConnectorResources.MAX_CONNECTORS
          + " are allowed (limit: connector documents per resource)");
      return resource(connectors);
    }
    Set<String> aliases = new HashSet<>();
    if (target != null) {
      aliases.add(target.alias());
    }
    long built = 0; // characters the connectors built so far hold, about
    for (int i = 0; i < mirrors.size(); i++) {
      String at = "/spec/mirrors/" + i;
      if (!(mirrors.get(i) instanceof ObjectNode mirror)) {
        problem(ConnectorResources.VALUE_TYPE, at, "must be a mirror (source and connectors)");
        continue;
      }
      Cluster source = source(mirror, at, clusters);
      if (!v1 && target != null && mirror.get("targetCluster") != null
          && !target.alias().equals(ConnectorResources.text(mirror.get("targetCluster")))) {
        problem(ConnectorResources.NOT_A_CONNECTOR, at + "/targetCluster", "must be the alias of"
            + " the target cluster, " + target.alias() + " (the operator refuses another)");
      }
      if (source != null && !aliases.add(source.alias())) {
        problem(ConnectorResources.NOT_A_CONNECTOR, source.listed()
            ? at + "/sourceCluster" : source.pointer() + "/alias", "the target and source"
            + " cluster aliases must be unique: " + source.alias() + " is used already (the"
            + " operator refuses the resource, and its connectors would share a name)");
      }
      if (v1) {
        unknownInV1(mirror, at);
      }
      for (String section : SECTIONS) {
        JsonNode node = mirror.get(section);
        if (node == null || node.isNull() || (v1 && section.equals("heartbeatConnector"))) {
          continue;
        }
        String sectionAt = at + "/" + section;
        if (!(node instanceof ObjectNode connector)) {
          problem(ConnectorResources.VALUE_TYPE, sectionAt, "must be a connector (tasksMax, config)");
          continue;
        }
        if (target != null && source != null) {
          built += chars(target.spec()) + chars(source.spec()) + chars(connector);
          if (built > ConnectorResources.MAX_CONNECTOR_CHARS) {
            problem(ConnectorResources.LIMIT, "/spec/mirrors", "the " + KIND.kind() + "'s connectors would"
                + " hold more than " + ConnectorResources.MAX_CONNECTOR_CHARS + " characters of settings (each"
                + " carries its clusters' settings; limit: size of a resource's connectors)");
            return resource(new ArrayList<>());
          }
          connectors.add(connector(s, mirror, at, section, connector, target, source));
        }
      }
    }
    return resource(connectors);
  }

  /** Characters of a subtree's names and values, each subtree counted once per read. */
  private long chars(JsonNode node) {
    Long known = sizes.get(node);
    if (known != null) {
      return known;
    }
    long n = 0;
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        n += e.getKey().length() + chars(e.getValue());
      }
    } else if (node.isArray()) {
      for (JsonNode v : node) {
        n += chars(v);
      }
    } else {
      return node.isString() ? node.stringValue().length() : 8;
    }
    sizes.put(node, n);
    return n;
  }

  /** The connector sections the mirrors declare (what the operator would make connectors of). */
  private int sectionsIn(JsonNode mirrors) {
    int sections = 0;
    for (JsonNode mirror : mirrors) {
      for (String section : SECTIONS) {
        JsonNode node = mirror.get(section);
        if (node != null && !node.isNull() && !(v1 && section.equals("heartbeatConnector"))) {
          sections++;
        }
      }
    }
    return sections;
  }

  private ConnectorResource resource(List<ConnectorResource.Connector> connectors) {
    return new ConnectorResource(KIND, connectors, problems, settingMaps.stream().distinct().toList(),
        workerSettingMaps);
  }

  private void problem(String rule, String pointer, String message) {
    problems.add(new ConnectorResource.Problem(rule, pointer, message));
  }

  /** v1beta2's {@code spec.clusters} by alias (the first of an alias wins, as a lookup would). */
  private Map<String, Cluster> clusters(JsonNode list) {
    Map<String, Cluster> out = new LinkedHashMap<>();
    if (list != null && list.isArray()) {
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i) instanceof ObjectNode c) {
          out.putIfAbsent(orEmpty(ConnectorResources.text(c.get("alias"))),
              new Cluster(c, "/spec/clusters/" + i, true));
        }
      }
    }
    return out;
  }

  private Cluster target(ObjectNode spec, Map<String, Cluster> clusters) {
    if (spec.get("target") instanceof ObjectNode t) {
      return new Cluster(t, "/spec/target", false);
    }
    if (v1) {
      problem(ConnectorResources.NOT_A_CONNECTOR, "/spec/target", "is required in"
          + " kafka.strimzi.io/v1 (connectCluster and clusters are v1beta2 only)");
      return null;
    }
    String alias = ConnectorResources.text(spec.get("connectCluster"));
    if (alias == null || clusters.isEmpty()) {
      problem(ConnectorResources.NOT_A_CONNECTOR, "/spec/target", "is required: the target"
          + " cluster (or, in v1beta2, connectCluster naming one of spec.clusters)");
      return null;
    }
    Cluster found = clusters.get(alias);
    if (found == null) {
      problem(ConnectorResources.NOT_A_CONNECTOR, "/spec/connectCluster", "names no cluster"
          + " of spec.clusters: " + alias);
    }
    return found;
  }

  private Cluster source(ObjectNode mirror, String at, Map<String, Cluster> clusters) {
    if (mirror.get("source") instanceof ObjectNode src) {
      return new Cluster(src, at + "/source", false);
    }
    String alias = v1 ? null : ConnectorResources.text(mirror.get("sourceCluster"));
    if (alias == null) {
      problem(ConnectorResources.NOT_A_CONNECTOR, at + "/source", "is required: the source"
          + " cluster" + (v1 ? "" : " (or, in v1beta2, sourceCluster naming one of spec.clusters)"));
      return null;
    }
    Cluster found = clusters.get(alias);
    if (found == null) {
      problem(ConnectorResources.NOT_A_CONNECTOR, at + "/sourceCluster",
          "names no cluster of spec.clusters: " + alias);
    }
    return found;
  }

  /** Fields of v1beta2 that kafka.strimzi.io/v1 does not have: the API server drops them. */
  private void unknownInV1(ObjectNode mirror, String at) {
    for (String field : List.of("heartbeatConnector", "topicsBlacklistPattern",
        "groupsBlacklistPattern", "sourceCluster", "targetCluster")) {
      if (mirror.has(field)) {
        problem(ConnectorResources.UNKNOWN_KEY, at + "/" + field, "is not a field of"
            + " kafka.strimzi.io/v1 (v1beta2 only): the API server drops it"
            + (field.equals("heartbeatConnector") ? " and no MirrorHeartbeatConnector is created" : ""));
      }
    }
  }

  private ConnectorResource.Connector connector(ObjectNode spec, ObjectNode mirror, String at,
      String section, ObjectNode connector, Cluster target, Cluster source) {
    String sectionAt = at + "/" + section;
    String configAt = sectionAt + "/config";
    String type = Character.toUpperCase(section.charAt(0)) + section.substring(1);
    String name = source.alias() + "->" + target.alias() + ".Mirror" + type;
    Settings s = new Settings();
    clusterSettings.add(s, target, "target.cluster.");
    clusterSettings.add(s, source, "source.cluster.");
    JsonNode own = connector.get("config");
    if (own != null && !own.isNull() && !(own instanceof ObjectNode)) {
      problem(ConnectorResources.VALUE_TYPE, configAt, "must be a map of connector settings");
    } else if (own instanceof ObjectNode map) {
      settingMaps.add(configAt);
      String written = "spec.mirrors[" + at.substring(at.lastIndexOf('/') + 1) + "]." + section;
      Map<String, JsonNode> sent = StrimziForbiddenKeys.sent(NODES.stringNode(PACKAGE + "Mirror" + type),
          connector.get("tasksMax"), connector.get("version"), name);
      for (Map.Entry<String, JsonNode> e : map.properties()) {
        if (StrimziForbiddenKeys.forbidden(KIND, e.getKey())) {
          ConnectorResource.Problem p = StrimziForbiddenKeys.check(KIND, written,
              configAt + "/" + e.getKey(), e.getKey(), e.getValue(), sent);
          if (p != null) {
            problems.add(p);
          }
          continue;
        }
        s.from.remove(e.getKey()); // the user's value now: findings point at it
        s.config.set(e.getKey(), e.getValue().deepCopy());
      }
    }
    pattern(s, mirror, at, "topics", "topicsPattern", null);
    pattern(s, mirror, at, "topics.exclude", "topicsExcludePattern", "topicsBlacklistPattern");
    pattern(s, mirror, at, "groups", "groupsPattern", null);
    pattern(s, mirror, at, "groups.exclude", "groupsExcludePattern", "groupsBlacklistPattern");
    if ("opentelemetry".equals(ConnectorResources.text(spec.path("tracing").get("type")))) {
      s.put("consumer.interceptor.classes", TRACING_PREFIX + "ConsumerInterceptor", "/spec/tracing");
      s.put("producer.interceptor.classes", TRACING_PREFIX + "ProducerInterceptor", "/spec/tracing");
    }
    if (spec.get("rack") != null && !spec.get("rack").isNull()) {
      s.put("consumer.client.rack",
          "${strimzifile:/tmp/strimzi-connect.properties:consumer.client.rack}", "/spec/rack");
    }
    if ("strimziMetricsReporter".equals(ConnectorResources.text(spec.path("metricsConfig").get("type")))) {
      String reporter = v1 ? "io.strimzi.kafka.metrics.prometheus.ClientMetricsReporter"
          : "io.strimzi.kafka.metrics.KafkaPrometheusMetricsReporter";
      JsonNode existing = s.config.get("metric.reporters");
      String value = existing != null && existing.isValueNode()
          && !existing.asString().contains(reporter) ? existing.asString() + "," + reporter : reporter;
      s.put("metric.reporters", value, "/spec/metricsConfig");
      s.put("prometheus.metrics.reporter.listener.enable", "false", "/spec/metricsConfig");
    }
    if (connector.has("tasksMax")) {
      s.put("tasks.max", connector.get("tasksMax"), sectionAt + "/tasksMax");
    }
    if (connector.has("version")) {
      s.put("connector.plugin.version", connector.get("version"), sectionAt + "/version");
    }
    s.put(ConnectorDocument.CONNECTOR_CLASS, PACKAGE + "Mirror" + type, sectionAt);
    ObjectNode document = NODES.objectNode();
    document.put("name", name).set("config", s.config);
    return new ConnectorResource.Connector(document, sectionAt, configAt, at, s.from);
  }

  /** A mirror's pattern as the operator puts it ({@code deprecated}: v1beta2's older name). */
  private void pattern(Settings s, ObjectNode mirror, String at, String key, String field,
      String deprecated) {
    if (mirror.get(field) != null && !mirror.get(field).isNull()) {
      s.put(key, mirror.get(field), at + "/" + field);
    } else if (deprecated != null && !v1 && mirror.get(deprecated) != null
        && !mirror.get(deprecated).isNull()) {
      s.put(key, mirror.get(deprecated), at + "/" + deprecated);
    }
  }

  static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
