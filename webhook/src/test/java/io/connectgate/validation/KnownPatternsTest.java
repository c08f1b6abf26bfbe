package io.connectgate.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.regex.RegularExpressions;
import io.connectgate.testing.CostRatio;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each hand-written matcher answers as java.util.regex's {@code find()} does for the expression
 * as networknt rewrites it, on every pattern of the catalog (all Kafka versions) and on values
 * generated around each one: its own words and class names, case flips, padding of every kind on
 * either side, characters just inside and outside the classes, truncations, joins and
 * surrogates.
 */
class KnownPatternsTest {

  private static final int VALUES_PER_PATTERN = 4_000;

  @Test
  void everyMatcherAgreesWithTheRegularExpression() throws IOException {
    Set<String> patterns = catalogPatterns();
    List<String> known = new ArrayList<>();
    Random random = new Random(7);
    for (String regex : patterns) {
      Predicate<String> matcher = KnownPatterns.of(regex);
      if (matcher == null) {
        continue;
      }
      known.add(regex);
      Pattern reference = Pattern.compile(RegularExpressions.replaceLongformCharacterProperties(
          RegularExpressions.replaceDollarAnchors(regex)));
      List<String> seeds = seeds(regex);
      int matched = 0;
      for (int i = 0; i < VALUES_PER_PATTERN; i++) {
        String value = i < seeds.size() ? seeds.get(i) : variant(seeds, random);
        boolean expected = reference.matcher(value).find();
        assertEquals(expected, matcher.test(value), () -> regex + " on " + escape(value));
        matched += expected ? 1 : 0;
      }
      // Both answers must occur, or the comparison says little about this pattern.
      assertTrue(matched > 20 && matched < VALUES_PER_PATTERN - 20, regex + ": " + matched);
    }
    // The shapes cover most of the catalog's patterns; a schemagen change that moves them off
    // the shapes shows here rather than as a quiet slowdown.
    assertTrue(known.size() >= patterns.size() * 2 / 3, known.size() + " of " + patterns.size());
    // The two list shapes are matched by their exact text: the catalog must still use it.
    assertTrue(known.contains(KnownPatterns.CLASS_LIST) && known.contains(KnownPatterns.HOST_PORT_LIST),
        () -> "list patterns not in the catalog: " + known);
  }

  /**
   * A tenant's list of many short entries costs what one long entry of the same length costs:
   * each entry is scanned within its own bounds (a search to the end of the value per entry
   * was quadratic: seconds for a 100 KB list).
   */
  @Test
  void longListsCostLinearTime() {
    int length = 100_000;
    Map<String, List<String>> cases = Map.of(
        KnownPatterns.HOST_PORT_LIST, List.of(repeat("h:1,", length) + "h:1",
            repeat("[::1]:1,", length) + "[::1]:1", repeat("b:1 , ", length) + "b:1",
            "h" + "x".repeat(length) + ":1"),
        KnownPatterns.CLASS_LIST, List.of(repeat("a.B,", length) + "a.B",
            "a." + "B".repeat(length)));
    cases.forEach((regex, values) -> {
      Predicate<String> matcher = KnownPatterns.of(regex);
      String benign = values.get(values.size() - 1);
      for (String hostile : values.subList(0, values.size() - 1)) {
        assertTrue(matcher.test(hostile) && matcher.test(benign), regex);
        double ratio = CostRatio.of(() -> matcher.test(hostile), () -> matcher.test(benign));
        assertTrue(ratio < 50, () -> "expected linear cost: " + hostile.substring(0, 12)
            + "... costs " + ratio + " x one entry of the same length");
      }
    });
  }

  private static String repeat(String entry, int length) {
    return entry.repeat(length / entry.length());
  }

  @Test
  void variationsOfTheShapesAreLeftToTheRegularExpression() {
    for (String regex : List.of("^[\\u0000-\\u0020]*(a|b.c)[\\u0000-\\u0020]*$",
        "^[\\u0000-\\u0020]*(earliest|by_duration:[Pp]\\S+)[\\u0000-\\u0020]*$",
        "^[\\u0000-\\u0020]*(a|[a-z])[\\u0000-\\u0020]*$", "^[\\u0000-\\u0020]*(a||b)[\\u0000-\\u0020]*$",
        "^[\\u0000-\\u0020]*(a|b)[\\u0000-\\u0020]+$", "^[\\u0000-\\u0020]*(a|b)$",
        "^[\\u0000-\\u001f]*(a|b)[\\u0000-\\u001f]*$", "[^\\u0000-\\u0021]", "^(a|b)",
        "^[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)+$", "(a|b)", "^$")) {
      assertNull(KnownPatterns.of(regex), regex);
    }
  }

  private static Set<String> catalogPatterns() throws IOException {
    Set<String> out = new TreeSet<>();
    JsonMapper json = JsonMapper.builder().build();
    try (Stream<Path> files = Files.walk(TestCatalogs.schemasDir())) {
      for (Path f : files.filter(p -> p.toString().endsWith(".schema.json")).toList()) {
        collect(json.readTree(f.toFile()), out);
      }
    }
    assertTrue(out.size() > 20, "patterns: " + out);
    return out;
  }

  private static void collect(JsonNode node, Set<String> out) {
    if (node.isObject() && node.get("pattern") != null && node.get("pattern").isString()) {
      out.add(node.get("pattern").asString());
    }
    for (JsonNode child : node.values()) {
      collect(child, out);
    }
  }

  /** Values the pattern is about: its words (or a class name), padded and bare. */
  private static List<String> seeds(String regex) {
    List<String> words = new ArrayList<>();
    int open = regex.indexOf('(');
    int close = regex.lastIndexOf(')');
    if (open >= 0 && close > open && !regex.contains("\\.")) {
      for (String alt : regex.substring(open + 1, close).split("\\|")) {
        StringBuilder lower = new StringBuilder();
        StringBuilder upper = new StringBuilder();
        for (int i = 0; i < alt.length(); i++) {
          if (alt.charAt(i) == '[' && i + 3 < alt.length()) {
            lower.append(alt.charAt(i + 2));
            upper.append(alt.charAt(i + 1));
            i += 3;
          } else {
            lower.append(alt.charAt(i));
            upper.append(alt.charAt(i));
          }
        }
        words.add(lower.toString());
        words.add(upper.toString());
      }
    }
    words.addAll(List.of("org.example.Foo", "Foo", "a.b.c", "$x._y9", "x", "9a", "a..b", "a.",
        ".a", "a b", "a-b", "all", "ALL", ",", " , ", "a,b", "\u0085x", "\u00a0", "\u0000", "\u007f",
        "\u009f", "\u00a0x", "\ud83d\ude00", "\ud800", "", " ",
        // lists: class names, host:port (bootstrap.servers)
        "org.a.B,org.c.D", "org.a.B , org.c.D", "a,,b", "a,", ",a", "kafka:9092", "a.b-c_d:1",
        "h1:9092,h2:9093", "h1:9092 ,\th2:9093", "SASL_SSL://h:9093", "PLAINTEXT://[::1]:9092",
        "[fe80::1%eth0]:9092", "[fe80::1%]:1", "[%e]:1", "[::1]:123456", "[:1]", "[]:1", "h:", ":9092",
        "h:9x", "a://b://c:1", "1a://h:1", "a+b.c-d://h:1", "://h:1", "h:1,", "[::1]]:1",
        "[::g]:1", "h::1", "h:1:2", "h/x:1", "[1.2.3.4]:99999"));
    List<String> out = new ArrayList<>();
    for (String w : words) {
      out.add(w);
      out.add(" " + w + "\t");
      out.add("\u000b" + w + "\u001f");
      out.add("\u0085" + w);
      out.add(w + "\n");
    }
    return out;
  }

  private static final String[] PADDING = {"", " ", "\t", "\n", "\r", "\u000b", "\f", "\u0000",
      "\u001c", "\u0020", "\u0021", "\u0085", "\u00a0", "\u2028", "\u007f", "\u009f"};
  private static final String[] PIECES = {"a", "Z", "_", "$", ".", "-", "0", "9", ",", ":", "x",
      "\ud83d\ude00", "\udc00", "\u00e9"};

  private static String variant(List<String> seeds, Random random) {
    String base = seeds.get(random.nextInt(seeds.size())).strip();
    StringBuilder b = new StringBuilder();
    b.append(pad(random));
    switch (random.nextInt(6)) {
      case 0 -> b.append(flipCase(base, random));
      case 1 -> b.append(base, 0, base.isEmpty() ? 0 : random.nextInt(base.length()));
      case 2 -> b.append(base).append(PIECES[random.nextInt(PIECES.length)]);
      case 3 -> b.append(base).append(PADDING[random.nextInt(PADDING.length)])
          .append(seeds.get(random.nextInt(seeds.size())).strip());
      case 4 -> {
        int cut = base.isEmpty() ? 0 : random.nextInt(base.length());
        b.append(base, 0, cut).append(PIECES[random.nextInt(PIECES.length)]).append(base.substring(cut));
      }
      default -> b.append(base);
    }
    b.append(pad(random));
    return b.toString();
  }

  /** Half the time none, so that the unpadded shapes match often enough too. */
  private static String pad(Random random) {
    return random.nextBoolean() ? "" : PADDING[random.nextInt(PADDING.length)];
  }

  private static String flipCase(String s, Random random) {
    StringBuilder b = new StringBuilder(s);
    int i = s.isEmpty() ? 0 : random.nextInt(s.length());
    if (i < s.length()) {
      char c = s.charAt(i);
      b.setCharAt(i, Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
    }
    return b.toString();
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder("\"");
    s.chars().forEach(c -> b.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
    return b.append('"').toString();
  }
}
