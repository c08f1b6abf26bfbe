package io.connectgate.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.testing.CostRatio;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectUrlAllowListTest {

  final ConnectUrlAllowList allow = ConnectUrlAllowList.compile(List.of(
      "http://connect-*.kafka.svc:8083", "https://connect.example.com/", "http://*.connect.svc:*"));

  @ParameterizedTest
  @CsvSource({
      "http://connect-eu.kafka.svc:8083, http://connect-eu.kafka.svc:8083",
      "HTTP://Connect-EU.Kafka.svc:8083/, http://connect-eu.kafka.svc:8083",
      "https://connect.example.com, https://connect.example.com",
      "https://connect.example.com/, https://connect.example.com",
      "http://a.connect.svc:8083, http://a.connect.svc:8083",
      "http://a.b.connect.svc:9000, http://a.b.connect.svc:9000"})
  void allowsMatchingUrls(String url, String normalized) {
    assertEquals(normalized, ConnectUrlAllowList.normalize(url), "expected " + url + " normalised");
    assertTrue(allow.allows(ConnectUrlAllowList.normalize(url)), "expected " + url + " allowed");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "http://evil.example.com:8083",
      "http://connect-eu.kafka.svc:8084",                         // another port
      "http://connect-eu.kafka.svc:8083/admin",                   // another path
      "http://connect-x.evil.com/.kafka.svc:8083",                // '*' may not cross '/'
      "http://connect-x.evil.com:1/x.kafka.svc:8083",             // nor ':'
      "https://connect.example.com.evil.com",                     // suffix of a literal
      "http://connect-eu.kafka.svc",                              // port left out
      "http://connect.svc:8083"})                                 // '*.' needs a label
  void refusesEverythingElse(String url) {
    String normalized = ConnectUrlAllowList.normalize(url);
    assertFalse(normalized != null && allow.allows(normalized), "expected " + url + " refused (" + normalized + ")");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "http://user:secret@connect-eu.kafka.svc:8083",   // credentials would land in the Job spec
      "http://connect-eu.kafka.svc:8083?x=1",
      "http://connect-eu.kafka.svc:8083#x",
      "ftp://connect-eu.kafka.svc:8083",
      "file:///etc/passwd",
      "connect-eu.kafka.svc:8083",
      "http:///nohost",
      "http://connect-eu.kafka.svc:8083/a/../b",
      "  ",
      "http://exa mple.com"})
  void malformedUrlsDoNotNormalise(String url) {
    assertNull(ConnectUrlAllowList.normalize(url), "expected " + url + " refused as a Connect URL");
  }

  @Test
  void badPatternsAreAllReportedAtOnce() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConnectUrlAllowList.compile(
        List.of("connect:8083", "http://user@connect:8083", "", "http://ok:8083")));
    assertTrue(e.getMessage().contains("\"connect:8083\" must start with http:// or https://"), e.getMessage());
    assertTrue(e.getMessage().contains("\"http://user@connect:8083\" must not contain"), e.getMessage());
    assertTrue(e.getMessage().contains("is empty"), e.getMessage());
    assertFalse(e.getMessage().contains("http://ok:8083"), "expected the good pattern not reported: " + e.getMessage());
  }

  @Test
  void noPatternsAllowNothing() {
    assertTrue(ConnectUrlAllowList.none().isEmpty(), "expected none() empty");
    assertFalse(ConnectUrlAllowList.none().allows("http://connect:8083"), "expected nothing allowed by none()");
  }

  @Test
  void aTenantsUrlCostsLinearTimeWhateverThePattern() {
    // Four stars in one component: a backtracking matcher is polynomial in the URL here.
    ConnectUrlAllowList multi = ConnectUrlAllowList.compile(List.of("http://c*a*a*a*b.svc:8083"));
    String hostile = ConnectUrlAllowList.normalize("http://c" + "a".repeat(60_000) + ".svc:8083");
    String benign = ConnectUrlAllowList.normalize("http://c" + "z".repeat(60_000) + ".svc:8083");
    assertFalse(multi.allows(hostile), "expected no match (no b)");
    assertTrue(multi.allows(ConnectUrlAllowList.normalize("http://cxaxaxab.svc:8083")), "expected a match");
    double ratio = CostRatio.of(() -> multi.allows(hostile), () -> multi.allows(benign));
    assertTrue(ratio < 50, "expected linear cost: the hostile URL costs " + ratio + " x the benign one");
  }

  @Test
  void trailingSlashesAreCutInLinearTime() {
    assertEquals("http://connect-eu.kafka.svc:8083/a/b", ConnectUrlAllowList.normalize("http://connect-eu.kafka.svc:8083/a/b///"),
        "expected every trailing slash cut");
    assertEquals("http://connect-eu.kafka.svc:8083/a//b", ConnectUrlAllowList.normalize("http://connect-eu.kafka.svc:8083/a//b/"),
        "expected inner slashes kept");
    assertEquals("http://connect-eu.kafka.svc:8083", ConnectUrlAllowList.normalize("http://connect-eu.kafka.svc:8083////"),
        "expected a path of slashes only cut to nothing");
    // The connect-url annotation is the tenant's and may hold 256 KiB; cutting one slash per copy was quadratic.
    String hostile = "http://connect-eu.kafka.svc:8083" + "/".repeat(80_000);
    String benign = "http://connect-eu.kafka.svc:8083/" + "a".repeat(80_000 - 1);
    assertEquals("http://connect-eu.kafka.svc:8083", ConnectUrlAllowList.normalize(hostile), "expected the slashes cut");
    double ratio = CostRatio.of(() -> allow.allows(ConnectUrlAllowList.normalize(hostile)),
        () -> allow.allows(ConnectUrlAllowList.normalize(benign)));
    assertTrue(ratio < 20, "expected linear cost: the hostile URL costs " + ratio + " x the benign one");
  }
}
