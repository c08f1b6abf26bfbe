package io.connectgate.validation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Secrets beyond {@code *password*} settings, as published configs write them (an S3 sink's
 * {@code aws.secret.access.key}, a Snowflake sink's key passphrase, a JDBC source's URL), and
 * the names and URLs that only look like them.
 */
class LiteralSecretsTest {

  @Test
  void keysNamingASecret() {
    for (String key : List.of("aws.secret.access.key", "connect.s3.aws.secret.key",
        "azure.client.secret", "sasl.oauthbearer.client.credentials.client.secret",
        "snowflake.private.key.passphrase", "iceberg.catalog.s3.secret-access-key",
        "kafka.api.secret", "splunk.hec.token", "bearer.token",
        "camel.sink.endpoint.authorizationToken".toLowerCase())) {
      assertTrue(LiteralSecrets.namesSecret(key), key);
    }
    for (String key : List.of("s3.credentials.provider.class", "secret.name",
        "aws.secretsmanager.region", "sasl.oauthbearer.token.endpoint.url", "aws.access.key.id",
        "key.converter", "schema.keyfield", "api.url", "secret.arn", "kafka.api.key",
        "ssl.key.passphrase.file", "token.type",
        "splunk.hec.token.file")) {
      assertFalse(LiteralSecrets.namesSecret(key), key);
    }
  }

  @Test
  void urlsHoldingAPassword() {
    for (String url : List.of(
        "jdbc:mysql://mysql:3306/mydb?user=user&password=password&useSSL=false",
        "jdbc:postgresql://db:5432/payment?user=user&password=pass",
        "jdbc:sqlserver://db:1433;databaseName=x;user=sa;Password=Secret1",
        "mongodb://debezium:dbz@mongo1:27017,mongo2:27017/?replicaSet=rs0")) {
      assertTrue(LiteralSecrets.urlPassword(url), url);
    }
    for (String url : List.of("jdbc:postgresql://postgres:5432/numbers",
        "mongodb://mongo1:27017/?replicaSet=rs0", "SASL_SSL://broker:9093",
        "jdbc:mysql://db/x?user=u&password=${file:/opt/secrets.properties:db.password}",
        "mongodb://${file:/opt/mongo.properties:user}:${file:/opt/mongo.properties:pw}@mongo:27017",
        "http://user@host/path", "jdbc:mysql://db/x?password=&user=u", "no-password=here",
        "https://example.com/reset?forgot_password=1")) {
      assertFalse(LiteralSecrets.urlPassword(url), url);
    }
  }
}
