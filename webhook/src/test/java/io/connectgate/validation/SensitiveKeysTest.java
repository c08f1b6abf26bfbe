package io.connectgate.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every {@code ConfigDef.Type.PASSWORD} setting of Kafka's clients, Connect and MirrorMaker 2
 * (read from the ConfigDefs on the test classpath, so a Kafka upgrade that adds one fails
 * here) is sensitive, bare and behind the prefixes connectors use; so are the credential names
 * of the wider ecosystem.
 */
class SensitiveKeysTest {

  static final List<String> PREFIXES = List.of("", "src.kafka.", "dest.kafka.",
      "producer.override.", "consumer.override.", "admin.override.", "source.cluster.",
      "target.cluster.", "src.consumer.confluent.monitoring.interceptor.");

  static Map<String, ConfigDef> configDefs() throws Exception {
    Map<String, ConfigDef> defs = new LinkedHashMap<>();
    defs.put("ProducerConfig", ProducerConfig.configDef());
    defs.put("ConsumerConfig", ConsumerConfig.configDef());
    defs.put("AdminClientConfig", AdminClientConfig.configDef());
    ConfigDef sasl = new ConfigDef();
    SaslConfigs.addClientSaslSupport(sasl);
    defs.put("SaslConfigs", sasl);
    ConfigDef ssl = new ConfigDef();
    SslConfigs.addClientSslSupport(ssl);
    defs.put("SslConfigs", ssl);
    ConfigDef rest = new ConfigDef();
    org.apache.kafka.connect.runtime.rest.RestServerConfig.addPublicConfig(rest);
    defs.put("RestServerConfig", rest);
    // Connect and MirrorMaker keep their ConfigDefs in non-public statics.
    for (String cls : List.of("org.apache.kafka.connect.runtime.WorkerConfig",
        "org.apache.kafka.connect.runtime.standalone.StandaloneConfig",
        "org.apache.kafka.connect.runtime.ConnectorConfig",
        "org.apache.kafka.connect.runtime.SourceConnectorConfig",
        "org.apache.kafka.connect.runtime.SinkConnectorConfig",
        "org.apache.kafka.connect.mirror.MirrorSourceConfig",
        "org.apache.kafka.connect.mirror.MirrorCheckpointConfig",
        "org.apache.kafka.connect.mirror.MirrorHeartbeatConfig",
        "org.apache.kafka.connect.mirror.MirrorConnectorConfig",
        "org.apache.kafka.connect.mirror.MirrorMakerConfig",
        "org.apache.kafka.connect.mirror.MirrorClientConfig")) {
      Class<?> k = Class.forName(cls);
      for (Field f : k.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) && ConfigDef.class.isAssignableFrom(f.getType())) {
          f.setAccessible(true);
          defs.put(cls + "." + f.getName(), (ConfigDef) f.get(null));
        }
      }
      for (Method m : k.getDeclaredMethods()) {
        if (Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 0
            && ConfigDef.class.isAssignableFrom(m.getReturnType())) {
          m.setAccessible(true);
          defs.put(cls + "#" + m.getName(), (ConfigDef) m.invoke(null));
        }
      }
    }
    return defs;
  }

  @Test
  void everyPasswordSettingOfKafkaIsSensitive() throws Exception {
    Map<String, ConfigDef> defs = configDefs();
    assertTrue(defs.size() >= 15, "expected the client, Connect and MirrorMaker ConfigDefs: " + defs.keySet());
    TreeSet<String> passwords = new TreeSet<>();
    List<String> missed = new ArrayList<>();
    defs.forEach((where, def) -> def.configKeys().values().forEach(key -> {
      if (key.type == ConfigDef.Type.PASSWORD) {
        passwords.add(key.name);
        for (String prefix : PREFIXES) {
          if (!SensitiveKeys.isSensitive(prefix + key.name)) {
            missed.add(where + ": " + prefix + key.name);
          }
        }
      }
    }));
    assertTrue(passwords.contains("ssl.truststore.certificates")
        && passwords.contains("sasl.oauthbearer.assertion.private.key.passphrase"),
        "expected the ConfigDefs to have been read: " + passwords);
    assertEquals(List.of(), missed, "PASSWORD settings not classified sensitive");
    assertEquals(passwords, new TreeSet<>(SensitiveKeys.PASSWORD_SETTINGS),
        "expected PASSWORD_SETTINGS to list exactly Kafka's PASSWORD settings");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bearer.auth.token", "sasl.oauthbearer.assertion.private.key.passphrase",
      "snowflake.private.key", "snowflake.private.key.passphrase", "gcs.credentials.json",
      "gcs.credentials.path", "aws.secret.access.key", "azure.blob.storage.account.key.secret",
      "datadog.api.key", "api_key", "x.apikey", "connection.password", "mongodb.passwd",
      "basic.auth.user.info", "value.converter.basic.auth.user.info", "http.auth.header",
      "github.access.token", "ssl.keystore.certificate.chain", "src.kafka.ssl.truststore.certificates",
      "SSL.KEY.PASSWORD", "private_key", "client.secret", "secret"})
  void credentialNamesAreSensitive(String key) {
    assertTrue(SensitiveKeys.isSensitive(key), key + " is sensitive");
  }

  @ParameterizedTest
  @ValueSource(strings = {"topic", "tasks.max", "sasl.mechanism", "security.protocol",
      "key.converter", "name", "connector.class", "authorization.header.style",
      "enable.auto.commit", "src.kafka.bootstrap.servers", "ssl.truststore.type"})
  void ordinaryNamesAreNot(String key) {
    assertFalse(SensitiveKeys.isSensitive(key), key + " is not sensitive");
  }
}
