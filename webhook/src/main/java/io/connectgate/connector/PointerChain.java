package io.connectgate.connector;

/**
 * The JSON Pointer of a container as a link to its parent's plus one token (a property name,
 * unescaped, or an array index): one small object per container, however deep, where a
 * pointer string per container would copy the whole path each time (quadratic in the depth
 * times the length of the keys). The root is {@code null}. The pointer string is built only
 * for what is reported, see {@link JsonProblem#pointer(int)}.
 */
final class PointerChain {

  private final PointerChain parent;
  /** The property name, unescaped; null for an array item. */
  private final String name;
  private final int index;
  /** Characters of the escaped pointer up to and including this token. */
  private final long length;

  private PointerChain(PointerChain parent, String name, int index, long tokenLength) {
    this.parent = parent;
    this.name = name;
    this.index = index;
    this.length = (parent == null ? 0 : parent.length) + 1 + tokenLength;
  }

  static PointerChain property(PointerChain parent, String name) {
    return new PointerChain(parent, name, -1, escapedLength(name));
  }

  static PointerChain item(PointerChain parent, int index) {
    return new PointerChain(parent, null, index, decimalLength(index));
  }

  /**
   * The escaped pointer of property {@code name} of the object at {@code parent}, at most
   * {@code maxChars} characters of it followed by {@link #more} when it is longer.
   */
  static String pointer(PointerChain parent, String name, int maxChars) {
    long total = (parent == null ? 0 : parent.length) + 1 + escapedLength(name);
    int depth = 0;
    for (PointerChain c = parent; c != null; c = c.parent) {
      depth++;
    }
    PointerChain[] chain = new PointerChain[depth];
    for (PointerChain c = parent; c != null; c = c.parent) {
      chain[--depth] = c;
    }
    StringBuilder sb = new StringBuilder((int) Math.min(total, maxChars) + 24);
    for (PointerChain c : chain) {
      if (!append(sb, c.name != null ? c.name : Integer.toString(c.index), c.name != null,
          maxChars)) {
        break;
      }
    }
    if (sb.length() < maxChars) {
      append(sb, name, true, maxChars);
    }
    if (total > maxChars) {
      sb.append(more(total - maxChars));
    }
    return sb.toString();
  }

  /** What stands for the {@code omitted} characters of a shortened pointer. */
  static String more(long omitted) {
    return "…(" + omitted + " more chars)";
  }

  /** Appends "/" and the token, escaped, up to {@code maxChars} in all; false once full. */
  private static boolean append(StringBuilder sb, String token, boolean escape, int maxChars) {
    if (sb.length() >= maxChars) {
      return false;
    }
    sb.append('/');
    for (int i = 0; i < token.length(); i++) {
      char ch = token.charAt(i);
      if (escape && (ch == '~' || ch == '/')) {
        if (sb.length() >= maxChars) {
          return false;
        }
        sb.append('~');
        ch = ch == '~' ? '0' : '1';
      }
      if (sb.length() >= maxChars) {
        return false;
      }
      sb.append(ch);
    }
    return sb.length() < maxChars;
  }

  private static long escapedLength(String name) {
    long n = name.length();
    for (int i = 0; i < name.length(); i++) {
      char ch = name.charAt(i);
      if (ch == '~' || ch == '/') {
        n++;
      }
    }
    return n;
  }

  private static int decimalLength(int index) {
    return Integer.toString(index).length();
  }
}
