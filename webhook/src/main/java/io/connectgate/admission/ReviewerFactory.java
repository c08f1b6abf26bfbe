package io.connectgate.admission;

import io.connectgate.mutation.Mutator;
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

  /** The engine with the policy applied; a bad schema directory throws with every problem. */
  static ReviewerFactory standard() {
    return (schemasDir, policy) -> {
      SchemaCatalog catalog = schemasDir == null ? SchemaCatalog.builtIn() : SchemaCatalog.load(schemasDir);
      return new EngineReviewer(
          new PolicyInspector(new ConnectorEngine(catalog), policy), new Mutator(catalog));
    };
  }
}
