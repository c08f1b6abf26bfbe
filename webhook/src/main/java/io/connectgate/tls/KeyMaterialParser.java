package io.connectgate.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HexFormat;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Checks a PEM certificate chain and private key before the server uses them: both parse,
 * and the key belongs to the leaf certificate. During a rotation the two files can briefly
 * be out of step; refusing the pair then keeps the old, working certificate in service.
 */
public final class KeyMaterialParser {

  private static final byte[] PROBE = "connectgate key match probe".getBytes(StandardCharsets.US_ASCII);

  public KeyMaterial parse(byte[] certPem, byte[] keyPem) throws InvalidKeyMaterialException {
    X509Certificate leaf = leafCertificate(certPem);
    PrivateKey key = privateKey(keyPem);
    if (!matches(key, leaf)) {
      throw new InvalidKeyMaterialException("tls.key does not belong to the certificate in tls.crt");
    }
    return new KeyMaterial(certPem.clone(), keyPem.clone(), fingerprint(certPem, keyPem),
        leaf.getNotAfter().toInstant(), leaf.getSubjectX500Principal().getName());
  }

  private static X509Certificate leafCertificate(byte[] pem) throws InvalidKeyMaterialException {
    return certificates(pem)[0];
  }

  /** The PEM chain, leaf first; never empty. */
  static X509Certificate[] certificates(byte[] pem) throws InvalidKeyMaterialException {
    try {
      Collection<? extends Certificate> chain = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem));
      if (chain.isEmpty()) {
        throw new InvalidKeyMaterialException("tls.crt holds no certificate");
      }
      return chain.toArray(X509Certificate[]::new);
    } catch (GeneralSecurityException e) {
      throw new InvalidKeyMaterialException("tls.crt is not a PEM certificate chain", e);
    }
  }

  /** The key as the JDK's own providers represent it (the BouncyCastle provider is not asked). */
  static PrivateKey privateKey(byte[] pem) throws InvalidKeyMaterialException {
    try (Reader reader = new InputStreamReader(new ByteArrayInputStream(pem), StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader)) {
      Object object = parser.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (object instanceof PEMKeyPair pair) {
        return converter.getPrivateKey(pair.getPrivateKeyInfo());
      }
      if (object instanceof PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      // Never describe the object: it is key material.
      throw new InvalidKeyMaterialException(
          "tls.key is not an unencrypted PEM private key (PKCS#1, SEC1 or PKCS#8)");
    } catch (IOException e) {
      throw new InvalidKeyMaterialException("tls.key cannot be read as PEM");
    }
  }

  static boolean matches(PrivateKey key, X509Certificate cert) {
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC", "ECDSA" -> "SHA256withECDSA";
      case "Ed25519", "EdDSA" -> "Ed25519";
      default -> null;
    };
    if (algorithm == null) {
      return false;
    }
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(PROBE);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(cert.getPublicKey());
      verifier.update(PROBE);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static String fingerprint(byte[] cert, byte[] key) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(cert);
      digest.update((byte) 0);
      digest.update(key);
      return HexFormat.of().formatHex(digest.digest());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
