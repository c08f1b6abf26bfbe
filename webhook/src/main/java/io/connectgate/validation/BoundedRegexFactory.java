package io.connectgate.validation;

import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import com.networknt.schema.regex.RegularExpressions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The schema validator's regular expressions ({@code pattern}, {@code patternProperties}):
 * compiled as networknt's JDK factory compiles them, matched under {@link BoundedRegex}'s step
 * budget. An exceeded budget escapes the validator as {@link BoundedRegex.BudgetExceeded},
 * which {@code SchemaCheck} turns into a violation.
 *
 * <p>One factory per catalog build, and each distinct expression compiled once: the validator
 * asks once per place a {@code pattern} is reached from, and a generated client def is reached
 * from every prefix of every family, so the built-in catalog asked about 2,200 times for some
 * 150 expressions (a {@link Pattern} is immutable and safe to share between threads; about 6 MB
 * of the catalog's heap and a few thousand compilations at start-up were copies).
 */
final class BoundedRegexFactory implements RegularExpressionFactory {

  private final Map<String, BoundedRegex.Reused> compiled = new ConcurrentHashMap<>();

  @Override
  public RegularExpression getRegularExpression(String regex) {
    // The shapes Kafka's validators give most schema patterns: one scan, no budget needed.
    Predicate<String> known = KnownPatterns.of(regex);
    if (known != null) {
      return known::test;
    }
    return compiled.computeIfAbsent(regex, r -> new BoundedRegex.Reused(compile(r)))::find;
  }

  /** As many distinct expressions as this factory has compiled (tests). */
  int distinct() {
    return compiled.size();
  }

  private static Pattern compile(String regex) {
    return Pattern.compile(RegularExpressions.replaceLongformCharacterProperties(
        RegularExpressions.replaceDollarAnchors(regex)));
  }
}
