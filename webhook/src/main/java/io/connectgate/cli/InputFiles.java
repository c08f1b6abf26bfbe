package io.connectgate.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Reads a command's inputs: files, directories (recursively), or stdin for "-". */
final class InputFiles {

  /** One input to read: its name as shown, and whether it was found by walking a directory. */
  record Input(String name, boolean fromDirectory) {}

  private static final int MAX_FILES = 100_000;

  private InputFiles() {}

  /**
   * The inputs a PATH argument stands for: itself, or for a directory every {@code .yaml},
   * {@code .yml} and {@code .json} file under it (recursively, in name order; hidden files and
   * directories skipped). Throws for a missing path or a directory without such files.
   */
  static List<Input> expand(String path) throws IOException {
    if ("-".equals(path)) {
      return List.of(new Input(path, false));
    }
    Path p = Path.of(path);
    if (!Files.exists(p)) {
      throw new NoSuchFileException(path, null, "no such file");
    }
    if (!Files.isDirectory(p)) {
      return List.of(new Input(path, false));
    }
    List<Input> out = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(p)) {
      walk.filter(f -> !hidden(p, f) && Files.isRegularFile(f) && manifest(f))
          .sorted()
          .limit(MAX_FILES)
          .forEach(f -> out.add(new Input(f.toString(), true)));
    }
    if (out.isEmpty()) {
      throw new IOException(path + ": no .yaml, .yml or .json file in this directory");
    }
    return out;
  }

  private static boolean manifest(Path f) {
    String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  private static boolean hidden(Path root, Path f) {
    for (Path part : root.relativize(f)) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  static String read(String path, InputStream stdin) throws IOException {
    if ("-".equals(path)) {
      return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
    }
    Path p = Path.of(path);
    if (!Files.exists(p)) {
      throw new NoSuchFileException(path, null, "no such file");
    }
    if (Files.isDirectory(p)) {
      throw new IOException(path + ": is a directory");
    }
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  static String describe(IOException e) {
    if (e instanceof NoSuchFileException n) {
      return n.getFile() + ": no such file";
    }
    return e.getMessage();
  }

  /** Why {@code path} could not be read, naming it. */
  static String describe(String path, IOException e) {
    if (e instanceof java.nio.charset.MalformedInputException
        || e instanceof java.nio.charset.CharacterCodingException) {
      return ("-".equals(path) ? "stdin" : path) + ": not UTF-8 text";
    }
    String d = describe(e);
    return d != null && d.startsWith(path) ? d : path + ": " + d;
  }

  /** Shown for an input with nothing in it, which is what a failed {@code helm template} pipes. */
  static String emptyInput(String name) {
    return ("-".equals(name) ? "stdin" : name) + ": empty input: nothing to check (if it comes"
        + " from `helm template`, did that fail? Its errors go to its stderr)";
  }

  /** Shown for an input that parses but holds no Kubernetes object and no connector document. */
  static String noObject(String name) {
    return ("-".equals(name) ? "stdin" : name) + ": no Kubernetes object (apiVersion/kind) or"
        + " connector document in it: not a manifest";
  }
}
