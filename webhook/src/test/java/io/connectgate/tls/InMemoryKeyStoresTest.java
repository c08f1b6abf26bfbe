package io.connectgate.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.security.Security;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Touches JVM-wide properties, so each test puts back what it found. */
class InMemoryKeyStoresTest {

  private String systemBefore;
  private String securityBefore;

  @BeforeEach
  void remember() {
    systemBefore = System.getProperty(InMemoryKeyStores.ITERATIONS);
    securityBefore = Security.getProperty(InMemoryKeyStores.ITERATIONS);
  }

  @AfterEach
  void restore() {
    if (systemBefore == null) {
      System.clearProperty(InMemoryKeyStores.ITERATIONS);
    } else {
      System.setProperty(InMemoryKeyStores.ITERATIONS, systemBefore);
    }
    // A security property cannot be removed; empty means "the JDK default" (java.security).
    Security.setProperty(InMemoryKeyStores.ITERATIONS, securityBefore == null ? "" : securityBefore);
  }

  @Test
  void oneIterationWhenNobodySaidOtherwise() {
    System.clearProperty(InMemoryKeyStores.ITERATIONS);
    // Empty is what the JDK reads as "not set" (and what a security property cannot be reset from).
    Security.setProperty(InMemoryKeyStores.ITERATIONS, "");
    InMemoryKeyStores.skipKeyStretching();
    assertEquals("1", System.getProperty(InMemoryKeyStores.ITERATIONS),
        "expected one PBKDF2 iteration for the in-memory PKCS#12 key entries");
  }

  @Test
  void anOperatorsSystemPropertyIsLeftAlone() {
    System.setProperty(InMemoryKeyStores.ITERATIONS, "20000");
    Security.setProperty(InMemoryKeyStores.ITERATIONS, "");
    InMemoryKeyStores.skipKeyStretching();
    assertEquals("", Security.getProperty(InMemoryKeyStores.ITERATIONS),
        "expected no security property written when the operator set the system property");
    assertEquals("20000", System.getProperty(InMemoryKeyStores.ITERATIONS), "expected the operator's value kept");
  }

  @Test
  void anOperatorsSecurityPropertyIsLeftAlone() {
    System.clearProperty(InMemoryKeyStores.ITERATIONS);
    Security.setProperty(InMemoryKeyStores.ITERATIONS, "50000");
    InMemoryKeyStores.skipKeyStretching();
    assertNull(System.getProperty(InMemoryKeyStores.ITERATIONS),
        "expected no system property to supersede the security property from java.security");
  }
}
