package io.connectgate.admission;

import io.connectgate.connector.StreamedData;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The API server's own rules for the identifiers connectgate reads from a review
 * (k8s.io/apimachinery {@code pkg/util/validation}): namespaces are DNS-1123 labels, ConfigMap
 * names DNS-1123 subdomains, data and binaryData keys {@code IsConfigMapKey}. The API server
 * never sends anything else, so a review that breaks them did not come from it; it is denied
 * as malformed (docs/hardening.md "Identifiers"). Messages never quote the offending text.
 */
public final class Identifiers {

  public static final int MAX_LABEL = 63;
  public static final int MAX_SUBDOMAIN = 253;
  public static final int MAX_KEY = 253;

  private Identifiers() {}

  // The API server's expressions, matched by hand (one pass, nothing allocated; checked against
  // the expressions themselves in IdentifiersTest):
  // label     [a-z0-9]([-a-z0-9]*[a-z0-9])?
  // subdomain label(\.label)*
  // key       [-._a-zA-Z0-9]+

  public static boolean isDns1123Label(String s) {
    return s != null && s.length() <= MAX_LABEL && isLabel(s, 0, s.length());
  }

  public static boolean isDns1123Subdomain(String s) {
    if (s == null || s.length() > MAX_SUBDOMAIN) {
      return false;
    }
    int start = 0;
    for (int i = 0; i <= s.length(); i++) {
      if (i == s.length() || s.charAt(i) == '.') {
        if (!isLabel(s, start, i)) {
          return false;
        }
        start = i + 1;
      }
    }
    return true;
  }

  /** {@code IsConfigMapKey}. */
  public static boolean isConfigMapKey(String s) {
    if (s == null || s.isEmpty() || s.length() > MAX_KEY || s.equals(".") || s.startsWith("..")) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!lowerOrDigit(c) && !(c >= 'A' && c <= 'Z') && c != '-' && c != '.' && c != '_') {
        return false;
      }
    }
    return true;
  }

  /** {@code s[from, to)} is a DNS-1123 label's text (its length is checked by the caller). */
  private static boolean isLabel(String s, int from, int to) {
    if (from >= to || !lowerOrDigit(s.charAt(from)) || !lowerOrDigit(s.charAt(to - 1))) {
      return false;
    }
    for (int i = from + 1; i < to - 1; i++) {
      char c = s.charAt(i);
      if (!lowerOrDigit(c) && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean lowerOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  /**
   * Every rule the review breaks, or an empty list. The namespace is checked for every kind;
   * name, the object's own metadata and its keys for core/v1 ConfigMaps, the kind whose
   * identifiers connectgate passes on.
   */
  static List<String> problems(GroupVersionKind kind, String operation, String namespace,
      String name, JsonNode object) {
    List<String> problems = new ArrayList<>(0);
    if (namespace != null && !namespace.isEmpty() && !isDns1123Label(namespace)) {
      problems.add("request.namespace is not a namespace name (a DNS-1123 label of at most "
          + MAX_LABEL + " characters)");
    }
    if (!kind.isCoreConfigMap()) {
      return problems;
    }
    boolean nameMayBeEmpty = "CREATE".equals(operation); // generateName
    if (name == null || name.isEmpty()) {
      if (!nameMayBeEmpty) {
        problems.add("request.name is missing (only a CREATE may leave it to generateName)");
      }
    } else if (!isDns1123Subdomain(name)) {
      problems.add("request.name is not a ConfigMap name (a DNS-1123 subdomain of at most "
          + MAX_SUBDOMAIN + " characters)");
    }
    if (object == null || !object.isObject()) {
      return problems;
    }
    JsonNode metadata = object.path("metadata");
    String ownNamespace = text(metadata.get("namespace"));
    if (ownNamespace != null && !ownNamespace.isEmpty() && !ownNamespace.equals(namespace)) {
      problems.add("object.metadata.namespace differs from request.namespace");
    }
    String ownName = text(metadata.get("name"));
    if (ownName != null && !ownName.isEmpty() && name != null && !name.isEmpty()
        && !ownName.equals(name)) {
      problems.add("object.metadata.name differs from request.name");
    } else if (ownName != null && !ownName.isEmpty() && !isDns1123Subdomain(ownName)) {
      problems.add("object.metadata.name is not a ConfigMap name (a DNS-1123 subdomain of at"
          + " most " + MAX_SUBDOMAIN + " characters)");
    }
    for (String field : List.of("data", "binaryData")) {
      JsonNode map = object.get(field);
      if (map == null || map.isNull()) {
        continue;
      }
      if (!map.isObject()) {
        problems.add("object." + field + " is not a map");
        continue;
      }
      int position = 0;
      int bad = 0;
      for (Iterator<String> keys = map.propertyNames().iterator(); keys.hasNext() && bad == 0; ) {
        position++;
        if (!isConfigMapKey(keys.next())) {
          bad = position;
        }
      }
      if (bad == 0 && map instanceof StreamedData streamed) {
        bad = streamed.firstBadKey(); // the entries the reader checked and dropped
      }
      if (bad > 0) {
        problems.add("object." + field + " key number " + bad + " is not a ConfigMap"
            + " key ([-._a-zA-Z0-9]+, at most " + MAX_KEY + " characters, not . or .. and"
            + " not starting with ..)");
      }
    }
    return problems;
  }

  private static String text(JsonNode node) {
    return node != null && node.isString() ? node.asString() : null;
  }
}
