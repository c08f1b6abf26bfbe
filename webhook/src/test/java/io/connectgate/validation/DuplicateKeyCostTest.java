package io.connectgate.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.connector.Origin;
import java.lang.management.ManagementFactory;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Duplicate keys cost the engine time and memory linear in the document however long the
 * path they sit under: past {@link Limits#MAX_FINDINGS} they are counted, their pointers never
 * built, and a listed pointer longer than {@link ConnectorEngine#MAX_POINTER_CHARS} is
 * shortened (before, 100 KB of them exhausted the chart's 358 MB heap).
 */
class DuplicateKeyCostTest {

  private static final String BASE = "\"connector.class\":\"org.apache.kafka.connect.file"
      + ".FileStreamSinkConnector\",\"tasks.max\":\"1\",\"topics\":\"t\",\"file\":\"/tmp/x\"";
  /** {@link ConnectorEngine#MAX_POINTER_CHARS}. */
  private static final int SHOWN = 4096;
  private static final Origin ORIGIN = new Origin("f", 0, null, null);

  private final ConnectorEngine engine = new ConnectorEngine(TestCatalogs.repository());

  /** {@code levels} keys of {@code keyChars}, nested around the duplicates or beside them. */
  private static String document(boolean nested, int levels, int keyChars, int duplicates) {
    StringBuilder extra = new StringBuilder();
    for (int i = 0; i < levels; i++) {
      extra.append('"').append("k".repeat(keyChars)).append(i).append(nested ? "\":{" : "\":{},");
    }
    extra.append(nested ? "" : "\"d\":{")
        .append(String.join(",", Collections.nCopies(duplicates, "\"a\":0")))
        .append("}".repeat(nested ? levels : 1));
    return "{\"name\":\"x\",\"config\":{" + BASE + "},\"extra\":{" + extra + "}}";
  }

  private List<Finding> duplicates(Inspection inspection) {
    return inspection.findings().stream().filter(f -> f.rule().equals(Rules.DUPLICATE_KEY))
        .toList();
  }

  @Test
  void duplicatesPastTheLimitAreCountedNotBuilt() {
    String hostile = document(true, 4, 1000, 20_000);
    String benign = document(false, 4, 1000, 20_000);
    Inspection inspection = engine.inspectConnectorText(hostile, ORIGIN);
    List<Finding> listed = duplicates(inspection);
    assertEquals(Limits.MAX_FINDINGS, listed.size(), "expected the first duplicates listed");
    assertEquals("duplicate key at line 1, column 4178; Kafka Connect would silently keep only"
        + " the last value", listed.get(0).message());
    Finding more = inspection.findings().get(inspection.findings().size() - 1);
    assertEquals(Rules.MORE_FINDINGS, more.rule());
    assertEquals(Severity.ERROR, more.severity(), "expected the omitted duplicates to deny");
    assertTrue(more.message().startsWith("and 19899 more findings not listed"), more.message());
    // Time is not compared here: at this size the copies cost little CPU (4.7 x before the
    // fix) but their memory is what ran the heap out; PointerCostTest compares the times.
    long h = allocated(() -> engine.inspectConnectorText(hostile, ORIGIN));
    long b = allocated(() -> engine.inspectConnectorText(benign, ORIGIN));
    assertTrue(h < 3 * b, "expected memory linear in the document: the nested duplicates"
        + " allocated " + h + " bytes, the side-by-side ones " + b);
  }

  @Test
  void aMegabytePathIsShortenedInItsFindings() {
    // 25 keys of 40,000 characters (Jackson allows 50,000): a pointer of 1 MB per duplicate.
    String hostile = document(true, 25, 40_000, 100);
    Inspection inspection = engine.inspectConnectorText(hostile, ORIGIN);
    List<Finding> listed = duplicates(inspection);
    assertEquals(99, listed.size(), "expected every duplicate listed");
    String pointer = listed.get(0).location().pointer();
    assertTrue(pointer.startsWith("/extra/kkkk") && pointer.endsWith("…(" + (1_000_073
            - SHOWN) + " more chars)")
            && pointer.length() < SHOWN + 40,
        "expected the pointer shortened: " + pointer.substring(pointer.length() - 40)
            + " (" + pointer.length() + " chars)");
    // Pointers of 1 MB each were 100 MB; now 100 short ones, a few bytes per character.
    long h = allocated(() -> engine.inspectConnectorText(hostile, ORIGIN));
    assertTrue(h < 8L * hostile.length(), "expected memory linear in the document: its "
        + hostile.length() + " characters allocated " + h + " bytes");
  }

  /** Bytes this thread allocates inspecting once (after one warm-up run). */
  private static long allocated(java.util.function.Supplier<Inspection> work) {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    work.get();
    long id = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(id);
    Inspection result = work.get();
    long after = threads.getThreadAllocatedBytes(id);
    assertTrue(!result.findings().isEmpty(), "expected findings");
    return after - before;
  }
}
