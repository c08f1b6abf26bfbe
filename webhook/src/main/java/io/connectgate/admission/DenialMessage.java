package io.connectgate.admission;

import java.util.List;

/**
 * Joins every error into one {@code status.message}. The contract says every problem is
 * listed; the cap only protects kubectl output and the API server from pathological inputs
 * (thousands of findings), and says how many were left out rather than cutting silently.
 */
public final class DenialMessage {

  public static final int DEFAULT_MAX_CHARS = 4000;
  static final String SEPARATOR = "; ";

  private final int maxChars;

  public DenialMessage(int maxChars) {
    if (maxChars < 80) {
      throw new IllegalArgumentException("denial message cap must be at least 80 characters");
    }
    this.maxChars = maxChars;
  }

  public String join(List<String> problems) {
    StringBuilder sb = new StringBuilder();
    int n = problems.size();
    for (int i = 0; i < n; i++) {
      String piece = (i == 0 ? "" : SEPARATOR) + problems.get(i);
      int remainingAfter = n - i - 1;
      int reserve = remainingAfter == 0 ? 0 : moreSuffix(remainingAfter).length();
      if (sb.length() + piece.length() + reserve <= maxChars) {
        sb.append(piece);
        continue;
      }
      int omitted = n - i;
      if (i == 0) {
        // A single problem longer than the cap: keep its start so the user sees what it is.
        String suffix = omitted > 1 ? moreSuffix(omitted - 1) : "";
        int room = maxChars - suffix.length() - 3;
        return piece.substring(0, safeCut(piece, room)) + "..." + suffix;
      }
      sb.append(moreSuffix(omitted));
      return sb.toString();
    }
    return sb.toString();
  }

  private static String moreSuffix(int omitted) {
    return SEPARATOR + "... and " + omitted + " more";
  }

  /** Never split a surrogate pair. */
  static int safeCut(String s, int at) {
    if (at > 0 && at < s.length() && Character.isHighSurrogate(s.charAt(at - 1))) {
      return at - 1;
    }
    return Math.max(0, at);
  }
}
