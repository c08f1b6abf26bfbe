package io.connectgate.policy;

import io.connectgate.connector.ConfigMapView;
import io.connectgate.connector.ConnectorDocument;
import io.connectgate.connector.Deadline;
import io.connectgate.connector.Origin;
import io.connectgate.validation.ConnectorEngine;
import io.connectgate.validation.ConnectorSchema;
import io.connectgate.validation.Finding;
import io.connectgate.validation.Inspection;
import io.connectgate.validation.Inspector;
import io.connectgate.validation.Limits;
import io.connectgate.validation.Location;
import io.connectgate.validation.Redactor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The engine with the cluster-wide policy applied: exempt namespaces are not inspected, the
 * engine's policy-governed findings take the policy's severity, and the policy's own rules
 * are checked per connector. The policy is read through a supplier at each inspection, so a
 * hot reload takes effect on the next review and a review never sees half of two policies.
 */
public final class PolicyInspector implements Inspector {

  private final ConnectorEngine engine;
  private final Supplier<Policy> policy;
  private final PolicyEnforcer enforcer = new PolicyEnforcer();
  private final PluginInventory plugins;

  public PolicyInspector(ConnectorEngine engine, Supplier<Policy> policy) {
    this(engine, policy, PluginInventory.NONE);
  }

  /** With the target Connect cluster's plugins, for rule {@code installedPlugins}. */
  public PolicyInspector(ConnectorEngine engine, Supplier<Policy> policy,
      PluginInventory plugins) {
    this.engine = engine;
    this.policy = policy;
    this.plugins = plugins;
  }

  @Override
  public Inspection inspect(ConfigMapView view) {
    return inspect(view, Deadline.none());
  }

  @Override
  public Inspection inspect(ConfigMapView view, Deadline deadline) {
    Policy p = policy.get();
    String namespace = view.origin().namespace();
    if (p.exempts(namespace)) {
      return Inspection.untouched();
    }
    return apply(p, namespace, view.origin(), engine.inspect(view, deadline), deadline);
  }

  @Override
  public Inspection inspectConnectorText(String text, Origin origin) {
    return apply(policy.get(), origin.namespace(), origin, engine.inspectConnectorText(text, origin),
        Deadline.none());
  }

  private Inspection apply(Policy p, String namespace, Origin origin, Inspection inspection,
      Deadline deadline) {
    if (!inspection.carriesConnectors()) {
      return inspection;
    }
    List<Finding> findings = new ArrayList<>(enforcer.govern(p, namespace, inspection.findings()));
    for (ConnectorDocument doc : inspection.documents()) {
      deadline.check();
      ConnectorFacts facts = facts(origin, namespace, doc);
      List<Finding> own = new ArrayList<>(enforcer.check(p, facts));
      InstalledPluginsRule.check(p, facts, plugins, own);
      ConnectorNaming.check(p, namespace, origin, doc, own);
      findings.addAll(Redactor.scrubbed(doc.config(),
          Limits.capped(own, new Location(origin, doc.dataKey(), doc.configPointer()))));
    }
    return new Inspection(true, inspection.documents(), List.copyOf(findings));
  }

  private ConnectorFacts facts(Origin origin, String namespace, ConnectorDocument doc) {
    Map<String, String> config = new ConfigValues(doc.config());
    ConnectorSchema schema = engine.catalog().schemaFor(doc.connectorClass());
    List<Connection> connections = schema == null ? List.of() : schema.prefixes().stream()
        .filter(cp -> cp.client())
        .map(cp -> new Connection(cp.prefix(), cp.inherits()))
        .toList();
    return new ConnectorFacts(new Location(origin, doc.dataKey(), null),
        doc.configPointer() + "/", namespace == null ? "" : namespace, config, connections);
  }
}
