package io.connectgate.schemagen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs the generator against another Kafka release: two Kafka versions cannot share a class
 * path, so the release's jars, the generator's own non-Kafka jars and the generator's classes
 * go into a class loader of their own whose parent is the platform loader (nothing of the
 * pinned Kafka on the caller's class path is visible to it), and {@link SchemaGenerator} runs
 * there as it runs on the pinned version.
 */
final class IsolatedGeneration {

  /** What one release gives: its generated files and the validators it met unmapped. */
  record Generated(String release, Map<String, String> files, Set<String> unmapped) {}

  private IsolatedGeneration() {}

  @SuppressWarnings("unchecked")
  static Generated run(KafkaRelease release, Path sharedJars) {
    List<URL> urls = new ArrayList<>();
    try {
      urls.addAll(jars(release.jars()));
      urls.addAll(jars(sharedJars));
      urls.add(SchemaGenerator.class.getProtectionDomain().getCodeSource().getLocation()
          .toURI().toURL());
    } catch (URISyntaxException | MalformedURLException e) {
      throw new IllegalStateException("cannot locate the generator's classes", e);
    }
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    try (URLClassLoader loader = new URLClassLoader("kafka-" + release.release(),
        urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      // Kafka and the service-loader scan of its plugins look classes up through the context
      // class loader.
      thread.setContextClassLoader(loader);
      Class<?> generator = Class.forName(SchemaGenerator.class.getName(), true, loader);
      Method entry = generator.getDeclaredMethod("generateInThisLoader");
      entry.setAccessible(true);
      Map<String, Object> out = (Map<String, Object>) entry.invoke(null);
      String found = (String) out.get("version");
      if (!release.release().equals(found)) {
        throw new IllegalStateException("the jars of " + release.jars() + " are Kafka " + found
            + ", not " + release.release());
      }
      return new Generated(found, (Map<String, String>) out.get("files"),
          (Set<String>) out.get("unmapped"));
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("generating from Kafka " + release.release() + " failed: "
          + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot run the generator for Kafka "
          + release.release(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private static List<URL> jars(Path dir) throws MalformedURLException {
    List<URL> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException(dir + " does not exist: run mvn -pl schemagen"
          + " generate-resources (the dependency plugin copies each Kafka release's jars)");
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
        out.add(p.toUri().toURL());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
