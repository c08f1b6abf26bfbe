package io.connectgate.cli;

import io.connectgate.policy.Policy;
import io.connectgate.policy.PolicyException;
import io.connectgate.policy.PolicyLoader;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --policy FILE} option shared by validate and audit. */
final class PolicyOption {

  @Option(names = "--policy", paramLabel = "FILE",
      description = "ConnectorPolicy YAML file (env CONNECTGATE_POLICY). Default: the built-in"
          + " policy (plaintextCredentials and unknownKeys warn). See deploy/policy/.")
  Path file;

  /** The policy to apply; throws listing every problem of a bad file. */
  Policy load() throws PolicyException {
    return file == null ? Policy.builtIn() : new PolicyLoader().load(file);
  }
}
