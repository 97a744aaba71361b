package dev.djbench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcStatTest {

  @Test
  void countsFieldsFromTheLastParenthesisSoOddCommandNamesParse() {
    String line =
        "4242 (gunicorn: worker) [x)) S 4200 4200 4200 0 -1 4194560 2280 0 0 0 "
            + "150 25 7 3 20 0 1 0 123456 250000000 5000 18446744073709551615 1 1 0 0 0 0 0 16781312 134234626 0 0 0 17 "
            + "1 0 0 0 0 0";
    ProcStat stat = ProcStat.parse(4242, line);
    assertEquals('S', stat.state());
    assertEquals(4200, stat.parentPid());
    assertEquals(4200, stat.processGroup());
    assertEquals(175, stat.cpuTicks());
    assertEquals(10, stat.childrenCpuTicks());
    assertEquals(5000, stat.rssPages());
    assertEquals(123456, stat.startTicks());
  }

  @Test
  void readsThisProcess() {
    long pid = ProcessHandle.current().pid();
    ProcStat stat = ProcStat.read(pid).orElseThrow();
    assertEquals(pid, stat.pid());
    assertTrue(stat.rssPages() > 0);
    assertTrue(ProcStat.read(Long.MAX_VALUE).isEmpty());
  }
}
