package io.connectgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The optional NetworkPolicy, rendered (the test tier has no network plugin to enforce it):
 * ingress to the webhook's port only, from the API server's addresses and the listed peers,
 * and never a policy without the API server in it.
 */
class NetworkPolicyTest {

  static Stream<Arguments> modes() {
    return ChartMode.all(Charts.connectgateChart());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void onlyWhenEnabledAndThenOnlyTheWebhookPortFromTheApiServerAndTheListedPeers(ChartMode mode) {
    List<HasMetadata> objects = Charts.parse(mode.render());
    List<NetworkPolicy> policies = Charts.ofType(objects, NetworkPolicy.class);
    if (!mode.flag("networkPolicy.enabled")) {
      assertEquals(List.of(), policies, mode.name() + ": no NetworkPolicy unless enabled (off by default)");
      return;
    }
    NetworkPolicy policy = Charts.single(objects, NetworkPolicy.class);
    Deployment deployment = Charts.single(objects, Deployment.class);
    String where = mode.name() + ": ";
    assertEquals(deployment.getSpec().getSelector().getMatchLabels(), policy.getSpec().getPodSelector().getMatchLabels(),
        where + "selects exactly the webhook pods");
    assertEquals(List.of("Ingress"), policy.getSpec().getPolicyTypes(), where + "ingress only (egress untouched)");
    assertEquals(1, policy.getSpec().getIngress().size(), where + "one ingress rule");
    NetworkPolicyIngressRule rule = policy.getSpec().getIngress().get(0);
    ContainerPort https = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().stream()
        .filter(p -> p.getName().equals("https")).findFirst().orElseThrow();
    assertEquals(1, rule.getPorts().size(), where + "one port");
    assertEquals(https.getContainerPort(), rule.getPorts().get(0).getPort().getIntVal(),
        where + "the webhook's container port (a NetworkPolicy sees the pod port, not the Service's 443)");
    assertEquals("TCP", rule.getPorts().get(0).getProtocol(), where + "TCP");
    List<String> cidrs = rule.getFrom().stream().filter(p -> p.getIpBlock() != null)
        .map(p -> p.getIpBlock().getCidr()).toList();
    assertEquals(mode.list("networkPolicy.apiServerCIDRs"), cidrs, where + "one ipBlock per API server CIDR");
    List<NetworkPolicyPeer> others = rule.getFrom().stream().filter(p -> p.getIpBlock() == null).toList();
    assertEquals(mode.list("networkPolicy.extraFrom").size(), others.size(), where + "plus the listed peers");
    others.forEach(p -> assertNotNull(p.getNamespaceSelector() != null ? p.getNamespaceSelector() : p.getPodSelector(),
        where + "a listed peer selects something: " + p));
    assertTrue(rule.getFrom().stream().allMatch(p -> p.getIpBlock() == null || p.getIpBlock().getExcept() == null
        || p.getIpBlock().getExcept().isEmpty()), where + "no except carved out of the API server's range");
  }

  @Test
  void enablingItWithoutTheApiServersAddressesFailsAtTemplateTime() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Charts.template(Charts.connectgateChart(), null, Map.of("networkPolicy.enabled", true)));
    assertTrue(e.getMessage().contains("networkPolicy.apiServerCIDRs is required")
        && e.getMessage().contains("NetworkPolicy"), "the message says what to set and where it is explained: "
        + e.getMessage());
  }

  @Test
  void aModeFileExercisesIt() {
    Path file = Charts.connectgateChart().resolve("ci/network-policy-values.yaml");
    assertTrue(ChartMode.of(Charts.connectgateChart(), file).flag("networkPolicy.enabled"),
        "ci/network-policy-values.yaml switches it on, so every per-mode test sees it");
    assertNull(Charts.value(Charts.mergedValues(Charts.connectgateChart(), null), "networkPolicy.enabled") == Boolean.TRUE
        ? "on" : null, "off by default");
  }
}
