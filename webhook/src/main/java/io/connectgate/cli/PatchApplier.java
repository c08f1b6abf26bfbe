package io.connectgate.cli;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies, in place, the RFC 6902 patch the mutating webhook returns for a ConfigMap (only
 * {@code add} and {@code replace} of object members: what {@code ConfigMapPatch} emits), so
 * that {@code mutate} changes a manifest exactly as the API server would apply the webhook's
 * answer. Anything else is refused rather than guessed.
 */
final class PatchApplier {

  private PatchApplier() {}

  static void apply(ObjectNode target, JsonNode patch) {
    for (JsonNode op : patch) {
      String name = op.path("op").asString("");
      if (!name.equals("add") && !name.equals("replace")) {
        throw new IllegalArgumentException("unsupported patch operation " + name);
      }
      String path = op.path("path").asString("");
      int last = path.lastIndexOf('/');
      if (last < 0) {
        throw new IllegalArgumentException("patch path must start with /");
      }
      JsonNode parent = target.at(path.substring(0, last));
      if (!(parent instanceof ObjectNode object)) {
        throw new IllegalArgumentException("patch path has no object parent");
      }
      String member = unescape(path.substring(last + 1));
      if (name.equals("replace") && !object.has(member)) {
        throw new IllegalArgumentException("replace of a missing member");
      }
      object.set(member, op.get("value").deepCopy());
    }
  }

  private static String unescape(String token) {
    return token.replace("~1", "/").replace("~0", "~");
  }
}
