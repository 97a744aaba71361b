package dev.djbench.scenario;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test: {@code bench/loader-time.sh}. Times {@link ScenarioLoader#load} on files of growing
 * size in three shapes, all valid scenarios of the reference app, and prints the median time per
 * size and its ratio to the smallest, beside the ratio of the sizes: the time grows in proportion
 * to the size when the two ratios agree. Surefire's default includes leave it out of {@code
 * ./djbench test}.
 *
 * <ul>
 *   <li>{@code experiments}: a suite of more and more experiments (the realistic growth);
 *   <li>{@code short-comments}: one experiment and comment lines of 60 characters;
 *   <li>{@code long-comments}: one experiment and comment lines of the longest length allowed
 *       ({@link ScenarioLoader#MAX_LINE_CHARS}), the parser's worst case.
 * </ul>
 */
class ScenarioLoaderBench {

  private static final String HEAD =
      """
      suite: loader-bench
      app: %s
      experiments:
      """;

  private static final String EXPERIMENT =
      """
        - id: e%d
          technique: select_related() instead of one query per row
          claim: By reducing hundreds of queries into just one or two, you improve performance.
          seed: {posts: 50}
          load: {rate: 20/s, interleave: requests}
          variants:
            naive: GET /select-related/naive/?limit=50
            optimized: GET /select-related/optimized/?limit=50
      """;

  @Test
  void timeTheLoader(@TempDir Path folder) throws Exception {
    Path home = Path.of("").toAbsolutePath();
    String app = home.resolve("sample-django-app").toString();
    ScenarioLoader loader = new ScenarioLoader(home);
    int[] kib = {64, 128, 256, 512, 960};
    int repetitions = Integer.parseInt(System.getProperty("djbench.bench.repetitions", "7"));
    for (String shape : List.of("experiments", "short-comments", "long-comments")) {
      double first = 0;
      double firstBytes = 0;
      for (int size : kib) {
        String text = document(shape, app, size * 1024);
        Path file = Files.writeString(folder.resolve(shape + "-" + size + ".yaml"), text);
        loader.load(file); // warm: the first load of a size compiles its paths
        List<Long> nanos = new ArrayList<>();
        for (int r = 0; r < repetitions; r++) {
          long start = System.nanoTime();
          loader.load(file);
          nanos.add(System.nanoTime() - start);
        }
        nanos.sort(Long::compare);
        double median = nanos.get(nanos.size() / 2) / 1e6;
        int length = text.getBytes(StandardCharsets.UTF_8).length;
        first = first == 0 ? median : first;
        firstBytes = firstBytes == 0 ? length : firstBytes;
        System.out.printf(
            Locale.ROOT,
            "DJBENCH shape=%s kib=%d bytes=%d median_ms=%.1f time_ratio=%.2f size_ratio=%.2f%n",
            shape,
            size,
            length,
            median,
            median / first,
            length / firstBytes);
      }
    }
  }

  private static String document(String shape, String app, int bytes) {
    StringBuilder text = new StringBuilder(HEAD.formatted(app));
    if (shape.equals("experiments")) {
      for (int i = 0; text.length() + EXPERIMENT.length() + 10 < bytes; i++) {
        text.append(EXPERIMENT.formatted(i));
      }
      return text.toString();
    }
    text.append(EXPERIMENT.formatted(0));
    int line = shape.equals("short-comments") ? 60 : ScenarioLoader.MAX_LINE_CHARS;
    String comment = "# " + "x".repeat(line - 2) + "\n";
    while (text.length() < bytes) {
      text.append(comment);
    }
    return text.toString();
  }
}
