package io.connectgate.validation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
    try {
      URI uri = url.toURI();
      if (!"jar".equals(uri.getScheme())) {
        return read(Path.of(uri), false);
      }
      FileSystem fs;
      boolean opened = false;
      try {
        fs = FileSystems.newFileSystem(uri, Map.of());
        opened = true;
      } catch (FileSystemAlreadyExistsException e) {
        fs = FileSystems.getFileSystem(uri);
      }
      try {
        return read(fs.provider().getPath(uri), false);
      } finally {
        if (opened) {
          fs.close();
        }
      }
    } catch (IOException | URISyntaxException e) {
      throw new SchemaCatalogException("built-in", List.of("cannot read /schemas: " + e));
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
