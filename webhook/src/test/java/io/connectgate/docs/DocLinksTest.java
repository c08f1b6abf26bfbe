package io.connectgate.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every relative link and anchor in the repository's Markdown resolves. */
class DocLinksTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void everyRelativeLinkAndAnchorResolves() throws IOException {
    List<Path> files = markdownFiles();
    assertTrue(files.contains(ROOT.resolve("README.md")) && files.size() > 5,
        "the scan finds README.md and the docs: " + files);
    MarkdownLinks links = new MarkdownLinks();
    List<String> broken = new ArrayList<>();
    for (Path f : files) {
      broken.addAll(links.broken(f));
    }
    assertEquals(List.of(), broken, "broken links");
  }

  @Test
  void readmeIsAFrontPage() throws IOException {
    long size = Files.size(ROOT.resolve("README.md"));
    assertTrue(size <= 15 * 1024, "README.md is a front page of at most 15 KB, is " + size);
  }

  @Test
  void aMissingFileOrHeadingIsReported(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("a.md"), String.join("\n",
        "# Title", "## Usage: serve (`--port`)", "## Usage: serve (`--port`)",
        "[ok](#title) [ok2](#usage-serve---port-1) [ok3](b.md#other) [web](https://x.invalid/#y)",
        "[bad](#nope) [gone](c.md) [bad2](b.md#missing)", "```", "[in fence](#ignored)", "```",
        "`[in code](#ignored)`"));
    Files.writeString(dir.resolve("b.md"), "## Other\n");
    List<String> broken = new MarkdownLinks().broken(dir.resolve("a.md"));
    assertEquals(3, broken.size(), "three broken links: " + broken);
    assertTrue(broken.get(0).contains("#nope") && broken.get(1).contains("c.md")
        && broken.get(2).contains("#missing"), () -> "in order: " + broken);
  }

  private static List<Path> markdownFiles() throws IOException {
    try (Stream<Path> s = Files.walk(ROOT)) {
      return s.filter(p -> p.toString().endsWith(".md"))
          .filter(p -> {
            String rel = ROOT.relativize(p).toString();
            return !rel.startsWith(".git") && !rel.contains("/target/") && !rel.startsWith("target")
                && !rel.contains("node_modules");
          })
          .sorted()
          .toList();
    }
  }
}
