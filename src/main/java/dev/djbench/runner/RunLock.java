package dev.djbench.runner;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lock a harness holds on the run folder it writes ({@code run.lock}), so that {@code --resume}
 * never continues a run that another harness is still measuring. The kernel releases it when the
 * harness ends, however it ends.
 */
public final class RunLock implements AutoCloseable {

  public static final String FILE = "run.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks {@code runDirectory}.
   *
   * @throws IOException when another harness holds it (the message says so) or it cannot be written
   */
  public static RunLock acquire(Path runDirectory) throws IOException {
    FileChannel channel =
        FileChannel.open(
            runDirectory.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      throw new IOException(
          runDirectory + " is being measured by another djbench process right now");
    }
    return new RunLock(channel, lock);
  }

  /** Whether a harness is measuring into {@code runDirectory} now. */
  public static boolean isHeld(Path runDirectory) {
    try (RunLock probe = acquire(runDirectory)) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
