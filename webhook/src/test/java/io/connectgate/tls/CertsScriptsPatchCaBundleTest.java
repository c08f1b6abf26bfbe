package io.connectgate.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.zjsonpatch.JsonPatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * patch-ca-bundle.sh: the offline dry-run patch, and the kubectl calls it makes, observed through a fake kubectl
 * that answers {@code get} from FAKE_OBJECTS ("kind/name=webhookCount ...") and records every call.
 */
class CertsScriptsPatchCaBundleTest {

    private static final String FAKE_KUBECTL = """
            #!/usr/bin/env bash
            printf '%s\\n' "$*" >> "$FAKE_LOG"
            if [[ $1 == get ]]; then
              for entry in $FAKE_OBJECTS; do
                if [[ ${entry%=*} == "$2/$3" ]]; then
                  printf 'found:'
                  for ((i = 0; i < ${entry#*=}; i++)); do printf x; done
                  exit 0
                fi
              done
              exit 0
            fi
            [[ $1 == patch ]] || { echo "unexpected kubectl call: $*" >&2; exit 1; }
            echo "$2/$3 patched"
            """;

    private final ObjectMapper json = JsonMapper.builder().build();
    private final ScriptRunner scripts = ScriptRunner.forRepository();

    @TempDir
    static Path shared;

    static Path caFile;
    static String caBundle;

    @BeforeAll
    static void generateCa() throws IOException {
        ScriptRunner.requireOpenssl();
        ScriptRunner.Result run = ScriptRunner.forRepository().run(shared, "gen-certs.sh", "--service", "connectgate",
                "--namespace", "ns", "--out", "certs", "--secret-yaml", "secret.yaml");
        assertEquals(0, run.exitCode(), "expected gen-certs.sh to succeed: " + run.describe());
        caFile = shared.resolve("certs/ca.crt");
        caBundle = Base64.getEncoder().encodeToString(Files.readAllBytes(caFile));
    }

    @Test
    void offlineDryRunPrintsOneAddPerWebhookIndexCarryingTheCa(@TempDir Path dir) {
        ScriptRunner.Result run = scripts.run(dir, "patch-ca-bundle.sh", "--ca", caFile.toString(), "--webhook", "connectgate",
                "--dry-run", "--webhooks-count", "3");

        assertEquals(0, run.exitCode(), "expected the offline dry-run to succeed: " + run.describe());
        JsonNode patch = singlePatch(run.stdout());
        assertEquals(3, patch.size(), "expected one operation per webhook index");
        for (int i = 0; i < 3; i++) {
            JsonNode op = patch.get(i);
            assertEquals("add", op.path("op").asString(), "expected an add operation (replaces an existing caBundle too)");
            assertEquals("/webhooks/" + i + "/clientConfig/caBundle", op.path("path").asString(), "expected webhook index " + i);
            assertEquals(caBundle, op.path("value").asString(), "expected the base64 of the CA PEM file, unwrapped");
        }
        assertTrue(run.stderr().contains("would patch webhookconfiguration/connectgate: caBundle on 3 webhook(s)"),
                "expected stderr to say which object would be patched: " + run.stderr());
    }

    @Test
    void dryRunPatchAppliesToAWebhookConfigurationAndSetsEveryCaBundle(@TempDir Path dir) {
        ScriptRunner.Result run = scripts.run(dir, "patch-ca-bundle.sh", "--ca", caFile.toString(), "--webhook", "connectgate",
                "--kind", "validating", "--dry-run", "--webhooks-count", "2");
        assertEquals(0, run.exitCode(), "expected the offline dry-run to succeed: " + run.describe());
        JsonNode configuration = json.readTree("""
                {"apiVersion": "admissionregistration.k8s.io/v1", "kind": "ValidatingWebhookConfiguration",
                 "metadata": {"name": "connectgate"},
                 "webhooks": [
                   {"name": "validate.connectgate.io", "clientConfig": {"service": {"name": "connectgate", "namespace": "ns"},
                                                                         "caBundle": "b2xkIENB"}},
                   {"name": "mutate.connectgate.io", "clientConfig": {"service": {"name": "connectgate", "namespace": "ns"}}}
                 ]}""");

        JsonNode patched = JsonPatch.apply(singlePatch(run.stdout()), configuration);

        for (JsonNode webhook : patched.path("webhooks")) {
            assertEquals(caBundle, webhook.path("clientConfig").path("caBundle").asString(),
                    "expected caBundle of " + webhook.path("name").asString() + " to be the new CA");
            assertEquals("connectgate", webhook.path("clientConfig").path("service").path("name").asString(),
                    "expected the rest of clientConfig to be kept");
        }
        assertTrue(run.stderr().contains("validatingwebhookconfiguration/connectgate"), "expected the kind to be named: " + run.stderr());
    }

    @Test
    void patchesEveryKindANameExistsAsWithOneJsonPatchEach(@TempDir Path dir) throws IOException {
        Fake fake = fake(dir, "validatingwebhookconfiguration/both=2 mutatingwebhookconfiguration/both=1 "
                + "mutatingwebhookconfiguration/only-mutating=3");

        ScriptRunner.Result run = fake.runner.run(dir, "patch-ca-bundle.sh", "--ca", caFile.toString(),
                "--webhook", "both", "only-mutating", "--kubeconfig", "/tmp/kc", "--context", "staging");

        assertEquals(0, run.exitCode(), "expected the patch to succeed: " + run.describe());
        List<List<String>> patches = fake.calls().stream().filter(c -> c.get(0).equals("patch")).toList();
        assertEquals(List.of("validatingwebhookconfiguration both", "mutatingwebhookconfiguration both",
                        "mutatingwebhookconfiguration only-mutating"),
                patches.stream().map(c -> c.get(1) + " " + c.get(2)).toList(),
                "expected a patch for each kind each name exists as, and nothing else");
        List<Integer> expectedCounts = List.of(2, 1, 3);
        for (int i = 0; i < patches.size(); i++) {
            List<String> call = patches.get(i);
            assertEquals("--type=json", call.get(3), "expected a JSON patch");
            assertEquals("-p", call.get(4), "expected the patch as -p");
            JsonNode patch = json.readTree(call.get(5));
            assertEquals((int) expectedCounts.get(i), patch.size(), "expected one op per webhook of " + call.get(2));
            patch.forEach(op -> assertEquals(caBundle, op.path("value").asString(), "expected every op to carry the CA"));
            assertEquals(List.of("--kubeconfig", "/tmp/kc", "--context", "staging"), call.subList(6, call.size()),
                    "expected --kubeconfig and --context to reach kubectl patch");
        }
        fake.calls().stream().filter(c -> c.get(0).equals("get")).forEach(c -> assertTrue(
                c.containsAll(List.of("--ignore-not-found", "--kubeconfig", "/tmp/kc", "--context", "staging")),
                "expected every kubectl get to ignore not-found and carry the cluster flags: " + c));
    }

    /**
     * Real kubectl, offline: {@code get} is served by {@code kubectl label --local -f FILE} (same -o jsonpath
     * handling as get) and {@code patch} by {@code kubectl patch --local -f FILE}, so kubectl itself evaluates the
     * script's jsonpath query and applies its JSON Patch to webhook configuration manifests.
     */
    @Test
    void realKubectlCountsTheWebhooksAndAppliesThePatchToEveryOne(@TempDir Path dir) throws IOException {
        Optional<Path> realKubectl = onPath("kubectl");
        assumeTrue(realKubectl.isPresent(), "kubectl is not on PATH: the real-kubectl check cannot run");
        Path objects = Files.createDirectories(dir.resolve("objects"));
        String webhook = """
                - name: %s.connectgate.io
                  clientConfig:
                    service: {name: connectgate, namespace: ns, path: /%s}
                """;
        Files.writeString(objects.resolve("validatingwebhookconfiguration-connectgate.yaml"), """
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingWebhookConfiguration
                metadata: {name: connectgate}
                webhooks:
                """ + webhook.formatted("validate", "validate") + webhook.formatted("audit", "validate")
                + "    caBundle: b2xkIENB\n");
        Files.writeString(objects.resolve("mutatingwebhookconfiguration-connectgate.yaml"), """
                apiVersion: admissionregistration.k8s.io/v1
                kind: MutatingWebhookConfiguration
                metadata: {name: connectgate}
                webhooks:
                """ + webhook.formatted("mutate", "mutate"));
        Path kubectl = dir.resolve("kubectl-local");
        Files.writeString(kubectl, """
                #!/usr/bin/env bash
                set -euo pipefail
                verb=$1 kind=$2 name=$3; shift 3
                file="$OBJECTS_DIR/$kind-$name.yaml"
                args=(); for a in "$@"; do [[ $a == --ignore-not-found ]] || args+=("$a"); done
                case $verb in
                  get) [[ -f $file ]] || exit 0
                       exec "$REAL_KUBECTL" label --local -f "$file" connectgate.io/probe=x "${args[@]}" ;;
                  patch) "$REAL_KUBECTL" patch --local -f "$file" "${args[@]}" -o yaml > "$file.new"
                         mv "$file.new" "$file"; echo "$kind/$name patched" ;;
                  *) echo "unexpected kubectl call: $verb" >&2; exit 1 ;;
                esac
                """);
        Files.setPosixFilePermissions(kubectl, PosixFilePermissions.fromString("rwx------"));

        ScriptRunner.Result run = scripts.withEnvironment(Map.of("KUBECTL", kubectl.toString(),
                        "REAL_KUBECTL", realKubectl.get().toString(), "OBJECTS_DIR", objects.toString()))
                .run(dir, "patch-ca-bundle.sh", "--ca", caFile.toString(), "--webhook", "connectgate");

        assertEquals(0, run.exitCode(), "expected the patch through real kubectl to succeed: " + run.describe());
        assertTrue(run.stderr().contains("validatingwebhookconfiguration/connectgate: caBundle on 2 webhook(s)")
                        && run.stderr().contains("mutatingwebhookconfiguration/connectgate: caBundle on 1 webhook(s)"),
                "expected kubectl's jsonpath to yield 2 validating and 1 mutating webhooks: " + run.stderr());
        YAMLMapper yaml = new YAMLMapper();
        for (String file : List.of("validatingwebhookconfiguration-connectgate.yaml", "mutatingwebhookconfiguration-connectgate.yaml")) {
            JsonNode patched = yaml.readTree(Files.readString(objects.resolve(file)));
            assertFalse(patched.path("webhooks").isEmpty(), "expected webhooks in " + file);
            for (JsonNode hook : patched.path("webhooks")) {
                assertEquals(caBundle, hook.path("clientConfig").path("caBundle").asString(),
                        "expected " + hook.path("name").asString() + " in " + file + " to carry the CA");
                assertEquals("connectgate", hook.path("clientConfig").path("service").path("name").asString(),
                        "expected the rest of clientConfig to be kept in " + file);
            }
        }
    }

    @Test
    void aNameThatExistsAsNeitherKindFailsAndNothingIsPatched(@TempDir Path dir) throws IOException {
        Fake fake = fake(dir, "validatingwebhookconfiguration/present=1");

        ScriptRunner.Result run = fake.runner.run(dir, "patch-ca-bundle.sh", "--ca", caFile.toString(),
                "--webhook", "present", "--webhook", "absent");

        assertEquals(1, run.exitCode(), "expected exit 1 for a configuration that does not exist: " + run.describe());
        assertTrue(run.stderr().contains("absent") && run.stderr().contains("nothing was patched"),
                "expected the missing name and that nothing was patched: " + run.stderr());
        assertFalse(fake.calls().stream().anyMatch(c -> c.get(0).equals("patch")),
                "expected no kubectl patch when any name is missing, got " + fake.calls());
    }

    @Test
    void dryRunAgainstAClusterReadsButDoesNotPatch(@TempDir Path dir) throws IOException {
        Fake fake = fake(dir, "validatingwebhookconfiguration/a=1 mutatingwebhookconfiguration/a=2");

        ScriptRunner.Result run = fake.runner.run(dir, "patch-ca-bundle.sh", "--ca", caFile.toString(), "--webhook", "a",
                "--dry-run");

        assertEquals(0, run.exitCode(), "expected the dry-run to succeed: " + run.describe());
        assertFalse(fake.calls().stream().anyMatch(c -> c.get(0).equals("patch")), "expected no kubectl patch in dry-run");
        List<String> lines = run.stdout().lines().toList();
        assertEquals(2, lines.size(), "expected one JSON patch line per object: " + run.stdout());
        assertEquals(1, json.readTree(lines.get(0)).size(), "expected 1 op for the validating configuration");
        assertEquals(2, json.readTree(lines.get(1)).size(), "expected 2 ops for the mutating configuration");
    }

    @Test
    void aFailingKubectlStopsWithItsError(@TempDir Path dir) throws IOException {
        Path kubectl = dir.resolve("kubectl");
        Files.writeString(kubectl, "#!/usr/bin/env bash\necho 'The connection to the server was refused' >&2\nexit 1\n");
        Files.setPosixFilePermissions(kubectl, PosixFilePermissions.fromString("rwx------"));

        ScriptRunner.Result run = scripts.withEnvironment(Map.of("KUBECTL", kubectl.toString()))
                .run(dir, "patch-ca-bundle.sh", "--ca", caFile.toString(), "--webhook", "a");

        assertEquals(1, run.exitCode(), "expected exit 1 when kubectl fails: " + run.describe());
        assertTrue(run.stderr().contains("connection to the server was refused"), "expected kubectl's error to be shown");
    }

    @Test
    void aFileThatIsNotACertificateIsRefused(@TempDir Path dir) throws IOException {
        Path notACert = Files.writeString(dir.resolve("ca.crt"), "not a certificate\n");
        ScriptRunner.Result run = scripts.run(dir, "patch-ca-bundle.sh", "--ca", notACert.toString(), "--webhook", "a",
                "--dry-run", "--webhooks-count", "1");
        assertEquals(1, run.exitCode(), "expected exit 1 for a CA file that is not a certificate: " + run.describe());
        assertTrue(run.stderr().contains("is not a PEM certificate"), "expected a clear message: " + run.stderr());
        assertEquals("", run.stdout(), "expected no patch for a bad CA");
    }

    static Stream<Arguments> badArguments() {
        String ca = "CA"; // replaced by the generated CA's path
        return Stream.of(
                Arguments.of(List.of("--webhook", "a"), "--ca is required"),
                Arguments.of(List.of("--ca", "/nonexistent/ca.crt", "--webhook", "a"), "is not a readable file"),
                Arguments.of(List.of("--ca", ca), "at least one --webhook NAME is required"),
                Arguments.of(List.of("--ca", ca, "--webhook"), "--webhook requires a value"),
                Arguments.of(List.of("--ca", ca, "--webhook", "Bad_Name"), "not a valid object name"),
                Arguments.of(List.of("--ca", ca, "--webhook", "a", "--webhooks-count", "2"), "only works with --dry-run"),
                Arguments.of(List.of("--ca", ca, "--webhook", "a", "--dry-run", "--webhooks-count", "0"), "not a positive integer"),
                Arguments.of(List.of("--ca", ca, "--webhook", "a", "--dry-run", "--webhooks-count", "x"), "not a positive integer"),
                Arguments.of(List.of("--ca", ca, "--webhook", "a", "--kind", "both"), "--kind 'both'"),
                Arguments.of(List.of("--ca", ca, "--webhook", "a", "--context"), "--context requires a value"),
                Arguments.of(List.of("--ca", ca, "--webhook", "a", "--apply"), "unknown argument: --apply"));
    }

    @ParameterizedTest
    @MethodSource("badArguments")
    void badArgumentsExitTwoWithAClearMessage(List<String> args, String expectedMessage, @TempDir Path dir) throws IOException {
        Fake fake = fake(dir, "validatingwebhookconfiguration/a=1");
        String[] withCa = args.stream().map(a -> a.equals("CA") ? caFile.toString() : a).toArray(String[]::new);

        ScriptRunner.Result run = fake.runner.run(dir, "patch-ca-bundle.sh", withCa);

        assertEquals(2, run.exitCode(), "expected usage error exit 2 for " + args + ": " + run.describe());
        assertTrue(run.stderr().contains(expectedMessage), "expected stderr to contain '" + expectedMessage + "': " + run.stderr());
        assertEquals(List.of(), fake.calls(), "expected no kubectl call on a usage error");
    }

    private record Fake(ScriptRunner runner, Path log) {
        /** Each kubectl call as its argument list (a patch's JSON contains no spaces, so splitting is safe). */
        List<List<String>> calls() throws IOException {
            if (!Files.exists(log)) {
                return List.of();
            }
            List<List<String>> calls = new ArrayList<>();
            for (String line : Files.readAllLines(log)) {
                calls.add(List.of(line.split(" (?![^{]*})")));
            }
            return calls;
        }
    }

    private Fake fake(Path dir, String objects) throws IOException {
        Path kubectl = dir.resolve("fake-kubectl");
        Files.writeString(kubectl, FAKE_KUBECTL);
        Files.setPosixFilePermissions(kubectl, PosixFilePermissions.fromString("rwx------"));
        Path log = dir.resolve("kubectl.log");
        return new Fake(scripts.withEnvironment(Map.of("KUBECTL", kubectl.toString(), "FAKE_LOG", log.toString(),
                "FAKE_OBJECTS", objects)), log);
    }

    private static Optional<Path> onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, program))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private JsonNode singlePatch(String stdout) {
        List<String> lines = stdout.lines().toList();
        assertEquals(1, lines.size(), "expected exactly one JSON patch line on stdout: " + stdout);
        JsonNode patch = json.readTree(lines.get(0));
        assertTrue(patch.isArray(), "expected a JSON Patch (an array of operations): " + lines.get(0));
        return patch;
    }
}
