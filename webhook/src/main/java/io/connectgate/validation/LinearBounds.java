package io.connectgate.validation;

import com.networknt.schema.ExecutionContext;
import com.networknt.schema.MessageSourceError;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaContext;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.keyword.Keyword;
import com.networknt.schema.keyword.KeywordValidator;
import com.networknt.schema.keyword.MaximumValidator;
import com.networknt.schema.keyword.MinimumValidator;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.utils.JsonNodeTypes;
import java.math.BigDecimal;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * networknt's {@code minimum} and {@code maximum}, with one change: a numeric string longer than
 * {@link NumericText#LONG} is compared by {@link NumericText} in linear time instead of being
 * parsed by BigDecimal in quadratic time (a tenant's 128 K-digit value cost ~250 ms per bound it
 * met). Same verdict, same error (keyword, arguments, locations); every other value goes to
 * networknt's own code. Registered in the catalog's dialect in place of networknt's keywords.
 */
final class LinearBounds {

  private LinearBounds() {}

  static Keyword minimum() {
    return new BoundKeyword("minimum");
  }

  static Keyword maximum() {
    return new BoundKeyword("maximum");
  }

  /** Whether {@code node} is a string networknt would compare as a number and it is long. */
  static boolean longNumber(JsonNode node, SchemaContext context) {
    return node.isString() && node.asString().length() > NumericText.LONG
        && JsonNodeTypes.isNumber(node, context.getSchemaRegistryConfig());
  }

  /**
   * Whether a long numeric {@code text} crosses {@code bound} (below a minimum, above a maximum),
   * as networknt's string comparison decides; null if it cannot tell (no bound: a user schema's
   * bound beyond BigDecimal's reach, such as a double parsed as infinity).
   */
  static Boolean crosses(String text, BigDecimal bound, boolean minimum, boolean excludeEqual) {
    Integer compare = bound == null ? null : NumericText.compare(text, bound);
    if (compare == null) {
      return null;
    }
    return (minimum ? compare < 0 : compare > 0) || (excludeEqual && compare == 0);
  }

  /** The bound as networknt's string comparison reads it, or null when BigDecimal cannot. */
  static BigDecimal decimal(JsonNode threshold) {
    try {
      return new BigDecimal(threshold.asString());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private record BoundKeyword(String value) implements Keyword {
    @Override
    public String getValue() {
      return value;
    }

    @Override
    public KeywordValidator newValidator(SchemaLocation location, JsonNode schemaNode,
        Schema parent, SchemaContext context) {
      return value.equals("minimum") ? new Minimum(location, schemaNode, parent, context)
          : new Maximum(location, schemaNode, parent, context);
    }
  }

  private static final class Minimum extends MinimumValidator {
    private final Decision decision;

    Minimum(SchemaLocation location, JsonNode schemaNode, Schema parent, SchemaContext context) {
      super(location, schemaNode, parent, context);
      this.decision = new Decision(true, schemaNode, parent, hasType("integer"));
    }

    @Override
    public void validate(ExecutionContext execution, JsonNode node, JsonNode root, NodePath at) {
      if (!decision.decided(execution, node, at, schemaContext, this::error)) {
        super.validate(execution, node, root, at);
      }
    }
  }

  private static final class Maximum extends MaximumValidator {
    private final Decision decision;

    Maximum(SchemaLocation location, JsonNode schemaNode, Schema parent, SchemaContext context) {
      super(location, schemaNode, parent, context);
      this.decision = new Decision(false, schemaNode, parent, hasType("integer"));
    }

    @Override
    public void validate(ExecutionContext execution, JsonNode node, JsonNode root, NodePath at) {
      if (!decision.decided(execution, node, at, schemaContext, this::error)) {
        super.validate(execution, node, root, at);
      }
    }
  }

  /** One bound's decision for long numeric strings, read from its schema once. */
  private static final class Decision {
    private final boolean minimum;
    private final BigDecimal bound;
    private final boolean excludeEqual;
    private final String argument;

    Decision(boolean minimum, JsonNode threshold, Schema parent, boolean integerType) {
      this.minimum = minimum;
      this.bound = decimal(threshold);
      // As networknt's bound validators read the draft-4 boolean form beside the bound.
      JsonNode exclusive = parent.getSchemaNode().get(minimum ? "exclusiveMinimum" : "exclusiveMaximum");
      this.excludeEqual = exclusive != null && exclusive.isBoolean() && exclusive.booleanValue();
      this.argument = threshold(threshold, integerType);
    }

    /**
     * Decides a long numeric string as networknt's bound would, adding its error when the value
     * crosses; false (nothing done) for any other value, which networknt's code then decides.
     */
    boolean decided(ExecutionContext execution, JsonNode node, NodePath at, SchemaContext context,
        Supplier<MessageSourceError.Builder> error) {
      if (!longNumber(node, context)) {
        return false;
      }
      Boolean crosses = crosses(node.asString(), bound, minimum, excludeEqual);
      if (crosses == null) {
        return false;
      }
      if (crosses) {
        execution.addError(error.get().instanceNode(node).instanceLocation(at)
            .evaluationPath(execution.getEvaluationPath())
            .locale(execution.getExecutionConfig().getLocale())
            .arguments(argument).build());
      }
      return true;
    }
  }

  /** The argument networknt's message shows: the long value for an integer bound, else its text. */
  private static String threshold(JsonNode schemaNode, boolean integerType) {
    return (schemaNode.isLong() || schemaNode.isInt()) && integerType
        ? String.valueOf(schemaNode.asLong()) : schemaNode.asString();
  }
}
