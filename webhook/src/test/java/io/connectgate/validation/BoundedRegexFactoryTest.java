package io.connectgate.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.regex.RegularExpression;
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
}
