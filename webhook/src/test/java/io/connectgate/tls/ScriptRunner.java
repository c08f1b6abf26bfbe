package io.connectgate.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the shell scripts of certs-scripts/ the way a user would, capturing exit code and output. */
final class ScriptRunner {

    /** What one script run produced. */
    record Result(int exitCode, String stdout, String stderr) {
        String describe() {
            return "exit " + exitCode + "\n--- stderr ---\n" + stderr;
        }
    }

    private static final long TIMEOUT_SECONDS = 120;

    private final Path scriptsDir;
    private final Map<String, String> environment;

    ScriptRunner(Path scriptsDir, Map<String, String> environment) {
        this.scriptsDir = scriptsDir;
        this.environment = environment;
    }

    /** The runner for the repository's certs-scripts/ (tests run with the webhook module as working directory). */
    static ScriptRunner forRepository() {
        Path dir = Path.of(System.getProperty("connectgate.certsScripts", "../certs-scripts")).toAbsolutePath().normalize();
        assertTrue(Files.isDirectory(dir), "expected the certs-scripts directory at " + dir);
        return new ScriptRunner(dir, Map.of());
    }

    ScriptRunner withEnvironment(Map<String, String> extra) {
        return new ScriptRunner(scriptsDir, extra);
    }

    /** Fails the calling test with a clear message when openssl, which the scripts need, is not installed. */
    static void requireOpenssl() {
        try {
            Process p = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            assertEquals(0, p.waitFor(), "expected 'openssl version' to succeed: the certs-scripts tests need openssl on PATH");
        } catch (IOException e) {
            fail("openssl is not installed or not on PATH; the certs-scripts tests need it (apt-get install openssl): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted while checking for openssl");
        }
    }

    Result run(Path workDir, String script, String... args) {
        Path path = scriptsDir.resolve(script);
        assertTrue(Files.isExecutable(path), "expected " + path + " to exist and be executable");
        List<String> command = new ArrayList<>();
        command.add(path.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            // Both streams are drained concurrently so a chatty script cannot block on a full pipe.
            CompletableFuture<String> out = drain(process.getInputStream());
            CompletableFuture<String> err = drain(process.getErrorStream());
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("expected " + script + " to finish within " + TIMEOUT_SECONDS + "s");
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new AssertionError("could not start " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + script, e);
        }
    }

    private static CompletableFuture<String> drain(java.io.InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
