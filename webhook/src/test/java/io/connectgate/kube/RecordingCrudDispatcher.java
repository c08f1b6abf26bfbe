package io.connectgate.kube;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.List;

/** Fabric8's CRUD mock, recording each call's method, path and answer code. */
final class RecordingCrudDispatcher extends KubernetesCrudDispatcher {

  record Call(String method, String path, int status) {}

  private final List<Call> calls = new ArrayList<>();

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    MockResponse response = super.dispatch(request);
    synchronized (calls) {
      calls.add(new Call(request.getMethod(), request.getPath(), response.code()));
    }
    return response;
  }

  List<Call> calls(String method, String pathPart) {
    synchronized (calls) {
      return calls.stream().filter(c -> c.method().equals(method) && c.path().contains(pathPart)).toList();
    }
  }
}
