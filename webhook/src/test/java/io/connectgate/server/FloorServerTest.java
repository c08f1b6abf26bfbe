package io.connectgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The load benchmark's floor server reads the uid it must echo, and every connector JSON. */
class FloorServerTest {

  private final FloorServer floor = new FloorServer("tree", null);

  @Test
  void bothReadsFindRequestUidOfTheCapturedReview() throws IOException {
    byte[] review = captured();
    assertEquals("ade14aeb-73d7-410c-b7e3-a39a8644a2d4", floor.uid(review), "streamed uid");
    assertEquals("ade14aeb-73d7-410c-b7e3-a39a8644a2d4", floor.tree(review), "uid from the tree");
  }

  @Test
  void theStreamTakesRequestUidNotAnEarlierNestedOne() {
    byte[] review = ("{\"kind\":\"AdmissionReview\",\"uid\":\"top\",\"request\":{\"object\":{\"metadata\":"
        + "{\"uid\":\"object-uid\"},\"data\":{\"c.json\":\"{\\\"name\\\":\\\"x\\\",\\\"config\\\":{}}\"}},"
        + "\"uid\":\"request-uid\"}}").getBytes(StandardCharsets.UTF_8);
    assertEquals("request-uid", floor.uid(review), "expected request.uid, not the object's or the envelope's");
    long before = floor.fieldsRead;
    assertEquals("request-uid", floor.tree(review), "uid from the tree");
    assertEquals(before + 2, floor.fieldsRead, "expected the connector JSON read as a tree (two fields)");
  }

  private static byte[] captured() throws IOException {
    try (InputStream in = FloorServerTest.class.getResourceAsStream("/admission-reviews/create-validate.json")) {
      return in.readAllBytes();
    }
  }
}
