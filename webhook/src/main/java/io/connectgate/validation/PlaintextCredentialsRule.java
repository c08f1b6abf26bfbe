package io.connectgate.validation;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code plaintextCredentials}: a literal password in a JAAS config, a {@code *password*}
 * setting, {@code basic.auth.user.info}, a setting named as a secret or a URL holding a password
 * ({@link LiteralSecrets}) that is not a config provider reference
 * ({@code ${provider:[path:]key}}). Applies to every connector, with or without a schema.
 */
final class PlaintextCredentialsRule implements DocumentRule {

  /** Advisories are shown as kubectl warnings: kept well under 120 characters with the key. */
  // Short enough that a kubectl warning (120 characters) keeps location, rule name and advice.
  private static final String ADVICE = "; use a ${...} reference";

  @Override
  public void check(DocumentContext ctx) {
    for (Map.Entry<String, JsonNode> e : ctx.config().properties()) {
      String key = e.getKey();
      if (!e.getValue().isValueNode() || e.getValue().isNull()) {
        continue;
      }
      String value = e.getValue().asString();
      if (value.isEmpty() || isReference(value) || derivedCopy(ctx, key, value)) {
        continue;
      }
      String lower = Redactor.lower(key);
      if (lower.endsWith("sasl.jaas.config")) {
        String option = literalSecretOption(ctx, value);
        if (option != null) {
          ctx.advisory(Rules.PLAINTEXT_CREDENTIALS, key,
              "has a plain-text " + option + ADVICE);
        }
      } else if (lower.contains("password") || lower.endsWith("basic.auth.user.info")
          || LiteralSecrets.namesSecret(lower)) {
        ctx.advisory(Rules.PLAINTEXT_CREDENTIALS, key, "is a plain-text credential" + ADVICE);
      } else if (LiteralSecrets.urlPassword(value)) {
        ctx.advisory(Rules.PLAINTEXT_CREDENTIALS, key, "has a plain-text password in its URL"
            + ADVICE);
      }
    }
  }

  /**
   * A setting that mutation derived from another ({@code x-connectgate-derive}) and that holds
   * exactly that setting's value: the credential is reported once, at the key the user wrote,
   * not again for each copy (the interceptors' JAAS configs). A user cannot hide a credential
   * this way: the source key holds the same literal value and is reported.
   */
  private static boolean derivedCopy(DocumentContext ctx, String key, String value) {
    ConnectorSchema schema = ctx.schema();
    if (schema == null) {
      return false;
    }
    for (Derivation d : schema.derivations()) {
      if (key.startsWith(d.to()) && d.covers(key.substring(d.to().length()))) {
        JsonNode source = ctx.config().get(d.from() + key.substring(d.to().length()));
        if (source != null && source.isValueNode() && value.equals(source.asString())) {
          return true;
        }
      }
    }
    return false;
  }

  static boolean isReference(String value) {
    int start = value.indexOf("${");
    return start >= 0 && value.indexOf(':', start) > start && value.indexOf('}', start) > start;
  }

  /** The name of the first option holding a literal secret, or null. */
  @SuppressWarnings("unchecked")
  private static String literalSecretOption(DocumentContext ctx, String jaas) {
    Object parsed = ctx.jaas(jaas);
    if (parsed instanceof List<?> list) {
      List<JaasParser.Entry> entries = (List<JaasParser.Entry>) list;
      for (JaasParser.Entry entry : entries) {
        for (Map.Entry<String, String> o : entry.options().entrySet()) {
          String name = o.getKey().toLowerCase(Locale.ROOT);
          if ((name.contains("password") || name.contains("secret"))
              && !o.getValue().isEmpty() && !isReference(o.getValue())) {
            return o.getKey();
          }
        }
      }
      return null;
    }
    // Unparseable: the jaas rule reports the syntax; a literal password is still likely.
    return jaas.toLowerCase(Locale.ROOT).contains("password=") ? "password" : null;
  }
}
