package io.connectgate.tls;

import java.time.Duration;

/**
 * How long self-managed certificates live and when they are replaced.
 *
 * @param servingValidity lifetime of a serving certificate
 * @param caValidity lifetime of a CA
 * @param publishDelay how long a new CA must have been in the trust bundle (and seen in every
 *     webhook configuration) before it issues the serving certificate: the API server reads
 *     webhook configurations through a cache, so it needs a moment to trust the new CA
 */
public record RotationPolicy(Duration servingValidity, Duration caValidity, Duration publishDelay) {

  public static final Duration DEFAULT_PUBLISH_DELAY = Duration.ofMinutes(1);

  public RotationPolicy {
    if (servingValidity.isNegative() || servingValidity.isZero() || caValidity.isNegative()
        || caValidity.isZero() || publishDelay.isNegative()) {
      throw new IllegalArgumentException("validities must be positive and the publish delay not negative");
    }
    if (servingValidity.compareTo(caValidity) > 0) {
      throw new IllegalArgumentException("the serving certificate validity (" + servingValidity
          + ") must not exceed the CA validity (" + caValidity + ")");
    }
  }

  public static RotationPolicy defaults() {
    return new RotationPolicy(CertificateGenerator.LEAF_VALIDITY, CertificateGenerator.CA_VALIDITY,
        DEFAULT_PUBLISH_DELAY);
  }

  /**
   * Due for replacement once less than a third of its lifetime remains (as cert-manager's
   * default renewBefore): leaves enough time for a few failed attempts and for every replica
   * to pick the new one up long before the old one expires.
   */
  static boolean renewalDue(java.time.Instant issuedAt, java.time.Instant notAfter, java.time.Instant now) {
    // From issuance, not notBefore: notBefore is backdated for clock skew.
    Duration lifetime = Duration.between(issuedAt, notAfter);
    Duration remaining = Duration.between(now, notAfter);
    return remaining.multipliedBy(3).compareTo(lifetime) < 0;
  }
}
