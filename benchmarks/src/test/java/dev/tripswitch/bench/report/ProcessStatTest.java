package dev.tripswitch.bench.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessStatTest {

    @Test
    void statLine_withSpacesInTheName_givesCpuTicksAndRss() {
        // pid (comm) state ppid ... utime(14)=250 stime(15)=50 ... rss(24)=1000 pages
        String stat = "4242 (chrome (renderer)) S 1 2 3 4 5 6 7 8 9 10 250 50 0 0 20 0 9 0 12345 999999 1000 rest";
        long[] v = dev.tripswitch.bench.recovery.ProcessMeterAccess.parse(stat);
        assertThat(v[0]).isEqualTo(300);
        assertThat(v[1]).isEqualTo(1000L * 4096);
    }
}
