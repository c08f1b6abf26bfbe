package io.connectgate.admission;

import io.connectgate.mutation.Mutator;
import io.connectgate.policy.PluginInventory;
import io.connectgate.policy.Policy;
import io.connectgate.policy.PolicyInspector;
import io.connectgate.validation.ConnectorEngine;
import io.connectgate.validation.SchemaCatalog;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * How {@code serve} obtains its {@link ConfigMapReviewer} from {@code --schemas} (null: the
 * built-in catalog) and the policy in force (read at each review, so a hot reload applies to
 * the next one). Implementations fail fast, listing every problem, rather than serve a webhook
 * that cannot decide. Tests substitute scripted reviewers here.
 */
@FunctionalInterface
public interface ReviewerFactory {

  ConfigMapReviewer create(Path schemasDir, Supplier<Policy> policy);

  /** With the target Connect cluster's plugins (rule installedPlugins); scripted ones ignore it. */
  default ConfigMapReviewer create(Path schemasDir, Supplier<Policy> policy,
      PluginInventory plugins) {
    return create(schemasDir, policy);
  }

  /**
   * For the target Kafka version ({@code serve --kafka-version}; null: the pinned one), whose
   * settings the catalog follows; scripted ones ignore it.
   */
  default ConfigMapReviewer create(Path schemasDir, String kafkaVersion, Supplier<Policy> policy,
      PluginInventory plugins) {
    return create(schemasDir, policy, plugins);
  }

  /** The engine with the policy applied; a bad schema directory throws with every problem. */
  static ReviewerFactory standard() {
    return new ReviewerFactory() {
      @Override
      public ConfigMapReviewer create(Path schemasDir, Supplier<Policy> policy) {
        return create(schemasDir, null, policy, PluginInventory.NONE);
      }

      @Override
      public ConfigMapReviewer create(Path schemasDir, Supplier<Policy> policy,
          PluginInventory plugins) {
        return create(schemasDir, null, policy, plugins);
      }

      @Override
      public ConfigMapReviewer create(Path schemasDir, String kafkaVersion,
          Supplier<Policy> policy, PluginInventory plugins) {
        SchemaCatalog catalog = schemasDir == null ? SchemaCatalog.builtIn(kafkaVersion)
            : SchemaCatalog.load(schemasDir, kafkaVersion);
        return new EngineReviewer(new PolicyInspector(new ConnectorEngine(catalog), policy,
            plugins), new Mutator(catalog));
      }
    };
  }
}
