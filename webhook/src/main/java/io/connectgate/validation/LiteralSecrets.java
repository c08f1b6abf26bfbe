package io.connectgate.validation;

import java.util.Locale;

/**
 * Where a literal secret hides beyond a {@code *password*} setting, for
 * {@code plaintextCredentials}: a setting named as a secret ({@code aws.secret.access.key},
 * {@code client.secret}, {@code *.passphrase}) and a URL carrying a password
 * ({@code jdbc:mysql://db/x?user=u&password=p}, {@code mongodb://user:password@host}). Narrower
 * than {@link SensitiveKeys}, which errs towards hiding values: a warning on
 * {@code s3.credentials.provider.class} or {@code sasl.oauthbearer.token.endpoint.url} would be
 * a false one.
 */
final class LiteralSecrets {

  private LiteralSecrets() {}

  /**
   * Whether a (lower-case) key names a secret: a last segment holding {@code passphrase} or
   * ending in {@code secret}, or a {@code secret} segment followed by a last segment
   * {@code key} ({@code *.passphrase.file} names a file, not a secret).
   * Segments are separated by {@code .}, {@code _} or {@code -}. An API key is not one: in
   * Confluent Cloud's {@code kafka.api.key}/{@code kafka.api.secret} pair it names the account.
   */
  static boolean namesSecret(String lowerKey) {
    String[] segments = lowerKey.split("[._-]");
    String last = segments[segments.length - 1];
    if (last.contains("passphrase") || last.endsWith("secret")) {
      return true;
    }
    if (!last.equals("key")) {
      return false;
    }
    for (int i = 0; i < segments.length - 1; i++) {
      if (segments[i].equals("secret")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a value is a URL holding a literal password: in its user info
   * ({@code scheme://user:password@host}) or as a {@code password=} parameter (JDBC URLs of
   * MySQL, PostgreSQL and SQL Server). A {@code ${provider:path:key}} password is not literal.
   */
  static boolean urlPassword(String value) {
    int scheme = value.indexOf("://");
    if (scheme >= 0) {
      int end = scheme + 3;
      while (end < value.length() && "/?#".indexOf(value.charAt(end)) < 0) {
        end++;
      }
      int at = value.lastIndexOf('@', end - 1);
      if (at > scheme) {
        int colon = value.indexOf(':', scheme + 3);
        if (colon >= 0 && colon < at && literal(value.substring(colon + 1, at))) {
          return true;
        }
      }
    }
    String lower = value.toLowerCase(Locale.ROOT);
    for (int i = lower.indexOf("password="); i >= 0; i = lower.indexOf("password=", i + 1)) {
      if (i > 0 && "?&;".indexOf(lower.charAt(i - 1)) >= 0) {
        int from = i + "password=".length();
        int to = from;
        while (to < value.length() && "&;".indexOf(value.charAt(to)) < 0) {
          to++;
        }
        if (literal(value.substring(from, to))) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean literal(String password) {
    return !password.isEmpty() && !PlaintextCredentialsRule.isReference(password);
  }
}
