package io.connectgate.kube;

import io.connectgate.connector.ConnectorResourceKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit tests' connector CRDs and resources (src/test/resources/audit), put into a cluster
 * through any client: Fabric8's mock server or a real kube-apiserver. Every password in them is
 * {@link #SECRET}.
 */
public final class ConnectorCrds {

  private static final Path DIR = Path.of("src/test/resources/audit");
  /** The password in mm2-bad's and mirror-bad's JAAS configs, which no output may show. */
  public static final String SECRET = "Audit-Cr-S3cret!";

  private ConnectorCrds() {}

  /** Creates the CRD of {@code kind} (not waiting for it to be established). */
  public static CustomResourceDefinition install(KubernetesClient client, ConnectorResourceKind kind) {
    try (InputStream in = Files.newInputStream(DIR.resolve(kind.resource() + ".crd.yaml"))) {
      return client.apiextensions().v1().customResourceDefinitions().load(in).create();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Creates every resource of connector-resources.yaml in {@code namespace}: the KafkaConnector
   * {@code mm2-bad} and the Confluent Connector {@code cfk-good}.
   */
  public static List<GenericKubernetesResource> createResources(KubernetesClient client, String namespace) {
    return create(client, namespace, "connector-resources.yaml");
  }

  /**
   * Creates the KafkaMirrorMaker2 {@code mirror-bad} of kafkamirrormaker2s.yaml in
   * {@code namespace} (its CRD installed first).
   */
  public static List<GenericKubernetesResource> createMirrorMakers(KubernetesClient client, String namespace) {
    return create(client, namespace, "kafkamirrormaker2s.yaml");
  }

  private static List<GenericKubernetesResource> create(KubernetesClient client, String namespace, String file) {
    List<GenericKubernetesResource> created = new ArrayList<>();
    try (InputStream in = Files.newInputStream(DIR.resolve(file))) {
      for (HasMetadata item : client.load(in).items()) {
        GenericKubernetesResource r = (GenericKubernetesResource) item;
        r.getMetadata().setNamespace(namespace);
        String[] apiVersion = r.getApiVersion().split("/");
        ConnectorResourceKind kind = ConnectorResourceKind.of(apiVersion[0], apiVersion[1], r.getKind());
        created.add(client.genericKubernetesResources(ClusterConnectorResources.context(kind, apiVersion[1]))
            .inNamespace(namespace).resource(r).create());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return created;
  }

  /**
   * The lines audit reports of the KafkaMirrorMaker2 mirror-bad in {@code namespace}: its source
   * connector's bad value, and the plain password of its source cluster's config once for both
   * connectors.
   */
  public static List<String> mirrorBadFindings(String namespace) {
    String at = "KafkaMirrorMaker2 " + namespace + "/mirror-bad /spec/mirrors/0/";
    return List.of(
        at + "sourceConnector/config/offset.lag.max: ERROR must be an integer (a JSON number or a"
            + " string holding one), found string (schema)",
        at + "source/config/sasl.jaas.config: WARNING has a plain-text password; use a ${...}"
            + " reference (in east->west.MirrorSourceConnector, east->west.MirrorCheckpointConnector)"
            + " (plaintextCredentials)");
  }

  /** The lines audit reports of mm2-bad in {@code namespace} (cfk-good has no finding). */
  public static List<String> mm2BadFindings(String namespace) {
    String at = "KafkaConnector " + namespace + "/mm2-bad /spec/config/";
    return List.of(
        at + "tasks.max: ERROR not allowed in spec.config of a Strimzi KafkaConnector: the operator"
            + " drops it with only a log warning and sends spec.tasksMax as tasks.max; set"
            + " spec.tasksMax instead (forbidden-key)",
        at + "offset.lag.max: ERROR must be an integer (a JSON number or a string holding one),"
            + " found string (schema)",
        at + "source.cluster.sasl.jaas.config: WARNING has a plain-text password; use a ${...}"
            + " reference (plaintextCredentials)");
  }
}
