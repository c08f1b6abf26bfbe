package io.connectgate.validation;

import io.connectgate.connector.Origin;
import java.util.List;

/**
 * The findings of a valid FileStreamSink connector ({@code file} and {@code topics} set) with
 * more settings: the connector the plugin-setting and SMT tests hang what they check on, so
 * that any finding is the added settings' own.
 */
final class FileSinkFindings {

  private static final ConnectorEngine ENGINE = new ConnectorEngine(TestCatalogs.repository());

  private FileSinkFindings() {}

  /** {@code settings}: JSON members to add to the config, each starting with ", ". */
  static List<Finding> with(String settings) {
    String text = "{\"name\": \"sink\", \"config\": {\"connector.class\": \"FileStreamSink\","
        + " \"file\": \"/tmp/out\", \"topics\": \"orders\"" + settings + "}}";
    return ENGINE.inspectConnectorText(text, Origin.admission("ns", "cm")).findings();
  }
}
