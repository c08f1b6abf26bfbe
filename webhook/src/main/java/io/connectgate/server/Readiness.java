package io.connectgate.server;

import java.util.concurrent.atomic.AtomicReference;

/** /readyz: 503 until TLS and the reviewer are loaded and listening, and again while draining. */
public final class Readiness {

  public enum State { STARTING, READY, DRAINING }

  private final AtomicReference<State> state = new AtomicReference<>(State.STARTING);

  public State state() {
    return state.get();
  }

  void ready() {
    // Never resurrect a draining server.
    state.compareAndSet(State.STARTING, State.READY);
  }

  void draining() {
    state.set(State.DRAINING);
  }

  public boolean isReady() {
    return state.get() == State.READY;
  }
}
