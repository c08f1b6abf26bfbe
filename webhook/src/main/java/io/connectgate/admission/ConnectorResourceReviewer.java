package io.connectgate.admission;

import io.connectgate.connector.ConnectorResource;
import io.connectgate.connector.ConnectorResourceKind;
import io.connectgate.connector.ConnectorResources;
import io.connectgate.connector.Deadline;
import io.connectgate.connector.DeadlineExceededException;
import io.connectgate.connector.Origin;
import io.connectgate.validation.ConnectorResourceInspector;
import io.connectgate.validation.Finding;
import io.connectgate.validation.Inspection;
import io.connectgate.validation.Inspector;
import io.connectgate.validation.Location;
import io.connectgate.validation.Severity;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Reviews connector custom resources (Strimzi {@code KafkaConnector} and
 * {@code KafkaMirrorMaker2} in {@code kafka.strimzi.io/v1beta2} and {@code v1}, Confluent for
 * Kubernetes {@code Connector} in {@code platform.confluent.io/v1beta1}) with the same engine and
 * policy as ConfigMaps; a KafkaMirrorMaker2 as the connectors its operator makes of its mirrors.
 * The API server only sends them when the chart's webhook rules name them
 * ({@code connectorResources.*.enabled}); nothing else needs switching on here.
 *
 * <p>Never a patch: the resource belongs to its operator, which builds the connector config
 * (and, for Strimzi, the Connect cluster's converters and plugins) itself, a KafkaMirrorMaker2's
 * from several fields at once; the Replicator
 * defaults connectgate injects into ConfigMaps (Confluent monitoring interceptors) need jars a
 * Strimzi Connect image does not have, and a mutated spec would show as drift in GitOps tools.
 * Never throws: an engine failure becomes an {@code internal} error finding (a 500), as in
 * {@link EngineReviewer}.
 */
public final class ConnectorResourceReviewer {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectorResourceReviewer.class);

  private final ConnectorResourceInspector inspector;

  public ConnectorResourceReviewer(Inspector inspector) {
    this.inspector = new ConnectorResourceInspector(inspector);
  }

  /** Whether a review's kind is a connector resource this reviewer reads. */
  public static boolean handles(GroupVersionKind kind) {
    return kind != null && ConnectorResourceKind.of(kind.group(), kind.version(), kind.kind()) != null;
  }

  public Review review(GroupVersionKind gvk, JsonNode object, String namespace, String name) {
    return review(gvk, object, namespace, name, Deadline.none());
  }

  /** @throws DeadlineExceededException once {@code deadline} has passed (the engine checks it) */
  public Review review(GroupVersionKind gvk, JsonNode object, String namespace, String name, Deadline deadline) {
    Origin origin = Origin.admission(namespace, name);
    try {
      ConnectorResourceKind kind = ConnectorResourceKind.of(gvk.group(), gvk.version(), gvk.kind());
      if (kind == null || object == null || !object.isObject()) {
        return Review.untouched();
      }
      ConnectorResource resource = ConnectorResources.read(object, kind, name);
      Inspection inspection = inspector.inspect(resource, origin, deadline);
      if (!inspection.carriesConnectors()) {
        return Review.untouched();
      }
      return new Review(true, inspection.findings(), null);
    } catch (DeadlineExceededException e) {
      throw e; // not a failure of the engine: the admission use case answers it
    } catch (RuntimeException | StackOverflowError e) {
      StackTraceElement[] stack = e.getStackTrace();
      LOG.error("Engine failure reviewing {} {}: {} at {}", gvk, origin.objectRef(),
          e.getClass().getName(), stack.length > 0 ? stack[0] : "?");
      return new Review(true, List.of(new Finding(Severity.ERROR, EngineReviewer.INTERNAL,
          new Location(origin, null, null),
          "internal error while checking the connector; see the webhook log")), null);
    }
  }
}
