package io.connectgate.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The real connector documents the scale benchmark stores: the example chart's Replicator
 * connector ({@code manifests/example-chart.yaml}, i.e. {@code deploy/helm/replicator-cc}
 * rendered) and every document of the published corpus ({@code corpus/published}: Confluent's,
 * AWS's and others' Replicator, MirrorMaker 2 and other connectors), read from the test class
 * path.
 */
final class ScaleCorpus {

  /** One connector document: where it comes from, its ConfigMap data key and its JSON text. */
  record Document(String id, String dataKey, String json) {}

  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private ScaleCorpus() {}

  /** The example chart's connector first, then the published corpus in file-name order. */
  static List<Document> load() {
    List<Document> documents = new ArrayList<>();
    documents.add(exampleChart());
    Path dir = resourceDir("/corpus/published");
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (name.endsWith(".json") && !name.endsWith(".case.json")) {
          String id = name.substring(0, name.length() - ".json".length());
          documents.add(new Document(id, "connector.json", Files.readString(file, StandardCharsets.UTF_8)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the corpus in " + dir, e);
    }
    return List.copyOf(documents);
  }

  private static Document exampleChart() {
    try (InputStream in = ScaleCorpus.class.getResourceAsStream("/manifests/example-chart.yaml")) {
      if (in == null) {
        throw new IllegalStateException("manifests/example-chart.yaml is not on the class path");
      }
      String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
        while (it.hasNext()) {
          JsonNode object = it.next();
          if (object != null && "ConfigMap".equals(object.path("kind").asString(""))) {
            var data = object.path("data").properties().iterator().next();
            return new Document("example-chart", data.getKey(), data.getValue().asString());
          }
        }
      }
      throw new IllegalStateException("no ConfigMap in manifests/example-chart.yaml");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path resourceDir(String name) {
    URL url = ScaleCorpus.class.getResource(name);
    if (url == null || !"file".equals(url.getProtocol())) {
      throw new IllegalStateException(name + " is not a directory on the class path (" + url + ")");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
