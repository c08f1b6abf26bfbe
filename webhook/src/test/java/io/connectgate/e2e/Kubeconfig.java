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

  /**
   * {@code kubeconfig} with {@code as}/{@code as-groups} added to its user: every call then
   * acts as that identity (kubectl and Fabric8 both read them).
   */
  static String impersonating(String kubeconfig, String user, java.util.List<String> groups) {
    StringBuilder extra = new StringBuilder("    as: \"").append(user).append("\"\n")
        .append("    as-groups:\n");
    groups.forEach(g -> extra.append("    - \"").append(g).append("\"\n"));
    int at = kubeconfig.indexOf("\n    client-key-data: ");
    if (at < 0) {
      throw new IllegalArgumentException("not a kubeconfig rendered by Kubeconfig.render");
    }
    int end = kubeconfig.indexOf('\n', at + 1) + 1;
    return kubeconfig.substring(0, end) + extra + kubeconfig.substring(end);
  }
}
