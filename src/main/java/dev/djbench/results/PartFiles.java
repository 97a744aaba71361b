package dev.djbench.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

/**
 * An injector part's folder: {@code part.json} ({@link InjectPart}) and {@code part.hlog}, an
 * HdrHistogram log holding every histogram of every trial, each one interval tagged {@code
 * t<slot>.<name>} and timed by the trial's measured window on the target's clock. Any HdrHistogram
 * tool reads the log ({@code HistogramLogProcessor -tag t0.clientLatencyMicros}); djbench merge
 * adds the parts' histograms of each trial.
 */
public final class PartFiles {

  public static final String PART_FILE = "part.json";
  public static final String LOG_FILE = "part.hlog";

  private PartFiles() {}

  /**
   * One part as read back.
   *
   * @param folder where it was read from
   * @param part what {@code part.json} says
   * @param histograms each trial's histograms by name, by slot
   */
  public record Loaded(
      Path folder, InjectPart part, Map<Integer, Map<String, Histogram>> histograms) {}

  /** Whether {@code folder} holds a part. */
  public static boolean isPart(Path folder) {
    return Files.isRegularFile(folder.resolve(PART_FILE));
  }

  /**
   * Writes both files atomically (each a temporary file moved into place).
   *
   * @param histograms each trial's histograms by name, by slot; the interval of slot {@code s} is
   *     {@code windows.get(s)}
   * @param windows each slot's measured window on the target's clock, [start, end) in epoch ms
   */
  public static void write(
      Path folder,
      InjectPart part,
      Map<Integer, Map<String, Histogram>> histograms,
      Map<Integer, long[]> windows)
      throws IOException {
    Files.createDirectories(folder);
    Path log = folder.resolve(LOG_FILE + ".tmp");
    try (PrintStream out =
        new PrintStream(Files.newOutputStream(log), false, StandardCharsets.UTF_8)) {
      var writer = new HistogramLogWriter(out);
      writer.outputComment(
          "djbench inject part "
              + part.label()
              + " of suite "
              + part.suite()
              + ", seed "
              + part.seed()
              + "; values in microseconds (dbQueries and dbRepeatedQueries: counts per request)");
      writer.outputLogFormatVersion();
      long base =
          windows.values().stream().mapToLong(w -> w[0]).min().orElse(System.currentTimeMillis());
      writer.setBaseTime(base);
      writer.outputBaseTime(base);
      writer.outputStartTime(base);
      writer.outputLegend();
      for (var slot : new TreeMap<>(histograms).entrySet()) {
        long[] window = windows.get(slot.getKey());
        for (var named : slot.getValue().entrySet()) {
          Histogram h = named.getValue().copy();
          h.setTag("t" + slot.getKey() + "." + named.getKey());
          h.setStartTimeStamp(window[0]);
          h.setEndTimeStamp(window[1]);
          writer.outputIntervalHistogram(h);
        }
      }
    }
    Files.move(
        log,
        folder.resolve(LOG_FILE),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
    writeJson(folder, part);
  }

  /** Writes {@code part.json} alone (a part starting, before anything is measured). */
  public static void writeJson(Path folder, InjectPart part) throws IOException {
    Files.createDirectories(folder);
    Path json = folder.resolve(PART_FILE + ".tmp");
    Files.writeString(json, toJson(part) + "\n", StandardCharsets.UTF_8);
    Files.move(
        json,
        folder.resolve(PART_FILE),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  public static String toJson(InjectPart part) {
    try {
      return ResultsIO.mapper().writeValueAsString(part);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a part could not be serialized: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a part's folder.
   *
   * @throws ResultsException naming the file when a file is missing, malformed or of another schema
   *     version, or a histogram of the log is not one of its trials'
   */
  public static Loaded read(Path folder) throws ResultsException {
    Path json = folder.resolve(PART_FILE);
    InjectPart part;
    try {
      JsonNode tree = ResultsIO.mapper().readTree(json.toFile());
      JsonNode version = tree.get("schemaVersion");
      if (version == null || !version.isInt() || version.asInt() != InjectPart.SCHEMA_VERSION) {
        throw new ResultsException(
            json
                + ": schemaVersion "
                + version
                + " is not supported; this build reads version "
                + InjectPart.SCHEMA_VERSION);
      }
      part = ResultsIO.mapper().treeToValue(tree, InjectPart.class);
    } catch (IOException e) {
      throw new ResultsException(json + ": not a readable part file: " + e.getMessage(), e);
    }
    Map<Integer, Map<String, Histogram>> histograms = new TreeMap<>();
    Path log = folder.resolve(LOG_FILE);
    if (!part.trials().isEmpty()) {
      if (!Files.isRegularFile(log)) {
        throw new ResultsException(log + ": missing (part.json lists trials)");
      }
      java.util.List<EncodableHistogram> intervals = new java.util.ArrayList<>();
      try {
        var reader = new HistogramLogReader(log.toFile());
        EncodableHistogram next;
        while ((next = reader.nextIntervalHistogram()) != null) {
          intervals.add(next);
        }
      } catch (IOException | RuntimeException e) {
        throw new ResultsException(log + ": not a readable HdrHistogram log: " + e, e);
      }
      for (EncodableHistogram next : intervals) {
        String tag = next.getTag();
        int dot = tag == null ? -1 : tag.indexOf('.');
        if (!(next instanceof Histogram h) || dot < 2 || tag.charAt(0) != 't') {
          throw new ResultsException(
              log + ": an interval tagged '" + tag + "' is not a trial's (t<slot>.<name>)");
        }
        int slot;
        try {
          slot = Integer.parseInt(tag.substring(1, dot));
        } catch (NumberFormatException e) {
          throw new ResultsException(log + ": tag '" + tag + "' has no slot number", e);
        }
        histograms.computeIfAbsent(slot, s -> new LinkedHashMap<>()).put(tag.substring(dot + 1), h);
      }
      for (InjectPart.Trial t : part.trials()) {
        if (!histograms.containsKey(t.slot())) {
          throw new ResultsException(
              log
                  + ": no histogram of trial "
                  + t.slot()
                  + " ("
                  + t.experiment()
                  + "/"
                  + t.variant()
                  + ", block "
                  + (t.block() + 1)
                  + ")");
        }
      }
    }
    return new Loaded(folder, part, histograms);
  }
}
