package io.connectgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.connectgate.admission.ConnectorOwners;
import io.connectgate.admission.OwnershipCheck;
import io.connectgate.admission.ReviewerFactory;
import io.connectgate.policy.Policy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What the deploy controller checks on a stored ConfigMap: the engine and policy, and one owner
 * per connector, as admission does, so a ConfigMap stored while the webhook was not called is
 * not deployed over another ConfigMap's connector.
 */
class ReviewerCheckTest {

  private static final String URL = "http://connect.kafka.svc:8083";
  private static final String STOLEN = ControllerFixture.connector("orders-sink", 1);

  private final ConnectorOwners owners = (url, name) -> URL.equals(url) && "orders-sink".equals(name)
      ? Optional.of(new ConnectorOwners.Owner("team-a", "orders")) : Optional.empty();
  private final io.connectgate.admission.ConfigMapReviewer reviewer = ReviewerFactory.standard().create(null, Policy::builtIn);

  private static ConfigMapContent stored(String ns, String name) {
    return new ConfigMapContent(ns, name, "uid-1", Map.of(DeployKeys.DEPLOY_LABEL, "true"), Map.of(),
        Map.of("c.json", STOLEN));
  }

  @Test
  void aStoredConfigMapDeclaringAnOwnedConnectorIsRefusedNamingTheOwner() {
    ReviewerCheck check = new ReviewerCheck(reviewer, new OwnershipCheck(owners, URL));
    assertEquals(Map.of("c.json", List.of("data[c.json]: connector orders-sink at " + URL + " belongs to ConfigMap"
        + " team-a/orders; one connector has one owning ConfigMap")), check.errors(stored("team-b", "steal")),
        "expected the entry refused");
    assertEquals(Map.of(), check.errors(stored("team-a", "orders")), "expected the owner's own ConfigMap clean");
    assertEquals(Optional.of("team-a/orders"), check.otherOwner("team-b", "steal", URL, "orders-sink"));
    assertEquals(Optional.empty(), check.otherOwner("team-a", "orders", URL, "orders-sink"));
  }

  @Test
  void withoutOwnershipOnlyTheEngineAndPolicyDecide() {
    ReviewerCheck check = new ReviewerCheck(reviewer);
    assertEquals(Map.of(), check.errors(stored("team-b", "steal")), "expected a valid connector clean");
    assertEquals(Optional.empty(), check.otherOwner("team-b", "steal", URL, "orders-sink"));
  }
}
