package io.connectgate.validation;

import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.utils.JsonNodeTypes;
import com.networknt.schema.utils.JsonType;
import com.networknt.schema.utils.Strings;
import com.networknt.schema.utils.TypeFactory;
import io.connectgate.validation.FastCheck.Verdict;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.DecimalNode;
import tools.jackson.databind.node.DoubleNode;

/**
 * The value keywords of {@link FastCheck}, each deciding exactly as networknt 3's validator of
 * that keyword does under the catalog's registry settings (type-loose, draft 2020-12): the same
 * helpers ({@link TypeFactory}, {@link JsonNodeTypes}, {@link Strings}), the same comparisons in
 * the same order, the same schema nodes (as networknt parsed them). Whatever those would throw
 * on is UNSURE here, and networknt decides.
 */
final class FastLeaves {

  private FastLeaves() {}

  private static Verdict of(boolean passes) {
    return passes ? Verdict.PASS : Verdict.FAIL;
  }

  /** {@code type} with one type name (networknt's TypeValidator, JsonNodeTypes.equalsToSchemaType). */
  record Type(JsonType type, SchemaRegistryConfig config) implements FastCheck {
    @Override
    public Verdict check(JsonNode node) {
      JsonType nodeType = TypeFactory.getValueNodeType(node, config);
      if (nodeType == type) {
        return Verdict.PASS;
      }
      if (type == JsonType.NUMBER && nodeType == JsonType.INTEGER) {
        return Verdict.PASS;
      }
      if (type == JsonType.INTEGER && nodeType == JsonType.NUMBER && node.canConvertToExactIntegral()) {
        return Verdict.PASS; // draft 6 and later
      }
      if (nodeType == JsonType.NULL) {
        return Verdict.UNSURE; // nullable handling: not worth mirroring
      }
      if (config.isTypeLoose()) {
        if (type == JsonType.ARRAY) {
          return Verdict.PASS;
        }
        if (nodeType == JsonType.STRING) {
          if (type == JsonType.INTEGER) {
            return of(Strings.isInteger(node.asString()));
          } else if (type == JsonType.BOOLEAN) {
            return of(Strings.isBoolean(node.asString()));
          } else if (type == JsonType.NUMBER) {
            return of(Strings.isNumeric(node.asString()));
          }
        }
      }
      return of(type == JsonType.ANY);
    }
  }

  /**
   * {@code minimum} or {@code maximum} (networknt's MinimumValidator and MaximumValidator,
   * without {@code exclusiveMinimum}/{@code exclusiveMaximum}, which the compiler refuses).
   *
   * @param typed the threshold is an int or long node and the schema's type is "integer"
   */
  record Bound(JsonNode threshold, BigDecimal decimal, BigInteger integer, boolean minimum,
      boolean typed, SchemaRegistryConfig config) implements FastCheck {

    /** With the threshold's BigDecimal (and BigInteger when typed) made once, not per value. */
    static Bound create(JsonNode threshold, boolean minimum, boolean typed,
        SchemaRegistryConfig config) {
      return new Bound(threshold, LinearBounds.decimal(threshold),
          typed ? BigInteger.valueOf(threshold.asLong()) : null, minimum, typed, config);
    }

    @Override
    public Verdict check(JsonNode node) {
      if (!JsonNodeTypes.isNumber(node, config)) {
        return Verdict.PASS;
      }
      if (node.isString() && node.asString().length() > NumericText.LONG) {
        // As the catalog's own bound keywords compare it (LinearBounds): BigDecimal's parse
        // of a long run of digits is quadratic.
        Boolean crosses = LinearBounds.crosses(node.asString(), decimal, minimum, false);
        return crosses == null ? Verdict.UNSURE : of(!crosses);
      }
      try {
        return of(!crosses(node));
      } catch (RuntimeException e) {
        return Verdict.UNSURE;
      }
    }

    private boolean crosses(JsonNode node) {
      int compare;
      if (typed) {
        if (node.isBigInteger()) {
          compare = node.bigIntegerValue().compareTo(integer);
        } else if (node.isString()) {
          compare = new BigDecimal(node.asString()).compareTo(decimal);
        } else {
          compare = Long.compare(node.asLong(), threshold.asLong());
        }
      } else {
        if (threshold.isDouble() && Double.isInfinite(threshold.doubleValue())) {
          return minimum == (threshold.doubleValue() > 0);
        }
        if (node.isDouble() && Double.isInfinite(node.doubleValue())) {
          return minimum == (node.doubleValue() < 0);
        }
        compare = new BigDecimal(node.asString()).compareTo(decimal);
      }
      return minimum ? compare < 0 : compare > 0;
    }
  }

  /** {@code pattern} (networknt's PatternValidator; the catalog's own bounded expression). */
  record Pattern(RegularExpression regex, SchemaRegistryConfig config) implements FastCheck {
    @Override
    public Verdict check(JsonNode node) {
      if (TypeFactory.getValueNodeType(node, config) != JsonType.STRING) {
        return Verdict.PASS;
      }
      return of(regex.matches(node.asString()));
    }
  }

  /** {@code minLength} (networknt's MinLengthValidator). */
  record MinLength(int length, SchemaRegistryConfig config) implements FastCheck {
    @Override
    public Verdict check(JsonNode node) {
      if (TypeFactory.getValueNodeType(node, config) != JsonType.STRING) {
        return Verdict.PASS;
      }
      String s = node.asString();
      return of(s.codePointCount(0, s.length()) >= length);
    }
  }

  /** {@code enum} of scalars (networknt's EnumValidator, type-loose). */
  record Enum(Set<JsonNode> values, SchemaRegistryConfig config) implements FastCheck {

    static Enum of(JsonNode array, SchemaRegistryConfig config) {
      Set<JsonNode> values = new HashSet<>();
      for (JsonNode n : array) {
        values.add(n.isNumber() ? number(n) : n);
      }
      return new Enum(Set.copyOf(values), config);
    }

    @Override
    public Verdict check(JsonNode node) {
      if (node.isArray() || node.isObject()) {
        return Verdict.UNSURE;
      }
      JsonNode value = node.isNumber() ? number(node) : node;
      if (values.contains(value)) {
        return Verdict.PASS;
      }
      if (config.isTypeLoose() && TypeFactory.getValueNodeType(value, config) == JsonType.STRING) {
        String text = value.asString();
        for (JsonNode n : values) {
          String s = n.asString();
          if (s != null && s.equals(text)) {
            return Verdict.PASS;
          }
        }
      }
      return Verdict.FAIL;
    }

    private static JsonNode number(JsonNode n) {
      if (JsonNodeTypes.isNonFiniteNumber(n)) {
        return n.isDouble() ? n : DoubleNode.valueOf(n.doubleValue());
      }
      return DecimalNode.valueOf(n.decimalValue().stripTrailingZeros());
    }
  }

  /** {@code const} (networknt's ConstValidator); non-finite numbers are left to networknt. */
  record Const(JsonNode value) implements FastCheck {
    @Override
    public Verdict check(JsonNode node) {
      if (value.isNumber() && node.isNumber()) {
        if (JsonNodeTypes.isNonFiniteNumber(value) || JsonNodeTypes.isNonFiniteNumber(node)) {
          return Verdict.UNSURE;
        }
        return of(value.decimalValue().compareTo(node.decimalValue()) == 0);
      }
      return of(value.equals(node));
    }
  }
}
