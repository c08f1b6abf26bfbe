package io.connectgate.server;

import java.util.function.BooleanSupplier;

/**
 * Netty's pooled allocator reports JFR events (buffer and chunk allocation) whenever JFR is
 * available, recording or not. In JDK 17 loading the first of those event classes initialises
 * JFR's whole metadata repository: about 0.1 s of class loading on an event loop, in the
 * middle of the first TLS handshake, i.e. after {@code serving} and before the first
 * {@code /readyz} answer. They are switched off ({@value #PROPERTY}{@code =false}) unless a
 * flight recording was already started with the JVM ({@code -XX:StartFlightRecording}), where
 * someone evidently wants them, or the operator set the property either way. A recording
 * started later (jcmd) gets every JDK event, only not Netty's allocator ones; start the JVM
 * with {@code -Dio.netty.jfr.enabled=true} to have those too.
 */
public final class NettyAllocatorEvents {

  static final String PROPERTY = "io.netty.jfr.enabled";

  private NettyAllocatorEvents() {}

  /** Before Netty's first use (it reads the property once). */
  public static void offUnlessRecording() {
    offUnlessRecording(NettyAllocatorEvents::recordingSinceStart);
  }

  static void offUnlessRecording(BooleanSupplier recording) {
    if (System.getProperty(PROPERTY) == null && !recording.getAsBoolean()) {
      System.setProperty(PROPERTY, "false");
    }
  }

  private static boolean recordingSinceStart() {
    try {
      // Only asks whether -XX:StartFlightRecording (or anything else) has started JFR; it
      // does not initialise it.
      return jdk.jfr.FlightRecorder.isInitialized();
    } catch (LinkageError noJfrModule) {
      // A runtime without jdk.jfr: Netty finds no JFR either.
      return false;
    }
  }
}
