package io.connectgate.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * A hostile-input test class: one {@link TestWebhook} for the class (the subclass starts it in
 * its own {@code @BeforeAll}), and around every test a {@link ConcurrentProbe} on connections
 * of its own, which must have been served throughout: whatever a test sends, other clients
 * keep getting answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ProbedWebhookTest {

  TestWebhook webhook;
  ConcurrentProbe probe;

  @AfterAll
  void stopWebhook() throws Exception {
    if (webhook != null) {
      webhook.close();
    }
  }

  @BeforeEach
  void startProbe() throws Exception {
    probe = ConcurrentProbe.start(webhook);
  }

  @AfterEach
  void otherClientsWereServedMeanwhile() throws Exception {
    probe.stopAndAssertServed();
  }
}
