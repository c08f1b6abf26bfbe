package io.connectgate.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
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
 * Generates a private CA and a serving certificate signed by it, for running without
 * cert-manager. ECDSA P-256: fast to generate and accepted by the API server and every
 * client we care about. The CA key is discarded after signing, so nothing else can ever be
 * signed by this CA.
 */
public final class CertificateGenerator {

  static final Duration CA_VALIDITY = Duration.ofDays(5 * 365);
  static final Duration LEAF_VALIDITY = Duration.ofDays(365);
  /** Tolerates clocks a little behind ours (API server, other nodes). */
  static final Duration BACKDATE = Duration.ofMinutes(5);

  private final Clock clock;
  private final SecureRandom random;

  public CertificateGenerator(Clock clock, SecureRandom random) {
    this.clock = clock;
    this.random = random;
  }

  /** Subject alternative names: localhost, 127.0.0.1 and {@code dnsNames}. */
  public CertificateSet generate(List<String> dnsNames) {
    try {
      KeyPair caKeys = newKeyPair();
      KeyPair leafKeys = newKeyPair();
      Instant now = clock.instant();
      X500Name caName = new X500Name("CN=connectgate webhook CA");
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();

      X509v3CertificateBuilder ca =
          new JcaX509v3CertificateBuilder(caName, serial(), Date.from(now.minus(BACKDATE)),
              Date.from(now.plus(CA_VALIDITY)), caName, caKeys.getPublic());
      ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      ca.addExtension(Extension.keyUsage, true,
          new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      ca.addExtension(Extension.subjectKeyIdentifier, false,
          ext.createSubjectKeyIdentifier(caKeys.getPublic()));
      X509Certificate caCert = sign(ca, caKeys);

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
          new JcaX509v3CertificateBuilder(caName, serial(), Date.from(now.minus(BACKDATE)),
              Date.from(now.plus(LEAF_VALIDITY)), new X500Name("CN=" + cn),
              leafKeys.getPublic());
      leaf.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      leaf.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      leaf.addExtension(Extension.extendedKeyUsage, false,
          new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      leaf.addExtension(Extension.subjectAlternativeName, false,
          new GeneralNames(sans.toArray(GeneralName[]::new)));
      leaf.addExtension(Extension.authorityKeyIdentifier, false,
          ext.createAuthorityKeyIdentifier(caCert));
      X509Certificate leafCert = sign(leaf, caKeys);

      return new CertificateSet(
          Pem.encode("CERTIFICATE", caCert.getEncoded()),
          Pem.encode("CERTIFICATE", leafCert.getEncoded()),
          Pem.encode("PRIVATE KEY", leafKeys.getPrivate().getEncoded()));
    } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
      throw new IllegalStateException("cannot generate certificates: " + e.getMessage(), e);
    }
  }

  private KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), random);
    return generator.generateKeyPair();
  }

  private BigInteger serial() {
    return new BigInteger(127, random).add(BigInteger.ONE);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
      throws OperatorCreationException, GeneralSecurityException {
    var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate());
    return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
  }

}
