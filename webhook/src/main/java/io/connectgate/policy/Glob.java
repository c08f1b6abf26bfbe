package io.connectgate.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * A shell-style pattern: {@code *} matches any run of characters, {@code ?} one character,
 * everything else itself (so IPv6 brackets in {@code [::1]:9092} are literal). Matching is
 * case-insensitive, as host names are.
 *
 * <p>Matching never backtracks (docs/hardening.md "Linear-time matching"). The pattern is cut
 * at its stars into segments (literals and {@code ?}); the first segment must match at the
 * start, the last at the end, and each middle one is taken at its leftmost occurrence after
 * the previous one. Leftmost is always right for stars: any later occurrence leaves less text
 * for the segments after it, never more. Each start position of the value is tried at most
 * once per segment search and the searches move strictly forward, so a match costs at most
 * {@code value.length() × longest segment} character comparisons: linear in the tenant's text,
 * with a constant the policy author controls.
 *
 * <p>Like the regular expressions it replaces, a wildcard never matches a line terminator.
 */
public record Glob(String text, List<String> segments, boolean leadingStar, boolean trailingStar) {

  /** Bounds the constant of the linear match; host:port and class names are far shorter. */
  static final int MAX_LENGTH = 512;

  public Glob {
    segments = List.copyOf(segments);
  }

  /** The pattern of {@code text}; check it with the caller's own rules first. */
  public static Glob compile(String text) {
    List<String> segments = new ArrayList<>();
    StringBuilder segment = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '*') {
        segments.add(segment.toString());
        segment.setLength(0);
      } else {
        segment.append(c);
      }
    }
    segments.add(segment.toString());
    boolean leading = text.startsWith("*");
    boolean trailing = text.endsWith("*") && !text.isEmpty();
    // Empty segments between adjacent stars match anywhere; they carry no information.
    List<String> kept = new ArrayList<>(segments.size());
    for (int i = 0; i < segments.size(); i++) {
      if (!segments.get(i).isEmpty() || segments.size() == 1) {
        kept.add(segments.get(i));
      }
    }
    return new Glob(text, kept, leading, trailing);
  }

  /** Why {@code text} is not a usable pattern, or null when it is. */
  static String problem(String text, boolean hostPort) {
    if (text.isBlank()) {
      return "is empty";
    }
    if (text.length() > MAX_LENGTH) {
      return "is longer than " + MAX_LENGTH + " characters";
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
    boolean hasStar = leadingStar || trailingStar || segments.size() > 1;
    if (!hasStar) {
      String only = segments.get(0);
      return value.length() == only.length() && regionMatches(value, 0, only);
    }
    int from = 0;
    int end = value.length();
    int first = 0;
    int last = segments.size();
    if (!leadingStar) {
      String head = segments.get(0);
      if (head.length() > end || !regionMatches(value, 0, head)) {
        return false;
      }
      from = head.length();
      first = 1;
    }
    if (!trailingStar) {
      String tail = segments.get(segments.size() - 1);
      if (tail.length() > end - from || !regionMatches(value, end - tail.length(), tail)) {
        return false;
      }
      end -= tail.length();
      last--;
    }
    for (int s = first; s < last; s++) {
      int at = indexOf(value, segments.get(s), from, end);
      if (at < 0) {
        return false;
      }
      if (containsLineTerminator(value, from, at)) {
        return false;
      }
      from = at + segments.get(s).length();
    }
    return !containsLineTerminator(value, from, end);
  }

  /** The leftmost position in [from, end) where {@code segment} matches wholly before end. */
  private static int indexOf(String value, String segment, int from, int end) {
    for (int i = from; i + segment.length() <= end; i++) {
      if (regionMatches(value, i, segment)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean regionMatches(String value, int at, String segment) {
    for (int j = 0; j < segment.length(); j++) {
      char p = segment.charAt(j);
      char v = value.charAt(at + j);
      if (p == '?') {
        if (isLineTerminator(v)) {
          return false;
        }
      } else if (p != v && Character.toLowerCase(Character.toUpperCase(p))
          != Character.toLowerCase(Character.toUpperCase(v))) {
        return false;
      }
    }
    return true;
  }

  private static boolean containsLineTerminator(String value, int from, int to) {
    for (int i = from; i < to; i++) {
      if (isLineTerminator(value.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isLineTerminator(char c) {
    return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
  }

  @Override
  public String toString() {
    return text;
  }
}
