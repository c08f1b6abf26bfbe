package io.connectgate.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The rotation decisions, on a clock the test moves. */
class CertificateRotationPlanTest {

  static final Duration LEAF = Duration.ofDays(90);
  static final Duration CA = Duration.ofDays(900);
  static final Duration PUBLISH = Duration.ofMinutes(1);
  static final List<String> NAMES = List.of("connectgate", "connectgate.ns", "connectgate.ns.svc");
  static final Predicate<X509Certificate> PUBLISHED = ca -> true;
  static final Predicate<X509Certificate> NOT_PUBLISHED = ca -> false;

  final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
  final CertificateGenerator generator = new CertificateGenerator(clock, new SecureRandom());
  final CertificateRotation rotation = new CertificateRotation(generator, clock, new RotationPolicy(LEAF, CA, PUBLISH), NAMES);

  @Test
  void noSecretGivesACaAndACertificateItIssuedForTheNames() throws Exception {
    TlsSecretData data = rotation.plan(null, PUBLISHED).orElseThrow().data();
    List<X509Certificate> cas = Pem.certificates(data.trustBundle());
    X509Certificate leaf = leaf(data);
    assertEquals(1, cas.size(), "expected one CA in the bundle");
    leaf.verify(cas.get(0).getPublicKey());
    assertTrue(sans(leaf).containsAll(NAMES), "expected every name as a SAN, got " + sans(leaf));
    assertEquals(Optional.empty(), rotation.plan(data, PUBLISHED), "expected a fresh Secret left alone");
  }

  @Test
  void servingCertificateRenewedWhenAThirdOfItsLifeRemainsFromTheSameCa() throws Exception {
    TlsSecretData first = rotation.plan(null, PUBLISHED).orElseThrow().data();
    clock.advance(LEAF.multipliedBy(6).dividedBy(10));
    assertEquals(Optional.empty(), rotation.plan(first, PUBLISHED), "expected no renewal with 40% of the lifetime left");
    clock.advance(LEAF.dividedBy(10));
    TlsSecretData renewed = rotation.plan(first, PUBLISHED).orElseThrow().data();
    assertNotEquals(leaf(first), leaf(renewed), "expected a new serving certificate with 30% of the lifetime left");
    assertEquals(first.trustBundle(), renewed.trustBundle(), "expected the trust bundle (caBundle) unchanged");
    assertEquals(first.caKey(), renewed.caKey(), "expected the same CA to issue it");
  }

  @Test
  void newCaIsPublishedBeforeItIssuesAndTheOldOneStaysUntilItExpires() throws Exception {
    TlsSecretData s = rotation.plan(null, PUBLISHED).orElseThrow().data();
    X509Certificate oldCa = Pem.certificates(s.trustBundle()).get(0);
    // Keep the serving certificate young so that only the CA's age matters.
    for (int i = 0; i < 7; i++) {
      clock.advance(CA.dividedBy(10));
      s = rotation.plan(s, NOT_PUBLISHED).map(RotationPlan::data).orElse(s);
    }
    assertEquals(2, Pem.certificates(s.trustBundle()).size(), "expected the new CA added to the bundle with 30% of the CA's life left");
    assertTrue(s.nextCaCert() != null && s.nextCaKey() != null, "expected the new CA kept as next-ca.*");
    assertEquals(oldCa, issuer(s), "expected the old CA to keep issuing until the bundle is published");

    clock.advance(PUBLISH.multipliedBy(2));
    TlsSecretData waiting = rotation.plan(s, NOT_PUBLISHED).map(RotationPlan::data).orElse(s);
    assertEquals(oldCa, issuer(waiting), "expected no switch while a webhook configuration lacks the new CA");

    TlsSecretData switched = rotation.plan(waiting, PUBLISHED).orElseThrow().data();
    X509Certificate newCa = Pem.certificates(switched.trustBundle()).get(1);
    assertEquals(newCa, issuer(switched), "expected the new CA to issue once it is published");
    assertEquals(List.of(oldCa, newCa), Pem.certificates(switched.trustBundle()), "expected both CAs during the overlap");
    assertNull(switched.nextCaCert(), "expected next-ca.* cleared once the new CA is current");
    assertFalse(switched.toMap().containsKey(TlsSecretData.NEXT_CA_KEY), "expected no next-ca.key in the Secret");

    clock.set(oldCa.getNotAfter().toInstant().plusSeconds(1));
    TlsSecretData dropped = rotation.plan(switched, PUBLISHED).orElseThrow().data();
    assertEquals(List.of(newCa), Pem.certificates(dropped.trustBundle()), "expected the old CA dropped once expired");
  }

  @Test
  void theNewCaWaitsThePublishDelayEvenWhenPublished() throws Exception {
    TlsSecretData s = rotation.plan(null, PUBLISHED).orElseThrow().data();
    clock.advance(CA.multipliedBy(7).dividedBy(10));
    s = rotation.plan(s, PUBLISHED).orElseThrow().data();
    X509Certificate oldCa = Pem.certificates(s.trustBundle()).get(0);
    assertEquals(2, Pem.certificates(s.trustBundle()).size(), "expected the new CA in the bundle");
    assertEquals(oldCa, issuer(rotation.plan(s, PUBLISHED).map(RotationPlan::data).orElse(s)),
        "expected the API server's cache given the publish delay before the new CA issues");
  }

  @Test
  void anUnusableSecretIsReplacedAndAChangedNameListReissues() throws Exception {
    TlsSecretData good = rotation.plan(null, PUBLISHED).orElseThrow().data();
    TlsSecretData other = rotation.plan(null, PUBLISHED).orElseThrow().data();
    TlsSecretData mismatched = new TlsSecretData(good.servingCert(), other.servingKey(), good.trustBundle(), good.caKey(), null, null);
    RotationPlan plan = rotation.plan(mismatched, PUBLISHED).orElseThrow();
    assertTrue(plan.reasons().get(0).contains("no usable"), "expected the reason logged, got " + plan.reasons());
    assertTrue(rotation.plan(TlsSecretData.fromMap(Map.of("tls.crt", "x")), PUBLISHED).isPresent(),
        "expected a Secret missing keys replaced");

    CertificateRotation moreNames = new CertificateRotation(generator, clock, new RotationPolicy(LEAF, CA, PUBLISH),
        List.of("connectgate", "extra.example.test"));
    TlsSecretData reissued = moreNames.plan(good, PUBLISHED).orElseThrow().data();
    assertTrue(sans(leaf(reissued)).contains("extra.example.test"), "expected a new --dns-name to trigger a re-issue");
    assertEquals(good.trustBundle(), reissued.trustBundle(), "expected the CA kept for a name change");
  }

  @Test
  void keysNeverPrinted() {
    TlsSecretData data = rotation.plan(null, PUBLISHED).orElseThrow().data();
    assertFalse(data.toString().contains("PRIVATE KEY"), "expected TlsSecretData.toString() without key material");
    assertFalse(generator.newAuthority(CA).toString().contains("PRIVATE KEY"), "expected CertificateAuthority.toString() redacted");
  }

  private static X509Certificate leaf(TlsSecretData data) throws Exception {
    return Pem.certificates(data.servingCert()).get(0);
  }

  private static X509Certificate issuer(TlsSecretData data) throws Exception {
    X509Certificate leaf = leaf(data);
    for (X509Certificate ca : Pem.certificates(data.trustBundle())) {
      try {
        leaf.verify(ca.getPublicKey());
        return ca;
      } catch (java.security.GeneralSecurityException e) {
        // not this one
      }
    }
    throw new AssertionError("expected the serving certificate issued by a CA in the bundle");
  }

  private static List<String> sans(X509Certificate cert) throws Exception {
    return cert.getSubjectAlternativeNames().stream().map(san -> String.valueOf(san.get(1))).toList();
  }

  /** A clock the test moves. */
  static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant start) {
      now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
