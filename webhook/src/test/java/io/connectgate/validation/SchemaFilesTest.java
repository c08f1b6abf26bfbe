package io.connectgate.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in catalog's files as the shaded jar holds them (the other tests read target/classes). */
class SchemaFilesTest {

  @TempDir Path dir;

  private Path jar(String... entries) throws IOException {
    return listedJar(null, entries);
  }

  /** A jar of {@code entries}, with {@code listing} as the text of schemas/files.txt when not null. */
  private Path listedJar(String listing, String... entries) throws IOException {
    Path jar = dir.resolve("catalog.jar");
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
      if (listing != null) {
        out.putNextEntry(new JarEntry("schemas/" + SchemaFiles.LISTING));
        out.write(listing.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
      for (String name : entries) {
        out.putNextEntry(new JarEntry(name));
        if (!name.endsWith("/")) {
          out.write(("{\"title\": \"" + name + "\"}").getBytes(StandardCharsets.UTF_8));
        }
        out.closeEntry();
      }
    }
    return jar;
  }

  /** The directory's URL as a class loader on the jar gives it (the way builtIn() gets it). */
  private static URL inJar(Path jar, String directory) throws IOException {
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      URL url = loader.getResource(directory);
      assertNotNull(url, "expected the test jar to hold " + directory);
      return url;
    }
  }

  @Test
  void theSchemaFilesDirectlyInTheJarsDirectoryByName() throws IOException {
    Path jar = jar("io/connectgate/Some.class", "schemas/", "schemas/b.schema.json", "schemas/a.schema.json",
        "schemas/README.md", "schemas/tests/", "schemas/tests/nested.schema.json", "schemas-old/c.schema.json",
        "other/d.schema.json");
    Map<String, SchemaFiles.SchemaFile> files = SchemaFiles.classpath(inJar(jar, "schemas"));
    assertEquals(List.of("a.schema.json", "b.schema.json"), List.copyOf(files.keySet()),
        "expected only *.schema.json directly under schemas/, sorted by name");
    SchemaFiles.SchemaFile a = files.get("a.schema.json");
    assertEquals("{\"title\": \"schemas/a.schema.json\"}", a.text(), "expected the entry's text");
    assertEquals(SchemaFiles.BUILT_IN, a.origin(), "expected jar files to count as built-in");
    assertEquals("a.schema.json (built-in)", a.display(), "expected problems to name the file as built-in");
  }

  @Test
  void theJarAndTheBuildDirectoryGiveTheSameCatalog() throws IOException {
    Map<String, SchemaFiles.SchemaFile> fromClasses = SchemaFiles.builtIn();
    Path jar = dir.resolve("built-in.jar");
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
      // As the shaded jar has it: the directory's own entry, which getResource("/schemas") finds.
      out.putNextEntry(new JarEntry("schemas/"));
      out.closeEntry();
      for (SchemaFiles.SchemaFile f : fromClasses.values()) {
        out.putNextEntry(new JarEntry("schemas/" + f.name()));
        out.write(f.text().getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    assertEquals(fromClasses, SchemaFiles.classpath(inJar(jar, "schemas")),
        "expected the same names, texts and origins from a jar as from target/classes");
    assertEquals(fromClasses, SchemaFiles.classpath(new URL("jar:" + jar.toUri() + "!/schemas")),
        "expected the same without the trailing slash the class loader puts on a directory");
  }

  @Test
  void aListingNamesTheFilesReadWithoutWalkingTheJar() throws IOException {
    // b is in the jar but not listed: the listing, not the jar's entries, says what is read.
    Path jar = listedJar("a.schema.json\n\n c.schema.json \n", "schemas/", "schemas/a.schema.json",
        "schemas/b.schema.json", "schemas/c.schema.json");
    Map<String, SchemaFiles.SchemaFile> files = SchemaFiles.classpath(inJar(jar, "schemas"));
    assertEquals(List.of("a.schema.json", "c.schema.json"), List.copyOf(files.keySet()));
    assertEquals("{\"title\": \"schemas/c.schema.json\"}", files.get("c.schema.json").text());
  }

  @Test
  void aListingNamingAMissingFileStopsTheStart() throws IOException {
    Path jar = listedJar("a.schema.json\ngone.schema.json\n", "schemas/", "schemas/a.schema.json");
    URL url = inJar(jar, "schemas");
    SchemaCatalogException e = assertThrows(SchemaCatalogException.class, () -> SchemaFiles.classpath(url));
    assertTrue(e.getMessage().contains("gone.schema.json"), e.getMessage());
  }

  /** The committed listings name exactly the schema files of their directories. */
  @Test
  void eachBuiltInDirectoryListsItsSchemaFiles() throws IOException {
    Path schemas = Path.of("../schemas");
    List<Path> dirs;
    try (Stream<Path> all = Files.list(schemas)) {
      dirs = Stream.concat(Stream.of(schemas), all.filter(p -> p.getFileName().toString().startsWith("kafka-")
          && Files.isDirectory(p))).toList();
    }
    assertTrue(dirs.size() >= 3, "expected schemas/ and its Kafka-version directories: " + dirs);
    for (Path d : dirs) {
      List<String> present;
      try (Stream<Path> files = Files.list(d)) {
        present = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(SchemaFiles.SUFFIX))
            .sorted().toList();
      }
      List<String> listed = Files.readAllLines(d.resolve(SchemaFiles.LISTING)).stream().map(String::strip)
          .filter(n -> !n.isEmpty()).toList();
      assertEquals(present, listed, d.resolve(SchemaFiles.LISTING) + " must name every *.schema.json of " + d
          + ", sorted (regenerate it: cd " + d + " && ls *.schema.json | sort > " + SchemaFiles.LISTING + ")");
    }
  }
}
