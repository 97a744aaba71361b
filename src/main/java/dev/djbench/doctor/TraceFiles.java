package dev.djbench.doctor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Reads the trace files the probe writes, one per traced request. */
public final class TraceFiles {

  private static final ObjectMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private TraceFiles() {}

  /** Why a trace could not be had; the message names the file. */
  public static final class TraceException extends Exception {
    public TraceException(String message) {
      super(message);
    }
  }

  /**
   * The trace of request {@code id}, waiting up to {@code wait} for it: the probe writes it as the
   * response leaves, so it may land a moment after the client has read the response.
   *
   * @throws TraceException when it does not appear or cannot be read
   */
  public static RequestTrace await(Path directory, String id, Duration wait)
      throws TraceException, InterruptedException {
    Path file = directory.resolve(id + ".json");
    long deadline = System.nanoTime() + wait.toNanos();
    while (!Files.exists(file)) {
      if (System.nanoTime() > deadline) {
        throw new TraceException(
            "the probe wrote no trace "
                + file
                + " within "
                + wait.toSeconds()
                + " s; is djbench_probe first in MIDDLEWARE (the settings overlay puts it there)?");
      }
      Thread.sleep(20);
    }
    return read(file);
  }

  /** Reads one trace file. */
  public static RequestTrace read(Path file) throws TraceException {
    try {
      return JSON.readValue(file.toFile(), RequestTrace.class);
    } catch (JsonProcessingException e) {
      throw new TraceException(
          file + " is not a trace the probe writes: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new TraceException("could not read " + file + ": " + e.getMessage());
    }
  }
}
