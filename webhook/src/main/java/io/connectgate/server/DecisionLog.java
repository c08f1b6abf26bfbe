package io.connectgate.server;

import io.connectgate.admission.AdmissionRequest;
import io.connectgate.admission.Decision;
import io.connectgate.admission.Endpoint;
import io.connectgate.admission.Outcome;
import io.connectgate.validation.Finding;
import io.connectgate.validation.Severity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.connectgate.admission.LogText.safe;

/**
 * One INFO line per decision, and the AUDIT findings (which reach no client). Raw reviews
 * are never logged, not even at DEBUG: the {@code last-applied-configuration} annotation and
 * the data entries carry connector JSON with credentials. Finding texts are safe to log:
 * the engine never puts a sensitive value in a message. Every value that came from the review
 * (uid, kind, operation, object, finding texts with data keys) goes through
 * {@link io.connectgate.admission.LogText#safe}: a CR or LF in it cannot forge a line.
 */
final class DecisionLog {

  private static final Logger LOG = LoggerFactory.getLogger("io.connectgate.admission.decisions");

  void decided(Endpoint endpoint, AdmissionRequest request, Outcome outcome, long micros) {
    Decision decision = outcome.decision();
    boolean allowed = decision instanceof Decision.Allowed;
    int code = decision instanceof Decision.Denied d ? d.code()
        : decision instanceof Decision.Failed ? 500 : 200;
    boolean patched = decision instanceof Decision.Allowed a && a.patch() != null;
    LOG.info("decision uid={} route={} operation={} kind={} object={} dryRun={} allowed={} code={}"
            + " findings={} patched={} micros={}",
        safe(request.uid()), endpoint.tag(), safe(request.operation()), safe(String.valueOf(request.kind())),
        safe(request.objectRef()), request.dryRun(), allowed, code, outcome.findings().size(), patched, micros);
    for (Finding f : outcome.findings()) {
      if (f.severity() == Severity.AUDIT) {
        LOG.info("audit uid={} object={} rule={} {}", safe(request.uid()), safe(request.objectRef()), f.rule(),
            safe(f.describe()));
      }
    }
  }
}
