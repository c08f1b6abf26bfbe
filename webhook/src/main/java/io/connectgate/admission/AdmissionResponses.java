package io.connectgate.admission;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one function that completes every AdmissionReview response: uid echo, the request's
 * apiVersion, allowed, status, warnings and the base64 JSONPatch. Nothing else writes
 * response fields, so no path can forget the uid or send a patch without its type.
 */
public final class AdmissionResponses {

  private final JsonMapper mapper;

  public AdmissionResponses(JsonMapper mapper) {
    this.mapper = mapper;
  }

  /** The response as a tree (for tests and tools): {@link #encode}, read back. */
  public ObjectNode complete(String apiVersion, String uid, Decision decision) {
    return (ObjectNode) mapper.readTree(encode(apiVersion, uid, decision));
  }

  /**
   * The response's JSON, written field by field: once per review, and writing it straight out
   * costs a fraction of building a tree and serialising that.
   */
  public byte[] encode(String apiVersion, String uid, Decision decision) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = mapper.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringProperty("apiVersion", apiVersion);
      json.writeStringProperty("kind", "AdmissionReview");
      json.writeObjectPropertyStart("response");
      json.writeStringProperty("uid", uid);
      // Java 17: no pattern switch yet; the sealed interface keeps this list complete.
      if (decision instanceof Decision.Allowed allowed) {
        json.writeBooleanProperty("allowed", true);
        json.writeObjectPropertyStart("status");
        json.writeNumberProperty("code", 200);
        json.writeEndObject();
        if (allowed.patch() != null) {
          json.writeStringProperty("patchType", "JSONPatch");
          json.writeStringProperty("patch",
              Base64.getEncoder().encodeToString(mapper.writeValueAsBytes(allowed.patch())));
        }
      } else if (decision instanceof Decision.Denied denied) {
        json.writeBooleanProperty("allowed", false);
        json.writeObjectPropertyStart("status");
        json.writeNumberProperty("code", denied.code());
        json.writeStringProperty("reason", reason(denied.code()));
        json.writeStringProperty("message", denied.message());
        json.writeEndObject();
      } else if (decision instanceof Decision.Failed failed) {
        json.writeBooleanProperty("allowed", false);
        json.writeObjectPropertyStart("status");
        json.writeNumberProperty("code", 500);
        json.writeStringProperty("reason", "InternalError");
        json.writeStringProperty("message", "connectgate could not review this object (internal error "
            + failed.reference() + "); see the webhook log");
        json.writeEndObject();
      }
      if (!decision.warnings().isEmpty()) {
        json.writeArrayPropertyStart("warnings");
        for (String warning : decision.warnings()) {
          json.writeString(warning);
        }
        json.writeEndArray();
      }
      json.writeEndObject();
      json.writeEndObject();
    }
    return out.toByteArray();
  }

  private static String reason(int code) {
    return switch (code) {
      case 400 -> "BadRequest";
      case 403 -> "Forbidden";
      case 429 -> "TooManyRequests";
      default -> code >= 500 ? "InternalError" : "Forbidden";
    };
  }
}
