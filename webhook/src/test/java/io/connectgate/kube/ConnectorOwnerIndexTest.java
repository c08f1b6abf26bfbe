package io.connectgate.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.connectgate.admission.ConnectorOwners.Owner;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The index behind admission's ownership check, fed through its informer store. */
class ConnectorOwnerIndexTest {

  private static final String URL = "http://connect.kafka.svc:8083";
  private final ConnectorOwnerIndex index = new ConnectorOwnerIndex(URL);
  private final io.fabric8.kubernetes.client.informers.cache.ItemStore<ConfigMap> store = index.store();

  private static ConfigMap cm(String ns, String name, String created, String url, String connector) {
    var b = new ConfigMapBuilder().withNewMetadata().withNamespace(ns).withName(name).withUid(ns + name)
        .withCreationTimestamp(created).addToLabels("connectgate.io/deploy", "true");
    if (url != null) b = b.addToAnnotations("connectgate.io/connect-url", url);
    return b.endMetadata().addToData("c.json", "{\"name\":\"" + connector + "\",\"config\":{}}")
        .addToData("readme.txt", "{\"name\":\"not-a-connector\"}").build();
  }

  @Test
  void theOldestDeclarerOwnsAndOwnershipMovesWhenItGoesOrChanges() {
    store.put("b/late", cm("b", "late", "2026-12-07T10:00:05Z", null, "orders"));
    store.put("a/first", cm("a", "first", "2026-12-07T10:00:01Z", null, "orders"));
    assertEquals(Optional.of(new Owner("a", "first")), index.ownerOf(URL, "orders"), "oldest first");
    assertEquals(Optional.empty(), index.ownerOf(URL, "not-a-connector"), "only .json entries");

    store.put("a/first", cm("a", "first", "2026-12-07T10:00:01Z", null, "renamed"));
    assertEquals(Optional.of(new Owner("b", "late")), index.ownerOf(URL, "orders"), "renamed: the next declarer owns");
    assertEquals(Optional.of(new Owner("a", "first")), index.ownerOf(URL, "renamed"));

    store.remove("b/late");
    assertEquals(Optional.empty(), index.ownerOf(URL, "orders"), "deleted: free");
  }

  @Test
  void theConnectUrlIsPartOfTheKey() {
    store.put("a/eu", cm("a", "eu", "2026-12-07T10:00:01Z", "http://Connect-EU.kafka.svc:8083/", "orders"));
    assertEquals(Optional.of(new Owner("a", "eu")), index.ownerOf("http://connect-eu.kafka.svc:8083", "orders"));
    assertEquals(Optional.empty(), index.ownerOf(URL, "orders"));
  }

  @Test
  void aConfigMapOfThousandsOfConnectorsIsHeldAsItsFirstSixtyFive() {
    var b = new ConfigMapBuilder().withNewMetadata().withNamespace("a").withName("many").withUid("a-many")
        .withCreationTimestamp("2026-12-07T10:00:01Z").addToLabels("connectgate.io/deploy", "true").endMetadata();
    for (int i = 0; i < 2_000; i++) {
      b = b.addToData(String.format("c%04d.json", i), "{\"name\":\"n" + i + "\",\"config\":{}}");
    }
    store.put("a/many", b.build());
    assertEquals(65, store.get("a/many").getData().size(), "expected one pair more than a ConfigMap may declare");
    assertEquals(Optional.of(new Owner("a", "many")), index.ownerOf(URL, "n64"), "expected the first 65 indexed");
    assertEquals(Optional.empty(), index.ownerOf(URL, "n65"), "expected the rest not held on every replica");
  }
}
