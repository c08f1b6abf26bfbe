package io.connectgate.connector;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * A connector custom resource seen as the connector documents its operator would send to
 * Kafka Connect: one for a Strimzi {@code KafkaConnector} or a Confluent for Kubernetes
 * {@code Connector}, one per connector section of each mirror for a Strimzi
 * {@code KafkaMirrorMaker2}.
 *
 * @param kind which resource
 * @param connectors the connector documents, in the resource's order
 * @param problems problems of the resource's shape (forbidden keys, a config that is not a map,
 *     a mirror whose source cluster cannot be found)
 * @param settingMaps the maps of the resource (display pointers) whose members are settings, one
 *     key a member even when it holds a "/": {@code /spec/config},
 *     {@code /spec/mirrors/0/sourceConnector/config}, {@code /spec/clusters/1/config}
 * @param workerSettingMaps those of the setting maps the operator also gives the Kafka Connect
 *     worker (a KafkaMirrorMaker2's target cluster config): a setting no connector knows may be
 *     the worker's ({@code config.storage.replication.factor}), so it is no unknown-key finding
 */
public record ConnectorResource(ConnectorResourceKind kind, List<Connector> connectors,
    List<Problem> problems, List<String> settingMaps, List<String> workerSettingMaps) {

  /** A shape problem at a JSON Pointer (display form, unescaped) of the resource. */
  public record Problem(String rule, String pointer, String message) {}

  public ConnectorResource {
    connectors = List.copyOf(connectors);
    problems = List.copyOf(problems);
    settingMaps = List.copyOf(settingMaps);
    workerSettingMaps = List.copyOf(workerSettingMaps);
  }

  /** Whether a resource pointer is a setting of a map the Connect worker also reads. */
  public boolean workerSetting(String pointer) {
    return pointer != null && workerSettingMaps.stream().anyMatch(m -> pointer.startsWith(m + "/"));
  }

  /**
   * One connector document of the resource and where each of its settings is written.
   *
   * @param document the POST-shape document {@code {"name", "config"}} the operator would send
   * @param section where the connector is declared (display pointer): findings on the whole
   *     document point there ({@code /spec/config}, {@code /spec/mirrors/0/sourceConnector})
   * @param configPointer the resource's map of this connector's own settings: a setting the
   *     operator does not derive is at {@code configPointer/KEY}, set or missing
   * @param namePointer where the connector name comes from ({@code /metadata/name},
   *     {@code /spec/name}, the mirror)
   * @param derived the settings the operator derives from other fields, with the field each
   *     comes from: {@code connector.class} from {@code /spec/class},
   *     {@code source.cluster.bootstrap.servers} from {@code /spec/clusters/0/bootstrapServers}
   */
  public record Connector(ObjectNode document, String section, String configPointer,
      String namePointer, Map<String, String> derived) {

    public Connector {
      derived = Map.copyOf(derived);
    }

    /** The connector name ("" when none). */
    public String name() {
      var n = document.get("name");
      return n != null && n.isString() ? n.stringValue() : "";
    }

    /**
     * The resource pointer (display form) of a finding the engine located in {@link #document}:
     * {@code /config/KEY} is the field the operator derives it from, else
     * {@code configPointer/KEY}; {@code /name} is where the name comes from; the document
     * itself is its section.
     */
    public String resourcePointer(String enginePointer) {
      if (enginePointer == null) {
        return null;
      }
      if (enginePointer.equals("/name")) {
        return namePointer;
      }
      if (enginePointer.isEmpty() || enginePointer.equals("/config")) {
        return section;
      }
      if (enginePointer.startsWith("/config/")) {
        String key = enginePointer.substring("/config/".length());
        String from = derived.get(key);
        return from != null ? from : configPointer + "/" + key;
      }
      return enginePointer;
    }

    /** Whether a resource pointer lies in this connector's own section. */
    public boolean declares(String resourcePointer) {
      return resourcePointer != null && (resourcePointer.equals(section)
          || resourcePointer.startsWith(section + "/"));
    }
  }
}
