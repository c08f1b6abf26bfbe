package io.connectgate.admission;

import io.connectgate.connector.ConnectorDetection;
import io.connectgate.connector.Deadline;
import io.connectgate.connector.StreamedData;
import io.connectgate.validation.Limits;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds request.object or request.oldObject from the stream, keeping what admission reads
 * and bounding what it holds (docs/hardening.md "Memory"):
 * <ul>
 *   <li>{@code metadata.managedFields} is skipped: the API server's bookkeeping, never read;</li>
 *   <li>{@code data} keeps its first {@link Limits#MAX_ENTRIES} entries (none for the stored
 *       object, which is only compared); each one past them is read once, checked for a
 *       connector document and a bad key, folded into a digest and dropped
 *       ({@link StreamedData}); {@code binaryData} keeps no entries at all;</li>
 *   <li>everything else counts against {@value #MAX_VALUES} JSON values; past that the rest is
 *       skipped and {@link #tooLarge()} says so (no real ConfigMap or connector resource comes
 *       near: a connector has at most {@value Limits#MAX_SETTINGS} settings).</li>
 * </ul>
 * One reader per object; not thread-safe.
 */
final class ObjectReader {

  /** JSON values of one object outside data and binaryData. */
  static final int MAX_VALUES = 2048;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final boolean keepData;
  private final boolean digest;
  private final Deadline deadline;
  private int values;
  private String tooLarge;

  /**
   * @param keepData whether data's first entries are kept (the object under review) or none
   *     (the stored object, only compared)
   * @param digest whether data and binaryData are digested, for an UPDATE's comparison
   * @param deadline checked per entry a connector check looks at
   */
  ObjectReader(boolean keepData, boolean digest, Deadline deadline) {
    this.keepData = keepData;
    this.digest = digest;
    this.deadline = deadline;
  }

  /** Why the object was cut short, or null. */
  String tooLarge() {
    return tooLarge;
  }

  /** The value at {@code token}, the current token of {@code p}. */
  JsonNode read(JsonParser p, JsonToken token) {
    if (token != JsonToken.START_OBJECT) {
      return value(p, token);
    }
    ObjectNode object = NODES.objectNode();
    count();
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      JsonNode node = switch (field) {
        case "metadata" -> value == JsonToken.START_OBJECT ? metadata(p) : value(p, value);
        case "data" -> value == JsonToken.START_OBJECT
            ? data(p, keepData ? Limits.MAX_ENTRIES : 0, keepData) : value(p, value);
        case "binaryData" -> value == JsonToken.START_OBJECT ? data(p, 0, false) : value(p, value);
        default -> value(p, value);
      };
      if (node != null) {
        object.set(field, node);
      }
    }
    return object;
  }

  private ObjectNode metadata(JsonParser p) {
    ObjectNode metadata = NODES.objectNode();
    count();
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if ("managedFields".equals(field)) {
        p.skipChildren();
        continue;
      }
      JsonNode node = value(p, value);
      if (node != null) {
        metadata.set(field, node);
      }
    }
    return metadata;
  }

  private StreamedData data(JsonParser p, int keep, boolean detect) {
    MessageDigest sha = digest ? sha256() : null;
    ObjectNode kept = NODES.objectNode();
    int entries = 0;
    int firstBadKey = 0;
    boolean droppedConnector = false;
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String key = p.currentName();
      JsonToken token = p.nextToken();
      entries++;
      if (sha != null) {
        update(sha, key);
      }
      if (entries <= keep) {
        JsonNode node = entryValue(p, token, sha);
        if (node != null) {
          kept.set(key, node);
        }
        continue;
      }
      if (firstBadKey == 0 && !Identifiers.isConfigMapKey(key)) {
        firstBadKey = entries;
      }
      if (token == JsonToken.VALUE_STRING) {
        String text = p.getString();
        if (sha != null) {
          update(sha, text);
        }
        if (detect && !droppedConnector && key.endsWith(".json")) {
          deadline.check();
          droppedConnector = ConnectorDetection.carriesConnector(key, text);
        }
      } else {
        fold(p, token, sha);
      }
    }
    StreamedData data = new StreamedData(NODES, entries, droppedConnector, firstBadKey,
        sha == null ? null : sha.digest());
    data.setAll(kept);
    return data;
  }

  /**
   * A kept entry's value: its string, or (not from an API server) any value, counted. Such a
   * non-string value is digested as its JSON text here and token by token when dropped
   * ({@link #fold}), so a kept and a dropped copy compare unequal: the UPDATE is then
   * reviewed, the safe side.
   */
  private JsonNode entryValue(JsonParser p, JsonToken token, MessageDigest sha) {
    if (token == JsonToken.VALUE_STRING) {
      String text = p.getString();
      if (sha != null) {
        update(sha, text);
      }
      return NODES.stringNode(text);
    }
    JsonNode node = value(p, token);
    if (sha != null && node != null) {
      update(sha, "\u0001" + node);
    }
    return node;
  }

  /** Folds a value that is not kept into the digest, token by token, without building it. */
  private static void fold(JsonParser p, JsonToken token, MessageDigest sha) {
    int depth = 0;
    JsonToken t = token;
    do {
      if (sha != null) {
        update(sha, t.name());
        if (t == JsonToken.PROPERTY_NAME || t.isScalarValue()) {
          update(sha, p.getString());
        }
      }
      if (t.isStructStart()) {
        depth++;
      } else if (t.isStructEnd()) {
        depth--;
      }
      if (depth > 0) {
        t = p.nextToken();
      }
    } while (depth > 0 && t != null);
  }

  /** Any other value, built while the budget lasts; skipped (null) once it is spent. */
  private JsonNode value(JsonParser p, JsonToken token) {
    if (!count()) {
      p.skipChildren();
      return null;
    }
    return switch (token) {
      case START_OBJECT -> {
        ObjectNode o = NODES.objectNode();
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
          String field = p.currentName();
          JsonNode child = value(p, p.nextToken());
          if (child != null) {
            o.set(field, child);
          }
        }
        yield o;
      }
      case START_ARRAY -> {
        ArrayNode a = NODES.arrayNode();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY && t != null; t = p.nextToken()) {
          JsonNode child = value(p, t);
          if (child != null) {
            a.add(child);
          }
        }
        yield a;
      }
      case VALUE_STRING -> NODES.stringNode(p.getString());
      case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
        case INT -> NODES.numberNode(p.getIntValue());
        case LONG -> NODES.numberNode(p.getLongValue());
        default -> NODES.numberNode(p.getBigIntegerValue());
      };
      case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDoubleValue());
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      default -> NODES.nullNode();
    };
  }

  /** Takes one value from the budget; false (and {@link #tooLarge} set) once it is spent. */
  private boolean count() {
    if (values >= MAX_VALUES) {
      if (tooLarge == null) {
        tooLarge = "has more than " + MAX_VALUES + " JSON values outside data and binaryData"
            + " (limit: size of an object's other fields)";
      }
      return false;
    }
    values++;
    return true;
  }

  private static void update(MessageDigest sha, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    sha.update((byte) (bytes.length >>> 24));
    sha.update((byte) (bytes.length >>> 16));
    sha.update((byte) (bytes.length >>> 8));
    sha.update((byte) bytes.length);
    sha.update(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
