package io.connectgate.admission;

import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * Test double for the decision engine: answers with whatever the test scripted, counts calls
 * and remembers the last {@code mutate} flag, so tests can prove what was (not) reviewed.
 */
public final class ScriptedReviewer implements ConfigMapReviewer {

  /** What to answer for one call. */
  @FunctionalInterface
  public interface Script {
    Review answer(JsonNode object, String namespace, String name, boolean mutate);
  }

  private volatile Script script = (o, ns, n, m) -> Review.untouched();
  private final AtomicInteger calls = new AtomicInteger();
  private volatile Boolean lastMutate;

  public ScriptedReviewer answering(Script script) {
    this.script = script;
    return this;
  }

  public ScriptedReviewer answering(Review review) {
    return answering((o, ns, n, m) -> review);
  }

  public int calls() {
    return calls.get();
  }

  public Boolean lastMutate() {
    return lastMutate;
  }

  @Override
  public Review review(JsonNode object, String namespace, String name, boolean mutate) {
    calls.incrementAndGet();
    lastMutate = mutate;
    return script.answer(object, namespace, name, mutate);
  }
}
