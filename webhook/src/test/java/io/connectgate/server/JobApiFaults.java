package io.connectgate.server;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Fabric8's CRUD mock API server, with faults a test can switch on for Job creation only: an
 * HTTP 500, or an answer that comes late. Counts the Job creations it was asked for.
 */
final class JobApiFaults extends KubernetesCrudDispatcher {

  private static final Pattern JOBS = Pattern.compile("/apis/batch/v1/namespaces/[^/]+/jobs(\\?.*)?");

  /** Fabric8's mock API server over these faults, on loopback, and a client of it; closing stops both. */
  record Running(JobApiFaults api, KubernetesMockServer server, KubernetesClient client) implements AutoCloseable {
    @Override
    public void close() {
      try {
        client.close();
      } finally {
        server.destroy();
      }
    }
  }

  static Running start() {
    JobApiFaults api = new JobApiFaults();
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), api, false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    return new Running(api, server, server.createClient());
  }

  volatile boolean failCreates;
  volatile Duration delayCreates = Duration.ZERO;
  final AtomicInteger createRequests = new AtomicInteger();

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    if ("POST".equals(request.getMethod()) && JOBS.matcher(request.getPath()).matches()) {
      createRequests.incrementAndGet();
      if (failCreates) {
        return new MockResponse().setResponseCode(500).setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\","
            + "\"status\":\"Failure\",\"reason\":\"InternalError\",\"message\":\"etcd is on fire\",\"code\":500}");
      }
      if (!delayCreates.isZero()) {
        return super.dispatch(request).setBodyDelay(delayCreates);
      }
    }
    return super.dispatch(request);
  }
}
