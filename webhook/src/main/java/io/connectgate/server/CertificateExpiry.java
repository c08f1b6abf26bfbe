package io.connectgate.server;

import io.connectgate.tls.KeyMaterial;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns while the serving certificate is close to expiry: an expired webhook certificate
 * makes the API server refuse every inspected write (failurePolicy Fail), so the operator must
 * hear about it from the log as well as from {@code connectgate_tls_certificate_expiry_seconds}.
 * Checked when a certificate is loaded and once a day.
 */
final class CertificateExpiry {

  private static final Logger LOG = LoggerFactory.getLogger(CertificateExpiry.class);
  static final Duration WARN_BEFORE = Duration.ofDays(30);
  static final Duration CHECK_EVERY = Duration.ofDays(1);

  private final Clock clock;

  CertificateExpiry(Clock clock) {
    this.clock = clock;
  }

  /** The warning for this certificate now, if any. */
  Optional<String> warning(Instant notAfter, String subject) {
    Instant now = clock.instant();
    if (!now.isBefore(notAfter)) {
      return Optional.of("serving certificate subject=\"" + subject + "\" EXPIRED at " + notAfter
          + ": the API server rejects it; renew tls.crt/tls.key now");
    }
    Duration left = Duration.between(now, notAfter);
    if (left.compareTo(WARN_BEFORE) >= 0) {
      return Optional.empty();
    }
    String in = left.toDays() > 0 ? left.toDays() + " days" : left.toHours() > 0 ? left.toHours() + " hours"
        : left.toSeconds() + " seconds";
    return Optional.of("serving certificate subject=\"" + subject + "\" expires in " + in + " (notAfter="
        + notAfter + "); renew it before then, or the API server will reject it");
  }

  void check(KeyMaterial material) {
    warning(material.notAfter(), material.subject()).ifPresent(LOG::warn);
  }
}
