package io.connectgate.hostile;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The reviews of issue 14's attacks, built as the API server would send them (or a forger could). */
public final class HostileReviews {

  public static final JsonMapper JSON = JsonMapper.builder().build();

  /** A Replicator connector document of about 280 bytes that passes every check. */
  public static String replicator(String name) {
    return "{\"name\":\"" + name + "\",\"config\":{"
        + "\"connector.class\":\"io.confluent.connect.replicator.ReplicatorSourceConnector\","
        + "\"topic.whitelist\":\"orders\",\"src.kafka.bootstrap.servers\":\"src.kafka-1.example.com:9093\","
        + "\"dest.kafka.bootstrap.servers\":\"dest.kafka-1.example.com:9093\",\"tasks.max\":\"1\"}}";
  }

  private HostileReviews() {}

  /** A review of a CREATE of {@code configMap} with the given uid and namespace. */
  public static byte[] review(String uid, String namespace, ObjectNode configMap) {
    ObjectNode root = JSON.createObjectNode();
    root.put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
    ObjectNode request = root.putObject("request");
    request.put("uid", uid);
    request.putObject("kind").put("group", "").put("version", "v1").put("kind", "ConfigMap");
    request.putObject("resource").put("group", "").put("version", "v1").put("resource", "configmaps");
    request.put("name", configMap.path("metadata").path("name").asString());
    request.put("namespace", namespace);
    request.put("operation", "CREATE");
    request.putObject("userInfo").put("username", "tenant");
    request.set("object", configMap);
    request.put("dryRun", false);
    return JSON.writeValueAsBytes(root);
  }

  /**
   * A KafkaMirrorMaker2 of 21 mirrors (63 connectors) whose target cluster carries a
   * {@code chars}-character setting: the operator copies it into every connector (1.4 MB of it
   * ran a 256 MiB heap out of memory).
   */
  public static byte[] wideMirrorMaker2(String uid, int chars) {
    ObjectNode mm2 = JSON.createObjectNode().put("apiVersion", "kafka.strimzi.io/v1beta2").put("kind",
        "KafkaMirrorMaker2");
    mm2.putObject("metadata").put("name", "mm2").put("namespace", "attacker");
    ObjectNode spec = mm2.putObject("spec").put("connectCluster", "target");
    var clusters = spec.putArray("clusters");
    clusters.addObject().put("alias", "target").put("bootstrapServers", "target:9092").putObject("config")
        .put("x.k", "a".repeat(chars));
    var mirrors = spec.putArray("mirrors");
    for (int i = 0; i < 21; i++) {
      clusters.addObject().put("alias", "source-" + i).put("bootstrapServers", "source:9092");
      ObjectNode mirror = mirrors.addObject().put("sourceCluster", "source-" + i).put("targetCluster", "target");
      for (String section : new String[] {"sourceConnector", "checkpointConnector", "heartbeatConnector"}) {
        mirror.putObject(section).putObject("config");
      }
    }
    ObjectNode root = JSON.createObjectNode();
    root.put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
    ObjectNode request = root.putObject("request").put("uid", uid).put("name", "mm2").put("namespace", "attacker")
        .put("operation", "CREATE");
    request.putObject("kind").put("group", "kafka.strimzi.io").put("version", "v1beta2").put("kind", "KafkaMirrorMaker2");
    request.putObject("resource").put("group", "kafka.strimzi.io").put("version", "v1beta2")
        .put("resource", "kafkamirrormaker2s");
    request.putObject("userInfo").put("username", "tenant");
    request.set("object", mm2);
    return JSON.writeValueAsBytes(root);
  }

  public static ObjectNode configMap(String name, String namespace, boolean labelled) {
    ObjectNode cm = JSON.createObjectNode();
    cm.put("apiVersion", "v1").put("kind", "ConfigMap");
    ObjectNode metadata = cm.putObject("metadata");
    metadata.put("name", name).put("namespace", namespace);
    if (labelled) {
      metadata.putObject("labels").put("connectgate.io/connector", "true");
    }
    cm.putObject("data");
    return cm;
  }

  /** One small, valid connector ConfigMap (about 1.5 KiB of review). */
  public static byte[] small(String uid, String namespace) {
    ObjectNode cm = configMap("replicator", namespace, true);
    ((ObjectNode) cm.get("data")).put("replicator.json", replicator("replicator"));
    return review(uid, namespace, cm);
  }

  /** A labelled ConfigMap with {@code entries} data entries {@code "kN.json": value}. */
  public static byte[] manyEntries(String uid, String namespace, int entries, String value) {
    ObjectNode cm = configMap("many", namespace, true);
    ObjectNode data = (ObjectNode) cm.get("data");
    for (int i = 0; i < entries; i++) {
      data.put("k" + i + ".json", value);
    }
    return review(uid, namespace, cm);
  }

  /** A ConfigMap with {@code documents} valid connector documents, one per entry. */
  public static byte[] manyDocuments(String uid, String namespace, int documents) {
    ObjectNode cm = configMap("many-docs", namespace, true);
    ObjectNode data = (ObjectNode) cm.get("data");
    for (int i = 0; i < documents; i++) {
      data.put("c" + i + ".json", replicator("c" + i));
    }
    return review(uid, namespace, cm);
  }

  /** The largest body the API server sends, 3 MiB, as 150,000-ish {@code "{"} entries. */
  public static byte[] maximumEntriesAttack(String uid, String namespace) {
    int entries = 150_000;
    byte[] body = manyEntries(uid, namespace, entries, "{");
    while (body.length > 3 * 1024 * 1024) {
      entries -= 2_000;
      body = manyEntries(uid, namespace, entries, "{");
    }
    return body;
  }

  /**
   * The most a ConfigMap may carry and still be checked: {@code Limits.MAX_DOCUMENTS} documents
   * of {@code Limits.MAX_SETTINGS} settings each, every setting unknown (a finding each).
   */
  public static byte[] widestDocuments(String uid, String namespace) {
    return widestDocuments(uid, namespace, i -> "\"x" + i + "\":\"" + i + "\"");
  }

  /** As {@link #widestDocuments(String, String)}, each setting written by {@code setting}. */
  public static byte[] widestDocuments(String uid, String namespace,
      java.util.function.IntFunction<String> setting) {
    ObjectNode cm = configMap("wide", namespace, true);
    ObjectNode data = (ObjectNode) cm.get("data");
    for (int d = 0; d < 64; d++) {
      StringBuilder doc = new StringBuilder("{\"name\":\"w" + d + "\",\"config\":{"
          + "\"connector.class\":\"io.confluent.connect.replicator.ReplicatorSourceConnector\","
          + "\"topic.whitelist\":\"orders\",\"src.kafka.bootstrap.servers\":\"s:9093\","
          + "\"dest.kafka.bootstrap.servers\":\"d:9093\"");
      for (int i = 0; i < 995; i++) {
        doc.append(',').append(setting.apply(i));
      }
      data.put("w" + d + ".json", doc.append("}}").toString());
    }
    return review(uid, namespace, cm);
  }

  /** An unlabelled ConfigMap whose metadata carries {@code labels} labels. */
  public static byte[] manyLabels(String uid, String namespace, int labels) {
    ObjectNode cm = configMap("labels", namespace, false);
    ObjectNode map = ((ObjectNode) cm.get("metadata")).putObject("labels");
    for (int i = 0; i < labels; i++) {
      map.put("l" + i, "v");
    }
    return review(uid, namespace, cm);
  }

  public static String text(byte[] body) {
    return new String(body, StandardCharsets.UTF_8);
  }
  /** A tenant's FileStream sink connector with {@code settings} added to its config. */
  public static byte[] sink(String uid, Map<String, String> settings) {
    ObjectNode config = JSON.createObjectNode()
        .put("connector.class", "org.apache.kafka.connect.file.FileStreamSinkConnector")
        .put("tasks.max", "1").put("file", "/tmp/out");
    settings.forEach(config::put);
    ObjectNode doc = JSON.createObjectNode().put("name", "sink");
    doc.set("config", config);
    ObjectNode cm = configMap("sink", "attacker", true);
    ((ObjectNode) cm.get("data")).put("sink.json", JSON.writeValueAsString(doc));
    return review(uid, "attacker", cm);
  }

  /**
   * The shapes of the 2026-12-07 cost audit, each of which took seconds to forever per review
   * before its fix (docs/hardening.md): a backtracking topics.regex against the dead-letter
   * topic, whitespace runs in Kafka lists, a long near-miss secret against a long quoted alias,
   * thousands of distinct secrets.
   */
  public static Map<String, Map<String, String>> auditedShapes() {
    String alias = "A".repeat(80_000);
    StringBuilder secrets = new StringBuilder();
    for (int i = 0; i < 11_000; i++) {
      secrets.append(i == 0 ? "" : ",").append(String.format("q%05d", i));
    }
    return Map.of(
        "topics.regex (.*a){20} against a 61-letter dead-letter topic", Map.of("topics.regex", "(.*a){20}",
            "errors.deadletterqueue.topic.name", "a".repeat(60) + "b", "errors.tolerance", "all"),
        "100,000 spaces inside topics and transforms", Map.of("topics", "a" + " ".repeat(100_000) + "b",
            "transforms", "a" + " ".repeat(100_000) + "b",
            "errors.deadletterqueue.topic.name", "dlq", "errors.tolerance", "all"),
        "a 40,000-character near-miss password against an 80,000-character alias",
            Map.of("x.password", "A".repeat(39_999) + "B", "transforms", alias),
        "11,000 distinct secrets, one quoted by a long alias",
            Map.of("x.password", secrets.toString(), "transforms", "q00000" + alias));
  }

  /** Duplicate keys under ten nested keys of 10,000 characters: each duplicate's path was copied. */
  public static byte[] nestedDuplicates(String uid) {
    ObjectNode cm = configMap("dups", "attacker", true);
    ((ObjectNode) cm.get("data")).put("dups.json", nestedDuplicatesDocument());
    return review(uid, "attacker", cm);
  }

  static String nestedDuplicatesDocument() {
    StringBuilder extra = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      extra.append('"').append("k".repeat(10_000)).append(i).append("\":{");
    }
    extra.append(String.join(",", Collections.nCopies(20_000, "\"a\":0"))).append("}".repeat(10));
    return "{\"name\":\"dups\",\"config\":{\"connector.class\":"
        + "\"org.apache.kafka.connect.file.FileStreamSinkConnector\",\"tasks.max\":\"1\",\"topics\":\"t\"},"
        + "\"extra\":{" + extra + "}}";
  }

  /** A 97 KB bootstrap-servers value against the glob "*.kafka-*.example.com:9093" (issue 14). */
  public static byte[] globAttack(String uid) {
    return withSourceServers(uid, "glob", "x.kafka-".repeat(12_000) + "x:9093");
  }

  /**
   * A 120 KB bootstrap-servers list of 30,000 short entries: the schema's host:port check scans
   * each entry within its own bounds (a search per entry to the end of the value was quadratic).
   */
  public static byte[] longServerList(String uid) {
    return withSourceServers(uid, "list", "h:1,".repeat(30_000) + "h:1");
  }

  /** A tenant's Replicator connector whose source bootstrap servers are {@code servers}. */
  public static byte[] withSourceServers(String uid, String name, String servers) {
    ObjectNode cm = configMap(name, "attacker", true);
    ((ObjectNode) cm.get("data")).put("c.json", replicator("c")
        .replace("src.kafka-1.example.com:9093", servers));
    return review(uid, "attacker", cm);
  }
}
