package io.connectgate.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The documented example must stay a valid policy with every rule in it. */
class ExamplePolicyTest {
  @Test
  void exampleInDeployLoads() throws Exception {
    Path example = Path.of("..", "deploy", "policy", "connectorpolicy.example.yaml");
    Policy p = new PolicyLoader().load(example);
    assertEquals(Rules.ALL.size(), p.rules().size(), "the example shows every rule: " + p.rules().keySet());
  }
}
