package io.connectgate.tls;

import java.security.Security;

/**
 * The PKCS#12 key stores that Netty and Vert.x build in memory to hand the served key to JSSE
 * (and Netty once more for a built-in test key when its JDK server context is first used) are
 * never written anywhere and are locked with fixed passwords from their own code. The JDK
 * still protects each key entry with PBKDF2 at 10,000 iterations, on storing it and again on
 * reading it back: six derivations per start of {@code serve}, about 0.3 s of CPU in a cold
 * JVM plus the optimising compiler's work on the loop, on the path to the first handshake.
 * One iteration protects these entries exactly as much (not at all: the password is in the
 * code); key stores we would write to disk do not exist, and PEM files are what we read and
 * write.
 *
 * <p>An operator's own setting wins: the {@value #ITERATIONS} system property (which the JDK
 * reads first) or the security property (java.security) is left alone when set to a value.
 */
public final class InMemoryKeyStores {

  static final String ITERATIONS = "keystore.pkcs12.keyPbeIterationCount";

  private InMemoryKeyStores() {}

  /** Before any TLS context is built; affects PKCS#12 key entries created from then on. */
  public static void skipKeyStretching() {
    if (unset(System.getProperty(ITERATIONS)) && unset(Security.getProperty(ITERATIONS))) {
      // The system property, not the security one: the JDK reads it first all the same, and
      // changing a security property would also start the JDK's own logging machinery (it
      // reports such changes) for nothing.
      System.setProperty(ITERATIONS, "1");
    }
  }

  /** As the JDK reads it: absent or empty means its default. */
  private static boolean unset(String value) {
    return value == null || value.isEmpty();
  }
}
