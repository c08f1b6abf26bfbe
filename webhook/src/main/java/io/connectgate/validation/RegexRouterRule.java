package io.connectgate.validation;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Kafka's RegexRouter rewrites a record's topic with {@code Matcher.replaceFirst(replacement)}
 * when the topic matches {@code regex}: a replacement naming a group the regex lacks ({@code $2}
 * of {@code (.*)}, {@code ${name}} without such a named group) or malformed ({@code $x}, a
 * trailing {@code \}) throws on every matching record, so the task fails (or, with
 * {@code errors.tolerance=all}, drops those records). Connect's validation does not see it:
 * {@code replacement} is a plain string there.
 *
 * <p>The replacement is checked by Java itself, against a pattern with the regex's groups that
 * matches the empty string ({@code (?:REGEX\n)|}, the newline ending an {@code (?x)} comment):
 * the same exceptions, without a topic to match.
 */
final class RegexRouterRule {

  private RegexRouterRule() {}

  /** Checks the RegexRouter whose settings start with {@code prefix} ({@link TransformRules}). */
  static void check(DocumentContext ctx, String prefix) {
    String regex = ctx.value(prefix + "regex");
    String replacement = ctx.value(prefix + "replacement");
    if (regex == null || replacement == null || PlaintextCredentialsRule.isReference(regex)
        || PlaintextCredentialsRule.isReference(replacement)) {
      return;
    }
    String problem = problem(regex.trim(), replacement.trim()); // ConfigDef trims STRING values (String.trim)
    if (problem != null) {
      ctx.violation(Rules.SCHEMA, prefix + "replacement", "is not a replacement for " + prefix
          + "regex: " + problem + "; RegexRouter fails on every record whose topic matches");
    }
  }

  /** Why Java refuses {@code replacement} for {@code regex}, or null (also when the regex does not compile). */
  static String problem(String regex, String replacement) {
    Matcher empty;
    try {
      Pattern.compile(regex); // one that does not compile is the regex's own finding
      empty = Pattern.compile("(?:" + regex + "\n)|").matcher("");
    } catch (PatternSyntaxException e) {
      return null;
    }
    try {
      if (!empty.find()) {
        return null;
      }
      empty.appendReplacement(new StringBuilder(), replacement);
      return null;
    } catch (StackOverflowError e) {
      return null; // a regex nested deeper than the matcher's recursion allows: not judged here
    } catch (IndexOutOfBoundsException e) {
      int groups = empty.groupCount();
      return "it refers to a group the regex does not have (" + e.getMessage() + "; the regex has "
          + groups + (groups == 1 ? " group)" : " groups)");
    } catch (IllegalArgumentException e) {
      return e.getMessage() + " (a literal $ or \\ is written \\$ or \\\\)";
    }
  }
}
