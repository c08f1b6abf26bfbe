package io.connectgate.admission;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.policy.Policy;
import io.connectgate.validation.SchemaCatalogException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@code serve}'s catalog: built-in plus {@code --schemas}; a broken directory fails start-up. */
class ReviewerFactoryTest {

  @Test
  void brokenSchemaDirectoryFailsWithTheFileNamed() {
    Path dir = Path.of("src/test/resources/user-schemas-broken-json");
    SchemaCatalogException e = assertThrows(SchemaCatalogException.class,
        () -> ReviewerFactory.standard().create(dir, Policy::builtIn),
        "serve must not start with a broken schema directory");
    assertTrue(e.getMessage().contains(dir.resolve("broken.schema.json") + ": invalid JSON"),
        () -> "the message names the file: " + e.getMessage());
  }

  @Test
  void userSchemaDecidesAdmission() {
    ConfigMapReviewer reviewer = ReviewerFactory.standard()
        .create(Path.of("src/test/resources/user-schemas"), Policy::builtIn);
    ObjectNode cm = JsonMapper.builder().build().createObjectNode();
    cm.put("apiVersion", "v1").put("kind", "ConfigMap");
    cm.putObject("metadata").put("name", "acme").putObject("labels")
        .put("connectgate.io/connector", "true");
    cm.putObject("data").put("acme.json", "{\"name\": \"a\", \"config\": {\"connector.class\":"
        + " \"com.example.AcmeSinkConnector\", \"topics\": \"t\"}}");
    Review denied = reviewer.review(cm, "default", "acme", false);
    assertTrue(denied.hasErrors(), () -> "acme.endpoint is required: " + denied.findings());

    ((ObjectNode) cm.path("data")).put("acme.json", "{\"name\": \"a\", \"config\": {"
        + "\"connector.class\": \"com.example.AcmeSinkConnector\", \"topics\": \"t\","
        + " \"acme.endpoint\": \"https://w.example.com\"}}");
    Review mutated = reviewer.review(cm, "default", "acme", true);
    assertFalse(mutated.hasErrors(), () -> "valid: " + mutated.findings());
    assertNotNull(mutated.patch(), "the user schema's injected default makes a patch");
  }
}
