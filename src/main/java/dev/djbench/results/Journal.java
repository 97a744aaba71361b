package dev.djbench.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The run's append-only journal, {@code journal.jsonl}: one trial a line, written and forced to
 * disk as each trial ends, so that whatever stops the run — a crash of the app, Ctrl-C, SIGKILL, a
 * power cut — every trial already measured is kept. Beside it, {@code experiments.jsonl} holds each
 * experiment's result as it ends (its comparisons, without its trials, which are in the journal):
 * with both, an interrupted run is continued ({@code --resume}) or rendered as it stood.
 */
public final class Journal implements AutoCloseable {

  public static final String FILE = "journal.jsonl";

  /** The experiments that ended, one result a line, without their trials. */
  public static final String FINISHED_FILE = "experiments.jsonl";

  private final Path file;
  private final FileChannel channel;
  private final FileChannel finished;

  private Journal(Path file, FileChannel channel, FileChannel finished) {
    this.file = file;
    this.channel = channel;
    this.finished = finished;
  }

  /** Creates the journal in {@code runDirectory}; fails at once when it cannot be written. */
  public static Journal create(Path runDirectory) throws IOException {
    Path file = runDirectory.resolve(FILE);
    return new Journal(
        file,
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
        FileChannel.open(
            runDirectory.resolve(FINISHED_FILE),
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE));
  }

  /**
   * Opens the journal of an interrupted run to go on appending to it. A last line that the kill cut
   * short (no line end) is a trial that was never written whole: it is cut off, as in {@link
   * #readInterrupted}.
   */
  public static Journal reopen(Path runDirectory) throws IOException {
    Path file = runDirectory.resolve(FILE);
    FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    channel.truncate(wholeLinesLength(file));
    channel.position(channel.size());
    Path finishedFile = runDirectory.resolve(FINISHED_FILE);
    FileChannel finished =
        FileChannel.open(finishedFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    finished.truncate(wholeLinesLength(finishedFile));
    finished.position(finished.size());
    return new Journal(file, channel, finished);
  }

  /** The length of a file up to and including its last line end; 0 when it has none or is gone. */
  private static long wholeLinesLength(Path file) throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    byte[] bytes = Files.readAllBytes(file);
    int end = bytes.length;
    while (end > 0 && bytes[end - 1] != '\n') {
      end--;
    }
    return end;
  }

  /**
   * Records that an experiment has ended, with what it concluded; its trials are already in the
   * journal and are left out here.
   */
  public synchronized void finished(ExperimentResult result) throws IOException {
    write(finished, result.withTrials(List.of()));
  }

  public Path file() {
    return file;
  }

  /** Appends one trial and forces it to disk. */
  public synchronized void append(TrialResult trial) throws IOException {
    write(channel, trial);
  }

  private static void write(FileChannel to, Object record) throws IOException {
    String line;
    try {
      line =
          ResultsIO.mapper()
                  .writer()
                  .without(SerializationFeature.INDENT_OUTPUT)
                  .writeValueAsString(record)
              + "\n";
    } catch (JsonProcessingException e) {
      throw new IOException("record could not be serialized: " + e.getMessage(), e);
    }
    var buffer = java.nio.ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
    while (buffer.hasRemaining()) {
      to.write(buffer);
    }
    to.force(false);
  }

  /** Reads every trial of a journal, in the order written. */
  public static List<TrialResult> read(Path file) throws ResultsException {
    return lines(file, TrialResult.class, false, "a trial record");
  }

  /**
   * What an interrupted run left: every trial of its journal and every experiment that ended, in
   * the order written. A last line without a line end was cut short by the kill and is left out;
   * any other line that does not parse fails, naming it.
   */
  public static Interrupted readInterrupted(Path runDirectory) throws ResultsException {
    Path finishedFile = runDirectory.resolve(FINISHED_FILE);
    return new Interrupted(
        lines(runDirectory.resolve(FILE), TrialResult.class, true, "a trial record"),
        Files.exists(finishedFile)
            ? lines(finishedFile, ExperimentResult.class, true, "an experiment result")
            : List.of());
  }

  /**
   * An interrupted run's records.
   *
   * @param trials every trial measured, in the order measured
   * @param finished the experiments that ended, without their trials
   */
  public record Interrupted(List<TrialResult> trials, List<ExperimentResult> finished) {

    /** The trials of one experiment, in the order measured. */
    public List<TrialResult> trialsOf(String experiment) {
      return trials.stream().filter(t -> t.experiment().equals(experiment)).toList();
    }

    /** The ended experiment with this id, its trials put back. */
    public java.util.Optional<ExperimentResult> finished(String experiment) {
      return finished.stream()
          .filter(e -> e.id().equals(experiment))
          .reduce((first, later) -> later)
          .map(e -> e.withTrials(trialsOf(experiment)));
    }
  }

  private static <T> List<T> lines(Path file, Class<T> type, boolean tolerateCutLast, String what)
      throws ResultsException {
    List<T> records = new ArrayList<>();
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      List<String> all = text.lines().toList();
      int whole =
          tolerateCutLast && !text.isEmpty() && !text.endsWith("\n") ? all.size() - 1 : all.size();
      for (int i = 0; i < whole; i++) {
        String line = all.get(i);
        if (line.isBlank()) {
          continue;
        }
        try {
          records.add(ResultsIO.mapper().readValue(line, type));
        } catch (JsonProcessingException e) {
          throw new ResultsException(
              file + ":" + (i + 1) + ": not " + what + ": " + e.getOriginalMessage(), e);
        }
      }
    } catch (IOException e) {
      throw new ResultsException(file + ": cannot be read: " + e.getMessage(), e);
    }
    return records;
  }

  @Override
  public void close() throws IOException {
    try {
      channel.close();
    } finally {
      finished.close();
    }
  }
}
