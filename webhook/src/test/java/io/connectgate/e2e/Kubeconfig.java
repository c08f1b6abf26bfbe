package io.connectgate.e2e;

/** A one-context kubeconfig with inline certificates, for both Fabric8 and kubectl. */
final class Kubeconfig {

  private Kubeconfig() {}

  static String render(String serverUrl, String caPem, TestCa.Issued user) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: connectgate-e2e
          cluster:
            server: %s
            certificate-authority-data: %s
        users:
        - name: connectgate-e2e-admin
          user:
            client-certificate-data: %s
            client-key-data: %s
        contexts:
        - name: connectgate-e2e
          context:
            cluster: connectgate-e2e
            user: connectgate-e2e-admin
            namespace: default
        current-context: connectgate-e2e
        """.formatted(serverUrl, Pem.base64(caPem), Pem.base64(user.certificatePem()), Pem.base64(user.keyPem()));
  }
}
