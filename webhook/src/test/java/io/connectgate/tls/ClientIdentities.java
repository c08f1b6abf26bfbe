package io.connectgate.tls;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A CA and a client certificate (clientAuth) it signed, as an API server would present. */
public final class ClientIdentities {
  private ClientIdentities() {}

  /** [CA certificate PEM, client certificate PEM, client key PEM (PKCS#8)]. */
  public static String[] issue(String commonName) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair caKeys = generator.generateKeyPair();
    KeyPair clientKeys = generator.generateKeyPair();
    Instant now = Instant.now();
    Date from = Date.from(now.minus(1, ChronoUnit.HOURS));
    Date to = Date.from(now.plus(1, ChronoUnit.DAYS));
    X500Name caName = new X500Name("CN=test client CA " + commonName);
    var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate());

    JcaX509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, BigInteger.ONE, from, to, caName,
        caKeys.getPublic());
    ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
    ca.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign));
    X509Certificate caCert = new JcaX509CertificateConverter().getCertificate(ca.build(signer));

    JcaX509v3CertificateBuilder leaf = new JcaX509v3CertificateBuilder(caName, BigInteger.TWO, from, to,
        new X500Name("CN=" + commonName), clientKeys.getPublic());
    leaf.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    leaf.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    leaf.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
    X509Certificate clientCert = new JcaX509CertificateConverter().getCertificate(leaf.build(signer));

    return new String[] {
      Pem.encode("CERTIFICATE", caCert.getEncoded()),
      Pem.encode("CERTIFICATE", clientCert.getEncoded()),
      Pem.encode("PRIVATE KEY", clientKeys.getPrivate().getEncoded())
    };
  }
}
