package io.connectgate.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The suggestions kept per key name are the ones computed without them, within the bound and past it. */
class SuggestionIndexTest {

  private static final List<String> KNOWN = List.of("batch.size", "buffer.memory", "compression.type",
      "max.poll.records", "receive.buffer.bytes", "send.buffer.bytes", "max.request.size",
      "max.partition.fetch.bytes", "bootstrap.servers", "security.protocol");

  @Test
  void sameAnswersBeforeAndPastTheBound() {
    SuggestionIndex index = new SuggestionIndex(KNOWN);
    Random random = new Random(11);
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 3 * SuggestionIndex.SEEN_MAX_ENTRIES; i++) {
      String base = KNOWN.get(random.nextInt(KNOWN.size()));
      // A typo of a known key (a suggestion), or a made-up name (none), some too long to keep.
      String key = i % 3 == 0 ? "made.up." + i : base.substring(0, base.length() - 1) + (char) ('a' + i % 26);
      keys.add(i % 40 == 0 ? key + "x".repeat(SuggestionIndex.SEEN_MAX_KEY_LENGTH) : key);
    }
    for (int round = 0; round < 2; round++) { // the second round answers from what was kept
      for (String key : keys) {
        assertEquals(Suggestions.closest(key, KNOWN), index.closest(key), key);
      }
    }
    assertEquals(SuggestionIndex.SEEN_MAX_ENTRIES, index.kept());
    assertEquals("batch.size", index.closest("batch.sise"));
    assertNull(index.closest("linger.ms.nothing.like.it"));
  }
}
