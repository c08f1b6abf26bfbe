package io.connectgate.deploy;

import io.connectgate.admission.ConfigMapReviewer;
import io.connectgate.admission.Review;
import io.connectgate.validation.Finding;
import io.connectgate.validation.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link ConnectorCheck} through the same {@link ConfigMapReviewer} the webhook uses (engine and
 * the policy in force). A finding without a data key concerns the whole ConfigMap and is
 * reported under the empty key.
 */
public final class ReviewerCheck implements ConnectorCheck {

  public static final String WHOLE = "";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ConfigMapReviewer reviewer;

  public ReviewerCheck(ConfigMapReviewer reviewer) {
    this.reviewer = reviewer;
  }

  @Override
  public Map<String, List<String>> errors(ConfigMapContent cm) {
    ObjectNode object = JSON.createObjectNode();
    object.put("apiVersion", "v1");
    object.put("kind", "ConfigMap");
    ObjectNode meta = object.putObject("metadata");
    meta.put("name", cm.name());
    meta.put("namespace", cm.namespace());
    meta.put("uid", cm.uid());
    ObjectNode labels = meta.putObject("labels");
    cm.labels().forEach(labels::put);
    ObjectNode annotations = meta.putObject("annotations");
    cm.annotations().forEach(annotations::put);
    ObjectNode data = object.putObject("data");
    cm.data().forEach(data::put);
    Review review = reviewer.review(object, cm.namespace(), cm.name(), false);
    Map<String, List<String>> errors = new LinkedHashMap<>();
    for (Finding f : review.findings()) {
      if (f.severity() == Severity.ERROR) {
        String key = f.location().dataKey() == null ? WHOLE : f.location().dataKey();
        errors.computeIfAbsent(key, k -> new ArrayList<>()).add(f.describe());
      }
    }
    return errors;
  }
}
