package io.connectgate.schemagen;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON Schema files of third-party Connect plugins, in the form connectgate's
 * {@code --schemas DIR} loads (schemas/README.md):
 *
 * <ul>
 *   <li>a connector: {@code <class>.schema.json} claiming the class
 *       ({@code x-connectgate-claims}), on connect-base's {@code source} or {@code sink} def
 *       (Connect's own settings and cross-field rules), plus {@code $defs/settings}: the
 *       connector's ConfigDef less the keys Connect's ConnectorConfig already defines; rules
 *       as the built-in families, {@code unknown-key} included;</li>
 *   <li>a converter, header converter, transformation or predicate: a library
 *       {@code <class>.schema.json} with {@code x-connectgate-plugins} (class → plugin types)
 *       and {@code $defs/<class>}, which the engine checks {@code key.converter.*},
 *       {@code transforms.<alias>.*} and {@code predicates.<alias>.*} against.</li>
 * </ul>
 */
final class PluginSchemaWriter {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT).build();
  /** The rules the built-in families opt into (mirror-common's list). */
  private static final String[] RULES = {"unknown-key", "deprecated-key", "jaas",
      "sasl-without-jaas", "ssl-on-plaintext", "topic-regex", "aliases", "dead-letter-queue"};

  private final ValidatorMapping validators = new ValidatorMapping();
  private final PropertySchemas properties =
      new PropertySchemas(validators, Deprecations.committed());
  private final Set<String> sourceKeys = ConfigDefs.of(
      "org.apache.kafka.connect.runtime.SourceConnectorConfig", "configDef()").names();
  private final Set<String> sinkKeys = ConfigDefs.of(
      "org.apache.kafka.connect.runtime.SinkConnectorConfig", "configDef()").names();

  /** Validator classes met that have no JSON Schema mapping (their constraint is left out). */
  Set<String> unmappedValidators() {
    return validators.unmapped();
  }

  /** File name → JSON text, one file per plugin. */
  Map<String, String> files(Iterable<PluginConfig> plugins) {
    Map<String, String> out = new LinkedHashMap<>();
    for (PluginConfig p : plugins) {
      String file = p.className() + ".schema.json";
      out.put(file, JSON.writeValueAsString(p.isConnector() ? connector(file, p)
          : library(file, p)) + "\n");
    }
    return out;
  }

  private ObjectNode connector(String file, PluginConfig p) {
    boolean sink = p.types().contains("sink");
    ObjectNode r = root(file, p, "Flat config of " + p.className() + " (a "
        + (sink ? "sink" : "source") + " connector): Connect's own settings and the connector's"
        + " ConfigDef");
    r.putArray("x-connectgate-claims").add(p.className());
    ArrayNode rules = r.putArray("x-connectgate-rules");
    for (String rule : RULES) {
      rules.add(rule);
    }
    r.put("type", "object");
    ArrayNode allOf = r.putArray("allOf");
    allOf.addObject().put("$ref", "connect-base.schema.json#/$defs/" + (sink ? "sink" : "source"));
    allOf.addObject().put("$ref", "#/$defs/settings");
    ObjectNode defs = r.putObject("$defs");
    // Connect validates its own settings with ConnectorConfig, whatever the connector's
    // ConfigDef says about the same names: those stay with connect-base.
    defs.set("settings", properties.def(p.className() + "'s own settings (Connector#config())",
        p.config(), sink ? sinkKeys : sourceKeys, Set.of(), null));
    return r;
  }

  private ObjectNode library(String file, PluginConfig p) {
    ObjectNode r = root(file, p, "Library: the settings of " + p.className() + " ("
        + String.join(", ", p.types()) + "), checked under key.converter. and the like,"
        + " transforms.<alias>. or predicates.<alias>. where a connector names it");
    ArrayNode types = r.putObject("x-connectgate-plugins").putArray(p.className());
    p.types().forEach(types::add);
    ConfigDef def = p.config();
    // Connect itself sets a converter's converter.type (key, value or header).
    r.putObject("$defs").set(p.className(), properties.def(p.className(), def, Set.of(),
        Set.of("converter.type"), null));
    return r;
  }

  private static ObjectNode root(String file, PluginConfig p, String description) {
    ObjectNode r = NODES.objectNode();
    r.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    r.put("$id", SchemaGenerator.BASE_IRI + file);
    r.put("title", p.className().substring(p.className().lastIndexOf('.') + 1));
    r.put("description", description);
    r.put("$comment", "GENERATED by connectgate-schemagen from " + p.className() + " "
        + p.version() + " (plugin location " + lastSegment(p.location())
        + ", Kafka " + SchemaGenerator.kafkaVersion() + "); regenerate, do not edit");
    return r;
  }

  /** The plugin's directory or jar name, not the machine-specific path it was read from. */
  static String lastSegment(String location) {
    String s = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
    return s.substring(s.lastIndexOf('/') + 1);
  }
}
