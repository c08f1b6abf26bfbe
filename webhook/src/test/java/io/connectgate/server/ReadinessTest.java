package io.connectgate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReadinessTest {

  @Test
  void startsNotReadyBecomesReadyAndNeverComesBackFromDraining() {
    Readiness readiness = new Readiness();
    assertEquals(Readiness.State.STARTING, readiness.state(), "expected not ready before start");
    readiness.ready();
    assertEquals(Readiness.State.READY, readiness.state(), "expected ready after start");
    readiness.draining();
    readiness.ready();
    assertEquals(Readiness.State.DRAINING, readiness.state(), "expected draining to be final");
  }
}
