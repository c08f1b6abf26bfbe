package io.connectgate.admission;

import java.util.Base64;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
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

  public ObjectNode complete(String apiVersion, String uid, Decision decision) {
    ObjectNode review = mapper.createObjectNode();
    review.put("apiVersion", apiVersion);
    review.put("kind", "AdmissionReview");
    ObjectNode response = review.putObject("response");
    response.put("uid", uid);
    // Java 17: no pattern switch yet; the sealed interface keeps this list complete.
    if (decision instanceof Decision.Allowed allowed) {
      response.put("allowed", true);
      response.putObject("status").put("code", 200);
      if (allowed.patch() != null) {
        response.put("patchType", "JSONPatch");
        response.put(
            "patch", Base64.getEncoder().encodeToString(mapper.writeValueAsBytes(allowed.patch())));
      }
    } else if (decision instanceof Decision.Denied denied) {
      response.put("allowed", false);
      ObjectNode status = response.putObject("status");
      status.put("code", denied.code());
      status.put("reason", reason(denied.code()));
      status.put("message", denied.message());
    } else if (decision instanceof Decision.Failed failed) {
      response.put("allowed", false);
      ObjectNode status = response.putObject("status");
      status.put("code", 500);
      status.put("reason", "InternalError");
      status.put("message", "connectgate could not review this object (internal error "
          + failed.reference() + "); see the webhook log");
    }
    if (!decision.warnings().isEmpty()) {
      ArrayNode warnings = response.putArray("warnings");
      decision.warnings().forEach(warnings::add);
    }
    return review;
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
