package io.connectgate.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The answers kept per key name ({@link SensitiveKeys}, {@link ClientPrefixes}) are the answers
 * computed without them, before and after their bound is reached by made-up keys.
 */
class KeyAnswerMemoTest {

  private static ClientPrefix prefix(String prefix) {
    return new ClientPrefix(prefix, null, null, null, true, null, null);
  }

  private static final List<ClientPrefix> PREFIXES = List.of(prefix("src.kafka.timestamps.producer."),
      prefix("src.consumer."), prefix("src.kafka."), prefix("dest.kafka."), prefix("src."));

  private static ClientPrefix scan(String key) {
    for (ClientPrefix p : PREFIXES) {
      if (key.startsWith(p.prefix())) {
        return p;
      }
    }
    return null;
  }

  @Test
  void longestPrefixBeforeAndPastTheBound() {
    List<ClientPrefix> indexed = ClientPrefixes.of(PREFIXES);
    assertEquals(PREFIXES, indexed);
    assertSame(indexed, ClientPrefixes.of(indexed));
    Random random = new Random(7);
    String[] starts = {"src.kafka.timestamps.producer.", "src.kafka.", "src.", "dest.kafka.", "dst.", "", "src.consumer."};
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 3 * ClientPrefixes.SEEN_MAX_ENTRIES; i++) {
      keys.add(starts[random.nextInt(starts.length)] + "k" + i
          + (i % 50 == 0 ? "x".repeat(ClientPrefixes.SEEN_MAX_KEY_LENGTH) : ""));
    }
    for (int round = 0; round < 2; round++) { // the second round answers from what was kept
      for (String key : keys) {
        ClientPrefix expected = scan(key);
        assertSame(expected, ClientPrefixes.longest(indexed, key), key);
        ClientPrefixes.Under under = ClientPrefixes.under(indexed, key);
        if (expected == null) {
          assertNull(under, key);
        } else {
          assertSame(expected, under.prefix(), key);
          assertEquals(key.substring(expected.prefix().length()), under.key(), key);
        }
      }
    }
    assertSame(PREFIXES.get(0), ClientPrefixes.longest(indexed, "src.kafka.timestamps.producer.acks"));
    assertNull(ClientPrefixes.longest(indexed, "tasks.max"));
  }

  @Test
  void sensitiveKeysPastTheBound() {
    for (int i = 0; i < 2 * SensitiveKeys.SEEN_MAX_ENTRIES; i++) {
      assertFalse(SensitiveKeys.isSensitive("made.up.key" + i));
      assertTrue(SensitiveKeys.isSensitive("made.up.password" + i));
    }
    for (int round = 0; round < 2; round++) {
      assertTrue(SensitiveKeys.isSensitive("src.kafka.sasl.jaas.config"));
      assertTrue(SensitiveKeys.isSensitive("SSL.KEYSTORE.PASSWORD"));
      assertTrue(SensitiveKeys.isSensitive("x.ssl.truststore.certificates"));
      assertTrue(SensitiveKeys.isSensitive("basic.auth.user.info"));
      assertFalse(SensitiveKeys.isSensitive("topics"));
      assertFalse(SensitiveKeys.isSensitive("author.name"));
      assertTrue(SensitiveKeys.isSensitive("x".repeat(200) + ".password"));
      assertFalse(SensitiveKeys.isSensitive("x".repeat(200)));
    }
  }
}
