package io.connectgate.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.testing.CostRatio;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Reading a document costs time and memory linear in its length however deep its long keys
 * nest: no pointer string is built per node (a copy of the whole path each), neither for the
 * duplicates the strict parser finds nor for the positions the CLI and the deploy Job record.
 * Each case compares a hostile document with a benign one of the same size, the same keys
 * side by side instead of nested.
 */
class PointerCostTest {

  private static final String BASE = "\"connector.class\":\"org.apache.kafka.connect.file"
      + ".FileStreamSinkConnector\",\"tasks.max\":\"1\",\"topics\":\"t\",\"file\":\"/tmp/x\"";
  private static final int LEVELS = 4;
  private static final int KEY_CHARS = 5000;
  private static final int ITEMS = 6000;

  private final StrictJsonParser parser = new StrictJsonParser();

  /** {@value #LEVELS} long keys, nested around {@code body} or side by side next to it. */
  static String document(boolean nested, String body) {
    StringBuilder extra = new StringBuilder();
    for (int i = 0; i < LEVELS; i++) {
      String key = "\"" + "k".repeat(KEY_CHARS) + i + "\"";
      extra.append(key).append(nested ? ":{" : ":{},");
    }
    extra.append(nested ? "" : "\"d\":{").append(body).append("}".repeat(nested ? LEVELS : 1));
    return "{\"name\":\"x\",\"config\":{" + BASE + "},\"extra\":{" + extra + "}}";
  }

  static String repeated(String item, int times) {
    return String.join(",", java.util.Collections.nCopies(times, item));
  }

  static String distinctKeys(int count) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < count; i++) {
      sb.append(i == 0 ? "" : ",").append("\"k").append(Integer.toHexString(i)).append("\":0");
    }
    return sb.toString();
  }

  @Test
  void duplicatesUnderALongPathCostLinearTime() {
    String hostile = document(true, repeated("\"a\":0", ITEMS));
    String benign = document(false, repeated("\"a\":0", ITEMS));
    assertTrue(Math.abs(hostile.length() - benign.length()) < 16, "expected one size");
    ParsedJson parsed = parser.parse(hostile);
    assertEquals(ITEMS - 1, parsed.problems().size(), "expected every duplicate found");
    double ratio = CostRatio.of(() -> parser.parse(hostile), () -> parser.parse(benign));
    assertTrue(ratio < 5, "expected linear cost: the nested duplicates cost " + ratio
        + " x the side-by-side ones");
  }

  @Test
  void duplicatesUnderALongPathAllocateLinearMemory() {
    String hostile = document(true, repeated("\"a\":0", ITEMS));
    String benign = document(false, repeated("\"a\":0", ITEMS));
    long h = allocated(() -> parser.parse(hostile));
    long b = allocated(() -> parser.parse(benign));
    assertTrue(h < 3 * b, "expected memory linear in the text: parsing the nested duplicates"
        + " allocated " + h + " bytes, the side-by-side ones " + b);
  }

  @Test
  void aDuplicatesPointerIsBuiltAsBeforeWhenAskedFor() {
    ParsedJson parsed = parser.parse(
        "{\"a/b\":{\"~\":[{},{\"x\":1,\"x\":2}],\"~\":0},\"\":{\"\":1,\"\":2}}");
    List<String> pointers = parsed.problems().stream().map(JsonProblem::pointer).toList();
    assertEquals(List.of("/a~1b/~0/1/x", "/a~1b/~0", "//"), pointers);
    assertEquals(1, parsed.problems().get(0).line());
    assertEquals(24, parsed.problems().get(0).column());
  }

  @Test
  void emptyContainersUnderALongPathCostLinearTime() {
    String hostile = document(true, "\"z\":[" + repeated("[]", 2 * ITEMS) + "]");
    String benign = document(false, "\"z\":[" + repeated("[]", 2 * ITEMS) + "]");
    double ratio = CostRatio.of(() -> parser.parse(hostile), () -> parser.parse(benign));
    assertTrue(ratio < 5, "expected linear cost: the nested arrays cost " + ratio
        + " x the side-by-side ones");
  }

  @Test
  void jsonPositionsUnderALongPathCostLinearTime() {
    String hostile = document(true, distinctKeys(ITEMS));
    String benign = document(false, distinctKeys(ITEMS));
    DocumentPositions positions = JsonPositions.of(hostile);
    String deep = "/extra/" + "k".repeat(KEY_CHARS) + "0/" + "k".repeat(KEY_CHARS) + "1/"
        + "k".repeat(KEY_CHARS) + "2/" + "k".repeat(KEY_CHARS) + "3/k176f";
    assertNotNull(positions.at(deep), "expected the deepest keys recorded");
    double ratio = CostRatio.of(() -> JsonPositions.of(hostile), () -> JsonPositions.of(benign));
    assertTrue(ratio < 5, "expected linear cost: positions of the nested keys cost " + ratio
        + " x the side-by-side ones");
    long h = allocated(() -> JsonPositions.of(hostile));
    long b = allocated(() -> JsonPositions.of(benign));
    assertTrue(h < 3 * b, "expected memory linear in the text: positions of the nested keys"
        + " allocated " + h + " bytes, the side-by-side ones " + b);
  }

  @Test
  void yamlPositionsUnderALongPathCostLinearTime() {
    String hostile = yaml(true);
    String benign = yaml(false);
    List<DocumentPositions> positions = YamlPositions.of(hostile);
    assertEquals(1, positions.size(), "expected the document read");
    assertNotNull(positions.get(0).at("/extra/" + "k".repeat(500) + "0"),
        "expected the first nested key recorded");
    double ratio = CostRatio.of(() -> YamlPositions.of(hostile), () -> YamlPositions.of(benign));
    assertTrue(ratio < 5, "expected linear cost: positions of the nested keys cost " + ratio
        + " x the side-by-side ones");
  }

  /** {@code levels} anchors, each a list of the previous one twice (aliases), or of two strings. */
  private static String aliases(int levels, boolean alias) {
    StringBuilder text = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n"
        + "data:\n  c.json: '{}'\nl0: &a0 [x, x]\n");
    for (int i = 1; i < levels; i++) {
      text.append('l').append(i).append(": &a").append(i)
          .append(alias ? " [*a" + (i - 1) + ", *a" + (i - 1) + "]\n" : " [xx, xx]\n");
    }
    return text.toString();
  }

  @Test
  void nestedYamlAliasesAreWalkedOnce() {
    // Unwalked, 24 levels are 2^24 paths (out of memory in a 358 MB heap); 12 already 4,096.
    String hostile = aliases(24, true);
    String benign = aliases(24, false);
    List<DocumentPositions> positions = YamlPositions.of(hostile);
    assertNotNull(positions.get(0).at("/l23/1"), "expected the alias itself recorded");
    assertNull(positions.get(0).at("/l23/1/0"),
        "expected nothing under an alias (Jackson reads an alias as its anchor's name)");
    assertNotNull(positions.get(0).at("/l0/1"), "expected the anchor's own items recorded");
    long h = allocated(() -> YamlPositions.of(aliases(12, true)));
    long b = allocated(() -> YamlPositions.of(aliases(12, false)));
    assertTrue(h < 3 * b, "expected memory linear in the text: 12 levels of aliases allocated " + h
        + " bytes, as many plain lists " + b);
    double ratio = CostRatio.of(() -> YamlPositions.of(hostile), () -> YamlPositions.of(benign));
    assertTrue(ratio < 5, "expected linear cost: nested aliases cost " + ratio + " x plain lists");
  }

  /** A ConfigMap with 40 keys of 500 characters nested around {@value #ITEMS} keys, or beside. */
  private static String yaml(boolean nested) {
    StringBuilder extra = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      extra.append("k".repeat(500)).append(i).append(nested ? ": {" : ": {}, ");
    }
    for (int i = 0; i < ITEMS; i++) {
      extra.append(i == 0 ? "" : ", ").append('k').append(Integer.toHexString(i)).append(": 0");
    }
    extra.append(nested ? "}".repeat(40) : "");
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  c.json: '{}'\n"
        + "extra: {" + extra + "}\n";
  }

  /** Bytes this thread allocates running {@code work} once (after one warm-up run). */
  static long allocated(Supplier<?> work) {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    work.get();
    long id = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(id);
    Object result = work.get();
    long after = threads.getThreadAllocatedBytes(id);
    assertNotNull(result);
    return after - before;
  }
}
