package io.connectgate.tls;

import java.security.cert.X509Certificate;

/**
 * The webhook configurations whose {@code caBundle} self-managed TLS keeps current
 * (implemented over the Kubernetes API in {@code io.connectgate.kube}). Blocking calls.
 */
public interface CaBundleTarget {

  /** Sets {@code caBundle} on every webhook that does not have exactly {@code bundlePem} yet. */
  void publish(String bundlePem);

  /** Whether every webhook of every existing configuration already trusts {@code ca}. */
  boolean trusts(X509Certificate ca);
}
