package io.connectgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.connectgate.admission.ConnectUrlAllowList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** What the controller keeps of a ConfigMap's entries is bounded, whatever a tenant stores. */
class EntryHashesTest {

  private final EntryHashes hashes = new EntryHashes(new DeploySettings("http://connect:8083",
      ConnectUrlAllowList.compile(List.of()), Set.of()));

  @Test
  void thousandsOfConnectorEntriesAreKeptAsTheFirstSixtyFive() {
    Map<String, String> data = new TreeMap<>();
    for (int i = 0; i < 2_000; i++) {
      data.put(String.format("c%04d.json", i), "{\"name\":\"n" + i + "\",\"config\":{\"connector.class\":\"X\"}}");
      data.put(String.format("c%04d.txt", i), "not a connector");
    }
    Map<String, String> kept = hashes.of(data, null);
    assertEquals(EntryHashes.KEPT, kept.size(), "expected one entry more than a ConfigMap may hold");
    assertEquals(EntryHash.of("c0064.json", data.get("c0064.json"), "http://connect:8083"), kept.get("c0064.json"),
        "expected the first entries in the API's (sorted) order");
  }
}
