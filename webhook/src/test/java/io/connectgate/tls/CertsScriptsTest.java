package io.connectgate.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** gen-certs.sh: the files, the certificates' contents, re-run safety, the Secret manifest, argument errors. */
class CertsScriptsTest {

    static final String SERVICE = "connectgate";
    static final String NAMESPACE = "kafka-connect";
    static final List<String> SANS = List.of(
            "connectgate",
            "connectgate.kafka-connect",
            "connectgate.kafka-connect.svc",
            "connectgate.kafka-connect.svc.cluster.local");
    static final int DAYS = 90;
    static final int CA_DAYS = 400;
    static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    static final int DNS_NAME = 2;

    final ScriptRunner scripts = ScriptRunner.forRepository();

    /** One generated set shared by the read-only tests: key generation is the slow part. */
    @TempDir
    static Path shared;

    static Path out;
    static ScriptRunner.Result firstRun;

    @BeforeAll
    static void generate() {
        ScriptRunner.requireOpenssl();
        out = shared.resolve("certs");
        firstRun = ScriptRunner.forRepository().run(shared, "gen-certs.sh", "--service", SERVICE, "--namespace", NAMESPACE,
                "--out", out.toString(), "--days", String.valueOf(DAYS), "--ca-days", String.valueOf(CA_DAYS),
                "--secret-yaml", shared.resolve("secret.yaml").toString());
        assertEquals(0, firstRun.exitCode(), "expected gen-certs.sh to succeed: " + firstRun.describe());
    }

    @Test
    void writesCaAndServingFilesWithKeysReadableByOwnerOnly() throws IOException {
        for (String key : List.of("ca.key", "tls.key")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(key))),
                    "expected " + key + " to have mode 0600");
        }
        for (String cert : List.of("ca.crt", "tls.crt")) {
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(cert))),
                    "expected " + cert + " to have mode 0644");
        }
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(Set.of("ca.crt", "ca.key", "tls.crt", "tls.key"),
                    Set.copyOf(files.map(p -> p.getFileName().toString()).toList()),
                    "expected exactly the four PEM files in the output directory (no scratch files left behind)");
        }
    }

    @Test
    void servingCertificateHasExactlyTheFourServiceNames() throws Exception {
        X509Certificate tls = PemFiles.certificate(out.resolve("tls.crt"));
        List<String> dnsNames = new ArrayList<>();
        for (List<?> san : tls.getSubjectAlternativeNames()) {
            assertEquals(DNS_NAME, san.get(0), "expected only DNS names in the SANs, found " + san);
            dnsNames.add((String) san.get(1));
        }
        assertEquals(SANS, dnsNames, "expected the SANs to be exactly the Service's four DNS names");
    }

    @Test
    void servingCertificateIsSignedByTheCaForServerAuthAndIsNoCa() throws Exception {
        X509Certificate ca = PemFiles.certificate(out.resolve("ca.crt"));
        X509Certificate tls = PemFiles.certificate(out.resolve("tls.crt"));
        assertDoesNotThrow(() -> tls.verify(ca.getPublicKey()), "expected tls.crt to carry the CA's signature");
        assertEquals(ca.getSubjectX500Principal(), tls.getIssuerX500Principal(), "expected tls.crt to name the CA as issuer");
        assertEquals(-1, tls.getBasicConstraints(), "expected tls.crt to be CA:FALSE");
        assertEquals(List.of(SERVER_AUTH), tls.getExtendedKeyUsage(), "expected tls.crt's EKU to be serverAuth only");
        assertTrue(tls.getKeyUsage()[0], "expected tls.crt to allow digitalSignature");
        assertFalse(tls.getKeyUsage()[5], "expected tls.crt not to allow keyCertSign");
    }

    @Test
    void caIsSelfSignedAndMaySignCertificates() throws Exception {
        X509Certificate ca = PemFiles.certificate(out.resolve("ca.crt"));
        assertDoesNotThrow(() -> ca.verify(ca.getPublicKey()), "expected ca.crt to be self-signed");
        assertTrue(ca.getBasicConstraints() >= 0, "expected ca.crt to be CA:TRUE");
        assertNotNull(ca.getKeyUsage(), "expected ca.crt to carry keyUsage");
        assertTrue(ca.getKeyUsage()[5], "expected ca.crt's keyUsage to include keyCertSign");
        assertTrue(ca.getCriticalExtensionOIDs().contains("2.5.29.19"), "expected basicConstraints to be critical on ca.crt");
    }

    @Test
    void validityIsTheRequestedNumberOfDays() throws Exception {
        assertValidity(PemFiles.certificate(out.resolve("tls.crt")), DAYS, "tls.crt");
        assertValidity(PemFiles.certificate(out.resolve("ca.crt")), CA_DAYS, "ca.crt");
    }

    @Test
    void privateKeysMatchTheirCertificates() throws Exception {
        assertKeyMatches(out.resolve("tls.key"), PemFiles.certificate(out.resolve("tls.crt")));
        assertKeyMatches(out.resolve("ca.key"), PemFiles.certificate(out.resolve("ca.crt")));
        assertThrows(AssertionError.class,
                () -> assertKeyMatches(out.resolve("ca.key"), PemFiles.certificate(out.resolve("tls.crt"))),
                "expected the key-match check itself to reject a key of another certificate");
    }

    @Test
    void secretManifestIsATlsSecretCarryingTheThreeFilesUnwrapped() throws Exception {
        Path secret = shared.resolve("secret.yaml");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)),
                "expected the Secret manifest (it holds the private key) to have mode 0600");
        assertSecret(Files.readString(secret), "connectgate-tls");
        assertEquals("", firstRun.stdout(), "expected nothing on stdout when --secret-yaml is given");
    }

    @Test
    void secretManifestGoesToStdoutWithoutAFileAndNoKeyMaterialReachesStderr(@TempDir Path dir) throws Exception {
        ScriptRunner.Result run = scripts.run(dir, "gen-certs.sh", "--service", SERVICE, "--namespace", NAMESPACE,
                "--secret-name", "webhook-certs");
        assertEquals(0, run.exitCode(), "expected gen-certs.sh to succeed: " + run.describe());
        Path certs = dir.resolve("certs");
        assertTrue(Files.isRegularFile(certs.resolve("tls.key")), "expected the default --out to be ./certs");
        assertSecretIn(run.stdout(), "webhook-certs", certs);
        String key = Files.readString(certs.resolve("tls.key"));
        String keyBody = key.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        assertFalse(run.stderr().contains(keyBody), "expected no private key material on stderr");
        assertFalse(run.stderr().contains(base64(certs.resolve("tls.key"))), "expected no encoded private key on stderr");
    }

    @Test
    void rerunWithoutForceKeepsTheCaAndIssuesANewServingCertificateFromIt(@TempDir Path dir) throws Exception {
        Path certs = dir.resolve("c");
        assertEquals(0, gen(dir, certs).exitCode(), "expected the first run to succeed");
        byte[] caCrt = Files.readAllBytes(certs.resolve("ca.crt"));
        byte[] caKey = Files.readAllBytes(certs.resolve("ca.key"));
        byte[] tlsCrt = Files.readAllBytes(certs.resolve("tls.crt"));

        ScriptRunner.Result rerun = gen(dir, certs);

        assertEquals(0, rerun.exitCode(), "expected a re-run to reuse the CA and succeed: " + rerun.describe());
        assertTrue(rerun.stderr().contains("reusing the existing CA"), "expected the re-run to say it reuses the CA: " + rerun.stderr());
        assertArrayEquals(caCrt, Files.readAllBytes(certs.resolve("ca.crt")), "expected ca.crt to be unchanged without --force");
        assertArrayEquals(caKey, Files.readAllBytes(certs.resolve("ca.key")), "expected ca.key to be unchanged without --force");
        assertFalse(Arrays.equals(tlsCrt, Files.readAllBytes(certs.resolve("tls.crt"))), "expected a new serving certificate");
        X509Certificate ca = PemFiles.certificate(certs.resolve("ca.crt"));
        X509Certificate tls = PemFiles.certificate(certs.resolve("tls.crt"));
        assertDoesNotThrow(() -> tls.verify(ca.getPublicKey()), "expected the new serving certificate to be signed by the kept CA");
        assertKeyMatches(certs.resolve("tls.key"), tls);
    }

    @Test
    void rerunWithForceReplacesTheCa(@TempDir Path dir) throws Exception {
        Path certs = dir.resolve("c");
        assertEquals(0, gen(dir, certs).exitCode(), "expected the first run to succeed");
        byte[] caCrt = Files.readAllBytes(certs.resolve("ca.crt"));
        X509Certificate oldCa = PemFiles.certificate(certs.resolve("ca.crt"));

        ScriptRunner.Result forced = gen(dir, certs, "--force");

        assertEquals(0, forced.exitCode(), "expected --force to succeed: " + forced.describe());
        assertFalse(Arrays.equals(caCrt, Files.readAllBytes(certs.resolve("ca.crt"))), "expected --force to replace ca.crt");
        X509Certificate tls = PemFiles.certificate(certs.resolve("tls.crt"));
        assertThrows(SignatureException.class, () -> tls.verify(oldCa.getPublicKey()),
                "expected the new serving certificate not to verify against the replaced CA");
        X509Certificate newCa = PemFiles.certificate(certs.resolve("ca.crt"));
        assertDoesNotThrow(() -> tls.verify(newCa.getPublicKey()), "expected the new serving certificate to be signed by the new CA");
        assertKeyMatches(certs.resolve("ca.key"), newCa);
        assertTrue(forced.stderr().contains("patch-ca-bundle.sh"), "expected --force to remind that caBundle must be re-patched");
    }

    @Test
    void refusesToReuseACaThatExpiresBeforeTheNewServingCertificate(@TempDir Path dir) throws Exception {
        Path certs = dir.resolve("c");
        assertEquals(0, gen(dir, certs, "--ca-days", "1", "--days", "1").exitCode(), "expected a 1-day CA to be created");
        byte[] caCrt = Files.readAllBytes(certs.resolve("ca.crt"));

        ScriptRunner.Result rerun = gen(dir, certs, "--days", "30");

        assertEquals(1, rerun.exitCode(), "expected exit 1 when the kept CA would expire first: " + rerun.describe());
        assertTrue(rerun.stderr().contains("--force"), "expected the refusal to point at --force: " + rerun.stderr());
        assertArrayEquals(caCrt, Files.readAllBytes(certs.resolve("ca.crt")), "expected the CA to be left untouched");
    }

    @Test
    void refusesAHalfPresentCa(@TempDir Path dir) throws Exception {
        Path certs = dir.resolve("c");
        assertEquals(0, gen(dir, certs).exitCode(), "expected the first run to succeed");
        Files.delete(certs.resolve("ca.key"));
        byte[] caCrt = Files.readAllBytes(certs.resolve("ca.crt"));

        ScriptRunner.Result rerun = gen(dir, certs);

        assertEquals(1, rerun.exitCode(), "expected exit 1 when ca.key is missing but ca.crt exists: " + rerun.describe());
        assertTrue(rerun.stderr().contains("only one of ca.crt/ca.key"), "expected a clear message: " + rerun.stderr());
        assertArrayEquals(caCrt, Files.readAllBytes(certs.resolve("ca.crt")), "expected ca.crt to be left untouched");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gen-certs.sh", "patch-ca-bundle.sh"})
    void helpExitsZeroAndPrintsUsage(String script, @TempDir Path dir) {
        for (String flag : List.of("--help", "-h")) {
            ScriptRunner.Result run = scripts.run(dir, script, flag);
            assertEquals(0, run.exitCode(), "expected " + script + " " + flag + " to exit 0");
            assertTrue(run.stdout().startsWith("Usage: " + script), "expected usage on stdout, got: " + run.stdout());
        }
    }

    static Stream<Arguments> badArguments() {
        return Stream.of(
                Arguments.of(List.of(), "--service is required"),
                Arguments.of(List.of("--service", "svc"), "--namespace is required"),
                Arguments.of(List.of("--namespace", "ns"), "--service is required"),
                Arguments.of(List.of("--service", "Svc", "--namespace", "ns"), "not a DNS-1123 label"),
                Arguments.of(List.of("--service", "svc_1", "--namespace", "ns"), "not a DNS-1123 label"),
                Arguments.of(List.of("--service", "svc", "--namespace", "-ns"), "not a DNS-1123 label"),
                Arguments.of(List.of("--service", "svc", "--namespace", "ns."), "not a DNS-1123 label"),
                Arguments.of(List.of("--service", "a".repeat(64), "--namespace", "ns"), "not a DNS-1123 label"),
                Arguments.of(List.of("--service", "svc", "--namespace", "ns", "--days", "0"), "--days '0'"),
                Arguments.of(List.of("--service", "svc", "--namespace", "ns", "--days", "-5"), "--days '-5'"),
                Arguments.of(List.of("--service", "svc", "--namespace", "ns", "--days", "ten"), "--days 'ten'"),
                Arguments.of(List.of("--service", "svc", "--namespace", "ns", "--ca-days", "1.5"), "--ca-days '1.5'"),
                Arguments.of(List.of("--service", "svc", "--namespace", "ns", "--days", "400", "--ca-days", "365"),
                        "would outlive its CA"),
                Arguments.of(List.of("--service", "svc", "--namespace", "ns", "--secret-name", "Bad_Name"), "--secret-name"),
                Arguments.of(List.of("--service", "svc", "--namespace", "ns", "--secret-yaml", "/nonexistent-dir/s.yaml"),
                        "directory /nonexistent-dir does not exist"),
                Arguments.of(List.of("--service", "svc", "--namespace", "ns", "--days"), "--days requires a value"),
                Arguments.of(List.of("--service", "svc", "--namespace", "ns", "--frobnicate"), "unknown argument: --frobnicate"),
                Arguments.of(List.of("--service", "svc", "--namespace", "ns", "extra"), "unknown argument: extra"));
    }

    @ParameterizedTest
    @MethodSource("badArguments")
    void badArgumentsExitTwoWithAClearMessageAndWriteNothing(List<String> args, String expectedMessage, @TempDir Path dir)
            throws IOException {
        ScriptRunner.Result run = scripts.run(dir, "gen-certs.sh", args.toArray(String[]::new));
        assertEquals(2, run.exitCode(), "expected usage error exit 2 for " + args + ": " + run.describe());
        assertTrue(run.stderr().contains(expectedMessage), "expected stderr to contain '" + expectedMessage + "': " + run.stderr());
        assertEquals("", run.stdout(), "expected nothing on stdout on a usage error");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "expected no files written on a usage error");
        }
    }

    private ScriptRunner.Result gen(Path dir, Path certs, String... extra) {
        List<String> args = new ArrayList<>(List.of("--service", SERVICE, "--namespace", NAMESPACE,
                "--out", certs.toString(), "--secret-yaml", dir.resolve("secret.yaml").toString()));
        args.addAll(List.of(extra));
        return scripts.run(dir, "gen-certs.sh", args.toArray(String[]::new));
    }

    private static void assertValidity(X509Certificate cert, int days, String what) {
        Duration validity = Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant());
        assertEquals(Duration.ofDays(days), validity, "expected " + what + " to be valid for exactly " + days + " days");
        Duration age = Duration.between(cert.getNotBefore().toInstant(), Instant.now());
        assertTrue(!age.isNegative() && age.compareTo(Duration.ofMinutes(10)) < 0,
                "expected " + what + " to become valid just now, notBefore " + cert.getNotBefore());
    }

    /** Signs with the private key and verifies with the certificate's public key: proves the pair belongs together. */
    static void assertKeyMatches(Path keyFile, X509Certificate cert) throws IOException, GeneralSecurityException {
        PrivateKey key = PemFiles.privateKey(keyFile);
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> throw new AssertionError("unexpected key algorithm " + key.getAlgorithm());
        };
        byte[] challenge = "connectgate key check".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(challenge);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(cert.getPublicKey());
        verifier.update(challenge);
        assertTrue(verifier.verify(signature), "expected " + keyFile.getFileName() + " to be the private key of "
                + cert.getSubjectX500Principal());
    }

    private static void assertSecret(String yaml, String name) throws IOException {
        assertSecretIn(yaml, name, out);
    }

    private static void assertSecretIn(String yaml, String name, Path certs) throws IOException {
        JsonNode secret = new YAMLMapper().readTree(yaml);
        assertEquals("v1", secret.path("apiVersion").asString(), "expected apiVersion v1");
        assertEquals("Secret", secret.path("kind").asString(), "expected kind Secret");
        assertEquals("kubernetes.io/tls", secret.path("type").asString(), "expected type kubernetes.io/tls");
        assertEquals(name, secret.path("metadata").path("name").asString(), "expected the Secret's name");
        assertEquals(NAMESPACE, secret.path("metadata").path("namespace").asString(), "expected the Service's namespace");
        JsonNode data = secret.path("data");
        assertEquals(Set.of("ca.crt", "tls.crt", "tls.key"), Set.copyOf(data.propertyNames()),
                "expected exactly ca.crt, tls.crt and tls.key in data");
        for (String file : List.of("ca.crt", "tls.crt", "tls.key")) {
            String encoded = data.path(file).asString();
            assertTrue(yaml.contains("  " + file + ": " + encoded + "\n"), "expected " + file + " base64 on one line, unwrapped");
            // The basic decoder rejects line breaks, so this also proves there is no wrapping.
            assertArrayEquals(Files.readAllBytes(certs.resolve(file)), Base64.getDecoder().decode(encoded),
                    "expected data." + file + " to be the base64 of the file " + file);
        }
    }

    private static String base64(Path file) throws IOException {
        return Base64.getEncoder().encodeToString(Files.readAllBytes(file));
    }
}
