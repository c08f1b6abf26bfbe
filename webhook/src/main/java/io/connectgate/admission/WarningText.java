package io.connectgate.admission;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Fits advisories into {@code response.warnings}: kubectl shows warnings of at most 120
 * characters in full, and the API server turns them into HTTP Warning headers, so control
 * characters are flattened. A long advisory keeps its location and its last clause, the
 * advice ("data[k] /config/p: ... did you mean `x`?"), rather than losing the advice to a cut
 * at the end; when even that does not fit, it is cut at a word boundary and marked with "...".
 */
public final class WarningText {

  public static final int MAX_CHARS = 120;
  /** Enough to be useful; beyond this kubectl output becomes noise. */
  public static final int MAX_WARNINGS = 25;

  private WarningText() {}

  public static List<String> fitAll(List<String> texts) {
    LinkedHashSet<String> unique = new LinkedHashSet<>();
    for (String t : texts) {
      unique.add(fit(t));
    }
    List<String> out = new ArrayList<>(unique);
    if (out.size() > MAX_WARNINGS) {
      int omitted = out.size() - (MAX_WARNINGS - 1);
      out = new ArrayList<>(out.subList(0, MAX_WARNINGS - 1));
      out.add("... and " + omitted + " more warnings");
    }
    return out;
  }

  public static String fit(String text) {
    String flat = flatten(text).strip();
    if (flat.length() <= MAX_CHARS) {
      return flat;
    }
    String located = locationAndAdvice(flat);
    if (located != null) {
      return located;
    }
    int limit = MAX_CHARS - 3;
    int space = flat.lastIndexOf(' ', limit);
    // Prefer a word boundary, unless it would throw away more than half of the text.
    int cut = space >= MAX_CHARS / 2 ? space : DenialMessage.safeCut(flat, limit);
    return flat.substring(0, cut).stripTrailing() + "...";
  }

  /**
   * "LOCATION: [RULE: ]what; advice" shortened to "LOCATION: [RULE: ]... advice" when that
   * fits: the advice (a "did you mean" suggestion, what to use instead) is what the reader acts
   * on, the location says what it is about, and a policy rule's name says which rule warned
   * (the contract: responses name the rule). When the rule name and the advice do not both fit,
   * the advice wins: it is what the reader acts on, and the full text is in the decision log.
   * Null when the text has no such shape or it still does not fit.
   */
  private static String locationAndAdvice(String flat) {
    int location = flat.indexOf(": ");
    int advice = flat.lastIndexOf("; ");
    if (location <= 0 || advice <= location) {
      return null;
    }
    String where = flat.substring(0, location + 2);
    String tail = "... " + flat.substring(advice + 2);
    String withRule = where + ruleTag(flat, location + 2) + tail;
    if (withRule.length() <= MAX_CHARS) {
      return withRule;
    }
    String shortened = where + tail;
    return shortened.length() <= MAX_CHARS ? shortened : null;
  }

  /** "unknownKeys: " when the message after the location starts with a rule name, else "". */
  private static String ruleTag(String flat, int from) {
    int end = flat.indexOf(": ", from);
    if (end <= from) {
      return "";
    }
    for (int i = from; i < end; i++) {
      char c = flat.charAt(i);
      if (!(Character.isLetter(c) || c == '-')) {
        return "";
      }
    }
    return flat.substring(from, end + 2);
  }

  /**
   * Each run of ASCII controls and whitespace becomes one space (what
   * {@code replaceAll("[\\p{Cntrl}\\s]+", " ")} does), by hand: this runs for every warning
   * of every review, and the regex was the largest single cost in a profile under load.
   */
  static String flatten(String text) {
    if (isFlat(text)) {
      return text; // the usual case: nothing to replace, no copy
    }
    StringBuilder out = new StringBuilder(text.length());
    boolean inRun = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isBlank(c)) {
        if (!inRun) {
          out.append(' ');
        }
        inRun = true;
      } else {
        out.append(c);
        inRun = false;
      }
    }
    return out.toString();
  }

  /** No control character and no run of two blanks: {@link #flatten} would return it unchanged. */
  private static boolean isFlat(String text) {
    boolean previousBlank = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean blank = isBlank(c);
      if ((blank && c != ' ') || (blank && previousBlank)) {
        return false;
      }
      previousBlank = blank;
    }
    return true;
  }

  private static boolean isBlank(char c) {
    return c < 0x20 || c == 0x7F || c == ' ';
  }
}
