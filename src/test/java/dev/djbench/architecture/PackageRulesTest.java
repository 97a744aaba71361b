package dev.djbench.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of the harness, read from the sources: every package says in its {@code
 * package-info.java} what it may import ({@code May import: …}), and this test holds the code to
 * it; no two packages depend on each other, directly or around a cycle; and the packages that
 * analyse and report never reach into the orchestrator.
 */
class PackageRulesTest {

  private static final String ROOT = "dev.djbench.";
  private static final List<Path> SOURCES =
      List.of(Path.of("src/main/java"), Path.of("src/gatling/java"));
  private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
  private static final Pattern REFERENCE =
      Pattern.compile("\\bdev\\.djbench\\.([a-z][\\w.]*?)\\.[A-Z]");
  private static final Pattern MAY_IMPORT =
      Pattern.compile("May import: ([^.]+(?:\\.[a-z][^.]*)*)\\.");

  /** Package (without the dev.djbench. prefix) to the packages its code refers to. */
  private static final Map<String, Set<String>> USES = new TreeMap<>();

  /** Package to the "May import" text of its package-info, when it has one. */
  private static final Map<String, String> DECLARED = new TreeMap<>();

  @BeforeAll
  static void readSources() throws IOException {
    for (Path root : SOURCES) {
      try (Stream<Path> files = Files.walk(root)) {
        files.filter(f -> f.toString().endsWith(".java")).forEach(PackageRulesTest::read);
      }
    }
  }

  private static void read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Matcher p = PACKAGE.matcher(text);
    assertTrue(p.find(), file + " has no package line");
    String pkg = p.group(1).substring(ROOT.length());
    if (file.getFileName().toString().equals("package-info.java")) {
      Matcher may = MAY_IMPORT.matcher(text.replaceAll("\\s*\\*\\s*", " "));
      if (may.find()) {
        DECLARED.put(pkg, may.group(1).trim());
      }
    }
    Set<String> uses = USES.computeIfAbsent(pkg, k -> new TreeSet<>());
    Matcher r = REFERENCE.matcher(code(text));
    while (r.find()) {
      if (!r.group(1).equals(pkg)) {
        uses.add(r.group(1));
      }
    }
  }

  /** The text with comments and string literals blanked: what the compiler links against. */
  static String code(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("/*", i)) {
        int end = text.indexOf("*/", i + 2);
        i = end < 0 ? text.length() : end + 2;
        out.append(' ');
      } else if (text.startsWith("//", i)) {
        int end = text.indexOf('\n', i);
        i = end < 0 ? text.length() : end;
      } else if (text.startsWith("\"\"\"", i)) {
        int end = text.indexOf("\"\"\"", i + 3);
        i = end < 0 ? text.length() : end + 3;
        out.append("\"\"");
      } else if (text.charAt(i) == '\'') {
        int j = i + 1;
        while (j < text.length() && text.charAt(j) != '\'') {
          j += text.charAt(j) == '\\' ? 2 : 1;
        }
        i = j + 1;
        out.append("' '");
      } else if (text.charAt(i) == '"') {
        int j = i + 1;
        while (j < text.length() && text.charAt(j) != '"') {
          j += text.charAt(j) == '\\' ? 2 : 1;
        }
        i = j + 1;
        out.append("\"\"");
      } else {
        out.append(text.charAt(i++));
      }
    }
    return out.toString();
  }

  /** What a "May import" text allows, as a predicate on package names. */
  private static boolean allows(String declared, String used) {
    if (declared.equals("every package")) {
      return true;
    }
    if (declared.equals("nothing of djbench")) {
      return false;
    }
    for (String item : declared.split(",|\\band\\b")) {
      String name = item.trim();
      if (name.isEmpty()) {
        continue;
      }
      if (name.endsWith(" its subpackages")) {
        continue; // "X and its subpackages": X itself is listed before "and"
      }
      if (used.equals(name)) {
        return true;
      }
    }
    // "sut and its subpackages"
    for (String item : declared.split(",")) {
      String name = item.trim();
      if (name.endsWith(" and its subpackages")) {
        String base = name.substring(0, name.length() - " and its subpackages".length()).trim();
        if (used.equals(base) || used.startsWith(base + ".")) {
          return true;
        }
      }
    }
    return false;
  }

  @Test
  void everyPackageSaysWhatItMayImport() {
    Set<String> undeclared = new TreeSet<>(USES.keySet());
    undeclared.removeAll(DECLARED.keySet());
    assertEquals(Set.of(), undeclared, "packages without 'May import:' in their package-info.java");
  }

  @Test
  void everyPackageImportsOnlyWhatItsPackageInfoAllows() {
    List<String> violations = new ArrayList<>();
    USES.forEach(
        (pkg, uses) -> {
          String declared = DECLARED.getOrDefault(pkg, "nothing of djbench");
          for (String used : uses) {
            if (!allows(declared, used)) {
              violations.add(pkg + " uses " + used + " (may import: " + declared + ")");
            }
          }
        });
    assertEquals(List.of(), violations);
  }

  @Test
  void noPackagesDependOnEachOtherAroundACycle() {
    List<List<String>> cycles = stronglyConnected();
    assertEquals(List.of(), cycles.stream().filter(c -> c.size() > 1).toList(), "package cycles");
  }

  @Test
  void analysisGateAndReportNeverReachIntoTheOrchestrator() {
    for (String pkg : List.of("analysis", "gate", "report")) {
      assertTrue(USES.containsKey(pkg), pkg + " was not found in the sources");
      assertFalse(USES.get(pkg).contains("runner"), pkg + " imports the runner: " + USES.get(pkg));
      assertFalse(USES.get(pkg).contains("cli"), pkg + " imports the cli: " + USES.get(pkg));
    }
  }

  @Test
  void theArchitectureDocumentListsEveryPackageWithWhatItMayImport() throws IOException {
    Map<String, String> documented = new TreeMap<>();
    Pattern row = Pattern.compile("^\\| `([a-z.]+)` \\| [^|]+ \\| ([^|]+) \\|$", Pattern.MULTILINE);
    Matcher m = row.matcher(Files.readString(Path.of("docs/ARCHITECTURE.md")));
    while (m.find()) {
      documented.put(m.group(1), m.group(2).trim());
    }
    assertEquals(DECLARED, documented, "docs/ARCHITECTURE.md against the package-info.java files");
  }

  @Test
  void theRulesThemselvesCatchAViolation() {
    // The checks above would pass vacuously if nothing were read or nothing were parsed.
    assertTrue(USES.get("runner").contains("sut"), USES.get("runner").toString());
    assertFalse(allows("analysis, results, stats", "runner"));
    assertTrue(allows("analysis, load, sut and its subpackages", "sut.process"));
    assertFalse(allows("nothing of djbench", "results"));
  }

  /** Tarjan's strongly connected components of the package graph. */
  private static List<List<String>> stronglyConnected() {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    List<List<String>> components = new ArrayList<>();
    int[] counter = {0};
    for (String pkg : USES.keySet()) {
      if (!index.containsKey(pkg)) {
        connect(pkg, index, low, stack, onStack, components, counter);
      }
    }
    return components;
  }

  private static void connect(
      String v,
      Map<String, Integer> index,
      Map<String, Integer> low,
      Deque<String> stack,
      Set<String> onStack,
      List<List<String>> components,
      int[] counter) {
    index.put(v, counter[0]);
    low.put(v, counter[0]);
    counter[0]++;
    stack.push(v);
    onStack.add(v);
    for (String w : USES.getOrDefault(v, Set.of())) {
      if (!index.containsKey(w)) {
        connect(w, index, low, stack, onStack, components, counter);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      List<String> component = new ArrayList<>();
      String w;
      do {
        w = stack.pop();
        onStack.remove(w);
        component.add(w);
      } while (!w.equals(v));
      components.add(component);
    }
  }
}
