package io.connectgate.validation;

import io.connectgate.connector.ConfigMapView;
import io.connectgate.connector.ConnectorDocument;
import io.connectgate.connector.ConnectorResource;
import io.connectgate.connector.ConnectorResourceKind;
import io.connectgate.connector.Deadline;
import io.connectgate.connector.Origin;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Judges a connector custom resource with the same engine and policy as a ConfigMap: the
 * connector documents the resource stands for go through the {@link Inspector} as the entries
 * of one ConfigMap (so policy exemptions, severities, rules and limits apply unchanged), and
 * every finding is then located in the resource ({@code /spec/config/PROP}, {@code /spec/class},
 * {@code /spec/mirrors/0/sourceConnector/config/PROP}, {@code /spec/clusters/1/bootstrapServers},
 * ...). Shape problems of the resource (keys its operator forbids, a config that is not a map)
 * are added with their rules' severities.
 *
 * <p>A KafkaMirrorMaker2's connectors share settings the operator derives from one field (the
 * target cluster's bootstrap servers are in every connector): a finding on such a field, outside
 * the connector's own section, is reported once, naming the connectors it concerns. Such a field
 * is an unknown key only when none of the connectors it goes to knows it (the operator gives a
 * mirror's groupsPattern to its source connector too, which has no use for it), and a setting of
 * the target cluster's config, which the Connect worker also reads, never is.
 */
public final class ConnectorResourceInspector {

  private final Inspector inspector;
  private final RuleSeverities severities;
  private final ObjectMapper mapper = JsonMapper.builder().build();

  public ConnectorResourceInspector(Inspector inspector) {
    this(inspector, RuleSeverities.DEFAULTS);
  }

  public ConnectorResourceInspector(Inspector inspector, RuleSeverities severities) {
    this.inspector = inspector;
    this.severities = severities;
  }

  private static boolean unknownKey(Finding f) {
    return Rules.UNKNOWN_KEY.equals(f.rule()) || "unknownKeys".equals(f.rule());
  }

  /** Per resource field, the connectors whose config the operator fills from it. */
  private static Map<String, Set<String>> derivedFrom(List<ConnectorResource.Connector> connectors) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    for (ConnectorResource.Connector c : connectors) {
      c.derived().values().forEach(p -> out.computeIfAbsent(p, k -> new LinkedHashSet<>()).add(c.name()));
    }
    return out;
  }

  /** The data key of the synthetic view holding connector {@code index}; never shown. */
  private static String key(int index) {
    return "connector-" + index + ".json";
  }

  /** @param origin where the resource is (file and document, or admission namespace/name) */
  public Inspection inspect(ConnectorResource resource, Origin origin) {
    return inspect(resource, origin, Deadline.none());
  }

  /**
   * @param deadline checked by the engine in its loops, as for a ConfigMap's review
   * @throws io.connectgate.connector.DeadlineExceededException once it has passed
   */
  public Inspection inspect(ConnectorResource resource, Origin origin, Deadline deadline) {
    List<ConnectorResource.Connector> connectors = resource.connectors();
    List<Finding> findings = new ArrayList<>(resource.problems().size());
    for (ConnectorResource.Problem p : resource.problems()) {
      findings.add(new Finding(severities.of(p.rule()), p.rule(),
          new Location(origin, null, p.pointer()), p.message()));
    }
    // Labelled, so that a document without connector.class is judged (not passed over);
    // only a policy exemption then leaves it uninspected.
    Map<String, String> data = new LinkedHashMap<>();
    Map<String, ConnectorResource.Connector> byKey = new LinkedHashMap<>();
    for (int i = 0; i < connectors.size(); i++) {
      data.put(key(i), mapper.writeValueAsString(connectors.get(i).document()));
      byKey.put(key(i), connectors.get(i));
    }
    Inspection inner = inspector.inspect(new ConfigMapView(origin,
        Map.of(ConfigMapView.CONNECTOR_LABEL, "true"), Map.of(), data), deadline);
    if (!inner.carriesConnectors()) {
      return inner; // exempt by policy
    }
    if (connectors.isEmpty()) {
      // A KafkaMirrorMaker2 whose mirrors declare no connector, or that cannot be read: its
      // problems alone (the engine's "labelled, but no connector" is not news here).
      return new Inspection(true, List.of(),
          List.copyOf(Limits.capped(findings, new Location(origin, null, null))));
    }
    Set<String> problemPointers = new LinkedHashSet<>();
    resource.problems().forEach(p -> problemPointers.add(p.pointer()));
    boolean several = resource.kind() == ConnectorResourceKind.STRIMZI_KAFKA_MIRROR_MAKER_2;
    // Per finding (its text and place), the connectors it was found in outside their sections.
    Map<Finding, Set<String>> shared = new LinkedHashMap<>();
    for (Finding f : inner.findings()) {
      ConnectorResource.Connector c = f.location().dataKey() == null ? null
          : byKey.get(f.location().dataKey());
      if (c == null) {
        // The whole view's: a limit, said of the resource rather than of a ConfigMap.
        String message = Limits.RULE.equals(f.rule())
            ? f.message().replace("the ConfigMap holds", "the " + resource.kind().kind() + " makes")
                .replace("per ConfigMap", "per resource") : f.message();
        shared.putIfAbsent(new Finding(f.severity(), f.rule(), new Location(origin, null,
            f.location().pointer()), message), new LinkedHashSet<>());
        continue;
      }
      String pointer = c.resourcePointer(f.location().pointer());
      if (Rules.NOT_A_CONNECTOR.equals(f.rule()) && problemPointers.contains(
          c.resourcePointer("/config/" + ConnectorDocument.CONNECTOR_CLASS))) {
        continue; // said once, at spec.class
      }
      Finding located = new Finding(f.severity(), f.rule(), new Location(origin, null, pointer),
          f.message());
      Set<String> names = shared.computeIfAbsent(located, k -> new LinkedHashSet<>());
      if (several && !c.declares(pointer)) {
        names.add(c.name());
      }
    }
    Map<String, Set<String>> derivedFrom = several ? derivedFrom(connectors) : Map.of();
    shared.forEach((f, names) -> {
      if (names.isEmpty()) {
        findings.add(f);
      } else if (!unknownKey(f) || (!resource.workerSetting(f.location().pointer())
          && names.containsAll(derivedFrom.getOrDefault(f.location().pointer(), Set.of())))) {
        findings.add(new Finding(f.severity(), f.rule(), f.location(),
            f.message() + " (in " + String.join(", ", names) + ")"));
      }
    });
    // A resource's findings are capped as one document's are (its shape problems included:
    // 3,000 mirrors naming one source are 2,999 problems).
    return new Inspection(true, inner.documents(),
        List.copyOf(Limits.capped(findings, new Location(origin, null, null))));
  }
}
