package io.connectgate.tls;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Serves TLS with the files gen-certs.sh wrote and connects the way the API server does: trusting only
 * ca.crt (the caBundle) and verifying the host name it dialled, for each Service name.
 */
class CertsScriptsTlsHandshakeTest {

    static final List<String> SANS = CertsScriptsTest.SANS;
    private static final int TIMEOUT_MILLIS = 10_000;

    @TempDir
    static Path dir;

    static SSLServerSocket server;
    static Thread acceptor;
    static SSLSocketFactory trustingGeneratedCa;

    @BeforeAll
    static void serveWithGeneratedCertificate() throws Exception {
        ScriptRunner.requireOpenssl();
        ScriptRunner.Result run = ScriptRunner.forRepository().run(dir, "gen-certs.sh", "--service", CertsScriptsTest.SERVICE,
                "--namespace", CertsScriptsTest.NAMESPACE, "--out", "certs", "--secret-yaml", "secret.yaml");
        assertEquals(0, run.exitCode(), "expected gen-certs.sh to succeed: " + run.describe());
        Path certs = dir.resolve("certs");

        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("tls", PemFiles.privateKey(certs.resolve("tls.key")), new char[0],
                new Certificate[] {PemFiles.certificate(certs.resolve("tls.crt"))});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[0]);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);
        server = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(CertsScriptsTlsHandshakeTest::acceptLoop, "tls-handshake-test-server");
        acceptor.setDaemon(true);
        acceptor.start();

        trustingGeneratedCa = clientTrusting(PemFiles.certificate(certs.resolve("ca.crt")));
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
            acceptor.join(TIMEOUT_MILLIS);
        }
    }

    /** Completes each handshake and answers one byte; failed handshakes (the negative tests) are expected. */
    private static void acceptLoop() {
        while (!server.isClosed()) {
            try (SSLSocket socket = (SSLSocket) server.accept()) {
                socket.setSoTimeout(TIMEOUT_MILLIS);
                socket.startHandshake();
                OutputStream out = socket.getOutputStream();
                out.write('!');
                out.flush();
            } catch (IOException e) {
                // a client that rejected the certificate aborts the handshake; keep serving
            }
        }
    }

    @ParameterizedTest
    @FieldSource("SANS")
    void clientTrustingOnlyTheCaAcceptsEachServiceName(String hostName) {
        assertDoesNotThrow(() -> assertEquals('!', handshake(trustingGeneratedCa, hostName),
                "expected the server's byte after the handshake"),
                "expected a client that trusts ca.crt and verifies host name " + hostName + " to complete the handshake");
    }

    @ParameterizedTest
    @ValueSource(strings = {"connectgate.default.svc", "other.kafka-connect.svc", "connectgate.kafka-connect.svc.cluster",
            "localhost"})
    void aNameOutsideTheSansIsRejected(String hostName) {
        SSLHandshakeException failure = assertThrows(SSLHandshakeException.class, () -> handshake(trustingGeneratedCa, hostName),
                "expected host name verification to reject " + hostName);
        assertTrue(String.valueOf(failure.getMessage()).contains("No subject alternative DNS name matching"),
                "expected a host name mismatch, got: " + failure.getMessage());
    }

    @Test
    void aClientTrustingAnotherCaIsRejected(@TempDir Path other) throws Exception {
        ScriptRunner.Result run = ScriptRunner.forRepository().run(other, "gen-certs.sh", "--service", CertsScriptsTest.SERVICE,
                "--namespace", CertsScriptsTest.NAMESPACE, "--out", "certs", "--secret-yaml", "secret.yaml");
        assertEquals(0, run.exitCode(), "expected a second, independent CA to be generated: " + run.describe());
        SSLSocketFactory trustingOtherCa = clientTrusting(PemFiles.certificate(other.resolve("certs/ca.crt")));
        SSLHandshakeException failure = assertThrows(SSLHandshakeException.class, () -> handshake(trustingOtherCa, SANS.get(2)),
                "expected a client whose caBundle is another CA to reject the server");
        assertTrue(String.valueOf(failure.getMessage()).contains("PKIX"),
                "expected a certificate path failure, got: " + failure.getMessage());
    }

    private static SSLSocketFactory clientTrusting(X509Certificate ca) throws Exception {
        return io.connectgate.testing.TrustingTls.trusting(List.of(ca)).getSocketFactory();
    }


    /** Dials 127.0.0.1 but verifies the certificate against hostName, as a client resolving that name would. */
    private static int handshake(SSLSocketFactory factory, String hostName) throws IOException {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), TIMEOUT_MILLIS);
            plain.setSoTimeout(TIMEOUT_MILLIS);
            try (SSLSocket tls = (SSLSocket) factory.createSocket(plain, hostName, server.getLocalPort(), true)) {
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(parameters);
                tls.startHandshake();
                InputStream in = tls.getInputStream();
                return in.read();
            }
        }
    }
}
