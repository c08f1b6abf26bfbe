package io.connectgate.validation;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Resolving {@code $ref}s between the catalog's files by IRI, for reading extension keywords. */
final class SchemaRefs {

  private SchemaRefs() {}

  /** The IRI of {@code ref} seen from the file at {@code baseIri}. */
  static String resolve(String baseIri, String ref) {
    String file = baseIri.contains("#") ? baseIri.substring(0, baseIri.indexOf('#')) : baseIri;
    if (ref.startsWith("#")) {
      return file + ref;
    }
    return ref.contains("://") ? ref : SchemaCatalogLoader.BASE_IRI + ref;
  }

  /** The JSON node at an IRI with an optional JSON Pointer fragment, or null. */
  static JsonNode node(Map<String, JsonNode> documents, String iri) {
    int hash = iri.indexOf('#');
    JsonNode doc = documents.get(hash < 0 ? iri : iri.substring(0, hash));
    if (doc == null) {
      return null;
    }
    if (hash < 0 || hash == iri.length() - 1) {
      return doc;
    }
    JsonNode n = doc.at(iri.substring(hash + 1));
    return n.isMissingNode() ? null : n;
  }

  static JsonNode followRefs(Map<String, JsonNode> documents, String iri, JsonNode node) {
    JsonNode current = node;
    String at = iri;
    for (int i = 0; i < 10 && current.has("$ref") && !current.has("x-connectgate-client"); i++) {
      at = resolve(at, current.get("$ref").asString());
      JsonNode next = node(documents, at);
      if (next == null) {
        break;
      }
      current = next;
    }
    return current;
  }

}
