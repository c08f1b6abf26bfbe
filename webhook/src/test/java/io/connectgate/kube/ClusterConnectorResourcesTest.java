package io.connectgate.kube;

import static io.connectgate.connector.ConnectorResourceKind.CONFLUENT_CONNECTOR;
import static io.connectgate.connector.ConnectorResourceKind.STRIMZI_KAFKA_CONNECTOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.connectgate.connector.ConnectorResource;
import io.connectgate.connector.Origin;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The connector-resource pager against Fabric8's mock API server, made to page, discover CRD
 * groups and refuse like the real one ({@link MockApiServer}).
 */
class ClusterConnectorResourcesTest {

  private static final String MM2 = "org.apache.kafka.connect.mirror.MirrorSourceConnector";

  private final MockApiServer api = new MockApiServer(); // one per test: JUnit makes an instance each
  private final CrdAwareDispatcher dispatcher = api.dispatcher;
  private final KubernetesClient client = api.client;

  @AfterEach
  void stop() {
    api.close();
  }

  private record Seen(Origin origin, ConnectorResource resource) {}


  private void kafkaConnector(String ns, String name, int tasks) {
    client.genericKubernetesResources(ClusterConnectorResources.context(STRIMZI_KAFKA_CONNECTOR, "v1beta2"))
        .inNamespace(ns).resource(new GenericKubernetesResourceBuilder()
            .withApiVersion("kafka.strimzi.io/v1beta2").withKind("KafkaConnector")
            .withNewMetadata().withName(name).withNamespace(ns).endMetadata()
            .withAdditionalProperties(Map.of("spec", Map.of("class", MM2, "tasksMax", tasks,
                "config", Map.of("source.cluster.alias", "east"))))
            .build()).create();
  }

  private void strimziCrd(String plural, String kind, CustomResourceDefinitionVersion... versions) {
    client.apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
        .withNewMetadata().withName(plural + ".kafka.strimzi.io").endMetadata()
        .withNewSpec().withGroup("kafka.strimzi.io").withScope("Namespaced")
        .withNewNames().withKind(kind).withPlural(plural).endNames()
        .withVersions(versions).endSpec().build()).create();
  }

  private static CustomResourceDefinitionVersion served(String name, boolean storage) {
    return new CustomResourceDefinitionVersionBuilder().withName(name).withServed(true).withStorage(storage).build();
  }

  @Test
  void walksEveryNamespaceInPagesAsTheConnectorsTheyStandFor() {
    ConnectorCrds.install(client, STRIMZI_KAFKA_CONNECTOR);
    for (int i = 0; i < 5; i++) {
      kafkaConnector(i < 3 ? "team-a" : "team-b", "mm2-" + i, i + 1);
    }
    ClusterConnectorResources pager = new ClusterConnectorResources(client, STRIMZI_KAFKA_CONNECTOR, 2);
    List<Seen> seen = new ArrayList<>();
    OptionalInt pages = pager.forEach(null, (origin, resource) -> seen.add(new Seen(origin, resource)));

    assertEquals(OptionalInt.of(3), pages, "5 resources in pages of 2");
    assertEquals(3, dispatcher.crud.listRequests.size(), "one list request per page: " + dispatcher.crud.listRequests);
    assertTrue(dispatcher.crud.listRequests.stream().allMatch(p -> p.startsWith("/apis/kafka.strimzi.io/v1beta2/kafkaconnectors?")
        && p.contains("limit=2")), "each request lists the served version with the page size: " + dispatcher.crud.listRequests);
    assertTrue(dispatcher.crud.listRequests.get(1).contains("continue="), "the second page uses the continue token");
    assertEquals(5, seen.size(), "every resource of both namespaces");
    Seen third = seen.stream().filter(s -> s.origin().name().equals("mm2-2")).findFirst().orElseThrow();
    assertEquals(Origin.clusterResource("KafkaConnector", "team-a", "mm2-2"), third.origin(),
        "findings will name the kind, namespace and name");
    assertEquals("{\"name\":\"mm2-2\",\"config\":{\"connector.class\":\"" + MM2 + "\",\"tasks.max\":3,"
        + "\"source.cluster.alias\":\"east\"}}", third.resource().connectors().get(0).document().toString(),
        "read as validate reads it: spec.class and spec.tasksMax into the connector config");

    dispatcher.crud.listRequests.clear();
    List<Origin> teamB = new ArrayList<>();
    pager.forEach("team-b", (origin, resource) -> teamB.add(origin));
    assertEquals(List.of("mm2-3", "mm2-4"), teamB.stream().map(Origin::name).sorted().toList(), "one namespace only");
    assertTrue(dispatcher.crud.listRequests.get(0).startsWith("/apis/kafka.strimzi.io/v1beta2/namespaces/team-b/kafkaconnectors?"),
        dispatcher.crud.listRequests.toString());
  }

  @Test
  void aKindWhoseCrdIsNotInstalledIsNoPageCountAndNoError() {
    assertEquals(OptionalInt.empty(), new ClusterConnectorResources(client, STRIMZI_KAFKA_CONNECTOR, 10)
        .forEach(null, (o, r) -> { throw new AssertionError("nothing to see"); }), "no kafka.strimzi.io group");
    assertEquals(OptionalInt.empty(), new ClusterConnectorResources(client, CONFLUENT_CONNECTOR, 10)
        .forEach("team-a", (o, r) -> { throw new AssertionError("nothing to see"); }), "no platform.confluent.io group");

    strimziCrd("kafkas", "Kafka", served("v1beta2", true)); // Strimzi's group, but no KafkaConnector
    assertEquals(OptionalInt.empty(), new ClusterConnectorResources(client, STRIMZI_KAFKA_CONNECTOR, 10)
        .forEach(null, (o, r) -> { throw new AssertionError("nothing to see"); }), "the group without the kind");
    assertEquals(List.of(), dispatcher.crud.listRequests, "nothing listed");
  }

  @Test
  void listsTheVersionDiscoveryPrefersAmongThoseConnectgateReads() {
    // Strimzi 0.49+: v1 and the deprecated v1beta2 both served; v1 is preferred.
    strimziCrd("kafkaconnectors", "KafkaConnector", served("v1beta2", false), served("v1", true));
    assertEquals(List.of("v1", "v1beta2"),
        new ClusterConnectorResources(client, STRIMZI_KAFKA_CONNECTOR, 10).servedVersions());
    new ClusterConnectorResources(client, STRIMZI_KAFKA_CONNECTOR, 10).forEach(null, (o, r) -> {});
    assertTrue(dispatcher.crud.listRequests.get(0).startsWith("/apis/kafka.strimzi.io/v1/kafkaconnectors?"),
        "the preferred version, not the deprecated one: " + dispatcher.crud.listRequests);
  }

  @Test
  void aPreferredVersionConnectgateDoesNotReadIsPassedOver() {
    strimziCrd("kafkaconnectors", "KafkaConnector", served("v1alpha1", false), served("v1beta2", false),
        served("v2", true));
    assertEquals(List.of("v1beta2"), new ClusterConnectorResources(client, STRIMZI_KAFKA_CONNECTOR, 10).servedVersions(),
        "v2 (preferred) and v1alpha1 are versions whose fields connectgate does not know");

    client.apiextensions().v1().customResourceDefinitions().withName("kafkaconnectors.kafka.strimzi.io").delete();
    strimziCrd("kafkaconnectors", "KafkaConnector", served("v1alpha1", true));
    assertEquals(OptionalInt.empty(), new ClusterConnectorResources(client, STRIMZI_KAFKA_CONNECTOR, 10)
        .forEach(null, (o, r) -> {}), "only a version connectgate does not read: as good as not installed");
    assertEquals(List.of(), dispatcher.crud.listRequests, "nothing listed");
  }

  @Test
  void aRefusedListNamesTheVerbResourceAndGroupToGrant() {
    ConnectorCrds.install(client, STRIMZI_KAFKA_CONNECTOR);
    dispatcher.forbid("kafkaconnectors");
    ListForbiddenException e = assertThrows(ListForbiddenException.class,
        () -> new ClusterConnectorResources(client, STRIMZI_KAFKA_CONNECTOR, 10).forEach("team-a", (o, r) -> {}));
    assertEquals("cannot list kafkaconnectors.kafka.strimzi.io in namespace team-a: RBAC needs the verb list"
        + " on resource kafkaconnectors in API group kafka.strimzi.io (Kubernetes API error 403:"
        + " kafkaconnectors.kafka.strimzi.io is forbidden: User \"system:serviceaccount:connectgate:connectgate-audit\""
        + " cannot list resource \"kafkaconnectors\" in API group \"kafka.strimzi.io\" in the namespace \"team-a\")",
        e.getMessage());
    assertEquals(e.getMessage(), ClusterConnection.describe(e), "the CLI prints it as it is");
  }
}
