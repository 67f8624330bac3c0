package io.casegate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What Linux's /proc tells about the machine and a process: the figures read it next to each measurement. */
final class Machine {

    /** The kernel's clock tick in /proc/<pid>/stat (USER_HZ, 100 on Linux). */
    private static final long MILLIS_PER_TICK = 10;

    private Machine() {}

    /** The 1, 5 and 15 minute load averages, e.g. "3.79 3.43 3.73"; "?" where there is no /proc. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "?";
        }
    }

    /** CPU time a process has used so far (user + system, all its threads), in milliseconds; 0 where unreadable. */
    static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // After the command name in parentheses (which may hold spaces): utime and stime are fields 14 and 15.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * MILLIS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
