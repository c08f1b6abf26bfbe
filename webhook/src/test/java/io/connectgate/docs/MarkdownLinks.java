package io.connectgate.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the relative links of Markdown files that do not resolve: a target file that does not
 * exist, or an anchor that no heading of the target produces (GitHub's slug rules: lower case,
 * punctuation other than '-' and '_' dropped, spaces to '-', repeats suffixed -1, -2, ...).
 */
final class MarkdownLinks {

  private static final Pattern LINK = Pattern.compile("\\[(?:[^\\]\\[]|\\[[^\\]]*\\])*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
  private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:name|id)=\"([^\"]+)\"");

  private final Map<Path, Set<String>> anchors = new HashMap<>();

  /** Every broken link of {@code file}, as "file:line: target (reason)". */
  List<String> broken(Path file) {
    List<String> problems = new ArrayList<>();
    List<String> lines = read(file);
    boolean fence = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.stripLeading().startsWith("```")) {
        fence = !fence;
        continue;
      }
      if (fence) {
        continue;
      }
      Matcher m = LINK.matcher(withoutInlineCode(line));
      while (m.find()) {
        String target = m.group(1);
        String problem = check(file, target);
        if (problem != null) {
          problems.add(file + ":" + (i + 1) + ": " + target + " (" + problem + ")");
        }
      }
    }
    return problems;
  }

  private String check(Path file, String target) {
    if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      return null; // http:, https:, mailto: ... are not checked here
    }
    int hash = target.indexOf('#');
    String pathPart = hash < 0 ? target : target.substring(0, hash);
    String anchor = hash < 0 ? null : target.substring(hash + 1);
    Path resolved = pathPart.isEmpty() ? file : file.getParent().resolve(pathPart).normalize();
    if (!Files.exists(resolved)) {
      return "no such file " + resolved;
    }
    if (anchor == null || anchor.isEmpty()) {
      return null;
    }
    if (Files.isDirectory(resolved) || !resolved.toString().endsWith(".md")) {
      return "anchor on a file that is not Markdown";
    }
    return anchorsOf(resolved).contains(anchor) ? null : "no heading makes anchor #" + anchor;
  }

  Set<String> anchorsOf(Path file) {
    return anchors.computeIfAbsent(file.toAbsolutePath().normalize(), f -> {
      Set<String> found = new HashSet<>();
      Map<String, Integer> seen = new HashMap<>();
      boolean fence = false;
      for (String line : read(f)) {
        if (line.stripLeading().startsWith("```")) {
          fence = !fence;
          continue;
        }
        if (fence) {
          continue;
        }
        Matcher h = HEADING.matcher(line);
        if (h.matches()) {
          String slug = slug(h.group(2));
          int n = seen.merge(slug, 1, Integer::sum);
          found.add(n == 1 ? slug : slug + "-" + (n - 1));
        }
        Matcher a = HTML_ANCHOR.matcher(line);
        while (a.find()) {
          found.add(a.group(1));
        }
      }
      return found;
    });
  }

  /** GitHub's heading slug. */
  static String slug(String heading) {
    String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1"); // link text only
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetterOrDigit(cp) || cp == '-' || cp == '_') {
        sb.appendCodePoint(Character.toLowerCase(cp));
      } else if (cp == ' ') {
        sb.append('-');
      }
    }
    return sb.toString().toLowerCase(Locale.ROOT);
  }

  private static String withoutInlineCode(String line) {
    return line.replaceAll("`[^`]*`", "``");
  }

  private static List<String> read(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
