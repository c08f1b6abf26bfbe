package io.connectgate.deploy;

import io.connectgate.admission.ConnectUrlAllowList;
import io.connectgate.admission.ReviewerFactory;
import io.connectgate.e2e.ControlPlane;
import io.connectgate.kube.DeployController;
import io.connectgate.kube.JobBuilder;
import io.connectgate.kube.JobTemplate;
import io.connectgate.policy.Policy;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The deploy controller against the e2e tier's real kube-apiserver: the chart's rendered RBAC
 * applied, the controller acting as the chart's ServiceAccount (impersonation), and the parts
 * of a cluster the tier lacks (Job controller, kubelet) played by the test: it sets a Job's
 * status and creates its pod with a termination message.
 */
final class ControllerFixture {

  static final String RELEASE_NAMESPACE = Charts.NAMESPACE;
  static final String SERVICE_ACCOUNT = "connectgate";
  static final String LEASE = "connectgate-deploy-controller";
  static final String CONNECT_URL = "http://connect.kafka.svc:8083";
  static final String KEY = "replicator-connector.json";

  final ControlPlane plane;
  final KubernetesClient admin;

  ControllerFixture(ControlPlane plane) {
    this.plane = plane;
    this.admin = plane.client();
  }

  /** Applies the RBAC objects of the chart rendered with {@code sets} (and deployJobs on). */
  void applyChartRbac(Map<String, Object> sets) {
    if (admin.namespaces().withName(RELEASE_NAMESPACE).get() == null) {
      admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(RELEASE_NAMESPACE)
          .endMetadata().build()).create();
    }
    Map<String, Object> all = new java.util.HashMap<>(sets);
    all.put("deployJobs.enabled", true);
    all.put("deployJobs.connectUrl", CONNECT_URL);
    List<HasMetadata> objects = Charts.parse(Charts.template(Charts.connectgateChart(), null, all));
    for (HasMetadata o : objects) {
      if (o instanceof Role || o instanceof RoleBinding || o instanceof ClusterRole || o instanceof ClusterRoleBinding) {
        admin.resource(o).createOr(NonDeletingOperation::update);
      }
    }
  }

  String namespace(String prefix) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
    return name;
  }

  /** A valid Replicator connector; {@code tasks} varies the content. */
  static String connector(String name, int tasks) {
    return "{\"name\":\"" + name + "\",\"config\":{"
        + "\"connector.class\":\"io.confluent.connect.replicator.ReplicatorSourceConnector\","
        + "\"topic.whitelist\":\"orders\",\"src.kafka.bootstrap.servers\":\"kafka:9071\","
        + "\"dest.kafka.bootstrap.servers\":\"dest-kafka:9092\",\"tasks.max\":\"" + tasks + "\"}}";
  }

  ConfigMap store(String ns, String name, String content) {
    return store(ns, name, content, Map.of());
  }

  ConfigMap store(String ns, String name, String content, Map<String, String> annotations) {
    return admin.configMaps().inNamespace(ns).resource(new ConfigMapBuilder()
        .withNewMetadata().withName(name).withNamespace(ns).addToLabels(DeployKeys.DEPLOY_LABEL, "true")
        .addToAnnotations(annotations).endMetadata()
        .addToData(KEY, content).build()).create();
  }

  static String hash(String content) {
    return EntryHash.of(KEY, content, CONNECT_URL);
  }

  /** Plays the Job controller and kubelet: a pod that ended with {@code message}, then the Job's condition. */
  void finish(String ns, String jobName, boolean succeeded, String message) {
    String hash = jobName.substring(jobName.lastIndexOf('-') + 1);
    var pod = admin.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withName(jobName + "-x1y2z")
        .addToLabels("app.kubernetes.io/managed-by", "connectgate").addToLabels("connectgate.io/content-hash", hash)
        .endMetadata().withNewSpec().addNewContainer().withName("deploy").withImage("connectgate:0.1.0").endContainer()
        .withRestartPolicy("Never").endSpec().build()).create();
    pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase(succeeded ? "Succeeded" : "Failed")
        .addNewContainerStatus().withName("deploy").withImage("connectgate:0.1.0").withImageID("").withReady(false)
        .withRestartCount(0).withNewState().withNewTerminated().withExitCode(succeeded ? 0 : 1).withMessage(message)
        .withReason(succeeded ? "Completed" : "Error").endTerminated().endState().endContainerStatus().build());
    admin.pods().inNamespace(ns).resource(pod).updateStatus();
    admin.batch().v1().jobs().inNamespace(ns).withName(jobName).editStatus(job -> {
      job.getStatus().setConditions(List.of(new JobConditionBuilder().withType(succeeded ? "Complete" : "Failed")
          .withStatus("True").build()));
      return job;
    });
  }

  List<Job> jobs(String ns) {
    return admin.batch().v1().jobs().inNamespace(ns).list().getItems();
  }

  /** Every Event the fixture's controllers reported as created (what the metrics count). */
  final List<DeployEvent> observed = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

  /** An in-process controller as the chart's ServiceAccount, over the whole cluster. */
  DeployController controller(String identity, Duration resync) {
    return controller(identity, resync, List.of());
  }

  DeployController controller(String identity, Duration resync, List<String> namespaces) {
    return controller(identity, resync, namespaces, SERVICE_ACCOUNT, LEASE);
  }

  /** As the ServiceAccount {@code serviceAccount} of the release namespace, on Lease {@code lease}. */
  DeployController controller(String identity, Duration resync, List<String> namespaces, String serviceAccount,
      String lease) {
    var reviewer = ReviewerFactory.standard().create(null, Policy::builtIn);
    DeploySettings settings = new DeploySettings(ConnectUrlAllowList.normalize(CONNECT_URL), ConnectUrlAllowList.none(),
        namespaces.isEmpty() ? Set.of("kube-system", RELEASE_NAMESPACE) : Set.of("kube-system"));
    return DeployController.start(plane.clientAs(RELEASE_NAMESPACE, serviceAccount),
        new JobBuilder(JobTemplate.builtIn(), "connectgate:0.1.0"), new ReviewerCheck(reviewer),
        new DeployController.Settings(settings, namespaces, RELEASE_NAMESPACE, lease, identity, Duration.ofSeconds(6),
            Duration.ofSeconds(4), Duration.ofSeconds(1), resync, 4), Clock.systemUTC(), observed::add);
  }

  /** Waits, on the API's watch (no polling), until {@code condition} holds for the listed objects. */
  static <T extends HasMetadata> List<T> await(Informable<T> objects, Predicate<List<T>> condition, Duration timeout,
      Supplier<String> message) {
    var future = objects.informOnCondition(condition);
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new AssertionError("not within " + timeout + ": " + message.get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Asserts that nothing matching {@code change} happens for {@code period} (a watch, not a sleep). */
  static <T extends HasMetadata> void assertNoChange(Informable<T> objects, Predicate<List<T>> change, Duration period,
      Supplier<String> message) {
    var future = objects.informOnCondition(change);
    try {
      List<T> changed = future.get(period.toMillis(), TimeUnit.MILLISECONDS);
      throw new AssertionError(message.get() + ": " + changed.stream().map(o -> o.getMetadata().getName()
          + "@" + o.getMetadata().getResourceVersion()).toList());
    } catch (TimeoutException expected) {
      future.cancel(true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }
}
