package io.connectgate.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;

/**
 * Fabric8's mock API server in CRUD mode on loopback, behind a {@link CrdAwareDispatcher} so
 * that it pages, discovers CRD groups and refuses as the real one does; with a client and, for
 * runs of the CLI, a kubeconfig that reaches it as kubectl would.
 */
public final class MockApiServer implements AutoCloseable {

  public final CrdAwareDispatcher dispatcher = new CrdAwareDispatcher();
  public final KubernetesClient client;
  private final KubernetesMockServer server;

  public MockApiServer() {
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    client = server.createClient();
  }

  /** Writes {@code dir}/kubeconfig for this server, its context's namespace {@code namespace}. */
  public Path kubeconfig(Path dir, String namespace) throws IOException {
    return Files.writeString(dir.resolve("kubeconfig"), """
        apiVersion: v1
        kind: Config
        clusters: [{name: mock, cluster: {server: "%s"}}]
        users: [{name: u, user: {token: t}}]
        contexts: [{name: mock, context: {cluster: mock, user: u, namespace: %s}}]
        current-context: mock
        """.formatted(client.getMasterUrl().toString(), namespace));
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
