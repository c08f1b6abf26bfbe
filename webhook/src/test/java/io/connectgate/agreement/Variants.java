package io.connectgate.agreement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generated set of configs KafkaAgreementTest measures: real MirrorMaker 2 and FileStream
 * configs (as published: Kafka's connect-mirror-maker docs and the FileStream quickstart) and,
 * for each, variants that change one thing or a few related things — enums and their case,
 * ranges, types, required settings, regexes, class names and aliases, converters and their
 * settings, transformations and predicates and theirs, and the connectors' cross-field rules.
 */
final class Variants {

  private static final String MIRROR = "org.apache.kafka.connect.mirror.";
  private static final String FILE = "org.apache.kafka.connect.file.";
  private static final String TRANSFORMS = "org.apache.kafka.connect.transforms.";

  private final Map<String, Map<String, String>> bases = new LinkedHashMap<>();
  private final List<Variant> out = new ArrayList<>();

  static List<Variant> all() {
    return new Variants().build();
  }

  private Variants() {
    Map<String, String> mirror = Map.of(
        "source.cluster.alias", "primary", "target.cluster.alias", "backup",
        "source.cluster.bootstrap.servers", "127.0.0.1:9092",
        "target.cluster.bootstrap.servers", "127.0.0.1:9093",
        "key.converter", "org.apache.kafka.connect.converters.ByteArrayConverter",
        "value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter",
        "tasks.max", "2");
    base("mirror-source", MIRROR + "MirrorSourceConnector", mirror, Map.of("topics", "orders.*",
        "replication.factor", "1", "sync.topic.acls.enabled", "false",
        "refresh.topics.interval.seconds", "30"));
    base("mirror-checkpoint", MIRROR + "MirrorCheckpointConnector", mirror, Map.of(
        "groups", "app-.*", "emit.checkpoints.interval.seconds", "60",
        "sync.group.offsets.enabled", "true", "checkpoints.topic.replication.factor", "1"));
    base("mirror-heartbeat", MIRROR + "MirrorHeartbeatConnector", mirror, Map.of(
        "emit.heartbeats.interval.seconds", "5", "heartbeats.topic.replication.factor", "1"));
    base("file-source", FILE + "FileStreamSourceConnector", Map.of(), Map.of(
        "file", "/tmp/connectgate-agreement-in.txt", "topic", "lines", "tasks.max", "1"));
    base("file-sink", FILE + "FileStreamSinkConnector", Map.of(), Map.of(
        "file", "/tmp/connectgate-agreement-out.txt", "topics", "lines", "tasks.max", "1"));
  }

  private void base(String id, String cls, Map<String, String> shared, Map<String, String> own) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("connector.class", cls);
    c.put("name", id);
    c.putAll(shared);
    c.putAll(own);
    bases.put(id, c);
  }

  private List<Variant> build() {
    List<String> all = List.copyOf(bases.keySet());
    List<String> mm = List.of("mirror-source", "mirror-checkpoint", "mirror-heartbeat");
    List<String> some = List.of("mirror-source", "file-source", "file-sink");
    for (String b : all) {
      out.add(new Variant(b + "/as-published", bases.get(b)));
    }
    // Connect-level settings (ConnectorConfig, SourceConnectorConfig) on every connector.
    values(all, "tasks.max", "0", "-1", "abc", "2147483648", " 3 ", "1.5");
    values(all, "errors.tolerance", "all", "ALL", "bogus");
    values(all, "errors.retry.timeout", "-2", "x");
    values(all, "errors.log.enable", "yes", "TRUE");
    values(all, "config.action.reload", "none", "RESTART", "x");
    values(all, "value.converter", "org.apache.kafka.connect.json.JsonConverter",
        "JsonConverter", "Json", "not a class", "org.example.MissingConverter", "StringConverter");
    values(all, "key.converter", "ByteArray");
    values(all, "header.converter", "SimpleHeaderConverter", "org.example.NoHeaderConverter");
    values(all, "exactly.once.support", "requested", "REQUIRED", "bogus");
    values(all, "transaction.boundary", "poll", "INTERVAL", "x");
    values(all, "offsets.storage.topic", "", " ", "my-offsets");
    values(all, "producer.override.acks", "all", "bogus");
    values(all, "producer.override.linger.ms", "x");
    values(all, "consumer.override.max.poll.records", "x", "10");
    values(all, "admin.override.request.timeout.ms", "x");
    values(all, "name", "");
    // Converters' own settings, SMTs and predicates.
    for (String b : some) {
      converters(b);
      transforms(b);
    }
    // MirrorMaker 2 (MirrorConnectorConfig and each connector's own).
    for (String b : mm) {
      remove(b, "source.cluster.alias");
      values(List.of(b), "source.cluster.alias", "");
      values(List.of(b), "target.cluster.alias", "");
      values(List.of(b), "replication.policy.separator", "");
      values(List.of(b), "replication.policy.class", "not a class", "org.example.Policy");
      values(List.of(b), "admin.timeout.ms", "-1", "x");
      values(List.of(b), "security.protocol", "SSL", "bogus", "sasl_ssl");
      values(List.of(b), "sasl.oauthbearer.header.urlencode", "true", "maybe");
      values(List.of(b), "source.cluster.security.protocol", "bogus");
      values(List.of(b), "source.cluster.linger.ms", "x");
      values(List.of(b), "source.consumer.max.poll.records", "x");
      values(List.of(b), "target.producer.acks", "bogus");
      values(List.of(b), "forwarding.admin.class", "x y");
      values(List.of(b), "enabled", "false", "nope");
      remove(b, "source.cluster.bootstrap.servers");
      remove(b, "target.cluster.bootstrap.servers");
    }
    mirrorSource();
    mirrorCheckpoint();
    String h = "mirror-heartbeat";
    values(List.of(h), "emit.heartbeats.enabled", "no", "FALSE");
    values(List.of(h), "emit.heartbeats.interval.seconds", "-1");
    values(List.of(h), "heartbeats.topic.replication.factor", "0", "x");
    fileStream();
    classNames();
    return List.copyOf(out);
  }

  private void mirrorSource() {
    String s = "mirror-source";
    values(List.of(s), "topics", "((", "orders, payments.*");
    values(List.of(s), "topics.exclude", "((");
    values(List.of(s), "config.properties.exclude", "((");
    values(List.of(s), "replication.factor", "0", "-1", "32768", "x");
    values(List.of(s), "offset-syncs.topic.replication.factor", "0", "x");
    values(List.of(s), "offset-syncs.topic.location", "TARGET", "target", "x");
    values(List.of(s), "refresh.topics.interval.seconds", "-1", "x");
    values(List.of(s), "offset.lag.max", "-1");
    values(List.of(s), "sync.topic.acls.enabled", "yes");
    values(List.of(s), "heartbeats.replication.enabled", "x");
    values(List.of(s), "emit.offset-syncs.enabled", "false", "no");
    change(s, "blacklist-and-exclude", "topics.blacklist", "a.*", "topics.exclude", "b.*");
    change(s, "no-offset-syncs-but-topic-settings", "emit.offset-syncs.enabled", "false",
        "offset-syncs.topic.replication.factor", "1");
    change(s, "no-offset-syncs-but-location", "emit.offset-syncs.enabled", "false",
        "offset-syncs.topic.location", "target");
    change(s, "exactly-once-required", "exactly.once.support", "required");
    change(s, "exactly-once-read-committed", "exactly.once.support", "required",
        "source.consumer.isolation.level", "read_committed");
    change(s, "exactly-once-consumer-read-committed", "exactly.once.support", "required",
        "consumer.isolation.level", "read_committed");
    change(s, "exactly-once-source-consumer-overrides", "exactly.once.support", "required",
        "consumer.isolation.level", "read_committed",
        "source.consumer.isolation.level", "read_uncommitted");
  }

  private void mirrorCheckpoint() {
    String c = "mirror-checkpoint";
    values(List.of(c), "emit.checkpoints.enabled", "false", "true", "False");
    values(List.of(c), "emit.offset-syncs.enabled", "false");
    change(c, "disabled-without-checkpoints", "enabled", "false",
        "emit.checkpoints.enabled", "false");
    values(List.of(c), "groups", "((");
    values(List.of(c), "groups.exclude", "((");
    change(c, "blacklist-and-exclude", "groups.blacklist", "a.*", "groups.exclude", "b.*");
    change(c, "topic-filter", "topics", "orders.*", "topics.exclude", "tmp.*",
        "topic.filter.class", "org.apache.kafka.connect.mirror.DefaultTopicFilter");
    values(List.of(c), "sync.group.offsets.interval.seconds", "-1");
    values(List.of(c), "checkpoints.topic.replication.factor", "0");
    values(List.of(c), "group.filter.class", "not a class");
  }

  private void fileStream() {
    String s = "file-source";
    remove(s, "topic");
    values(List.of(s), "topic", "", " ");
    values(List.of(s), "batch.size", "x", "0", "-1", "2147483648");
    values(List.of(s), "file", "");
    String k = "file-sink";
    remove(k, "topics");
    change(k, "topics-and-regex", "topics.regex", "lines.*");
    change(k, "regex-only", "topics", null, "topics.regex", "lines.*");
    change(k, "bad-regex-only", "topics", null, "topics.regex", "((");
    change(k, "blank-topics", "topics", " ");
    change(k, "dlq-among-topics", "errors.tolerance", "all",
        "errors.deadletterqueue.topic.name", "lines");
    change(k, "dlq-elsewhere", "errors.tolerance", "all",
        "errors.deadletterqueue.topic.name", "dead-letters");
    change(k, "dlq-matched-by-regex", "topics", null, "topics.regex", "l.*",
        "errors.tolerance", "all", "errors.deadletterqueue.topic.name", "lines-dlq");
    values(List.of(k), "errors.deadletterqueue.topic.replication.factor", "0", "x");
    values(List.of(k), "errors.deadletterqueue.context.headers.enable", "x");
  }

  private void classNames() {
    String[][] names = {
        {"mirror-source", "MirrorSourceConnector", "MirrorSource",
            " " + MIRROR + "MirrorSourceConnector "},
        {"mirror-checkpoint", "MirrorCheckpoint"},
        {"mirror-heartbeat", "MirrorHeartbeatConnector"},
        {"file-source", "FileStreamSource", "FileStreamSourceConnector"},
        {"file-sink", "FileStreamSink"},
        {"mirror-source", "org.example.NoSuchConnector"}};
    for (String[] n : names) {
      for (int i = 1; i < n.length; i++) {
        values(List.of(n[0]), "connector.class", n[i]);
      }
    }
  }

  private void converters(String b) {
    String json = "org.apache.kafka.connect.json.JsonConverter";
    for (String v : new String[] {"yes", "false", " TRUE "}) {
      change(b, "json-schemas.enable=" + v, "value.converter", json,
          "value.converter.schemas.enable", v);
    }
    for (String v : new String[] {"numeric", "bogus"}) {
      change(b, "json-decimal.format=" + v, "value.converter", "JsonConverter",
          "value.converter.decimal.format", v);
    }
    change(b, "json-key-cache-size=x", "key.converter", json,
        "key.converter.schemas.cache.size", "x");
    change(b, "worker-converter-settings-only", "value.converter.schemas.enable", "yes");
  }

  private void transforms(String b) {
    String router = TRANSFORMS + "RegexRouter";
    change(b, "smt-router", "transforms", "route", "transforms.route.type", router,
        "transforms.route.regex", "(.*)", "transforms.route.replacement", "copy-$1");
    change(b, "smt-router-no-regex", "transforms", "route", "transforms.route.type", router,
        "transforms.route.replacement", "copy-$1");
    change(b, "smt-router-no-replacement", "transforms", "route", "transforms.route.type",
        router, "transforms.route.regex", "(.*)");
    change(b, "smt-router-bad-regex", "transforms", "route", "transforms.route.type", router,
        "transforms.route.regex", "((", "transforms.route.replacement", "x");
    change(b, "smt-router-alias", "transforms", "route", "transforms.route.type", "RegexRouter",
        "transforms.route.regex", "(.*)", "transforms.route.replacement", "copy-$1");
    change(b, "smt-unknown-class", "transforms", "x", "transforms.x.type", "org.example.NoSmt");
    change(b, "smt-duplicate-alias", "transforms", "a,a", "transforms.a.type",
        TRANSFORMS + "TimestampRouter");
    change(b, "smt-without-type", "transforms", "a");
    change(b, "smt-insert-field", "transforms", "ins", "transforms.ins.type",
        TRANSFORMS + "InsertField$Value", "transforms.ins.static.field", "origin",
        "transforms.ins.static.value", "dc1");
    // What the SMTs refuse only when they run (connectgate's RegexRouterRule,
    // TimestampTransformsRule, TransformConfigureRule): listed as deliberately stricter.
    change(b, "smt-router-missing-group", "transforms", "route", "transforms.route.type", router,
        "transforms.route.regex", "(.*)", "transforms.route.replacement", "copy-$2");
    change(b, "smt-timestamp-router-bad-format", "transforms", "ts", "transforms.ts.type",
        TRANSFORMS + "TimestampRouter", "transforms.ts.timestamp.format", "yyyyMMddQ");
    change(b, "smt-timestamp-converter-string-without-format", "transforms", "ts", "transforms.ts.type",
        TRANSFORMS + "TimestampConverter$Value", "transforms.ts.field", "when", "transforms.ts.target.type", "string");
    change(b, "smt-header-from-lengths", "transforms", "hf", "transforms.hf.type", TRANSFORMS + "HeaderFrom$Value",
        "transforms.hf.fields", "a,b", "transforms.hf.headers", "h", "transforms.hf.operation", "copy");
    change(b, "smt-set-schema-metadata-nothing", "transforms", "ssm", "transforms.ssm.type",
        TRANSFORMS + "SetSchemaMetadata$Value");
    change(b, "smt-insert-field-nothing", "transforms", "ins", "transforms.ins.type", TRANSFORMS + "InsertField$Value");
    change(b, "smt-cast-bad-spec", "transforms", "cast", "transforms.cast.type",
        TRANSFORMS + "Cast$Value", "transforms.cast.spec", "field:nonsense");
    change(b, "smt-cast-spec", "transforms", "cast", "transforms.cast.type",
        TRANSFORMS + "Cast$Value", "transforms.cast.spec", "age:int32");
    change(b, "smt-replace-renames", "transforms", "rn", "transforms.rn.type",
        TRANSFORMS + "ReplaceField$Value", "transforms.rn.renames", "a:b, c:d");
    change(b, "smt-replace-bad-renames", "transforms", "rn", "transforms.rn.type",
        TRANSFORMS + "ReplaceField$Value", "transforms.rn.renames", "a:b:c");
    change(b, "smt-cast-whole-value-and-fields", "transforms", "cast", "transforms.cast.type",
        TRANSFORMS + "Cast$Value", "transforms.cast.spec", "Int64, age:int32");
    change(b, "smt-hoist-no-field", "transforms", "hoist", "transforms.hoist.type",
        TRANSFORMS + "HoistField$Value");
    change(b, "smt-mask-empty-fields", "transforms", "mask", "transforms.mask.type",
        TRANSFORMS + "MaskField$Value", "transforms.mask.fields", "");
    change(b, "smt-timestamp-router", "transforms", "ts", "transforms.ts.type",
        "TimestampRouter", "transforms.ts.topic.format", "${topic}-${timestamp}");
    change(b, "smt-negate-not-boolean", "transforms", "route", "transforms.route.type", router,
        "transforms.route.regex", "(.*)", "transforms.route.replacement", "x",
        "transforms.route.negate", "maybe");
    change(b, "predicate-topic-matches", "transforms", "route", "transforms.route.type", router,
        "transforms.route.regex", "(.*)", "transforms.route.replacement", "x",
        "transforms.route.predicate", "p", "predicates", "p", "predicates.p.type",
        TRANSFORMS + "predicates.TopicNameMatches", "predicates.p.pattern", "orders.*");
    change(b, "predicate-no-pattern", "predicates", "p", "predicates.p.type",
        "TopicNameMatches");
    change(b, "predicate-bad-pattern", "predicates", "p", "predicates.p.type",
        TRANSFORMS + "predicates.TopicNameMatches", "predicates.p.pattern", "((");
    change(b, "predicate-header-no-name", "predicates", "h", "predicates.h.type",
        TRANSFORMS + "predicates.HasHeaderKey");
    change(b, "predicate-not-listed", "transforms", "f", "transforms.f.type",
        TRANSFORMS + "Filter", "transforms.f.predicate", "missing");
    change(b, "filter-tombstones", "transforms", "f", "transforms.f.type", "Filter",
        "transforms.f.predicate", "t", "predicates", "t", "predicates.t.type",
        "RecordIsTombstone");
  }

  private void values(List<String> on, String key, String... values) {
    for (String b : on) {
      for (String v : values) {
        change(b, key + "=" + v, key, v);
      }
    }
  }

  private void remove(String b, String key) {
    change(b, "without-" + key, key, null);
  }

  /** A variant of base {@code b}: pairs of key, value (null value: remove the key). */
  private void change(String b, String what, String... pairs) {
    Map<String, String> c = new LinkedHashMap<>(bases.get(b));
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] == null) {
        c.remove(pairs[i]);
      } else {
        c.put(pairs[i], pairs[i + 1]);
      }
    }
    out.add(new Variant(b + "/" + what, c));
  }
}
