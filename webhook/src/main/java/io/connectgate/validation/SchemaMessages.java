package io.connectgate.validation;

import com.networknt.schema.Error;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.path.NodePath;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Turns a networknt error into a message that says what is allowed, built from the keyword,
 * its schema value and the failing sub-schema's {@code description} — never from the instance
 * value, which may be a secret.
 */
final class SchemaMessages {

  /**
   * Keywords whose networknt message names properties, never the instance value; any other
   * keyword's message might quote a value, which could be a secret.
   */
  private static final java.util.Set<String> QUOTES_NO_VALUE = java.util.Set.of(
      "additionalProperties", "unevaluatedProperties", "dependentRequired", "dependencies",
      "minProperties", "maxProperties", "false");

  private final Map<String, JsonNode> documents;

  SchemaMessages(Map<String, JsonNode> documents) {
    this.documents = documents;
  }

  String describe(Error e) {
    String keyword = e.getKeyword() == null ? "" : e.getKeyword();
    JsonNode schemaValue = e.getSchemaNode();
    Object[] args = e.getArguments();
    return switch (keyword) {
      case "type" -> type(args);
      case "minimum" -> "must be at least " + text(schemaValue);
      case "maximum" -> "must be at most " + text(schemaValue);
      case "exclusiveMinimum" -> "must be greater than " + text(schemaValue);
      case "exclusiveMaximum" -> "must be less than " + text(schemaValue);
      case "enum" -> "must be one of: " + list(schemaValue);
      case "const" -> "must be " + text(schemaValue);
      case "required" -> "is required and missing";
      case "minLength" -> "1".equals(text(schemaValue)) ? "must not be empty"
          : "must have at least " + text(schemaValue) + " characters";
      case "maxLength" -> "must have at most " + text(schemaValue) + " characters";
      case "pattern", "format", "anyOf", "oneOf", "not" -> {
        String description = parentDescription(e);
        yield description != null ? "must be " + description
            : "does not have the required format (" + keyword + ")";
      }
      default -> QUOTES_NO_VALUE.contains(keyword) ? e.getMessage()
          : "does not satisfy the schema's " + keyword + " keyword";
    };
  }

  private static String type(Object[] args) {
    String found = args != null && args.length > 0 ? String.valueOf(args[0]) : "value";
    String expected = args != null && args.length > 1 ? String.valueOf(args[1]) : "other type";
    String allowed = switch (expected) {
      case "integer" -> "an integer (a JSON number or a string holding one)";
      case "number" -> "a number (a JSON number or a string holding one)";
      case "boolean" -> "true or false (a JSON boolean or a string holding one)";
      case "string" -> "a string";
      default -> "of type " + expected;
    };
    return "must be " + allowed + ", found " + found;
  }

  private static String text(JsonNode node) {
    return node == null ? "?" : node.isValueNode() ? node.asString() : node.toString();
  }

  private static String list(JsonNode node) {
    if (node == null || !node.isArray()) {
      return text(node);
    }
    // An enum may list a value both as a JSON number and as a string (acks: -1 and "-1"):
    // the reader sees one value.
    java.util.LinkedHashSet<String> values = new java.util.LinkedHashSet<>();
    node.forEach(v -> values.add(v.asString()));
    return String.join(", ", values);
  }

  /** The description of the sub-schema holding the failing keyword, if any. */
  private String parentDescription(Error e) {
    SchemaLocation loc = e.getSchemaLocation();
    if (loc == null || loc.getAbsoluteIri() == null) {
      return null;
    }
    JsonNode doc = documents.get(loc.getAbsoluteIri().toString());
    NodePath fragment = loc.getFragment();
    if (doc == null || fragment == null) {
      return null;
    }
    NodePath parent = fragment.getParent();
    StringBuilder pointer = new StringBuilder();
    int count = parent == null ? 0 : parent.getNameCount();
    for (int i = 0; i < count; i++) {
      pointer.append('/').append(String.valueOf(parent.getElement(i))
          .replace("~", "~0").replace("/", "~1"));
    }
    JsonNode description = doc.at(pointer.toString()).get("description");
    return description == null ? null : description.asString();
  }
}
