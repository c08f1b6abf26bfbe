package io.connectgate.connector;

import io.connectgate.connector.MirrorMaker2Resources.Cluster;
import io.connectgate.connector.MirrorMaker2Resources.Settings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What Strimzi's operator writes into a MirrorMaker 2 connector's config for one cluster of a
 * {@code KafkaMirrorMaker2} ({@code KafkaMirrorMaker2Connectors.addClusterToMirrorMaker2ConnectorConfig},
 * 0.49–0.51; for v1, 1.x's Secret references): alias, bootstrap servers, the trust store, the
 * client authentication (passwords as references, never copied), the security protocol and the
 * cluster's own config, each with the field it comes from.
 */
final class MirrorMaker2ClusterSettings {

  /** What 0.49+ moves from the connectCluster's config to the Connect worker. */
  private static final Set<String> WORKER_KEYS =
      Set.of("group.id", "config.storage.topic", "offset.storage.topic", "status.storage.topic");
  private static final String STORE_PASSWORD = "${strimzienv:MIRRORMAKER_2_CERTS_STORE_PASSWORD}";
  private static final String OAUTH_HANDLER =
      "io.strimzi.kafka.oauth.client.JaasClientOauthLoginCallbackHandler";

  private final boolean v1;
  private final String namespace;
  private final String resourceName;
  private final List<String> settingMaps;

  /** @param settingMaps where the resource's maps of connector settings are listed (added to) */
  MirrorMaker2ClusterSettings(boolean v1, String namespace, String resourceName, List<String> settingMaps) {
    this.v1 = v1;
    this.namespace = namespace;
    this.resourceName = resourceName;
    this.settingMaps = settingMaps;
  }

  /** {@code addClusterToMirrorMaker2ConnectorConfig}: one cluster's client settings, under {@code prefix}. */
  void add(Settings s, Cluster cluster, String prefix) {
    String at = cluster.pointer();
    ObjectNode c = cluster.spec();
    String alias = cluster.alias();
    s.put(prefix + "alias", c.get("alias"), at + "/alias");
    s.put(prefix + "bootstrap.servers", c.get("bootstrapServers"), at + "/bootstrapServers");
    String protocol = "PLAINTEXT";
    String protocolFrom = at;
    if (c.get("tls") instanceof ObjectNode tls) {
      protocol = "SSL";
      protocolFrom = at + "/tls";
      JsonNode trusted = tls.get("trustedCertificates");
      if (trusted != null && trusted.isArray() && !trusted.isEmpty()) {
        if (v1) {
          s.put(prefix + "ssl.truststore.certificates", secretReference(resourceName
              + "-connect-tls-trusted-certs", alias + "-ca.crt"), at + "/tls/trustedCertificates");
          s.put(prefix + "ssl.truststore.type", "PEM", at + "/tls/trustedCertificates");
        } else {
          s.put(prefix + "ssl.truststore.type", "PKCS12", at + "/tls/trustedCertificates");
          s.put(prefix + "ssl.truststore.location", "/tmp/kafka/clusters/" + alias
              + ".truststore.p12", at + "/tls/trustedCertificates");
          s.put(prefix + "ssl.truststore.password", STORE_PASSWORD, at + "/tls/trustedCertificates");
        }
      }
    }
    if (c.get("authentication") instanceof ObjectNode auth) {
      String authAt = at + "/authentication";
      String type = orEmpty(ConnectorResources.text(auth.get("type")));
      boolean tls = c.get("tls") instanceof ObjectNode;
      switch (type) {
        case "tls" -> {
          JsonNode pair = auth.path("certificateAndKey");
          String secret = orEmpty(ConnectorResources.text(pair.get("secretName")));
          if (v1) {
            s.put(prefix + "ssl.keystore.certificate.chain", secretReference(secret,
                orEmpty(ConnectorResources.text(pair.get("certificate")))), authAt);
            s.put(prefix + "ssl.keystore.key", secretReference(secret,
                orEmpty(ConnectorResources.text(pair.get("key")))), authAt);
            s.put(prefix + "ssl.keystore.type", "PEM", authAt);
          } else {
            s.put(prefix + "ssl.keystore.type", "PKCS12", authAt);
            s.put(prefix + "ssl.keystore.location", "/tmp/kafka/clusters/" + alias + ".keystore.p12", authAt);
            s.put(prefix + "ssl.keystore.password", STORE_PASSWORD, authAt);
          }
        }
        case "plain", "scram-sha-256", "scram-sha-512" -> {
          protocol = tls ? "SASL_SSL" : "SASL_PLAINTEXT";
          protocolFrom = authAt;
          boolean plain = type.equals("plain");
          s.put(prefix + "sasl.mechanism", plain ? "PLAIN" : type.toUpperCase(Locale.ROOT), authAt);
          JsonNode password = auth.path("passwordSecret");
          String reference = passwordReference(alias,
              orEmpty(ConnectorResources.text(password.get("secretName"))),
              orEmpty(ConnectorResources.text(password.get("password"))));
          Map<String, String> options = new LinkedHashMap<>();
          options.put("username", orEmpty(ConnectorResources.text(auth.get("username"))));
          options.put("password", reference);
          s.put(prefix + "sasl.jaas.config", jaas(plain
              ? "org.apache.kafka.common.security.plain.PlainLoginModule"
              : "org.apache.kafka.common.security.scram.ScramLoginModule", options), authAt);
        }
        case "oauth" -> {
          protocol = tls ? "SASL_SSL" : "SASL_PLAINTEXT";
          protocolFrom = authAt;
          s.put(prefix + "sasl.mechanism", "OAUTHBEARER", authAt);
          s.put(prefix + "sasl.jaas.config", jaas(
              "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule",
              oauthOptions(auth, alias)), authAt);
          s.put(prefix + "sasl.login.callback.handler.class", OAUTH_HANDLER, authAt);
        }
        case "custom" -> {
          if (auth.path("sasl").asBoolean(false)) {
            protocol = protocol.equals("SSL") ? "SASL_SSL" : "SASL_PLAINTEXT";
            protocolFrom = authAt;
          }
          if (auth.get("config") instanceof ObjectNode config) {
            settingMaps.add(authAt + "/config");
            for (Map.Entry<String, JsonNode> e : config.properties()) {
              String lower = e.getKey().toLowerCase(Locale.ENGLISH);
              if (lower.startsWith("ssl.keystore.") || lower.startsWith("sasl.")) {
                s.put(prefix + e.getKey(), e.getValue(), authAt + "/config/" + e.getKey());
              }
            }
          }
        }
        default -> { } // a type the CRD refuses: nothing the operator would add
      }
    }
    s.put(prefix + "security.protocol", protocol, protocolFrom);
    if (c.get("config") instanceof ObjectNode config) {
      settingMaps.add(at + "/config");
      for (Map.Entry<String, JsonNode> e : config.properties()) {
        if (cluster.listed() && prefix.startsWith("target.")
            && WORKER_KEYS.contains(e.getKey())) {
          continue; // the Connect worker's, since 0.49
        }
        s.put(prefix + e.getKey(), e.getValue(), at + "/config/" + e.getKey());
      }
    }
  }

  /** The JAAS options of v1beta2's OAuth client authentication that are text or secrets. */
  private Map<String, String> oauthOptions(ObjectNode auth, String alias) {
    Map<String, String> options = new LinkedHashMap<>();
    for (String[] option : new String[][] {{"clientId", "oauth.client.id"},
        {"username", "oauth.password.grant.username"}, {"tokenEndpointUri", "oauth.token.endpoint.uri"},
        {"grantType", "oauth.client.credentials.grant.type"}, {"scope", "oauth.scope"},
        {"audience", "oauth.audience"}}) {
      String value = ConnectorResources.text(auth.get(option[0]));
      if (value != null) {
        options.put(option[1], value);
      }
    }
    for (String[] secret : new String[][] {{"clientSecret", "key", "oauth.client.secret"},
        {"accessToken", "key", "oauth.access.token"}, {"refreshToken", "key", "oauth.refresh.token"},
        {"passwordSecret", "password", "oauth.password.grant.password"},
        {"clientAssertion", "key", "oauth.client.assertion"}}) {
      JsonNode ref = auth.get(secret[0]);
      if (ref instanceof ObjectNode r) {
        options.put(secret[2], "${strimzidir:/opt/kafka/mm2-oauth/" + alias + "/"
            + orEmpty(ConnectorResources.text(r.get("secretName"))) + ":"
            + orEmpty(ConnectorResources.text(r.get(secret[1]))) + "}");
      }
    }
    return options;
  }

  /** Where the operator has Connect read a password: a secret reference, never the password. */
  private String passwordReference(String alias, String secret, String key) {
    return v1 ? secretReference(secret, key)
        : "${strimzidir:/opt/kafka/mm2-password/" + alias + "/" + secret + ":" + key + "}";
  }

  /** 1.x's {@code ${strimzisecrets:NAMESPACE/SECRET:KEY}}. */
  private String secretReference(String secret, String key) {
    return "${strimzisecrets:" + namespace + "/" + secret + ":" + key + "}";
  }

  /** Strimzi's {@code AuthenticationUtils.jaasConfig}. */
  private static String jaas(String module, Map<String, String> options) {
    StringJoiner joined = new StringJoiner(" ");
    options.forEach((k, v) -> joined.add(k + "=\"" + v + "\""));
    return module + " required " + joined + ";";
  }

  private static String orEmpty(String s) {
    return MirrorMaker2Resources.orEmpty(s);
  }
}
