package io.connectgate.kube;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fabric8's CRUD mock answers a list with every item and ignores {@code limit}; the real API
 * server pages. This dispatcher pages list responses the way the API server does (an opaque
 * {@code continue} token, here the offset), and records the list requests it served, so a
 * test can prove the client pages instead of loading everything at once.
 */
public final class PagingCrudDispatcher extends KubernetesCrudDispatcher {

  private final JsonMapper json = JsonMapper.builder().build();
  public final List<String> listRequests = new ArrayList<>();

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    MockResponse response = super.dispatch(request);
    String limit = query(request.getPath(), "limit");
    if (!"GET".equals(request.getMethod()) || limit == null || response.getBody() == null) {
      return response;
    }
    JsonNode body = json.readTree(response.getBody().readUtf8());
    if (!body.path("items").isArray()) {
      return response.setBody(json.writeValueAsString(body));
    }
    synchronized (listRequests) {
      listRequests.add(request.getPath());
    }
    String cont = query(request.getPath(), "continue");
    int from = cont == null ? 0 : Integer.parseInt(cont);
    int size = Integer.parseInt(limit);
    ArrayNode all = (ArrayNode) body.get("items");
    ArrayNode page = json.createArrayNode();
    for (int i = from; i < Math.min(all.size(), from + size); i++) {
      page.add(all.get(i));
    }
    ObjectNode out = ((ObjectNode) body).set("items", page);
    ObjectNode meta = out.has("metadata") ? (ObjectNode) out.get("metadata") : out.putObject("metadata");
    if (from + size < all.size()) {
      meta.put("continue", Integer.toString(from + size));
    }
    return response.setBody(json.writeValueAsString(out));
  }

  private static String query(String path, String name) {
    String q = URI.create(path).getRawQuery();
    if (q == null) {
      return null;
    }
    for (String part : q.split("&")) {
      int eq = part.indexOf('=');
      if (eq > 0 && part.substring(0, eq).equals(name)) {
        return java.net.URLDecoder.decode(part.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
