package io.connectgate.admission;

/**
 * Makes a value from a review safe to put in a log line: CR, LF, every other control
 * character and the Unicode line separators are escaped ({@code \r}, {@code \n},
 * {@code \u2028}), so a forged uid, name or data key can neither end the line nor forge the
 * next one; and a value longer than {@value #MAX_CHARS} characters is cut, so a 3 MiB uid
 * cannot fill the log either.
 */
public final class LogText {

  public static final int MAX_CHARS = 256;

  private LogText() {}

  public static String safe(String value) {
    if (value == null) {
      return "null";
    }
    int limit = Math.min(value.length(), MAX_CHARS);
    StringBuilder out = null;
    for (int i = 0; i < limit; i++) {
      char c = value.charAt(i);
      String escaped = escape(c);
      if (escaped != null && out == null) {
        out = new StringBuilder(limit + 16).append(value, 0, i);
      }
      if (out != null) {
        if (escaped != null) {
          out.append(escaped);
        } else {
          out.append(c);
        }
      }
    }
    String text = out == null ? value.substring(0, limit) : out.toString();
    return value.length() > limit ? text + "…(" + (value.length() - limit) + " more chars)" : text;
  }

  private static String escape(char c) {
    switch (c) {
      case '\r':
        return "\\r";
      case '\n':
        return "\\n";
      case '\t':
        return "\\t";
      default:
        if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085'
            || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')) {
          return String.format("\\u%04x", (int) c);
        }
        return null;
    }
  }
}
