package io.connectgate.kube;

import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the real API server does around CRDs and Fabric8's CRUD mock does not, in front of a
 * {@link PagingCrudDispatcher}: discovery of a group ({@code GET /apis/GROUP}: its served
 * versions, the preferred one first by Kubernetes' version priority; 404 when no CRD has the
 * group), 404 for a list of a custom resource no installed CRD serves in that version (the mock
 * would answer an empty list), and 403 for a list of a resource a test {@link #forbid}s, worded
 * as RBAC's refusal. Everything else goes to the CRUD mock.
 */
public final class CrdAwareDispatcher extends Dispatcher {

  private static final Pattern GROUP = Pattern.compile("/apis/([^/]+)");
  private static final Pattern LIST =
      Pattern.compile("/api(?:s/([^/]+))?/([^/]+)/(?:namespaces/([^/]+)/)?([^/]+)");
  private static final Pattern KUBE_VERSION = Pattern.compile("v(\\d+)(?:(alpha|beta)(\\d+))?");

  public final PagingCrudDispatcher crud = new PagingCrudDispatcher();
  private final Set<String> forbidden = ConcurrentHashMap.newKeySet();
  private final JsonMapper json = JsonMapper.builder().build();

  /** From now on, listing {@code plural} (of any group) is refused with 403. */
  public void forbid(String plural) {
    forbidden.add(plural);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = URI.create(request.getPath()).getPath();
    if ("GET".equals(request.getMethod())) {
      Matcher group = GROUP.matcher(path);
      if (group.matches() && isCustom(group.group(1))) {
        return discovery(group.group(1));
      }
      Matcher list = LIST.matcher(path);
      if (list.matches()) {
        String apiGroup = list.group(1) == null ? "" : list.group(1);
        String plural = list.group(4);
        if (forbidden.contains(plural)) {
          return status(403, "Forbidden", (apiGroup.isEmpty() ? plural : plural + "." + apiGroup)
              + " is forbidden: User \"system:serviceaccount:connectgate:connectgate-audit\" cannot"
              + " list resource \"" + plural + "\" in API group \"" + apiGroup + "\" "
              + (list.group(3) == null ? "at the cluster scope" : "in the namespace \"" + list.group(3) + "\""));
        }
        if (isCustom(apiGroup) && !served(apiGroup, list.group(2), plural)) {
          return status(404, "NotFound", "the server could not find the requested resource");
        }
      }
    }
    return crud.dispatch(request);
  }

  private static boolean isCustom(String group) {
    return !group.isEmpty() && !group.endsWith("k8s.io");
  }

  private List<JsonNode> crds() {
    MockResponse all = crud.handleGet("/apis/apiextensions.k8s.io/v1/customresourcedefinitions");
    List<JsonNode> out = new ArrayList<>();
    json.readTree(all.getBody().readUtf8()).path("items").forEach(out::add);
    return out;
  }

  private boolean served(String group, String version, String plural) {
    return crds().stream().anyMatch(crd -> crd.at("/spec/group").asString().equals(group)
        && crd.at("/spec/names/plural").asString().equals(plural)
        && servedVersions(crd).contains(version));
  }

  private static List<String> servedVersions(JsonNode crd) {
    List<String> versions = new ArrayList<>();
    crd.at("/spec/versions").forEach(v -> {
      if (v.path("served").asBoolean()) {
        versions.add(v.path("name").asString());
      }
    });
    return versions;
  }

  private MockResponse discovery(String group) {
    List<String> versions = crds().stream().filter(crd -> crd.at("/spec/group").asString().equals(group))
        .flatMap(crd -> servedVersions(crd).stream()).distinct()
        .sorted(Comparator.comparing(CrdAwareDispatcher::priority, Comparator.reverseOrder()))
        .toList();
    if (versions.isEmpty()) {
      return status(404, "NotFound", "the server could not find the requested resource");
    }
    ObjectNode body = json.createObjectNode().put("kind", "APIGroup").put("apiVersion", "v1")
        .put("name", group);
    ArrayNode list = body.putArray("versions");
    versions.forEach(v -> list.addObject().put("groupVersion", group + "/" + v).put("version", v));
    body.set("preferredVersion", list.get(0).deepCopy());
    return new MockResponse().setResponseCode(200).setBody(json.writeValueAsString(body));
  }

  /** Kubernetes' version priority: GA over beta over alpha, then the higher numbers. */
  private static Long priority(String version) {
    Matcher m = KUBE_VERSION.matcher(version);
    if (!m.matches()) {
      return -1L;
    }
    long stability = m.group(2) == null ? 2 : m.group(2).equals("beta") ? 1 : 0;
    long minor = m.group(3) == null ? 0 : Long.parseLong(m.group(3));
    return stability * 1_000_000 + Long.parseLong(m.group(1)) * 1_000 + minor;
  }

  private MockResponse status(int code, String reason, String message) {
    ObjectNode status = json.createObjectNode().put("kind", "Status").put("apiVersion", "v1")
        .put("status", "Failure").put("message", message).put("reason", reason).put("code", code);
    status.putObject("metadata");
    return new MockResponse().setResponseCode(code).setBody(json.writeValueAsString(status));
  }
}
