package io.connectgate.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses a {@code sasl.jaas.config} value with Kafka's grammar:
 * {@code <LoginModuleClass> <flag> (<name>=<value>)* ;} repeated, flags required, requisite,
 * sufficient or optional (any case), values bare or quoted with {@code "} or {@code '}.
 * Errors name a 1-based position and what was expected, never any part of the value.
 */
public final class JaasParser {

  private static final Set<String> FLAGS = Set.of("required", "requisite", "sufficient", "optional");

  /** One login module entry. Option values are secrets: never print them. */
  public record Entry(String loginModule, String flag, Map<String, String> options) {}

  /** A syntax error at a 1-based position. */
  public static final class SyntaxError extends Exception {
    private final int position;

    SyntaxError(int position, String message) {
      super(message + " at position " + position, null, false, false);
      this.position = position;
    }

    public int position() {
      return position;
    }
  }

  private final String text;
  private int pos;

  private JaasParser(String text) {
    this.text = text;
  }

  public static List<Entry> parse(String text) throws SyntaxError {
    return new JaasParser(text).entries();
  }

  /** Adds the option values of a parseable config to {@code out} (for redaction). */
  static void optionValues(String text, List<String> out, int minLength) {
    try {
      for (Entry e : parse(text)) {
        for (String v : e.options().values()) {
          if (v.length() >= minLength) {
            out.add(v);
          }
        }
      }
    } catch (SyntaxError ignored) {
      // the whole value is already masked; nothing more to learn from a broken config
    }
  }

  private List<Entry> entries() throws SyntaxError {
    List<Entry> entries = new ArrayList<>(1);
    skipSpace();
    if (pos >= text.length()) {
      throw new SyntaxError(pos + 1, "empty JAAS configuration: expected"
          + " '<LoginModuleClass> <flag> <name>=<value> ... ;'");
    }
    while (pos < text.length()) {
      entries.add(entry());
      skipSpace();
    }
    return entries;
  }

  private Entry entry() throws SyntaxError {
    int start = pos;
    while (pos < text.length() && isClassChar(text.charAt(pos))) {
      pos++;
    }
    String module = text.substring(start, pos);
    if (module.isEmpty() || !Character.isJavaIdentifierStart(module.charAt(0))
        || module.endsWith(".") || module.contains("..")) {
      throw new SyntaxError(start + 1, "expected a login module class name");
    }
    if (pos < text.length() && !Character.isWhitespace(text.charAt(pos))) {
      throw new SyntaxError(pos + 1, "expected a space after the login module class name");
    }
    skipSpace();
    int flagStart = pos;
    while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
      pos++;
    }
    String flag = text.substring(flagStart, pos).toLowerCase(Locale.ROOT);
    if (!FLAGS.contains(flag)) {
      throw new SyntaxError(flagStart + 1,
          "expected a control flag (required, requisite, sufficient or optional)");
    }
    Map<String, String> options = new LinkedHashMap<>();
    while (true) {
      skipSpace();
      if (pos >= text.length()) {
        throw new SyntaxError(pos + 1, "missing ';' at the end of the login module entry");
      }
      if (text.charAt(pos) == ';') {
        pos++;
        return new Entry(module, flag, options);
      }
      int nameStart = pos;
      while (pos < text.length() && text.charAt(pos) != '='
          && !Character.isWhitespace(text.charAt(pos)) && text.charAt(pos) != ';') {
        pos++;
      }
      String name = text.substring(nameStart, pos);
      if (name.isEmpty()) {
        throw new SyntaxError(nameStart + 1, "expected an option name");
      }
      skipSpace();
      if (pos >= text.length() || text.charAt(pos) != '=') {
        throw new SyntaxError(pos + 1, "expected '=' after an option name");
      }
      pos++;
      skipSpace();
      options.put(name, value());
    }
  }

  private String value() throws SyntaxError {
    if (pos >= text.length()) {
      throw new SyntaxError(pos + 1, "expected an option value");
    }
    char c = text.charAt(pos);
    if (c == '"' || c == '\'') {
      int open = pos++;
      StringBuilder sb = new StringBuilder();
      while (pos < text.length() && text.charAt(pos) != c) {
        char ch = text.charAt(pos++);
        if (ch == '\\' && pos < text.length()) {
          ch = text.charAt(pos++);
        }
        sb.append(ch);
      }
      if (pos >= text.length()) {
        throw new SyntaxError(open + 1, "unterminated quoted value");
      }
      pos++;
      return sb.toString();
    }
    int start = pos;
    while (pos < text.length() && !Character.isWhitespace(text.charAt(pos))
        && text.charAt(pos) != ';' && text.charAt(pos) != '"' && text.charAt(pos) != '\'') {
      pos++;
    }
    if (start == pos) {
      throw new SyntaxError(start + 1, "expected an option value");
    }
    return text.substring(start, pos);
  }

  private static boolean isClassChar(char c) {
    return Character.isJavaIdentifierPart(c) || c == '.';
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }
}
