package io.connectgate.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.regex.RegularExpression;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Each distinct expression is compiled once per factory; matching is as before, under the budget. */
class BoundedRegexFactoryTest {

  @Test
  void compilesEachDistinctExpressionOnce() {
    BoundedRegexFactory factory = new BoundedRegexFactory();
    RegularExpression first = factory.getRegularExpression("^[a-z]+$");
    RegularExpression again = factory.getRegularExpression("^[a-z]+$");
    RegularExpression other = factory.getRegularExpression("^\\p{L}+$");
    assertEquals(2, factory.distinct());
    assertTrue(first.matches("abc"));
    assertTrue(again.matches("abc"));
    assertFalse(again.matches("ab1"));
    assertTrue(other.matches("über"));
    // Each factory has its own: a catalog build does not keep another's expressions alive.
    assertEquals(0, new BoundedRegexFactory().distinct());
  }

  @Test
  void aSharedExpressionStillMatchesUnderItsBudget() {
    BoundedRegexFactory factory = new BoundedRegexFactory();
    factory.getRegularExpression("(.*,){10}x");
    RegularExpression shared = factory.getRegularExpression("(.*,){10}x");
    assertThrows(BoundedRegex.BudgetExceeded.class, () -> shared.matches(",".repeat(40)));
    assertTrue(shared.matches(",".repeat(40) + "x"));
  }

  @Test
  void theBuiltInCatalogCompilesFarFewerExpressionsThanItsValidatorsAskFor() {
    BoundedRegexFactory factory = new BoundedRegexFactory();
    int[] asked = {0};
    com.networknt.schema.regex.RegularExpressionFactory counting = regex -> {
      asked[0]++;
      return factory.getRegularExpression(regex);
    };
    new SchemaCatalogLoader(counting).loadBuiltIn();
    assertTrue(asked[0] > 5 * factory.distinct(), "asked " + asked[0] + ", compiled " + factory.distinct());
  }

  /** Each thread reuses its own matcher: answers from many threads at once equal fresh matchers'. */
  @Test
  void reusedMatchersAnswerAsFreshOnesFromManyThreads() throws Exception {
    String regex = "^[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*$";
    RegularExpression reused = new BoundedRegexFactory().getRegularExpression(regex);
    Pattern fresh = Pattern.compile(regex);
    List<String> values = new ArrayList<>();
    Random random = new Random(3);
    String alphabet = "ab.$_1 -";
    for (int i = 0; i < 2_000; i++) {
      StringBuilder v = new StringBuilder();
      for (int n = random.nextInt(12); n > 0; n--) {
        v.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      values.add(v.toString());
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> runs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        runs.add(pool.submit(() -> {
          int agreed = 0;
          for (String v : values) {
            if (reused.matches(v) != fresh.matcher(v).find()) {
              throw new AssertionError("disagree on \"" + v + "\"");
            }
            agreed++;
          }
          return agreed;
        }));
      }
      for (Future<Integer> run : runs) {
        assertEquals(values.size(), run.get(60, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    assertTrue(values.stream().anyMatch(fresh.asPredicate()) && !values.stream().allMatch(fresh.asPredicate()),
        "expected values on both sides of the pattern");
  }
}
