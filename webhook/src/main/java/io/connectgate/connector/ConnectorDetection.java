package io.connectgate.connector;

/**
 * Whether one ConfigMap data entry, on its own, makes the ConfigMap one that carries
 * connectors: a key ending in {@code .json} whose text is a connector document, as strict JSON
 * or as Kafka Connect would read its bytes (behind a byte order mark, with trailing content or
 * comments: see {@link StrictJsonParser#readAsConnect}). The engine's own loop decides the
 * same way for the entries it checks; this is for entries a streaming reader does not keep.
 */
public final class ConnectorDetection {

  private static final StrictJsonParser PARSER = new StrictJsonParser();
  private static final char NUL = 0;

  private ConnectorDetection() {}

  public static boolean carriesConnector(String key, String text) {
    if (key == null || text == null || !key.endsWith(".json")) {
      return false;
    }
    // A connector document names connector.class, literally or through a backslash escape,
    // or is text whose bytes Connect would read as UTF-16 or UTF-32 (NULs between the
    // characters): anything else is not one, whatever it parses to, and costs no parse.
    if (!text.contains("connector.class") && text.indexOf('\\') < 0 && text.indexOf(NUL) < 0) {
      return false;
    }
    ParsedJson parsed = PARSER.parse(text);
    if (!parsed.syntaxError()) {
      return ConnectorDocuments.recognise(key, parsed.root(), parsed.problems()) != null;
    }
    StrictJsonParser.ConnectReading reading = PARSER.readAsConnect(text);
    return reading != null
        && ConnectorDocuments.recognise(key, reading.root(), reading.duplicates()) != null;
  }
}
