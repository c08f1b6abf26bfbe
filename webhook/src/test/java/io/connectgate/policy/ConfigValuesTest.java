package io.connectgate.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The view answers as the copy it replaced: scalar settings as strings, in document order. */
class ConfigValuesTest {

  private static Map<String, String> copy(ObjectNode config) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : config.properties()) {
      JsonNode v = e.getValue();
      if (v.isValueNode() && !v.isNull()) {
        out.put(e.getKey(), v.asString());
      }
    }
    return out;
  }

  @Test
  void answersAsTheCopyForEveryKindOfValue() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    Random random = new Random(5);
    for (int round = 0; round < 200; round++) {
      ObjectNode config = f.objectNode();
      List<String> keys = new ArrayList<>();
      for (int i = random.nextInt(12); i >= 0; i--) {
        String key = "k" + random.nextInt(20);
        keys.add(key);
        switch (random.nextInt(7)) {
          case 0 -> config.put(key, "v" + i);
          case 1 -> config.put(key, random.nextInt(100));
          case 2 -> config.put(key, random.nextDouble());
          case 3 -> config.put(key, random.nextBoolean());
          case 4 -> config.putNull(key);
          case 5 -> config.putObject(key).put("nested", "x");
          default -> config.putArray(key).add("x");
        }
      }
      Map<String, String> expected = copy(config);
      ConfigValues view = new ConfigValues(config);
      assertEquals(expected, view);
      assertEquals(List.copyOf(expected.keySet()), List.copyOf(view.keySet()), "document order");
      assertEquals(expected.size(), view.size());
      for (String key : keys) {
        assertEquals(expected.get(key), view.get(key), key);
        assertEquals(expected.containsKey(key), view.containsKey(key), key);
      }
      assertNull(view.get("absent"));
      assertNull(view.get(42));
      assertEquals(expected.getOrDefault("k1", "d"), view.getOrDefault("k1", "d"));
    }
  }

  @Test
  void anExhaustedIteratorSaysSo() {
    ObjectNode config = JsonNodeFactory.instance.objectNode().putNull("a");
    Iterator<Map.Entry<String, String>> it = new ConfigValues(config).entrySet().iterator();
    assertFalse(it.hasNext());
    assertThrows(NoSuchElementException.class, it::next);
  }
}
