package io.connectgate.validation;

import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import com.networknt.schema.regex.RegularExpressions;
import java.util.regex.Pattern;

/**
 * The schema validator's regular expressions ({@code pattern}, {@code patternProperties}):
 * compiled as networknt's JDK factory compiles them, matched under {@link BoundedRegex}'s step
 * budget. An exceeded budget escapes the validator as {@link BoundedRegex.BudgetExceeded},
 * which {@code SchemaCheck} turns into a violation.
 */
final class BoundedRegexFactory implements RegularExpressionFactory {

  static final BoundedRegexFactory INSTANCE = new BoundedRegexFactory();

  @Override
  public RegularExpression getRegularExpression(String regex) {
    Pattern pattern = Pattern.compile(RegularExpressions.replaceLongformCharacterProperties(
        RegularExpressions.replaceDollarAnchors(regex)));
    return value -> BoundedRegex.find(pattern, value);
  }
}
