package io.connectgate.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a command's input: a file, or stdin for "-". */
final class InputFiles {

  private InputFiles() {}

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
}
