package io.connectgate.tls;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Decides what the self-managed Secret should hold next; pure (no I/O besides the
 * {@code published} question), so every replica reaches the same decision from the same
 * Secret, and a conflicting write by another replica can simply be adopted.
 *
 * <p>Life of the certificates:
 * <ol>
 *   <li>No Secret (or an unusable one): a new CA and a serving certificate it issued.
 *   <li>Serving certificate with less than a third of its lifetime left (or missing a
 *       required name): a new one from the current CA. The trust bundle is unchanged, so
 *       nothing needs re-publishing and clients never see an untrusted certificate.
 *   <li>CA with less than a third of its lifetime left: a new CA is added to the trust bundle
 *       ({@code next-ca.*}); the serving certificate stays with the old CA for now.
 *   <li>Once the bundle with the new CA is in every webhook configuration and
 *       {@link RotationPolicy#publishDelay} has passed: the new CA issues the serving
 *       certificate and becomes the current CA. The old CA stays in the bundle, because
 *       replicas still serving the old certificate must stay trusted.
 *   <li>The old CA is dropped from the bundle when it expires: no certificate it issued can
 *       still be valid then (serving certificates never outlive their CA).
 * </ol>
 */
public final class CertificateRotation {

  private final CertificateGenerator generator;
  private final Clock clock;
  private final RotationPolicy policy;
  private final List<String> dnsNames;

  public CertificateRotation(CertificateGenerator generator, Clock clock, RotationPolicy policy,
      List<String> dnsNames) {
    this.generator = generator;
    this.clock = clock;
    this.policy = policy;
    this.dnsNames = List.copyOf(dnsNames);
  }

  /**
   * @param current the Secret's contents, or null when there is no Secret
   * @param published whether every webhook configuration already trusts this CA
   * @return what to write, or empty when the Secret is fine as it is
   */
  public Optional<RotationPlan> plan(TlsSecretData current, Predicate<X509Certificate> published) {
    if (current == null) {
      return Optional.of(fresh("no certificate yet"));
    }
    State state;
    try {
      state = parse(current);
    } catch (GeneralSecurityException | RuntimeException e) {
      return Optional.of(fresh("the Secret holds no usable CA and certificate (" + e.getMessage() + ")"));
    }
    Instant now = clock.instant();
    List<String> reasons = new ArrayList<>();

    // Old CAs go once expired: every certificate they issued has expired with them.
    for (X509Certificate ca : List.copyOf(state.bundle)) {
      if (!ca.equals(state.signer) && !ca.equals(state.nextCert) && !now.isBefore(ca.getNotAfter().toInstant())) {
        state.bundle.remove(ca);
        reasons.add("expired CA " + name(ca) + " dropped from the trust bundle");
      }
    }

    boolean reissued = false;
    if (state.nextCert != null) {
      boolean signerExpired = !now.isBefore(state.signer.getNotAfter().toInstant());
      boolean settled = !now.isBefore(CertificateGenerator.issuedAt(state.nextCert).plus(policy.publishDelay()));
      if (signerExpired || (settled && published.test(state.nextCert))) {
        state.promoteNext();
        state.issueLeaf();
        reissued = true;
        reasons.add("the new CA " + name(state.signer) + " issued the serving certificate ("
            + (signerExpired ? "the old CA expired before the bundle was seen published" : "bundle published") + ")");
      }
    } else if (!now.isBefore(state.signer.getNotAfter().toInstant())) {
      return Optional.of(fresh("the CA " + name(state.signer) + " expired"));
    } else if (RotationPolicy.renewalDue(CertificateGenerator.issuedAt(state.signer),
        state.signer.getNotAfter().toInstant(), now)) {
      state.addNext(generator.newAuthority(policy.caValidity()));
      reasons.add("CA " + name(state.signer) + " expires " + state.signer.getNotAfter().toInstant()
          + "; new CA " + name(state.nextCert) + " added to the trust bundle");
    }

    if (!reissued && leafNeedsRenewal(state, now)) {
      state.issueLeaf();
      reasons.add("serving certificate renewed (new notAfter " + state.leaf.getNotAfter().toInstant() + ")");
    }
    return reasons.isEmpty() ? Optional.empty() : Optional.of(new RotationPlan(state.data(), reasons));
  }

  private boolean leafNeedsRenewal(State state, Instant now) {
    if (!coversNames(state.leaf)) {
      return true;
    }
    if (!RotationPolicy.renewalDue(CertificateGenerator.issuedAt(state.leaf), state.leaf.getNotAfter().toInstant(), now)) {
      return false;
    }
    // A serving certificate is capped at its CA's expiry; near that, renewing from the same CA
    // gains nothing (the CA rotation will re-issue it), so do not churn.
    Instant possible = now.plus(policy.servingValidity());
    Instant caEnd = state.signer.getNotAfter().toInstant();
    Instant next = possible.isAfter(caEnd) ? caEnd : possible;
    return next.isAfter(state.leaf.getNotAfter().toInstant().plusSeconds(1));
  }

  private boolean coversNames(X509Certificate leaf) {
    try {
      Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
      List<String> names = sans == null ? List.of() : sans.stream().map(san -> String.valueOf(san.get(1))).toList();
      return names.containsAll(dnsNames);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private RotationPlan fresh(String reason) {
    CertificateAuthority ca = generator.newAuthority(policy.caValidity());
    CertificateSet serving = generator.issue(ca, dnsNames, policy.servingValidity());
    return new RotationPlan(
        new TlsSecretData(serving.certPem(), serving.keyPem(), ca.certPem(), ca.keyPem(), null, null),
        List.of(reason + ": new CA and serving certificate"));
  }

  private State parse(TlsSecretData data) throws GeneralSecurityException {
    for (String required : new String[] {data.servingCert(), data.servingKey(), data.trustBundle(), data.caKey()}) {
      if (required == null || required.isBlank()) {
        throw new GeneralSecurityException("tls.crt, tls.key, ca.crt and ca.key are required");
      }
    }
    State state = new State(new ArrayList<>(Pem.certificates(data.trustBundle())));
    try {
      new KeyMaterialParser().parse(ascii(data.servingCert()), ascii(data.servingKey()));
    } catch (InvalidKeyMaterialException e) {
      throw new GeneralSecurityException(e.getMessage());
    }
    state.leaf = Pem.certificates(data.servingCert()).get(0);
    state.leafPem = data.servingCert();
    state.leafKeyPem = data.servingKey();
    state.signer = state.bundle.stream().filter(ca -> issued(ca, state.leaf)).findFirst()
        .orElseThrow(() -> new GeneralSecurityException("tls.crt was not issued by a CA in ca.crt"));
    if (!KeyMaterialParser.matches(Pem.privateKey(data.caKey()), state.signer)) {
      throw new GeneralSecurityException("ca.key does not belong to the CA that issued tls.crt");
    }
    state.signerKeyPem = data.caKey();
    if (data.nextCaCert() != null && data.nextCaKey() != null) {
      X509Certificate next = Pem.certificates(data.nextCaCert()).get(0);
      PrivateKey nextKey = Pem.privateKey(data.nextCaKey());
      if (KeyMaterialParser.matches(nextKey, next) && !next.equals(state.signer)) {
        state.nextCert = next;
        state.nextKeyPem = data.nextCaKey();
        if (!state.bundle.contains(next)) {
          state.bundle.add(next);
        }
      }
    }
    return state;
  }

  private static boolean issued(X509Certificate ca, X509Certificate leaf) {
    try {
      leaf.verify(ca.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static byte[] ascii(String pem) {
    return pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  private static String name(X509Certificate cert) {
    return cert.getSubjectX500Principal().getName();
  }

  /** The Secret parsed and checked, changed in place by the plan. */
  private final class State {
    final List<X509Certificate> bundle;
    X509Certificate leaf;
    String leafPem;
    String leafKeyPem;
    X509Certificate signer;
    String signerKeyPem;
    X509Certificate nextCert;
    String nextKeyPem;

    private State(List<X509Certificate> bundle) {
      this.bundle = bundle;
    }

    void promoteNext() {
      signer = nextCert;
      signerKeyPem = nextKeyPem;
      nextCert = null;
      nextKeyPem = null;
    }

    void addNext(CertificateAuthority next) {
      try {
        nextCert = Pem.certificates(next.certPem()).get(0);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("generated CA unreadable", e);
      }
      nextKeyPem = next.keyPem();
      bundle.add(nextCert);
    }

    void issueLeaf() {
      CertificateSet serving = generator.issue(
          new CertificateAuthority(Pem.encode(signer), signerKeyPem), dnsNames, policy.servingValidity());
      try {
        leaf = Pem.certificates(serving.certPem()).get(0);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("issued certificate unreadable", e);
      }
      leafPem = serving.certPem();
      leafKeyPem = serving.keyPem();
    }

    TlsSecretData data() {
      StringBuilder trust = new StringBuilder();
      bundle.forEach(ca -> trust.append(Pem.encode(ca)));
      return new TlsSecretData(leafPem, leafKeyPem, trust.toString(), signerKeyPem,
          nextCert == null ? null : Pem.encode(nextCert), nextKeyPem);
    }
  }
}
