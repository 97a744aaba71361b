package dev.djbench.results;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * Histograms as text: base64 of HdrHistogram's compressed encoding — the same payload an
 * HdrHistogram {@code .hlog} line carries, so any HdrHistogram tool can read it back.
 */
public final class HistogramCodec {

  private HistogramCodec() {}

  public static String encode(Histogram histogram) {
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int length = histogram.encodeIntoCompressedByteBuffer(buffer);
    return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
  }

  /**
   * @throws IllegalArgumentException when {@code text} is not an encoded histogram
   */
  public static Histogram decode(String text) {
    try {
      byte[] bytes = Base64.getDecoder().decode(text);
      return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
    } catch (IllegalArgumentException | DataFormatException | java.nio.BufferUnderflowException e) {
      throw new IllegalArgumentException("not an encoded HdrHistogram: " + e.getMessage(), e);
    }
  }
}
