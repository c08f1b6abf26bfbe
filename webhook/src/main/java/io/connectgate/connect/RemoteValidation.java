package io.connectgate.connect;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The answer of {@code PUT /connector-plugins/{class}/config/validate}: Connect's
 * {@code error_count} and, per setting, its {@code configs[].value.errors}, as
 * {@code /config/KEY: message} lines like the engine's findings.
 */
public record RemoteValidation(int errorCount, List<String> findings) {

  public RemoteValidation {
    findings = List.copyOf(findings);
  }

  public static RemoteValidation from(JsonNode body) {
    List<String> findings = new ArrayList<>();
    for (JsonNode config : body.path("configs")) {
      JsonNode value = config.path("value");
      String key = value.path("name").asString(config.path("definition").path("name")
          .asString("?"));
      for (JsonNode error : value.path("errors")) {
        findings.add("/config/" + key + ": " + error.asString(""));
      }
    }
    int count = body.path("error_count").asInt(findings.size());
    return new RemoteValidation(count, findings);
  }
}
