package io.connectgate.cli;

import io.connectgate.policy.Policy;
import io.connectgate.policy.PolicyException;
import io.connectgate.policy.PolicyInspector;
import io.connectgate.policy.PolicyLoader;
import io.connectgate.validation.ConnectorEngine;
import io.connectgate.validation.Inspector;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --policy FILE} option shared by validate, mutate and audit. */
final class PolicyOption {

  @Option(names = "--policy", paramLabel = "FILE",
      description = "ConnectorPolicy YAML file (env CONNECTGATE_POLICY). Default: the built-in"
          + " policy (plaintextCredentials and unknownKeys warn). See deploy/policy/.")
  Path file;

  /** The policy to apply; throws listing every problem of a bad file. */
  Policy load() throws PolicyException {
    return file == null ? Policy.builtIn() : new PolicyLoader().load(file);
  }

  /**
   * The engine over {@code catalog} with this policy applied, as validate, audit and deploy
   * judge connectors. Throws listing every problem of a bad policy or schema directory.
   */
  Inspector inspector(CatalogOption catalog) throws PolicyException {
    return inspector(catalog.load());
  }

  /** The engine over an already loaded catalog with this policy applied. */
  Inspector inspector(io.connectgate.validation.SchemaCatalog catalog) throws PolicyException {
    Policy policy = load();
    return new PolicyInspector(new ConnectorEngine(catalog), () -> policy);
  }
}
