package io.connectgate.validation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code aliases}: the {@code transforms} and {@code predicates} alias lists of any connector.
 * Each alias is non-empty and listed once, and has its {@code <list>.<alias>.type} class
 * (Connect refuses the connector otherwise); {@code transforms.<alias>.predicate} names a
 * declared predicate and {@code transforms.<alias>.negate} is a boolean (errors). Settings of
 * an alias that is not listed are ignored by Connect (a warning). A {@code ${provider:path:key}}
 * reference in any of these is resolved by Connect before it validates: not checked.
 */
final class AliasRule implements DocumentRule {

  static final String TRANSFORMS = "transforms";
  static final String PREDICATES = "predicates";

  @Override
  public void check(DocumentContext ctx) {
    if (!ctx.schema().optsInto(Rules.ALIASES)) {
      return;
    }
    List<String> transforms = aliases(ctx, TRANSFORMS);
    List<String> predicates = aliases(ctx, PREDICATES);
    for (String alias : transforms) {
      String predicateKey = TRANSFORMS + "." + alias + ".predicate";
      String predicate = ctx.value(predicateKey);
      if (predicate != null && !predicates.contains(predicate.trim())
          && !PlaintextCredentialsRule.isReference(predicate) && !isReference(ctx, PREDICATES)) {
        ctx.violation(Rules.ALIASES, predicateKey, "names predicate "
            + ctx.quoted(predicateKey, predicate.trim()) + ", which is not listed in predicates");
      }
      String negateKey = TRANSFORMS + "." + alias + ".negate";
      String negate = ctx.value(negateKey);
      if (negate != null && !isBoolean(negate) && !PlaintextCredentialsRule.isReference(negate)) {
        ctx.violation(Rules.ALIASES, negateKey, "must be true or false");
      }
    }
    unlisted(ctx, TRANSFORMS, transforms);
    unlisted(ctx, PREDICATES, predicates);
  }

  /**
   * Whether a list is a {@code ${provider:path:key}} reference: Connect resolves it before it
   * reads the aliases, so which are listed is unknowable here and nothing about them is checked.
   */
  private static boolean isReference(DocumentContext ctx, String list) {
    String value = ctx.value(list);
    return value != null && PlaintextCredentialsRule.isReference(value);
  }

  /** The listed aliases (each once), reporting empty and duplicate ones and missing types. */
  private static List<String> aliases(DocumentContext ctx, String list) {
    String value = ctx.value(list);
    if (value == null || value.isBlank() || isReference(ctx, list)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    Set<String> reported = new HashSet<>();
    Set<String> listed = new HashSet<>();
    for (String alias : ListValues.split(value)) {
      if (alias.isEmpty()) {
        if (reported.add("")) {
          ctx.violation(Rules.ALIASES, list, "has an empty alias (a stray comma)");
        }
        continue;
      }
      if (!listed.add(alias)) {
        if (reported.add(alias)) {
          ctx.violation(Rules.ALIASES, list, "lists alias `" + alias + "` more than once;"
              + " aliases must be unique");
        }
        continue;
      }
      out.add(alias);
      String typeKey = list + "." + alias + ".type";
      String type = ctx.value(typeKey);
      if (type == null) {
        ctx.violation(Rules.ALIASES, typeKey, "is required and missing: `" + alias
            + "` is listed in " + list);
      } else if (!isClassName(type)
          && !PlaintextCredentialsRule.isReference(type)) {
        ctx.violation(Rules.ALIASES, typeKey,
            "must be a fully qualified Java class name such as org.example.MyClass");
      }
    }
    return out;
  }

  /** Settings under {@code <list>.} that belong to no listed alias. */
  private static void unlisted(DocumentContext ctx, String list, List<String> aliases) {
    if (isReference(ctx, list)) {
      return;
    }
    String prefix = list + ".";
    for (String key : ctx.config().propertyNames()) {
      if (!key.startsWith(prefix) || belongsToListed(key, prefix, aliases)) {
        continue;
      }
      String rest = key.substring(prefix.length());
      int dot = rest.indexOf('.');
      String alias = dot < 0 ? rest : rest.substring(0, dot);
      ctx.advisory(Rules.ALIASES, key, "configures `" + alias + "`, which is not listed in "
          + list + ": Kafka Connect ignores it");
    }
  }

  private static boolean belongsToListed(String key, String prefix, List<String> aliases) {
    for (String alias : aliases) {
      if (key.length() > prefix.length() + alias.length() + 1
          && key.startsWith(alias, prefix.length())
          && key.charAt(prefix.length() + alias.length()) == '.') {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code \s*IDENT(.IDENT)*\s*} with ASCII identifiers, without a regular expression: the
   * group repetition recursed once per dot, and a long value overflowed the stack.
   */
  static boolean isClassName(String type) {
    int i = 0;
    int end = type.length();
    while (i < end && isRegexSpace(type.charAt(i))) {
      i++;
    }
    while (end > i && isRegexSpace(type.charAt(end - 1))) {
      end--;
    }
    boolean atStart = true;
    if (i == end) {
      return false;
    }
    for (; i < end; i++) {
      char c = type.charAt(i);
      if (c == '.') {
        if (atStart) {
          return false;
        }
        atStart = true;
      } else if (isAsciiLetter(c) || c == '_' || c == '$' || (!atStart && c >= '0' && c <= '9')) {
        atStart = false;
      } else {
        return false;
      }
    }
    return !atStart;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isRegexSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  private static boolean isBoolean(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    return v.equals("true") || v.equals("false");
  }
}
