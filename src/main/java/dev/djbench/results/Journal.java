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
 * disk as each trial ends, so that whatever stops the run — a crash of the app, Ctrl-C, a power cut
 * — every trial already measured is kept.
 */
public final class Journal implements AutoCloseable {

  public static final String FILE = "journal.jsonl";

  private final Path file;
  private final FileChannel channel;

  private Journal(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /** Creates the journal in {@code runDirectory}; fails at once when it cannot be written. */
  public static Journal create(Path runDirectory) throws IOException {
    Path file = runDirectory.resolve(FILE);
    return new Journal(
        file, FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
  }

  public Path file() {
    return file;
  }

  /** Appends one trial and forces it to disk. */
  public synchronized void append(TrialResult trial) throws IOException {
    String line;
    try {
      line =
          ResultsIO.mapper()
                  .writer()
                  .without(SerializationFeature.INDENT_OUTPUT)
                  .writeValueAsString(trial)
              + "\n";
    } catch (JsonProcessingException e) {
      throw new IOException("trial could not be serialized: " + e.getMessage(), e);
    }
    var buffer = java.nio.ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    channel.force(false);
  }

  /** Reads every trial of a journal, in the order written. */
  public static List<TrialResult> read(Path file) throws ResultsException {
    List<TrialResult> trials = new ArrayList<>();
    try {
      int lineNumber = 0;
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        try {
          trials.add(ResultsIO.mapper().readValue(line, TrialResult.class));
        } catch (JsonProcessingException e) {
          throw new ResultsException(
              file + ":" + lineNumber + ": not a trial record: " + e.getOriginalMessage(), e);
        }
      }
    } catch (IOException e) {
      throw new ResultsException(file + ": cannot be read: " + e.getMessage(), e);
    }
    return trials;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
