package io.connectgate.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chart's matchCondition, compiled and evaluated with CEL as the API server would: an
 * expression that fails to compile or errors at run time would make every ConfigMap write
 * subject to failurePolicy, so it must be right for every shape of object, including one
 * with generateName and no name yet.
 */
class MatchConditionTest {

  private static CelRuntime.Program program;

  @BeforeAll
  static void compileTheChartsExpression() throws Exception {
    ValidatingWebhookConfiguration config = Charts.single(
        Charts.registeredWebhooks(Charts.parse(Charts.template(Charts.connectgateChart(), null))),
        ValidatingWebhookConfiguration.class);
    String expression = config.getWebhooks().get(0).getMatchConditions().get(0).getExpression();
    CelCompiler compiler = CelCompilerFactory.standardCelCompilerBuilder()
        .setStandardMacros(CelStandardMacro.STANDARD_MACROS) // has(), all(), ... as in Kubernetes
        .addVar("object", MapType.create(SimpleType.STRING, SimpleType.DYN))
        .addVar("request", MapType.create(SimpleType.STRING, SimpleType.DYN))
        .setResultType(SimpleType.BOOL)
        .build();
    CelAbstractSyntaxTree ast = compiler.compile(expression).getAst();
    program = CelRuntimeFactory.standardCelRuntimeBuilder().build().createProgram(ast);
  }

  static Stream<Arguments> configMaps() {
    return Stream.of(
        Arguments.of("connector ConfigMap", configMap("replicator-connector", Map.of()), true),
        Arguments.of("no annotations at all", configMap("orders", null), true),
        Arguments.of("generateName, no name yet", configMap(null, null), true),
        Arguments.of("name merely containing lock", configMap("lockstep-config", Map.of()), true),
        Arguments.of("*-lock", configMap("cert-manager-controller-lock", Map.of()), false),
        Arguments.of("*-leader", configMap("ingress-controller-leader", Map.of()), false),
        Arguments.of("*leader-election", configMap("my-operator-leader-election", Map.of()), false),
        Arguments.of("kube-root-ca.crt", configMap("kube-root-ca.crt", null), false),
        Arguments.of("leader annotation", configMap("cluster-autoscaler-status",
            Map.of("control-plane.alpha.kubernetes.io/leader", "{\"holderIdentity\":\"a\"}")), false),
        Arguments.of("KafkaConnector named like a lock", kafkaConnector("mirror-leader"), true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configMaps")
  void sendsConnectorsAndSkipsLocks(String description, Map<String, Object> object, boolean sent) throws Exception {
    Map<String, Object> request = Map.of("kind", Map.of("group", "", "version", "v1", "kind", object.get("kind")));
    assertEquals(sent, program.eval(Map.of("object", object, "request", request)),
        description + (sent ? " must be sent to connectgate" : " must be skipped"));
  }

  private static Map<String, Object> kafkaConnector(String name) {
    return Map.of("apiVersion", "kafka.strimzi.io/v1beta2", "kind", "KafkaConnector",
        "metadata", Map.of("name", name, "namespace", "replication"), "spec", Map.of("class", "x"));
  }

  private static Map<String, Object> configMap(String name, Map<String, String> annotations) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    if (name == null) {
      metadata.put("generateName", "generated-");
    } else {
      metadata.put("name", name);
    }
    metadata.put("namespace", "replication");
    if (annotations != null) {
      metadata.put("annotations", annotations);
    }
    return Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", metadata, "data", Map.of());
  }
}
