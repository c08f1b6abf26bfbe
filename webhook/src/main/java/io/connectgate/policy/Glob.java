package io.connectgate.policy;

import java.util.regex.Pattern;

/**
 * A shell-style pattern: {@code *} matches any run of characters, {@code ?} one character,
 * everything else itself (so IPv6 brackets in {@code [::1]:9092} are literal). Matching is
 * case-insensitive, as host names are.
 */
public record Glob(String text, Pattern pattern) {

  static Glob compile(String text) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c == '*' || c == '?') {
        if (!literal.isEmpty()) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '*' ? ".*" : ".");
      } else {
        literal.append(c);
      }
    }
    if (!literal.isEmpty()) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return new Glob(text, Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE));
  }

  /** Why {@code text} is not a usable pattern, or null when it is. */
  static String problem(String text, boolean hostPort) {
    if (text.isBlank()) {
      return "is empty";
    }
    if (text.chars().anyMatch(c -> Character.isWhitespace(c) || c == ',')) {
      return "contains whitespace or a comma; list one pattern per entry";
    }
    if (hostPort) {
      int colon = text.lastIndexOf(':');
      if (colon <= 0 || colon == text.length() - 1) {
        return "is not a host:port pattern (e.g. \"*.kafka.example.com:9093\")";
      }
      String port = text.substring(colon + 1);
      if (!port.chars().allMatch(c -> Character.isDigit(c) || c == '*' || c == '?')) {
        return "has a port part that is neither digits nor a wildcard";
      }
    }
    return null;
  }

  public boolean matches(String value) {
    return pattern.matcher(value).matches();
  }

  @Override
  public String toString() {
    return text;
  }
}
