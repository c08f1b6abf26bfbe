package io.connectgate.validation;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one answer to "is this setting's value a secret?", shared by the engine, the policy,
 * the CLI and {@code deploy} (docs/hardening.md "Secrets"). A key is sensitive when it ends
 * (after any client prefix such as {@code src.kafka.} or {@code producer.override.}) in one of
 * Kafka's {@code ConfigDef.Type.PASSWORD} settings, or when its name says it holds a
 * credential. Erring towards sensitive only hides a value from a message.
 */
public final class SensitiveKeys {

  /**
   * Every {@code ConfigDef.Type.PASSWORD} setting of Kafka 4.1's producer, consumer, admin
   * client, SASL, SSL, Connect worker and connector, and MirrorMaker 2 configs
   * ({@code SensitiveKeysTest} reads the ConfigDefs and fails when one is missing).
   */
  public static final Set<String> PASSWORD_SETTINGS = Set.of(
      "sasl.jaas.config",
      "sasl.oauthbearer.assertion.private.key.passphrase",
      "sasl.oauthbearer.client.credentials.client.secret",
      "ssl.key.password",
      "ssl.keystore.certificate.chain",
      "ssl.keystore.key",
      "ssl.keystore.password",
      "ssl.truststore.certificates",
      "ssl.truststore.password");

  /** Words that mark a credential wherever they appear in a key. */
  private static final List<String> WORDS = List.of(
      "password", "passwd", "passphrase", "secret", "token", "credential", "apikey", "api.key",
      "api_key", "api-key", "private.key", "privatekey", "private_key", "private-key",
      "user.info", "userinfo");

  /** {@link #PASSWORD_SETTINGS} each behind a dot, as a prefixed key ends. */
  private static final List<String> PREFIXED_PASSWORD_SETTINGS =
      PASSWORD_SETTINGS.stream().map(name -> "." + name).toList();

  /**
   * Answers for keys seen before: a pure function of the key, asked several times for every
   * key of every document (messages, redaction, rules). Bounded in entries and key length, so
   * keys made up by a tenant cannot grow it; past the bound keys are simply computed.
   */
  private static final Map<String, Boolean> SEEN = new ConcurrentHashMap<>();
  static final int SEEN_MAX_ENTRIES = 4096;
  static final int SEEN_MAX_KEY_LENGTH = 128;

  private SensitiveKeys() {}

  public static boolean isSensitive(String key) {
    if (key == null) {
      return false;
    }
    Boolean seen = SEEN.get(key);
    if (seen != null) {
      return seen;
    }
    boolean sensitive = compute(key);
    if (key.length() <= SEEN_MAX_KEY_LENGTH && SEEN.size() < SEEN_MAX_ENTRIES) {
      SEEN.put(key, sensitive);
    }
    return sensitive;
  }

  private static boolean compute(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    for (String word : WORDS) {
      if (k.contains(word)) {
        return true;
      }
    }
    for (String name : PASSWORD_SETTINGS) {
      if (k.equals(name)) {
        return true;
      }
    }
    for (String name : PREFIXED_PASSWORD_SETTINGS) {
      if (k.endsWith(name)) {
        return true;
      }
    }
    return k.startsWith("ssl.key") || k.contains(".ssl.key") || hasSegment(k, "auth");
  }

  /** Whether a dot-, dash- or underscore-separated segment of the key is {@code word}. */
  private static boolean hasSegment(String key, String word) {
    int from = 0;
    while (true) {
      int at = key.indexOf(word, from);
      if (at < 0) {
        return false;
      }
      int end = at + word.length();
      if ((at == 0 || isSeparator(key.charAt(at - 1)))
          && (end == key.length() || isSeparator(key.charAt(end)))) {
        return true;
      }
      from = at + 1;
    }
  }

  private static boolean isSeparator(char c) {
    return c == '.' || c == '-' || c == '_';
  }
}
