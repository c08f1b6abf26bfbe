package io.connectgate.connector;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;

/**
 * Node positions of a JSON text (a JSON manifest, a bare connector file, or the connector
 * JSON inside a ConfigMap data value), keyed by escaped JSON Pointer. On a syntax error the
 * positions read so far are kept: the error itself is reported by the parser that found it.
 */
public final class JsonPositions {

  private static final int MAX_DEPTH = 200;
  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonPositions() {}

  public static DocumentPositions of(String text) {
    DocumentPositions.Builder out = new DocumentPositions.Builder();
    try (JsonParser p = FACTORY.createParser(ObjectReadContext.empty(), text)) {
      JsonToken t = p.nextToken();
      if (t != null) {
        read(p, t, DocumentPositions.Builder.NONE, "", null, out, 0);
      }
    } catch (JacksonException | NumberFormatException | IllegalStateException e) {
      // keep what was read
    }
    return out.build(0, text.length());
  }

  /**
   * Records the value at {@code token}, node {@code name} of {@code parent}; the first of
   * duplicate keys keeps its position, the nodes under the later ones are added under it.
   */
  private static void read(JsonParser p, JsonToken token, int parent, String name,
      TextPosition key, DocumentPositions.Builder out, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalStateException("too deep");
    }
    int id = out.add(parent, name,
        new NodePosition(key, position(p.currentTokenLocation()), false, 0, 0));
    if (token == JsonToken.START_OBJECT) {
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        TextPosition at = position(p.currentTokenLocation());
        String child = JsonPointers.escape(p.currentName());
        read(p, p.nextToken(), id, child, at, out, depth + 1);
      }
    } else if (token == JsonToken.START_ARRAY) {
      int i = 0;
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
        read(p, t, id, Integer.toString(i++), null, out, depth + 1);
      }
    }
  }

  private static TextPosition position(TokenStreamLocation loc) {
    return new TextPosition(loc.getLineNr(), loc.getColumnNr());
  }
}
