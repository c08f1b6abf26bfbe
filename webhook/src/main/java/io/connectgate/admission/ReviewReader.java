package io.connectgate.admission;

import io.connectgate.connector.Deadline;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an AdmissionReview body in one streaming pass, keeping only what admission reads:
 * the envelope's strings, request.kind, dryRun, and object and oldObject as
 * {@link ObjectReader} keeps them (no managedFields, data past its limit dropped, a cap on
 * everything else). Every other field (userInfo, options, resource, …) is skipped without
 * being built, so the heap a review holds follows what is checked, not what was sent.
 */
final class ReviewReader {

  private final JsonMapper mapper;

  ReviewReader(JsonMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * @return null when the body is not a JSON object
   * @throws tools.jackson.core.JacksonException when it is not JSON, or breaks the mapper's limits
   * @throws io.connectgate.connector.DeadlineExceededException once {@code deadline} has passed
   */
  ReviewParts read(byte[] body, Deadline deadline) {
    try (JsonParser p = mapper.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        skipValue(p);
        return null;
      }
      String apiVersion = null;
      String kind = null;
      Request request = null;
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "apiVersion" -> apiVersion = string(p, value);
          case "kind" -> kind = string(p, value);
          case "request" -> request = value == JsonToken.START_OBJECT ? request(p, deadline) : skip(p);
          default -> p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw new tools.jackson.core.exc.StreamReadException(p, "trailing content after the review");
      }
      if (request == null) {
        return new ReviewParts(apiVersion, kind, false, null, null, null, null, null, null, null,
            false, null);
      }
      return new ReviewParts(apiVersion, kind, true, request.uid, request.operation, request.kind,
          request.namespace, request.name, request.object, request.oldObject, request.dryRun,
          request.tooLarge);
    }
  }

  private static final class Request {
    String uid;
    String operation;
    GroupVersionKind kind;
    String namespace;
    String name;
    JsonNode object;
    JsonNode oldObject;
    boolean dryRun;
    String tooLarge;
  }

  private static Request request(JsonParser p, Deadline deadline) {
    Request r = new Request();
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "uid" -> r.uid = string(p, value);
        case "operation" -> r.operation = string(p, value);
        case "namespace" -> r.namespace = string(p, value);
        case "name" -> r.name = string(p, value);
        case "kind" -> r.kind = value == JsonToken.START_OBJECT ? kind(p) : skip(p);
        case "dryRun" -> r.dryRun = value == JsonToken.VALUE_TRUE;
        case "object", "oldObject" -> {
          // The stored object is only ever compared; its data need not be kept at all. A
          // digest is needed unless the operation is known not to be an UPDATE (the API
          // server sends operation before the objects; anyone else may not).
          boolean old = field.equals("oldObject");
          boolean digest = r.operation == null || "UPDATE".equals(r.operation);
          ObjectReader reader = new ObjectReader(!old, digest, deadline);
          JsonNode node = reader.read(p, value);
          if (old) {
            r.oldObject = node;
          } else {
            r.object = node;
          }
          if (reader.tooLarge() != null && r.tooLarge == null) {
            r.tooLarge = "request." + field + " " + reader.tooLarge();
          }
        }
        default -> p.skipChildren();
      }
    }
    return r;
  }

  private static GroupVersionKind kind(JsonParser p) {
    String group = null;
    String version = null;
    String kind = null;
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "group" -> group = string(p, value);
        case "version" -> version = string(p, value);
        case "kind" -> kind = string(p, value);
        default -> p.skipChildren();
      }
    }
    return new GroupVersionKind(group, version, kind);
  }

  /** The string value at the current token, or null (skipping a container) when it is none. */
  private static String string(JsonParser p, JsonToken value) {
    if (value == JsonToken.VALUE_STRING) {
      return p.getString();
    }
    p.skipChildren();
    return null;
  }

  private static <T> T skip(JsonParser p) {
    p.skipChildren();
    return null;
  }

  private static void skipValue(JsonParser p) {
    if (p.currentToken() != null) {
      p.skipChildren();
    }
  }
}
