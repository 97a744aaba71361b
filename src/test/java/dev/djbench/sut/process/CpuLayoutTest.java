package dev.djbench.sut.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.djbench.sut.process.CpuLayout.Choice;
import java.util.List;
import org.junit.jupiter.api.Test;

class CpuLayoutTest {

  @Test
  void autoSplitsFromFourCpusGivingTheInjectorAQuarter() {
    CpuLayout eight = CpuLayout.choose(Choice.AUTO, List.of(0, 1, 2, 3, 4, 5, 6, 7));
    assertEquals(List.of(0, 1), eight.injectorCpus());
    assertEquals(List.of(2, 3, 4, 5, 6, 7), eight.serverCpus());
    assertEquals(
        List.of("taskset", "-c", "2,3,4,5,6,7", "gunicorn"), eight.pinServer(List.of("gunicorn")));
    assertTrue(
        eight
            .describe()
            .startsWith("split: app server on CPU 2,3,4,5,6,7, load generator on CPU 0,1"));
  }

  @Test
  void autoSharesOnTwoCpusAndSaysSoAsAWarning() {
    CpuLayout two = CpuLayout.choose(Choice.AUTO, List.of(0, 1));
    assertFalse(two.isSplit());
    assertEquals(List.of("gunicorn"), two.pinServer(List.of("gunicorn")));
    assertTrue(two.describe().startsWith("WARNING shared"), two.describe());
  }

  @Test
  void splitCanBeForcedOnTwoButNotOnOne() {
    CpuLayout two = CpuLayout.choose(Choice.SPLIT, List.of(0, 1));
    assertEquals(List.of(1), two.serverCpus());
    assertEquals(List.of(0), two.injectorCpus());
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> CpuLayout.choose(Choice.SPLIT, List.of(3)));
    assertTrue(e.getMessage().contains("only 3"), e.getMessage());
  }

  @Test
  void parsesTheKernelsCpuListFormat() {
    assertEquals(List.of(0, 1, 2, 3, 6, 8, 9), CpuLayout.parseRanges("0-3,6,8-9"));
    assertFalse(CpuLayout.available().isEmpty());
  }
}
