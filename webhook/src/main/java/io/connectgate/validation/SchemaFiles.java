package io.connectgate.validation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Reads the {@code *.schema.json} files of a catalog, by file name: from a directory, or from
 * the jar's (or the build's) {@code /schemas}. Each file remembers where it came from, for
 * start-up errors and the {@code schemas} command.
 */
final class SchemaFiles {

  static final String SUFFIX = ".schema.json";
  static final String BUILT_IN = "built-in";

  /** One schema file: its name (its identity in the catalog), text and origin. */
  record SchemaFile(String name, String text, String origin) {

    /** How problems name the file: the path for a directory file, else "name (built-in)". */
    String display() {
      return BUILT_IN.equals(origin) ? name + " (built-in)" : origin;
    }
  }

  private SchemaFiles() {}

  static Map<String, SchemaFile> builtIn() {
    URL url = SchemaCatalog.class.getResource("/schemas");
    if (url == null) {
      throw new SchemaCatalogException("built-in", List.of("no /schemas directory on the classpath"));
    }
    return classpath(url);
  }

  /**
   * The built-in files with Kafka {@code version}'s generated files in place of the pinned
   * version's (same names: {@code kafka-mirror.schema.json} of {@code /schemas/kafka-3.9/}
   * replaces the top-level one). Null or the pinned version: {@link #builtIn()}.
   */
  static Map<String, SchemaFile> builtIn(KafkaVersions versions, String version) {
    Map<String, SchemaFile> files = builtIn();
    String sub = versions.directory(version);
    if (!sub.isEmpty()) {
      URL url = SchemaCatalog.class.getResource("/schemas/" + sub);
      if (url == null) {
        throw new SchemaCatalogException(BUILT_IN, List.of("no /schemas/" + sub
            + " on the classpath for Kafka " + version));
      }
      overlay(files, classpath(url), sub);
    }
    return files;
  }

  /** {@link #directory} with Kafka {@code version}'s files from its sub-directory in place. */
  static Map<String, SchemaFile> directory(Path dir, KafkaVersions versions, String version) {
    Map<String, SchemaFile> files = directory(dir);
    String sub = versions.directory(version);
    if (!sub.isEmpty()) {
      overlay(files, directory(dir.resolve(sub)), sub);
    }
    return files;
  }

  /** Replaces files by name; a version file with no pinned counterpart is a packaging bug. */
  private static void overlay(Map<String, SchemaFile> files, Map<String, SchemaFile> version,
      String sub) {
    for (SchemaFile f : version.values()) {
      if (!files.containsKey(f.name())) {
        throw new SchemaCatalogException(sub, List.of(f.name() + " has no counterpart of the"
            + " pinned Kafka version"));
      }
      files.put(f.name(), f);
    }
  }

  /** The schema files of {@code url}: a directory (the build's classes) or a jar's {@code /schemas}. */
  static Map<String, SchemaFile> classpath(URL url) {
    try {
      if (!"jar".equals(url.getProtocol())) {
        return read(Path.of(url.toURI()), false);
      }
      return jarDirectory(url);
    } catch (IOException | URISyntaxException e) {
      throw new SchemaCatalogException("built-in", List.of("cannot read /schemas: " + e));
    }
  }

  /** The file in each built-in schema directory naming its schema files, one per line. */
  static final String LISTING = "files.txt";

  /**
   * The files directly inside a jar's directory: those its {@value #LISTING} names, each looked
   * up by name, or, in a jar without one, every entry under the directory found by walking the
   * jar's entries. Both are cheaper than opening the jar as a zip file system, which indexes all
   * of its entries (tens of thousands in the shaded jar) as a tree first; the walk still made
   * a JarEntry of each (about 50 ms of CPU of every {@code serve} start with the JIT's share),
   * the listing reads only the schema files. The jar itself is already open (the class
   * loader's), so opening it again rereads nothing.
   */
  private static Map<String, SchemaFile> jarDirectory(URL url) throws IOException {
    JarURLConnection connection = (JarURLConnection) url.openConnection();
    // Our own JarFile, closed below, rather than one shared through the URL cache.
    connection.setUseCaches(false);
    // "schemas/" as the class loader finds the directory entry; "schemas" as a URL may say.
    String directory = connection.getEntryName();
    String prefix = directory.endsWith("/") ? directory : directory + "/";
    Map<String, SchemaFile> texts = new TreeMap<>();
    try (JarFile jar = connection.getJarFile()) {
      JarEntry listing = jar.getJarEntry(prefix + LISTING);
      if (listing != null) {
        for (String name : read(jar, listing).lines().map(String::strip).filter(n -> !n.isEmpty()).toList()) {
          JarEntry entry = jar.getJarEntry(prefix + name);
          if (entry == null || !name.endsWith(SUFFIX) || name.indexOf('/') >= 0) {
            throw new IOException(prefix + LISTING + " names " + name + ", which is not a schema file of "
                + prefix);
          }
          texts.put(name, new SchemaFile(name, read(jar, entry), BUILT_IN));
        }
        return texts;
      }
      Enumeration<JarEntry> entries = jar.entries();
      while (entries.hasMoreElements()) {
        JarEntry entry = entries.nextElement();
        String path = entry.getName();
        if (!path.startsWith(prefix) || entry.isDirectory()) {
          continue;
        }
        String name = path.substring(prefix.length());
        if (name.endsWith(SUFFIX) && name.indexOf('/') < 0) {
          texts.put(name, new SchemaFile(name, read(jar, entry), BUILT_IN));
        }
      }
    }
    return texts;
  }

  private static String read(JarFile jar, JarEntry entry) throws IOException {
    try (InputStream in = jar.getInputStream(entry)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static Map<String, SchemaFile> directory(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new SchemaCatalogException(dir.toString(), List.of("not a directory"));
    }
    try {
      return read(dir, true);
    } catch (IOException e) {
      throw new SchemaCatalogException(dir.toString(), List.of("cannot read: " + e));
    }
  }

  private static Map<String, SchemaFile> read(Path dir, boolean user) throws IOException {
    Map<String, SchemaFile> texts = new TreeMap<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String name = p.getFileName().toString();
        if (name.endsWith(SUFFIX) && Files.isRegularFile(p)) {
          texts.put(name, new SchemaFile(name, Files.readString(p, StandardCharsets.UTF_8),
              user ? p.toString() : BUILT_IN));
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return texts;
  }
}
