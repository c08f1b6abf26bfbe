package io.connectgate.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Hand-written matchers for the shapes of {@code pattern} that schemagen writes for Kafka's
 * validators, answering exactly as java.util.regex's {@code find()} does for the expression as
 * networknt's factory rewrites it ({@code $} as {@code \z}): one scan of the value, no
 * backtracking, no step budget needed, nothing allocated. Every other expression, and any
 * variation of these, gets null and runs as a regular expression. {@code KnownPatternsTest}
 * checks each matcher against java.util.regex on generated values.
 *
 * <p>The shapes (W: the padding Kafka's ConfigDef trims, {@code [\u0000-\u0020]}, or
 * {@code \s}, or none):
 * <ul>
 *   <li>{@code ^W*(A|B|...)W*$}: one of a few words, each letter literal or a case pair such
 *       as {@code [Ss]} (ValidString, CaseInsensitiveValidString);
 *   <li>{@code ^W*[A-Za-z_$][A-Za-z0-9_$]*(\.[A-Za-z_$][A-Za-z0-9_$]*)*W*$}: a Java class name;
 *   <li>{@link #CLASS_LIST} and {@link #HOST_PORT_LIST}, by their exact text: a list of class
 *       names, and {@code bootstrap.servers}' host:port entries;
 *   <li>{@code [^\u0000-\u0020]} and {@code [^\u0000-\u0020,]}: some character that is not
 *       padding (NonEmptyString, lists of them);
 *   <li>{@code ^[^\u0000-\u001f\u007f-\u009f]*$}: no control character.
 * </ul>
 */
final class KnownPatterns {

  private static final String CONTROL = "[\\u0000-\\u0020]";
  private static final String SPACE = "\\s";
  private static final String CLASS_NAME =
      "[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*";

  /** A comma-separated list of class names, possibly empty (Kafka's CLASS lists). */
  static final String CLASS_LIST = "^\\s*(" + CLASS_NAME + "(\\s*,\\s*" + CLASS_NAME + ")*)?\\s*$";
  private static final String HOST_PORT = "([A-Za-z][A-Za-z0-9_+.-]*://)?"
      + "(\\[[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?\\]|[A-Za-z0-9_.-]+):[0-9]{1,5}";
  /**
   * bootstrap.servers: host:port entries, a host a name or a bracketed IPv6 address. Empty
   * entries (a stray or trailing comma) are allowed, as Kafka's
   * {@code ClientUtils.parseAndValidateAddresses} skips them; at least one entry is needed.
   */
  static final String HOST_PORT_LIST = "^[\\s,]*" + HOST_PORT + "(\\s*,[\\s,]*" + HOST_PORT
      + ")*[\\s,]*$";

  private KnownPatterns() {}

  /** An exact matcher for {@code regex}, or null when it is not one of the shapes. */
  static Predicate<String> of(String regex) {
    switch (regex) {
      case "[^\\u0000-\\u0020]":
        return KnownPatterns::hasNonPadding;
      case "[^\\u0000-\\u0020,]":
        return KnownPatterns::hasNonPaddingNonComma;
      case "^[^\\u0000-\\u001f\\u007f-\\u009f]*$":
        return KnownPatterns::noControl;
      default:
        break;
    }
    if (regex.equals(CLASS_LIST)) {
      return value -> isList(value, true, false, KnownPatterns::isClassName);
    }
    if (regex.equals(HOST_PORT_LIST)) {
      return value -> isList(value, false, true, KnownPatterns::isHostPort);
    }
    for (Padding padding : Padding.values()) {
      String pad = padding.regex;
      String start = pad.isEmpty() ? "^" : "^" + pad + "*";
      String end = pad.isEmpty() ? "$" : pad + "*$";
      if (!regex.startsWith(start) || !regex.endsWith(end) || regex.length() < start.length() + end.length()) {
        continue;
      }
      String middle = regex.substring(start.length(), regex.length() - end.length());
      if (middle.equals(CLASS_NAME)) {
        return value -> isClassName(value, padding);
      }
      char[][][] words = words(middle);
      if (words != null) {
        return value -> isOneOf(value, padding, words);
      }
    }
    return null;
  }

  /** The characters a shape may pad a value with. */
  enum Padding {
    CONTROL(KnownPatterns.CONTROL), SPACE(KnownPatterns.SPACE), NONE("");

    final String regex;

    Padding(String regex) {
      this.regex = regex;
    }

    boolean pads(char c) {
      return switch (this) {
        case CONTROL -> c <= '\u0020';
        // java.util.regex's \s without UNICODE_CHARACTER_CLASS: [ \t\n\x0B\f\r]
        case SPACE -> c == ' ' || (c >= '\t' && c <= '\r');
        case NONE -> false;
      };
    }
  }

  /**
   * "(A|B|C)" with each word made of letters, digits, '_' and '-' taken literally and case pairs
   * "[Xx]": per word, per position, the characters allowed; null for anything else.
   */
  private static char[][][] words(String group) {
    if (group.length() < 3 || group.charAt(0) != '(' || group.charAt(group.length() - 1) != ')') {
      return null;
    }
    List<char[][]> words = new ArrayList<>();
    List<char[]> word = new ArrayList<>();
    String body = group.substring(1, group.length() - 1);
    for (int i = 0; i <= body.length(); i++) {
      char c = i < body.length() ? body.charAt(i) : '|';
      if (c == '|') {
        if (word.isEmpty()) {
          return null;
        }
        words.add(word.toArray(char[][]::new));
        word = new ArrayList<>();
      } else if (c == '[') {
        if (i + 3 >= body.length() || body.charAt(i + 3) != ']') {
          return null;
        }
        char a = body.charAt(i + 1);
        char b = body.charAt(i + 2);
        if (!Character.isLetter(a) || a > 'z' || Character.toLowerCase(a) != Character.toLowerCase(b)
            || a == b) {
          return null;
        }
        word.add(new char[] {a, b});
        i += 3;
      } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '_' || c == '-') {
        word.add(new char[] {c});
      } else {
        return null;
      }
    }
    return words.toArray(char[][][]::new);
  }

  private static boolean isOneOf(String value, Padding padding, char[][][] words) {
    int from = start(value, padding);
    int to = end(value, padding, from);
    for (char[][] word : words) {
      if (word.length == to - from && spells(value, from, word)) {
        return true;
      }
    }
    return false;
  }

  private static boolean spells(String value, int from, char[][] word) {
    for (int i = 0; i < word.length; i++) {
      char c = value.charAt(from + i);
      char[] allowed = word[i];
      if (c != allowed[0] && (allowed.length == 1 || c != allowed[1])) {
        return false;
      }
    }
    return true;
  }

  private static boolean isClassName(String value, Padding padding) {
    int from = start(value, padding);
    return isClassName(value, from, end(value, padding, from));
  }

  /**
   * {@code ^\s*(E(\s*,\s*E)*)?\s*$} (or without the {@code ?}): entries contain neither
   * spaces nor commas, so each comma-separated piece, spaces trimmed, must be an entry. With
   * {@code skipEmpty}, {@code ^[\s,]*E(\s*,[\s,]*E)*[\s,]*$}: empty pieces are skipped and at
   * least one entry is needed.
   */
  private static boolean isList(String value, boolean mayBeEmpty, boolean skipEmpty,
      Entry entry) {
    int from = start(value, Padding.SPACE);
    int to = end(value, Padding.SPACE, from);
    if (from == to) {
      return mayBeEmpty;
    }
    boolean any = false;
    while (true) {
      int comma = value.indexOf(',', from);
      int pieceEnd = comma < 0 || comma > to ? to : comma;
      int start = from;
      int end = pieceEnd;
      while (start < end && Padding.SPACE.pads(value.charAt(start))) {
        start++;
      }
      while (end > start && Padding.SPACE.pads(value.charAt(end - 1))) {
        end--;
      }
      boolean empty = start == end;
      if (!(skipEmpty && empty) && !entry.matches(value, start, end)) {
        return false;
      }
      any |= !empty;
      if (pieceEnd == to) {
        return any || !skipEmpty;
      }
      from = pieceEnd + 1;
    }
  }

  /** One entry of a list, {@code value[from, to)}. */
  private interface Entry {
    boolean matches(String value, int from, int to);
  }

  /** {@code ([A-Za-z][A-Za-z0-9_+.-]*://)?(\[[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?\]|[A-Za-z0-9_.-]+):[0-9]{1,5}}. */
  private static boolean isHostPort(String value, int from, int to) {
    // Every search stays within [from, to): one entry of a list must not scan the others.
    int scheme = indexOf(value, "://", from, to);
    if (scheme >= 0) {
      // No host or port character is ':' followed by '/': the first "://" ends the scheme.
      if (scheme == from || !asciiLetter(value.charAt(from))
          || !all(value, from + 1, scheme, "_+.-")) {
        return false;
      }
      from = scheme + 3;
    }
    int colon = to - 1;
    while (colon >= from && value.charAt(colon) != ':') {
      colon--;
    }
    if (colon < from || to - colon - 1 < 1 || to - colon - 1 > 5) {
      return false;
    }
    for (int i = colon + 1; i < to; i++) {
      if (!asciiDigit(value.charAt(i))) {
        return false;
      }
    }
    if (colon > from && value.charAt(from) == '[') {
      if (value.charAt(colon - 1) != ']' || colon - 1 <= from + 1) {
        return false;
      }
      int percent = indexOf(value, "%", from + 1, colon - 1);
      int address = percent < 0 ? colon - 1 : percent;
      if (address == from + 1 || !hexAddress(value, from + 1, address)) {
        return false;
      }
      return address == colon - 1 || (address + 1 < colon - 1 && all(value, address + 1, colon - 1, "_.-"));
    }
    return colon > from && all(value, from, colon, "_.-");
  }

  /** The first index of {@code part} wholly within {@code value[from, to)}, or -1. */
  private static int indexOf(String value, String part, int from, int to) {
    for (int i = from; i + part.length() <= to; i++) {
      if (value.startsWith(part, i)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean hexAddress(String value, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = value.charAt(i);
      if (!asciiDigit(c) && !(c >= 'a' && c <= 'f') && !(c >= 'A' && c <= 'F') && c != ':' && c != '.') {
        return false;
      }
    }
    return true;
  }

  /** Every character in {@code [from, to)} an ASCII letter, digit, or one of {@code others}. */
  private static boolean all(String value, int from, int to, String others) {
    for (int i = from; i < to; i++) {
      char c = value.charAt(i);
      if (!asciiLetter(c) && !asciiDigit(c) && others.indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean asciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean asciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isClassName(String value, int from, int to) {
    if (from == to) {
      return false;
    }
    boolean segmentStart = true;
    for (int i = from; i < to; i++) {
      char c = value.charAt(i);
      if (segmentStart) {
        if (!identifierStart(c)) {
          return false;
        }
        segmentStart = false;
      } else if (c == '.') {
        segmentStart = true;
      } else if (!identifierStart(c) && !(c >= '0' && c <= '9')) {
        return false;
      }
    }
    return !segmentStart;
  }

  private static boolean identifierStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
  }

  /** The first index that is not padding (the value's length when all is padding). */
  private static int start(String value, Padding padding) {
    int i = 0;
    while (i < value.length() && padding.pads(value.charAt(i))) {
      i++;
    }
    return i;
  }

  /** One past the last index that is not padding, not before {@code from}. */
  private static int end(String value, Padding padding, int from) {
    int i = value.length();
    while (i > from && padding.pads(value.charAt(i - 1))) {
      i--;
    }
    return i;
  }

  private static boolean hasNonPadding(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) > '\u0020') {
        return true;
      }
    }
    return false;
  }

  private static boolean hasNonPaddingNonComma(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c > '\u0020' && c != ',') {
        return true;
      }
    }
    return false;
  }

  private static boolean noControl(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= '\u001f' || (c >= '\u007f' && c <= '\u009f')) {
        return false;
      }
    }
    return true;
  }
}
