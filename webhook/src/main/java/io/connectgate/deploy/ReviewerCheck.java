package io.connectgate.deploy;

import io.connectgate.admission.ConfigMapReviewer;
import io.connectgate.admission.OwnershipCheck;
import io.connectgate.admission.Review;
import io.connectgate.validation.Finding;
import io.connectgate.validation.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link ConnectorCheck} through the same {@link ConfigMapReviewer} the webhook uses (engine and
 * the policy in force), and one owner per connector as admission checks it. A finding without a
 * data key concerns the whole ConfigMap and is reported under the empty key.
 */
public final class ReviewerCheck implements ConnectorCheck {

  public static final String WHOLE = "";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ConfigMapReviewer reviewer;
  private final OwnershipCheck ownership;

  public ReviewerCheck(ConfigMapReviewer reviewer) {
    this(reviewer, null);
  }

  /** @param ownership one owner per connector, as admission checks it; null when not checked */
  public ReviewerCheck(ConfigMapReviewer reviewer, OwnershipCheck ownership) {
    this.reviewer = reviewer;
    this.ownership = ownership;
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
    if (ownership != null) {
      ownership.conflicts(cm.namespace(), cm.name(), cm.annotations().get(DeployKeys.CONNECT_URL_ANNOTATION), cm.data())
          .forEach((key, conflict) -> errors.computeIfAbsent(key, k -> new ArrayList<>()).add(conflict));
    }
    return errors;
  }

  @Override
  public Optional<String> otherOwner(String namespace, String name, String connectUrl, String connector) {
    return ownership == null ? Optional.empty()
        : ownership.otherOwner(namespace, name, connectUrl, connector).map(Object::toString);
  }
}
