package io.connectgate.validation;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Per Kafka client prefix ({@code x-connectgate-client}): {@code jaas} (grammar, exactly one
 * module, module matching {@code sasl.mechanism}), {@code sasl-without-jaas} and
 * {@code ssl-on-plaintext}. A setting a prefix does not set is looked up in the prefix it
 * inherits from, else Kafka's default applies (unless it comes from the Connect worker).
 */
final class ClientSecurityRules implements DocumentRule {

  static final String PROTOCOL = "security.protocol";
  static final String MECHANISM = "sasl.mechanism";
  static final String JAAS = "sasl.jaas.config";
  static final String SERVICE_NAME = "sasl.kerberos.service.name";

  private static final String PLAIN_MODULE = "org.apache.kafka.common.security.plain.PlainLoginModule";
  private static final String SCRAM_MODULE = "org.apache.kafka.common.security.scram.ScramLoginModule";
  private static final String KERBEROS_MODULE = "com.sun.security.auth.module.Krb5LoginModule";
  private static final String OAUTH_MODULE =
      "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule";
  private static final String IAM_MODULE = "software.amazon.msk.auth.iam.IAMLoginModule";

  /**
   * The login modules each mechanism's client works with, the usual one first. PLAIN and SCRAM
   * clients take the username and password from the JAAS subject's credentials
   * ({@code SaslClientCallbackHandler}), which PlainLoginModule and ScramLoginModule fill
   * alike: either works with either mechanism.
   */
  private static final Map<String, List<String>> MODULES = Map.of(
      "PLAIN", List.of(PLAIN_MODULE, SCRAM_MODULE),
      "SCRAM-SHA-256", List.of(SCRAM_MODULE, PLAIN_MODULE),
      "SCRAM-SHA-512", List.of(SCRAM_MODULE, PLAIN_MODULE),
      "GSSAPI", List.of(KERBEROS_MODULE),
      "OAUTHBEARER", List.of(OAUTH_MODULE),
      "AWS_MSK_IAM", List.of(IAM_MODULE));

  /**
   * The modules whose fit is known. Another class (a Kerberos module of another JVM, a
   * module of one's own) may fit any mechanism: it is not checked.
   */
  private static final Set<String> KNOWN_MODULES =
      Set.of(PLAIN_MODULE, SCRAM_MODULE, KERBEROS_MODULE, OAUTH_MODULE, IAM_MODULE);

  /** Full keys of a prefix's security settings, built once (lookups then hash cached strings). */
  private record Keys(String protocol, String mechanism, String jaas, String ssl) {}

  private final Map<ClientPrefix, Keys> keys = new IdentityHashMap<>();

  ClientSecurityRules(SchemaCatalog catalog) {
    for (ConnectorSchema s : catalog.schemas()) {
      for (ClientPrefix p : s.prefixes()) {
        keys.put(p, new Keys(p.prefix() + PROTOCOL, p.prefix() + MECHANISM, p.prefix() + JAAS,
            p.prefix() + "ssl."));
      }
    }
  }

  private Keys keys(ClientPrefix p) {
    Keys k = keys.get(p);
    return k != null ? k : new Keys(p.prefix() + PROTOCOL, p.prefix() + MECHANISM,
        p.prefix() + JAAS, p.prefix() + "ssl.");
  }

  /** A setting's effective value and the full key it was read from. */
  private record Resolved(String value, String key) {}

  @Override
  public void check(DocumentContext ctx) {
    ConnectorSchema schema = ctx.schema();
    boolean jaas = schema.optsInto(Rules.JAAS);
    boolean saslWithoutJaas = schema.optsInto(Rules.SASL_WITHOUT_JAAS);
    boolean sslOnPlaintext = schema.optsInto(Rules.SSL_ON_PLAINTEXT);
    if (!jaas && !saslWithoutJaas && !sslOnPlaintext) {
      return;
    }
    // One pass over the keys instead of one per client: which clients have ssl.* settings.
    Set<ClientPrefix> withSsl = sslOnPlaintext ? clientsWithSsl(ctx, schema) : Set.of();
    for (ClientPrefix p : schema.prefixes()) {
      if (!p.client()) {
        continue;
      }
      String own = p.prefix();
      Keys k = keys(p);
      boolean ownJaas = ctx.value(k.jaas()) != null;
      boolean ownMechanism = ctx.value(k.mechanism()) != null;
      boolean ownProtocol = ctx.value(k.protocol()) != null;
      String protocol = protocol(ctx, schema, p);
      if (jaas && ownJaas) {
        checkGrammar(ctx, k.jaas());
      }
      if (jaas && (ownJaas || ownMechanism) && !isPlain(protocol)) {
        checkModule(ctx, schema, p, ownJaas ? k.jaas() : k.mechanism());
      }
      if (jaas && (ownProtocol || ownMechanism) && protocol != null
          && protocol.startsWith("SASL_")) {
        checkKerberosServiceName(ctx, schema, p, ownProtocol ? k.protocol() : k.mechanism());
      }
      if (saslWithoutJaas && (ownProtocol || ownMechanism) && protocol != null
          && protocol.startsWith("SASL_") && resolve(ctx, schema, p, JAAS) == null) {
        ctx.advisory(Rules.SASL_WITHOUT_JAAS, ownProtocol ? k.protocol() : k.mechanism(),
            "is " + protocol + " but this client has no sasl.jaas.config");
      }
      if (sslOnPlaintext && ("PLAINTEXT".equals(protocol) || "SASL_PLAINTEXT".equals(protocol))
          && withSsl.contains(p)) {
        for (String key : ctx.config().propertyNames()) {
          if (key.startsWith(k.ssl()) && schema.prefixOf(key) == p) {
            ctx.advisory(Rules.SSL_ON_PLAINTEXT, key, "has no effect with security.protocol "
                + protocol + " (TLS needs SSL or SASL_SSL)");
          }
        }
      }
    }
  }

  private Set<ClientPrefix> clientsWithSsl(DocumentContext ctx, ConnectorSchema schema) {
    Set<ClientPrefix> clients = null;
    for (String key : ctx.config().propertyNames()) {
      ClientPrefix p = schema.prefixOf(key);
      if (p != null && p.client() && key.startsWith(keys(p).ssl())) {
        if (clients == null) {
          clients = Collections.newSetFromMap(new IdentityHashMap<>());
        }
        clients.add(p);
      }
    }
    return clients == null ? Set.of() : clients;
  }

  private static boolean isPlain(String protocol) {
    return "PLAINTEXT".equals(protocol) || "SSL".equals(protocol);
  }

  /** The effective protocol (upper case), Kafka's PLAINTEXT default, or null when unknown. */
  private String protocol(DocumentContext ctx, ConnectorSchema schema, ClientPrefix p) {
    Resolved r = resolve(ctx, schema, p, PROTOCOL);
    if (r != null) {
      return r.value().trim().toUpperCase(Locale.ROOT);
    }
    return defaultsApply(schema, p) ? "PLAINTEXT" : null;
  }

  private static void checkGrammar(DocumentContext ctx, String key) {
    String value = ctx.value(key);
    if (PlaintextCredentialsRule.isReference(value)) {
      return; // resolved by a config provider at runtime
    }
    Object parsed = ctx.jaas(value);
    if (parsed instanceof List<?> entries) {
      if (entries.size() != 1) {
        ctx.violation(Rules.JAAS, key, "must hold exactly one login module, found "
            + entries.size());
      }
    } else if (parsed instanceof JaasParser.SyntaxError e) {
      ctx.violation(Rules.JAAS, key, "is not a valid JAAS configuration: " + e.getMessage()
          + "; expected '<LoginModuleClass> required|requisite|sufficient|optional"
          + " name=\"value\" ... ;'");
    }
  }

  private void checkModule(DocumentContext ctx, ConnectorSchema schema, ClientPrefix p,
      String reportKey) {
    Resolved jaas = resolve(ctx, schema, p, JAAS);
    if (jaas == null) {
      return;
    }
    Resolved mechanismSetting = resolve(ctx, schema, p, MECHANISM);
    String mechanism = mechanism(schema, p, mechanismSetting);
    if (mechanism == null || PlaintextCredentialsRule.isReference(mechanism)) {
      return; // from the worker, or resolved by a config provider: unknowable here
    }
    if (!(ctx.jaas(jaas.value()) instanceof List<?> parsed) || parsed.size() != 1) {
      return; // a reference, or reported by the grammar check of the prefix that sets it
    }
    JaasParser.Entry entry = (JaasParser.Entry) parsed.get(0);
    List<String> fitting = MODULES.get(mechanism);
    if (fitting == null) {
      ctx.advisory(Rules.JAAS, reportKey, "unknown sasl.mechanism " + mechanism
          + "; login module not checked");
      return;
    }
    String module = entry.loginModule();
    if (KNOWN_MODULES.contains(module) && !fitting.contains(module)) {
      ctx.violation(Rules.JAAS, reportKey, "the login module does not match sasl.mechanism "
          + mechanism + (mechanismSetting == null ? " (the default)" : "") + ": expected "
          + String.join(" or ", fitting));
    }
  }

  /**
   * The client's SASL mechanism, upper case: its setting, else Kafka's default GSSAPI where
   * Kafka's defaults apply; null when it comes from the Connect worker (unknown here).
   */
  private static String mechanism(ConnectorSchema schema, ClientPrefix p, Resolved setting) {
    if (setting != null) {
      return setting.value().trim().toUpperCase(Locale.ROOT);
    }
    return defaultsApply(schema, p) ? "GSSAPI" : null;
  }

  /**
   * GSSAPI (explicit, or Kafka's default mechanism) needs a Kerberos service name: Kafka's
   * client fails with "No serviceName defined in either JAAS or Kafka config" otherwise. Only
   * decided when the client's sasl.jaas.config is inline (else the JVM's JAAS file may hold it).
   * Reported at the client prefix that sets its own protocol or mechanism; a client that
   * only inherits them is checked with the one it inherits from.
   */
  private void checkKerberosServiceName(DocumentContext ctx, ConnectorSchema schema,
      ClientPrefix p, String reportKey) {
    Resolved mechanismSetting = resolve(ctx, schema, p, MECHANISM);
    String mechanism = mechanism(schema, p, mechanismSetting);
    if (!"GSSAPI".equals(mechanism) || resolve(ctx, schema, p, SERVICE_NAME) != null) {
      return;
    }
    Resolved jaas = resolve(ctx, schema, p, JAAS);
    if (jaas == null || PlaintextCredentialsRule.isReference(jaas.value())
        || !(ctx.jaas(jaas.value()) instanceof List<?> entries)
        || entries.stream().anyMatch(e -> ((JaasParser.Entry) e).options()
            .containsKey("serviceName"))) {
      // Without sasl.jaas.config the JVM's JAAS file (KafkaClient section) may name the
      // service; a serviceName option, or a value only known at runtime, may too.
      return;
    }
    if (!defaultsApply(schema, p)) {
      return; // the worker may set the service name for this client
    }
    ctx.violation(Rules.JAAS, reportKey, "uses SASL mechanism GSSAPI"
        + (mechanismSetting == null ? " (the default)" : "") + " but this client has no "
        + SERVICE_NAME + " (nor serviceName in its sasl.jaas.config)");
  }

  private Resolved resolve(DocumentContext ctx, ConnectorSchema schema, ClientPrefix p,
      String setting) {
    ClientPrefix current = p;
    for (int depth = 0; current != null && depth < 8; depth++) {
      Keys k = keys(current);
      String key = setting == PROTOCOL ? k.protocol() : setting == MECHANISM ? k.mechanism()
          : setting == JAAS ? k.jaas() : current.prefix() + setting;
      String value = ctx.value(key);
      if (value != null) {
        return new Resolved(value, key);
      }
      String parent = current.inherits();
      current = parent == null || ClientPrefix.WORKER.equals(parent) ? null
          : schema.prefix(parent);
    }
    return null;
  }

  /** Whether unset settings take Kafka's defaults (not a worker's unknown configuration). */
  private static boolean defaultsApply(ConnectorSchema schema, ClientPrefix p) {
    ClientPrefix current = p;
    for (int depth = 0; current != null && depth < 8; depth++) {
      String parent = current.inherits();
      if (parent == null) {
        return true;
      }
      if (ClientPrefix.WORKER.equals(parent)) {
        return false;
      }
      current = schema.prefix(parent);
    }
    return true;
  }
}
