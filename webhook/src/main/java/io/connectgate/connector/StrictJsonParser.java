package io.connectgate.connector;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Parses JSON text into a tree, reporting every duplicate key with its line and column
 * (Jackson's own duplicate detection stops at the first) and syntax errors with a message
 * that never quotes the document (Jackson's messages can echo tokens, which may be secrets).
 * Thread-safe: the factory is immutable and each call has its own parser.
 */
public final class StrictJsonParser {

  /** Any quoted token and any character code: either can be (part of) a secret. */
  private static final Pattern QUOTED_TOKEN = Pattern.compile("'[^']*'|\"[^\"]*\"");
  private static final Pattern CHARACTER_CODE = Pattern.compile("\\s*\\(code -?\\d+[^)]*\\)");
  private static final int MAX_DEPTH = 200;

  private final JsonFactory factory = new JsonFactory();
  private final JsonFactory withComments = JsonFactory.builder()
      .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).enable(JsonReadFeature.ALLOW_YAML_COMMENTS)
      .build();
  private final JsonNodeFactory nodes = JsonNodeFactory.instance;

  public ParsedJson parse(String text) {
    return parse(text, Deadline.none());
  }

  /**
   * As {@link #parse(String)}, checking {@code deadline} every {@value #CHECK_EVERY} values.
   *
   * @throws DeadlineExceededException once the deadline has passed
   */
  public ParsedJson parse(String text, Deadline deadline) {
    Ticks ticks = new Ticks(deadline);
    List<JsonProblem> problems = new ArrayList<>(0);
    try (JsonParser p = factory.createParser(ObjectReadContext.empty(), text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        problems.add(new JsonProblem(JsonProblem.Kind.SYNTAX, "", 1, 1, "empty document"));
        return new ParsedJson(null, problems);
      }
      JsonNode root = read(p, first, null, problems, 0, ticks);
      JsonToken trailing = p.nextToken();
      if (trailing != null) {
        TokenStreamLocation loc = p.currentTokenLocation();
        problems.add(new JsonProblem(JsonProblem.Kind.SYNTAX, "", loc.getLineNr(),
            loc.getColumnNr(), "unexpected content after the end of the JSON value"));
        return new ParsedJson(null, problems);
      }
      return new ParsedJson(root, problems);
    } catch (JacksonException e) {
      TokenStreamLocation loc = e.getLocation();
      int line = loc == null ? 0 : loc.getLineNr();
      int column = loc == null ? 0 : loc.getColumnNr();
      problems.add(new JsonProblem(JsonProblem.Kind.SYNTAX, "", line, column,
          describe(e.getOriginalMessage())));
      return new ParsedJson(null, problems);
    }
  }

  /**
   * Reads text at least as leniently as Kafka Connect's REST layer reads a request body
   * (Jackson 2's {@code JacksonJsonProvider} behind Jersey): one leading byte order mark is
   * skipped and bytes that look like UTF-16 or UTF-32 are decoded as such, as Connect does.
   * Content after the first JSON value and comments are tolerated
   * here although Connect refuses them, so that a connector next to either is still
   * recognised, and denied. Null when even this reading fails. {@code ConnectJsonReadingTest}
   * checks this against a real worker.
   */
  public ConnectReading readAsConnect(String text) {
    return readAsConnect(text, Deadline.none());
  }

  /** As {@link #readAsConnect(String)}, checking {@code deadline} as {@link #parse} does. */
  public ConnectReading readAsConnect(String text, Deadline deadline) {
    // From the UTF-8 bytes a mounted ConfigMap entry holds, so that Jackson's own encoding
    // detection applies, as in Connect: a BOM is skipped, and text whose bytes look like
    // UTF-16 or UTF-32 (NULs between the characters) is decoded as such.
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    boolean bom = text.startsWith("\uFEFF");
    boolean nul = text.indexOf('\u0000') >= 0;
    for (JsonFactory f : List.of(factory, withComments)) {
      List<JsonProblem> problems = new ArrayList<>(0);
      try (JsonParser p = f.createParser(ObjectReadContext.empty(), bytes)) {
        JsonToken first = p.nextToken();
        if (first == null) {
          return null;
        }
        JsonNode root = read(p, first, null, problems, 0, new Ticks(deadline));
        TokenStreamLocation end = p.currentLocation();
        boolean trailing;
        try {
          trailing = p.nextToken() != null;
        } catch (JacksonException e) {
          trailing = true;
        }
        return new ConnectReading(root, problems, bom, nul, f == withComments, trailing,
            end.getLineNr(), end.getColumnNr());
      } catch (JacksonException | IllegalStateException e) {
        // try the next, more lenient reading
      }
    }
    return null;
  }

  /**
   * A document as Kafka Connect would read it, and how the text departs from plain JSON.
   *
   * @param endLine line of the end of the first JSON value (where trailing content starts)
   * @param endColumn its column
   */
  public record ConnectReading(JsonNode root, List<JsonProblem> duplicates, boolean bom,
      boolean nul, boolean comments, boolean trailing, int endLine, int endColumn) {}

  /** Keeps Jackson's explanation but drops any quoted token it echoes from the input. */
  static String describe(String original) {
    if (original == null) {
      return "invalid JSON";
    }
    String firstLine = original.lines().findFirst().orElse("invalid JSON");
    String unquoted = QUOTED_TOKEN.matcher(firstLine).replaceAll("'…'");
    return CHARACTER_CODE.matcher(unquoted).replaceAll("");
  }

  private static final int CHECK_EVERY = 4096;

  /** Counts values read, so the deadline is checked every few thousand of them, not each one. */
  private static final class Ticks {
    private final Deadline deadline;
    private int count;

    Ticks(Deadline deadline) {
      this.deadline = deadline;
    }

    void tick() {
      if (++count % CHECK_EVERY == 0) {
        deadline.check();
      }
    }
  }

  /** Reads the value starting at {@code token}; {@code at} is its place (null for the root). */
  private JsonNode read(JsonParser p, JsonToken token, PointerChain at,
      List<JsonProblem> problems, int depth, Ticks ticks) {
    ticks.tick();
    if (depth > MAX_DEPTH) {
      TokenStreamLocation loc = p.currentTokenLocation();
      throw new DepthExceeded(loc);
    }
    switch (token) {
      case START_OBJECT -> {
        // No pointer string is built here: a nested container gets a link to this one's
        // place (scalars, nearly every value, need none), and a duplicate keeps that link, its
        // pointer built only if it is reported (JsonProblem#pointer).
        ObjectNode object = nodes.objectNode();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
          String name = p.currentName();
          if (object.has(name)) { // the names set so far are the object's keys
            TokenStreamLocation loc = p.currentTokenLocation();
            problems.add(JsonProblem.duplicate(at, name, loc.getLineNr(), loc.getColumnNr()));
          }
          JsonToken value = p.nextToken();
          object.set(name, read(p, value,
              isContainer(value) ? PointerChain.property(at, name) : null, problems,
              depth + 1, ticks));
        }
        return object;
      }
      case START_ARRAY -> {
        ArrayNode array = nodes.arrayNode();
        JsonToken t;
        int i = 0;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          array.add(read(p, t, isContainer(t) ? PointerChain.item(at, i) : null, problems,
              depth + 1, ticks));
          i++;
        }
        return array;
      }
      case VALUE_STRING -> {
        return nodes.stringNode(p.getString());
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        return number(p, token);
      }
      case VALUE_TRUE -> {
        return nodes.booleanNode(true);
      }
      case VALUE_FALSE -> {
        return nodes.booleanNode(false);
      }
      case VALUE_NULL -> {
        return nodes.nullNode();
      }
      default -> throw new IllegalStateException("unexpected token " + token);
    }
  }

  private static boolean isContainer(JsonToken token) {
    return token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY;
  }

  /**
   * Jackson throws a plain NumberFormatException (not a JacksonException) for a number it
   * cannot represent, such as {@code 1e405555555555}: found by fuzzing, it escaped as an
   * engine failure. Kafka Connect's own Jackson refuses such a document too.
   */
  private JsonNode number(JsonParser p, JsonToken token) {
    try {
      if (token == JsonToken.VALUE_NUMBER_FLOAT) {
        return nodes.numberNode(p.getDecimalValue());
      }
      return switch (p.getNumberType()) {
        case INT -> nodes.numberNode(p.getIntValue());
        case LONG -> nodes.numberNode(p.getLongValue());
        default -> nodes.numberNode(p.getBigIntegerValue());
      };
    } catch (NumberFormatException | ArithmeticException e) {
      throw new Unparseable(p.currentTokenLocation(), "number out of range");
    }
  }

  /** A value Jackson tokenised but cannot represent, turned into a syntax problem by the caller. */
  private static final class Unparseable extends JacksonException {
    Unparseable(TokenStreamLocation loc, String message) {
      super(message, loc, null);
    }
  }

  /** Thrown for absurdly deep nesting, turned into a syntax problem by the caller. */
  private static final class DepthExceeded extends JacksonException {
    DepthExceeded(TokenStreamLocation loc) {
      super("nesting deeper than " + MAX_DEPTH + " levels", loc, null);
    }
  }
}
