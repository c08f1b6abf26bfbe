package io.connectgate.bench;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CRUD mock, plus the ConfigMaps of the load's deploy-annotated reviews as the API server
 * would have stored them after admitting them: a GET of one answers its review's object, so
 * connectgate's re-read before creating a queued Job finds the admitted uid and content. (Storing
 * tens of thousands of them through the CRUD store first would take longer than the run.)
 */
final class StoredConfigMaps extends KubernetesCrudDispatcher {

  private final Map<String, String> objects = new ConcurrentHashMap<>();

  /** The stored object for {@code namespace/name}, as JSON. */
  void put(String namespace, String name, String json) {
    objects.put("/api/v1/namespaces/" + namespace + "/configmaps/" + name, json);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    if ("GET".equals(request.getMethod())) {
      String json = objects.get(request.getPath());
      if (json != null) {
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
            .setBody(json);
      }
    }
    return super.dispatch(request);
  }
}
