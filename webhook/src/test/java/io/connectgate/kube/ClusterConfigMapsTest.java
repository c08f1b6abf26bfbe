package io.connectgate.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.connector.ConfigMapView;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClusterConfigMapsTest {

  private final MockApiServer api = new MockApiServer(); // one per test: JUnit makes an instance each
  private final KubernetesClient client = api.client;

  @BeforeEach
  void start() {
    for (String ns : List.of("team-a", "team-b")) {
      for (int i = 0; i < 7; i++) {
        client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder()
            .withNewMetadata().withName("cm-" + i).withNamespace(ns)
            .addToLabels("n", Integer.toString(i)).endMetadata()
            .addToData("k", "v" + i).build()).create();
      }
    }
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void walksEveryNamespaceInPages() {
    List<ConfigMapView> seen = new ArrayList<>();
    int pages = new ClusterConfigMaps(client, 3).forEach(null, seen::add);
    assertEquals(14, seen.size(), "every ConfigMap of both namespaces");
    assertEquals(5, pages, "14 items in pages of 3");
    assertEquals(5, api.dispatcher.crud.listRequests.size(), "one list request per page: " + api.dispatcher.crud.listRequests);
    assertTrue(api.dispatcher.crud.listRequests.stream().allMatch(p -> p.contains("limit=3")),
        "each request carries the page size: " + api.dispatcher.crud.listRequests);
    assertTrue(api.dispatcher.crud.listRequests.get(1).contains("continue="), "second page uses the continue token");
    ConfigMapView first = seen.get(0);
    assertTrue(first.origin().namespace().startsWith("team-"), "namespace carried into the view");
    assertTrue(first.data().containsKey("k") && first.labels().containsKey("n"), "data and labels carried");
  }

  @Test
  void aRefusedListNamesTheVerbAndResourceToGrant() {
    api.dispatcher.forbid("configmaps");
    ListForbiddenException e = org.junit.jupiter.api.Assertions.assertThrows(ListForbiddenException.class,
        () -> new ClusterConfigMaps(client, 100).forEach(null, v -> {}));
    assertEquals("cannot list configmaps in all namespaces: RBAC needs the verb list on resource configmaps"
        + " in the core API group (\"\") (Kubernetes API error 403: configmaps is forbidden: User"
        + " \"system:serviceaccount:connectgate:connectgate-audit\" cannot list resource \"configmaps\" in"
        + " API group \"\" at the cluster scope)", e.getMessage());
  }

  @Test
  void oneNamespaceOnly() {
    List<ConfigMapView> seen = new ArrayList<>();
    new ClusterConfigMaps(client, 100).forEach("team-b", seen::add);
    assertEquals(7, seen.size());
    assertTrue(seen.stream().allMatch(v -> v.origin().namespace().equals("team-b")), "only team-b");
  }
}
