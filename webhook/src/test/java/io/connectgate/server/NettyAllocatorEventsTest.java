package io.connectgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Touches a JVM-wide property, so each test puts back what it found. */
class NettyAllocatorEventsTest {

  private String before;

  @BeforeEach
  void remember() {
    before = System.getProperty(NettyAllocatorEvents.PROPERTY);
    System.clearProperty(NettyAllocatorEvents.PROPERTY);
  }

  @AfterEach
  void restore() {
    if (before == null) {
      System.clearProperty(NettyAllocatorEvents.PROPERTY);
    } else {
      System.setProperty(NettyAllocatorEvents.PROPERTY, before);
    }
  }

  @Test
  void offWithoutARecording() {
    NettyAllocatorEvents.offUnlessRecording(() -> false);
    assertEquals("false", System.getProperty(NettyAllocatorEvents.PROPERTY),
        "expected Netty's allocator JFR events off when no recording runs");
  }

  @Test
  void leftToNettyWhenARecordingStartedWithTheJvm() {
    NettyAllocatorEvents.offUnlessRecording(() -> true);
    assertNull(System.getProperty(NettyAllocatorEvents.PROPERTY),
        "expected Netty's own default (on) during a flight recording");
  }

  @Test
  void anOperatorsSettingWins() {
    System.setProperty(NettyAllocatorEvents.PROPERTY, "true");
    NettyAllocatorEvents.offUnlessRecording(() -> false);
    assertEquals("true", System.getProperty(NettyAllocatorEvents.PROPERTY), "expected -Dio.netty.jfr.enabled=true kept");
  }
}
