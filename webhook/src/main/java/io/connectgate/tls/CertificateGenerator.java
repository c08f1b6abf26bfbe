package io.connectgate.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Generates private CAs and serving certificates signed by them, for running without
 * cert-manager. ECDSA P-256: fast to generate and accepted by the API server and every
 * client we care about. {@link #generate} discards the CA key after signing, so nothing else
 * can ever be signed by that CA; self-managed TLS keeps its CA ({@link #newAuthority}) in a
 * Secret to issue the next serving certificates with {@link #issue}.
 */
public final class CertificateGenerator {

  public static final Duration CA_VALIDITY = Duration.ofDays(5 * 365);
  public static final Duration LEAF_VALIDITY = Duration.ofDays(365);
  /** Tolerates clocks a little behind ours (API server, other nodes). */
  static final Duration BACKDATE = Duration.ofMinutes(5);

  private final Clock clock;
  private final SecureRandom random;

  public CertificateGenerator(Clock clock, SecureRandom random) {
    this.clock = clock;
    this.random = random;
  }

  /**
   * A throw-away CA (its key is discarded) and a serving certificate it signed. Subject
   * alternative names: localhost, 127.0.0.1 and {@code dnsNames}.
   */
  public CertificateSet generate(List<String> dnsNames) {
    return issue(newAuthority(CA_VALIDITY), dnsNames, LEAF_VALIDITY);
  }

  /** A new self-signed CA valid for {@code validity} (backdated a little, see {@link #BACKDATE}). */
  public CertificateAuthority newAuthority(Duration validity) {
    try {
      KeyPair caKeys = newKeyPair();
      Instant now = clock.instant();
      // Distinct names, so that clients holding the old and the new CA during a CA
      // rotation never confuse the two when building a path.
      X500Name caName = new X500Name("CN=connectgate webhook CA "
          + now.getEpochSecond() + "-" + Long.toHexString(random.nextInt() & 0xffffffffL));
      X509v3CertificateBuilder ca =
          new JcaX509v3CertificateBuilder(caName, serial(), Date.from(now.minus(BACKDATE)),
              Date.from(now.plus(validity)), caName, caKeys.getPublic());
      ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      ca.addExtension(Extension.keyUsage, true,
          new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      ca.addExtension(Extension.subjectKeyIdentifier, false,
          new JcaX509ExtensionUtils().createSubjectKeyIdentifier(caKeys.getPublic()));
      X509Certificate caCert = sign(ca, caKeys.getPrivate());
      return new CertificateAuthority(Pem.encode("CERTIFICATE", caCert.getEncoded()),
          Pem.encode("PRIVATE KEY", caKeys.getPrivate().getEncoded()));
    } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
      throw new IllegalStateException("cannot generate a CA: " + e.getMessage(), e);
    }
  }

  /**
   * A serving certificate signed by {@code authority}, valid for {@code validity} but never
   * beyond the CA's own expiry (a leaf outliving its CA would fail verification anyway).
   * Subject alternative names: localhost, 127.0.0.1 and {@code dnsNames}.
   */
  public CertificateSet issue(CertificateAuthority authority, List<String> dnsNames, Duration validity) {
    try {
      X509Certificate caCert = Pem.certificates(authority.certPem()).get(0);
      PrivateKey caKey = Pem.privateKey(authority.keyPem());
      KeyPair leafKeys = newKeyPair();
      Instant now = clock.instant();
      Instant notAfter = now.plus(validity);
      if (notAfter.isAfter(caCert.getNotAfter().toInstant())) {
        notAfter = caCert.getNotAfter().toInstant();
      }
      Set<String> names = new LinkedHashSet<>();
      names.add("localhost");
      names.addAll(dnsNames);
      List<GeneralName> sans = new ArrayList<>();
      for (String name : names) {
        sans.add(new GeneralName(GeneralName.dNSName, name));
      }
      sans.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
      String cn = dnsNames.isEmpty() ? "localhost" : dnsNames.get(0);
      X509v3CertificateBuilder leaf =
          new JcaX509v3CertificateBuilder(X500Name.getInstance(caCert.getSubjectX500Principal().getEncoded()),
              serial(), Date.from(now.minus(BACKDATE)), Date.from(notAfter), new X500Name("CN=" + cn),
              leafKeys.getPublic());
      leaf.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      leaf.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      leaf.addExtension(Extension.extendedKeyUsage, false,
          new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      leaf.addExtension(Extension.subjectAlternativeName, false,
          new GeneralNames(sans.toArray(GeneralName[]::new)));
      leaf.addExtension(Extension.authorityKeyIdentifier, false,
          new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(caCert));
      X509Certificate leafCert = sign(leaf, caKey);

      return new CertificateSet(
          authority.certPem(),
          Pem.encode("CERTIFICATE", leafCert.getEncoded()),
          Pem.encode("PRIVATE KEY", leafKeys.getPrivate().getEncoded()));
    } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
      throw new IllegalStateException("cannot issue a serving certificate: " + e.getMessage(), e);
    }
  }

  /** When {@code cert} (one of ours) was made: its notBefore is backdated by {@link #BACKDATE}. */
  public static Instant issuedAt(X509Certificate cert) {
    return cert.getNotBefore().toInstant().plus(BACKDATE);
  }

  private KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), random);
    return generator.generateKeyPair();
  }

  private BigInteger serial() {
    return new BigInteger(127, random).add(BigInteger.ONE);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuer)
      throws OperatorCreationException, GeneralSecurityException {
    var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuer);
    return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
  }

}
