package io.connectgate.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link Redactor#revealsAny} lets {@code DocumentContext} skip building the sensitive values
 * when no message holds one: it must never say "no" where {@link Redactor#scrub} would change
 * a message (that would let a secret through), and should say "yes" only where one occurs.
 */
class RedactorRevealsTest {

  private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required"
      + " username=\"alice\" password=\"S3cr\\\"et-Pa55\";";

  private static ObjectNode config() {
    ObjectNode config = JsonMapper.builder().build().createObjectNode();
    config.put("connector.class", "io.example.Source");
    config.put("src.kafka.sasl.jaas.config", JAAS);
    config.put("ssl.truststore.password", "  Tru5tMe  ");
    config.put("db.credentials", "first-Secret,second-Secret");
    config.put("api.token", "xY");
    config.put("topics", "orders");
    return config;
  }

  private static boolean scrubChanges(ObjectNode config, List<String> messages) {
    List<String> secrets = Redactor.sensitiveValues(config);
    return messages.stream().anyMatch(m -> !Redactor.scrub(m, secrets).equals(m));
  }

  private static boolean reveals(ObjectNode config, String message) {
    return Redactor.revealsAny(config, List.of(message), DocumentContextJaas::parse, new Redactor.Scan());
  }

  @Test
  void everyFormScrubMasksIsSeen() {
    ObjectNode config = config();
    List<String> forms = Redactor.sensitiveValues(config);
    assertTrue(forms.size() > 20, "the forms under test: " + forms.size());
    for (String form : forms) {
      String message = "/config/x: is `" + form + "` here";
      assertTrue(scrubChanges(config, List.of(message)), form);
      assertTrue(reveals(config, message), "not seen: " + form);
    }
  }

  @Test
  void messagesWithoutASecretAreNotFlagged() {
    ObjectNode config = config();
    for (String message : List.of("has no effect with security.protocol PLAINTEXT",
        "holds a password in plain text; use a ${...} reference", "topics `orders` is fine",
        "mixed case aLiCe-ish but S3CR\"ET-pa55 is neither form", "")) {
      assertFalse(reveals(config, message), message);
      assertFalse(scrubChanges(config, List.of(message)), message);
    }
  }

  /** Random messages built from pieces of the secrets in mixed case: never a miss. */
  @Test
  void neverMissesWhatScrubWouldMask() {
    ObjectNode config = config();
    List<String> pieces = new ArrayList<>(Redactor.sensitiveValues(config));
    pieces.addAll(List.of("alice", "ALICE", "aLiCe", "S3cr", "et-Pa55", "xy", "XY", " x Y ", "Tru5t",
        "TRU5TME", "tru5tme", "first-secret", "SECOND-SECRET", "\\\"", "\"", ",", " ", "orders"));
    Random random = new Random(42);
    int flagged = 0;
    for (int i = 0; i < 5000; i++) {
      StringBuilder message = new StringBuilder();
      int n = 1 + random.nextInt(4);
      for (int j = 0; j < n; j++) {
        String piece = pieces.get(random.nextInt(pieces.size()));
        int from = random.nextInt(piece.length() + 1);
        int to = from + random.nextInt(piece.length() - from + 1);
        message.append(random.nextBoolean() ? piece : piece.substring(from, to)).append(' ');
      }
      String m = message.toString();
      boolean changes = scrubChanges(config, List.of(m));
      if (changes) {
        assertTrue(reveals(config, m), "missed: " + m);
      }
      if (reveals(config, m)) {
        flagged++;
      }
    }
    assertTrue(flagged > 100 && flagged < 5000, "flagged " + flagged);
  }

  @Test
  void aConfigWithoutSecretsRevealsNothing() {
    ObjectNode config = JsonMapper.builder().build().createObjectNode().put("topics", "orders");
    assertEquals(List.of(), Redactor.sensitiveValues(config));
    assertFalse(reveals(config, "topics `orders`"));
  }

  /** As DocumentContext memoises it: the entries, or the syntax error. */
  private static final class DocumentContextJaas {
    static Object parse(String value) {
      try {
        return JaasParser.parse(value);
      } catch (JaasParser.SyntaxError e) {
        return e;
      }
    }
  }
}
