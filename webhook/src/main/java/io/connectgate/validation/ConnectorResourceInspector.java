package io.connectgate.validation;

import io.connectgate.connector.ConfigMapView;
import io.connectgate.connector.ConnectorResource;
import io.connectgate.connector.Origin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Judges a connector custom resource with the same engine and policy as a ConfigMap: the
 * connector document the resource stands for goes through the {@link Inspector} (so policy
 * exemptions, severities and rules apply unchanged), and every finding is then located in the
 * resource ({@code /spec/config/PROP}, {@code /spec/class}, ...). Shape problems of the
 * resource (keys its operator forbids, a config that is not a map) are added as errors.
 */
public final class ConnectorResourceInspector {

  /** The data key of the synthetic view; never shown (findings carry no data key). */
  private static final String KEY = "connector.json";

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

  /** @param origin where the resource is (file and document, or admission namespace/name) */
  public Inspection inspect(ConnectorResource resource, Origin origin) {
    // Labelled, so that a document without connector.class is judged (not passed over);
    // only a policy exemption then leaves it uninspected.
    ConfigMapView view = new ConfigMapView(origin,
        Map.of(ConfigMapView.CONNECTOR_LABEL, "true"), Map.of(),
        Map.of(KEY, mapper.writeValueAsString(resource.document())));
    Inspection inner = inspector.inspect(view);
    if (!inner.carriesConnectors()) {
      return inner; // exempt by policy
    }
    List<Finding> findings = new ArrayList<>(inner.findings().size() + resource.problems().size());
    for (ConnectorResource.Problem p : resource.problems()) {
      findings.add(new Finding(severities.of(p.rule()), p.rule(),
          new Location(origin, null, p.pointer()), p.message()));
    }
    boolean noClass = resource.problems().stream()
        .anyMatch(p -> p.pointer().equals(resource.kind().classPointer()));
    for (Finding f : inner.findings()) {
      if (noClass && Rules.NOT_A_CONNECTOR.equals(f.rule())) {
        continue; // said once, at spec.class
      }
      findings.add(new Finding(f.severity(), f.rule(), new Location(origin, null,
          resource.resourcePointer(f.location().pointer())), f.message()));
    }
    return new Inspection(true, inner.documents(), List.copyOf(findings));
  }
}
