package io.connectgate.admission;

import io.connectgate.connector.ConfigMapView;
import io.connectgate.connector.ConfigMapViews;
import io.connectgate.connector.Deadline;
import io.connectgate.connector.DeadlineExceededException;
import io.connectgate.connector.Origin;
import io.connectgate.mutation.ConfigMapPatch;
import io.connectgate.mutation.MutatedDocument;
import io.connectgate.mutation.Mutator;
import io.connectgate.validation.ConnectorEngine;
import io.connectgate.validation.Finding;
import io.connectgate.validation.Inspection;
import io.connectgate.validation.Inspector;
import io.connectgate.validation.Location;
import io.connectgate.validation.SchemaCatalog;
import io.connectgate.validation.Severity;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * The engine behind the admission seam: inspects the request's ConfigMap and, when asked and
 * there is no error, builds the defaults patch. Never throws: an engine failure becomes an
 * error finding (rule {@value #INTERNAL}), so the request is denied rather than let through
 * unchecked.
 */
public final class EngineReviewer implements ConfigMapReviewer {

  public static final String INTERNAL = "internal";
  private static final Logger LOG = LoggerFactory.getLogger(EngineReviewer.class);

  private final Inspector engine;
  private final Mutator mutator;
  private final ConfigMapPatch patches = new ConfigMapPatch();
  private final ConnectorResourceReviewer resources;

  public EngineReviewer(SchemaCatalog catalog) {
    this(new ConnectorEngine(catalog), new Mutator(catalog));
  }

  public EngineReviewer(Inspector engine, Mutator mutator) {
    this.engine = engine;
    this.mutator = mutator;
    this.resources = new ConnectorResourceReviewer(engine);
  }

  @Override
  public Review reviewResource(GroupVersionKind kind, JsonNode object, String namespace, String name) {
    return resources.review(kind, object, namespace, name, Deadline.none());
  }

  @Override
  public Review reviewResource(GroupVersionKind kind, JsonNode object, String namespace, String name,
      Deadline deadline) {
    return resources.review(kind, object, namespace, name, deadline);
  }

  @Override
  public Review review(JsonNode object, String namespace, String name, boolean mutate) {
    return review(object, namespace, name, mutate, Deadline.none());
  }

  @Override
  public Review review(JsonNode object, String namespace, String name, boolean mutate, Deadline deadline) {
    Origin origin = Origin.admission(namespace, name);
    try {
      if (object == null || !object.isObject()) {
        return Review.untouched();
      }
      ConfigMapView view = ConfigMapViews.fromJson(object, origin);
      Inspection inspection = engine.inspect(view, deadline);
      if (!inspection.carriesConnectors()) {
        return Review.untouched();
      }
      ArrayNode patch = null;
      if (mutate && !inspection.hasErrors()) {
        List<MutatedDocument> mutated = new ArrayList<>(1);
        for (var d : inspection.documents()) {
          deadline.check();
          MutatedDocument m = mutator.mutate(d, view.monitoringTarget());
          if (m != null) {
            mutated.add(m);
          }
        }
        if (!mutated.isEmpty()) {
          deadline.check();
          patch = patches.patch(object, mutated);
        }
      }
      return new Review(true, inspection.findings(), patch);
    } catch (DeadlineExceededException e) {
      throw e; // not a failure of the engine: the admission use case answers it
    } catch (RuntimeException | StackOverflowError e) {
      // The message or stack of an unexpected failure could quote config values: log only
      // the type and where it happened.
      StackTraceElement[] stack = e.getStackTrace();
      LOG.error("Engine failure reviewing ConfigMap {}: {} at {}", LogText.safe(origin.objectRef()),
          e.getClass().getName(), stack.length > 0 ? stack[0] : "?");
      return new Review(true, List.of(new Finding(Severity.ERROR, INTERNAL,
          new Location(origin, null, null),
          "internal error while checking the connectors; see the webhook log")), null);
    }
  }
}
