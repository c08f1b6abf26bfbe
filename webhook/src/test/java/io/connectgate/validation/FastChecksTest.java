package io.connectgate.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import io.connectgate.connector.Origin;
import io.connectgate.validation.FastCheck.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fast checks against networknt, the reference they shortcut: wherever a check says PASS
 * networknt reports nothing, wherever it says FAIL networknt reports something, and the engine
 * finds exactly the same with the shortcut as without it. Instances: the published corpus and
 * the schema test cases, and generated variants of them with settings set to values chosen to
 * sit on the edges of the type-loose rules (numbers as strings, signs, exponents, long
 * overflow, case, spaces, enum members, JSON numbers of every Jackson kind, null, containers)
 * or to values seen for other settings, and settings removed.
 */
class FastChecksTest {

  /** Numbers as the engine's parser reads them: a fraction or exponent as a BigDecimal. */
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final int VARIANTS = 2_500;

  static Stream<SchemaCatalog> catalogs() {
    Path dir = TestCatalogs.schemasDir();
    return Stream.of(TestCatalogs.repository(), SchemaCatalog.load(
        Path.of("src/test/resources/user-schemas")),
        new SchemaCatalogLoader().loadOnly(dir, "3.9"), new SchemaCatalogLoader().loadOnly(dir, "4.0"),
        new SchemaCatalogLoader().loadOnly(dir, "4.3"));
  }

  /** Every schema the checks run in the catalogs is compiled: the shortcut is really taken. */
  @ParameterizedTest
  @MethodSource("catalogs")
  void everySchemaOfTheCatalogHasAFastCheck(SchemaCatalog catalog) {
    List<String> refused = new ArrayList<>();
    for (Map.Entry<String, Schema> e : schemasOf(catalog).entrySet()) {
      if (!catalog.fastChecks().compiled(e.getValue())) {
        refused.add(e.getKey());
      }
    }
    assertEquals(List.of(), refused, catalog.source());
  }

  @Test
  void aSchemaBeyondTheMirroredKeywordsIsRefusedAndLeftToNetworknt(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("odd.schema.json"), """
        {"x-connectgate-claims": ["org.example.Odd"], "type": "object",
         "properties": {"n": {"type": "integer", "exclusiveMinimum": 3}}}""");
    SchemaCatalog catalog = SchemaCatalog.load(dir);
    ConnectorSchema odd = catalog.byClass().get("org.example.Odd");
    assertEquals(false, catalog.fastChecks().compiled(odd.schema()));
    ObjectNode config = F.objectNode().put("connector.class", "org.example.Odd").put("n", "3");
    assertEquals(Verdict.UNSURE, catalog.fastChecks().verdict(odd.schema(), config));
    assertEquals(1, catalog.fastChecks().validate(odd.schema(), config).size());
  }

  /**
   * Numeric strings longer than {@link NumericText#LONG}: compared in linear time by the fast
   * check and by the catalog's own bound keywords alike, with networknt's verdicts and messages.
   */
  @Test
  void longNumbersAreDecidedAsNetworkntDecides() {
    SchemaCatalog catalog = TestCatalogs.repository();
    Schema root = catalog.fallback().schema();
    ObjectNode config = F.objectNode().put("connector.class", "org.example.Any");
    config.put("tasks.max", "1".repeat(NumericText.LONG + 1));
    assertEquals(Verdict.FAIL, catalog.fastChecks().verdict(root, config));
    assertEquals(List.of("maximum [2147483647]"), messages(root, config));
    config.put("tasks.max", "0".repeat(NumericText.LONG) + "7");
    assertEquals(Verdict.PASS, catalog.fastChecks().verdict(root, config));
    assertEquals(List.of(), messages(root, config));
    config.put("tasks.max", "-0." + "0".repeat(NumericText.LONG) + "1");
    assertEquals(Verdict.FAIL, catalog.fastChecks().verdict(root, config));
  }

  /**
   * networknt itself compares long numbers through the catalog's bound keywords
   * ({@link LinearBounds}): eight times the digits cost about eight times the time (BigDecimal's
   * parse would cost 64 times).
   */
  @Test
  void networkntComparesLongNumbersInLinearTime() {
    SchemaCatalog catalog = TestCatalogs.repository();
    Schema root = catalog.fallback().schema();
    ObjectNode longer = F.objectNode().put("connector.class", "org.example.Any")
        .put("tasks.max", "1".repeat(64 * 1024));
    ObjectNode shorter = F.objectNode().put("connector.class", "org.example.Any")
        .put("tasks.max", "1".repeat(8 * 1024));
    double ratio = io.connectgate.testing.CostRatio.of(() -> root.validate(longer),
        () -> root.validate(shorter));
    assertTrue(ratio < 24, "expected linear cost: 8x the digits cost " + ratio + "x");
  }

  /** networknt's bound errors on {@code instance}: keyword and arguments. */
  private static List<String> messages(Schema schema, JsonNode instance) {
    return schema.validate(instance).stream()
        .filter(e -> e.getKeyword().equals("maximum") || e.getKeyword().equals("minimum"))
        .map(e -> e.getKeyword() + " " + java.util.Arrays.toString(e.getArguments())).toList();
  }

  /** A user schema's bound beyond double's range (1e400) with a long number: no exception. */
  @Test
  void aBoundBeyondDoubleWithALongNumberIsStillDecided(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("huge.schema.json"), """
        {"x-connectgate-claims": ["org.example.Huge"], "type": "object",
         "properties": {"n": {"type": "number", "maximum": 1e400}}}""");
    SchemaCatalog catalog = SchemaCatalog.load(dir);
    Schema huge = catalog.byClass().get("org.example.Huge").schema();
    ObjectNode config = F.objectNode().put("connector.class", "org.example.Huge")
        .put("n", "1".repeat(NumericText.LONG + 1));
    assertEquals(huge.validate(config).isEmpty(),
        catalog.fastChecks().validate(huge, config).isEmpty());
  }

  /** Each schema's verdicts agree with networknt's errors, on the corpus and its variants. */
  @ParameterizedTest
  @MethodSource("catalogs")
  void verdictsAgreeWithNetworknt(SchemaCatalog catalog) {
    Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
    Map<String, Schema> schemas = schemasOf(catalog);
    Random random = new Random(23);
    List<ObjectNode> instances = new ArrayList<>();
    for (ObjectNode config : corpus()) {
      instances.add(config);
    }
    Variants variants = new Variants(catalog, random);
    for (int i = 0; i < VARIANTS; i++) {
      instances.add(variants.next());
    }
    List<Map.Entry<String, Schema>> roots = schemas.entrySet().stream()
        .filter(e -> e.getKey().startsWith("root ")).toList();
    List<Map.Entry<String, Schema>> others = schemas.entrySet().stream()
        .filter(e -> !e.getKey().startsWith("root ")).toList();
    for (ObjectNode instance : instances) {
      ObjectNode normalised = SchemaCheck.normalised(instance);
      for (Map.Entry<String, Schema> root : roots) {
        agree(catalog, root, normalised, counts);
      }
      // Values on their own, against the per-setting and plugin schemas.
      for (int k = 0; k < 4; k++) {
        Map.Entry<String, Schema> s = others.get(random.nextInt(others.size()));
        agree(catalog, s, normalised, counts);
        if (!normalised.isEmpty()) {
          agree(catalog, s, normalised.values().iterator().next(), counts);
        }
        agree(catalog, s, variants.value(), counts);
      }
    }
    // The comparison means something only if both answers occur often.
    assertTrue(counts.getOrDefault(Verdict.PASS, 0) > 1_000, counts::toString);
    assertTrue(counts.getOrDefault(Verdict.FAIL, 0) > 1_000, counts::toString);
  }

  private static void agree(SchemaCatalog catalog, Map.Entry<String, Schema> schema, JsonNode instance,
      Map<Verdict, Integer> counts) {
    Verdict verdict = catalog.fastChecks().verdict(schema.getValue(), instance);
    List<Error> errors;
    try {
      errors = schema.getValue().validate(instance);
    } catch (RuntimeException e) {
      assertEquals(Verdict.UNSURE, verdict, schema.getKey() + " threw on " + instance);
      return;
    }
    counts.merge(verdict, 1, Integer::sum);
    if (verdict == Verdict.PASS) {
      assertEquals(List.of(), errors.stream().map(Error::toString).toList(),
          schema.getKey() + " passed by the fast check: " + instance);
    } else if (verdict == Verdict.FAIL) {
      assertTrue(!errors.isEmpty(), schema.getKey() + " failed by the fast check, not by networknt: " + instance);
    }
  }

  /** The whole engine finds the same with the shortcut as with networknt alone. */
  @ParameterizedTest
  @MethodSource("catalogs")
  void theEngineFindsTheSameWithAndWithoutTheShortcut(SchemaCatalog catalog) {
    ConnectorEngine fast = new ConnectorEngine(catalog);
    ConnectorEngine reference = new ConnectorEngine(TestCatalogs.networkntOnly(catalog));
    Variants variants = new Variants(catalog, new Random(41));
    List<ObjectNode> instances = new ArrayList<>(corpus());
    for (int i = 0; i < VARIANTS; i++) {
      instances.add(variants.next());
    }
    int withFindings = 0;
    for (ObjectNode config : instances) {
      String text = JSON.writeValueAsString(F.objectNode().put("name", "c").set("config", config));
      Origin origin = new Origin("c.json", 0, null, null);
      List<String> expected = reference.inspectConnectorText(text, origin).findings().stream()
          .map(Finding::describe).toList();
      List<String> actual = fast.inspectConnectorText(text, origin).findings().stream()
          .map(Finding::describe).toList();
      assertEquals(expected, actual, text);
      withFindings += expected.isEmpty() ? 0 : 1;
    }
    assertTrue(withFindings > instances.size() / 4 && withFindings < instances.size(),
        withFindings + " of " + instances.size());
  }

  /** Every networknt schema the checks run, named: roots, prefixes, per-setting, plugins. */
  private static Map<String, Schema> schemasOf(SchemaCatalog catalog) {
    Map<String, Schema> out = new java.util.LinkedHashMap<>();
    for (ConnectorSchema cs : catalog.schemas()) {
      out.put("root " + cs.file(), cs.schema());
      for (ClientPrefix p : cs.prefixes()) {
        if (p.propertySchemas() == null) {
          out.put("prefix " + cs.file() + " " + p.prefix(), p.schema());
        } else {
          p.propertySchemas().forEach((k, s) -> out.put("setting " + p.ref() + " " + k, s));
        }
      }
    }
    catalog.plugins().settings().forEach((cls, s) -> out.put("plugin " + cls, s));
    return out;
  }

  /** The published corpus's and the schema test cases' connector configs. */
  static List<ObjectNode> corpus() {
    List<ObjectNode> out = new ArrayList<>();
    for (Path dir : List.of(Path.of("src/test/resources/corpus/published"),
        TestCatalogs.schemasDir().resolve("tests"))) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path f : files.sorted().toList()) {
          String n = f.getFileName().toString();
          if (!n.endsWith(".json") || n.endsWith(".case.json") || n.endsWith(".expected.json")) {
            continue;
          }
          try {
            JsonNode root = JSON.readTree(Files.readString(f));
            JsonNode config = root.has("config") ? root.get("config") : root;
            if (config.isObject() && config.has("connector.class")) {
              out.add((ObjectNode) config);
            }
          } catch (RuntimeException notJson) {
            // a case that is deliberately not valid JSON
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    assertTrue(out.size() > 50, "corpus: " + out.size());
    return out;
  }

  /** Corpus configs with settings changed to edge values, other settings' values, or removed. */
  private static final class Variants {
    private static final List<String> STRINGS = List.of("", " ", "true", "TRUE", "false", "False",
        "0", "1", "-1", "+1", "01", "00", "-0", "1.0", "1.5", "-0.5", ".5", "5.", "1e3", "1E-3",
        "1e+2", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "2147483648", "1e400", " 5", "5 ", "\t7\n", "abc", "all", "none", "earliest", "latest",
        "PLAIN", "SASL_SSL", "SSL", "read_committed", "${file:/x:y}", "a,b", " a , b ",
        "org.example.Foo", "Foo$Bar", "-", ".", "0x10", "NaN", "Infinity", "1_000", "\u0663",
        "\u0000", "http://x:1", "PT5S", "gzip", "snappy", "lz4", "zstd", "uncompressed", "all",
        "use_all_dns_ips", "HTTPS", "TLSv1.3", "JKS", "PKCS12", "PEM", "fail", "ignore",
        "json", "avro", "INFO", "DEBUG", "connector", "ALL", ".*", "[", "topic-*", "x".repeat(300),
        // longer than NumericText.LONG: compared without BigDecimal
        "1".repeat(80), "-" + "9".repeat(70), "0".repeat(70) + "5", "1" + "0".repeat(70) + "e-70",
        "0." + "0".repeat(70) + "1", "2147483647" + ".0".repeat(1) + "0".repeat(60) + "1",
        "1e" + "9".repeat(70), "1e-" + "9".repeat(70), "+" + "3".repeat(66));
    private final List<String> keys;
    private final List<String> seenValues;
    private final List<ObjectNode> base = corpus();
    private final Random random;

    Variants(SchemaCatalog catalog, Random random) {
      this.random = random;
      Set<String> k = new TreeSet<>();
      Set<String> v = new LinkedHashSet<>();
      for (ObjectNode c : base) {
        c.properties().forEach(e -> {
          k.add(e.getKey());
          if (e.getValue().isString()) {
            v.add(e.getValue().asString());
          }
        });
      }
      List<String> names = new ArrayList<>();
      for (JsonNode doc : catalog.documents().values()) {
        collectPropertyNames(doc, names, 0);
      }
      k.addAll(names);
      for (ConnectorSchema cs : catalog.schemas()) {
        for (ClientPrefix p : cs.prefixes()) {
          for (int i = 0; i < 40; i++) {
            k.add(p.prefix() + names.get(random.nextInt(names.size())));
          }
        }
      }
      this.keys = List.copyOf(k);
      this.seenValues = List.copyOf(v);
    }

    ObjectNode next() {
      ObjectNode config = base.get(random.nextInt(base.size())).deepCopy();
      int changes = 1 + random.nextInt(4);
      for (int i = 0; i < changes; i++) {
        int what = random.nextInt(10);
        String key = what < 5 && config.size() > 0
            ? new ArrayList<>(config.propertyNames()).get(random.nextInt(config.size()))
            : keys.get(random.nextInt(keys.size()));
        if (what == 9 && !key.equals("connector.class")) {
          config.remove(key);
        } else {
          config.set(key, value());
        }
      }
      return config;
    }

    JsonNode value() {
      return switch (random.nextInt(12)) {
        case 0 -> F.numberNode(random.nextInt(2000) - 1000);
        case 1 -> F.numberNode(random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE + random.nextInt(3));
        case 2 -> F.numberNode(random.nextDouble() * 100 - 50);
        case 3 -> F.numberNode(new BigDecimal(random.nextBoolean() ? "1.0" : "3.25"));
        case 4 -> F.numberNode(new BigInteger("9223372036854775808"));
        case 5 -> F.booleanNode(random.nextBoolean());
        case 6 -> random.nextBoolean() ? F.nullNode() : F.arrayNode().add("a");
        case 7, 8 -> F.stringNode(seenValues.get(random.nextInt(seenValues.size())));
        default -> F.stringNode(STRINGS.get(random.nextInt(STRINGS.size())));
      };
    }

    private static void collectPropertyNames(JsonNode node, List<String> out, int depth) {
      if (depth > 30 || !node.isContainer()) {
        return;
      }
      if (node.isObject() && node.get("properties") instanceof ObjectNode props) {
        out.addAll(props.propertyNames());
      }
      for (JsonNode child : node.values()) {
        collectPropertyNames(child, out, depth + 1);
      }
    }
  }
}
