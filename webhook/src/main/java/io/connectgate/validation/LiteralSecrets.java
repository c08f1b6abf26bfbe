package io.connectgate.validation;

import java.util.ArrayList;
import java.util.List;
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
   * ending in {@code secret} or {@code token} (Splunk's {@code splunk.hec.token} and Confluent's
   * HTTP sink {@code bearer.token} are {@code ConfigDef.Type.PASSWORD}), or a {@code secret}
   * segment followed by a last segment {@code key} ({@code *.passphrase.file} names a file, not
   * a secret).
   * Segments are separated by {@code .}, {@code _} or {@code -}. An API key is not one: in
   * Confluent Cloud's {@code kafka.api.key}/{@code kafka.api.secret} pair it names the account.
   */
  static boolean namesSecret(String lowerKey) {
    String[] segments = lowerKey.split("[._-]");
    String last = segments[segments.length - 1];
    if (last.contains("passphrase") || last.endsWith("secret") || last.endsWith("token")) {
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
    return !urlPasswords(value).isEmpty();
  }

  /**
   * The literal passwords of the URLs in a value (none for most values: two searches), which
   * the {@link Redactor} then keeps out of every message as it keeps sensitive settings' values.
   */
  static List<String> urlPasswords(String value) {
    List<String> out = new ArrayList<>(0);
    // Each scan stays inside its URL's authority or its parameter, so the whole is linear in
    // the value's length however many "://" or "password=" it repeats.
    for (int scheme = value.indexOf("://"); scheme >= 0; scheme = value.indexOf("://", scheme + 3)) {
      int start = scheme + 3;
      int end = start;
      while (end < value.length() && "/?#,".indexOf(value.charAt(end)) < 0) {
        end++;
      }
      int at = end - 1;
      while (at >= start && value.charAt(at) != '@') {
        at--;
      }
      int colon = start;
      while (colon < at && value.charAt(colon) != ':') {
        colon++;
      }
      if (at >= start && colon < at && literal(value.substring(colon + 1, at))) {
        out.add(value.substring(colon + 1, at));
      }
    }
    int i = LinearSearch.indexOf(value, "password=", 0, true);
    while (i >= 0) {
      int from = i + "password=".length();
      int to = from;
      while (to < value.length() && "&;,".indexOf(value.charAt(to)) < 0) {
        to++;
      }
      if (i > 0 && "?&;".indexOf(value.charAt(i - 1)) >= 0 && literal(value.substring(from, to))) {
        out.add(value.substring(from, to));
      }
      i = LinearSearch.indexOf(value, "password=", Math.max(to, i + 1), true);
    }
    return out;
  }

  private static boolean literal(String password) {
    return !password.isEmpty() && !PlaintextCredentialsRule.isReference(password);
  }
}
