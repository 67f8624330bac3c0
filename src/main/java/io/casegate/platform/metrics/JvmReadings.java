package io.casegate.platform.metrics;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM's own numbers (memory, threads, garbage collection, start time), read from its management
 * beans at each scrape. Casegate publishes them itself because neither runtime does with its
 * configuration: Payara's MicroProfile Metrics is switched off (it would take {@code /metrics}),
 * and WildFly's {@code standalone.xml} has no metrics subsystem.
 */
final class JvmReadings {

    private JvmReadings() {}

    static List<Reading> now() {
        List<Reading> readings = new ArrayList<>();
        memory(readings, "heap", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage());
        memory(readings, "nonheap", ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        readings.add(Reading.of(Meter.JVM_THREADS_CURRENT, threads.getThreadCount()));
        readings.add(Reading.of(Meter.JVM_THREADS_DAEMON, threads.getDaemonThreadCount()));
        readings.add(Reading.of(Meter.JVM_THREADS_PEAK, threads.getPeakThreadCount()));
        long[] deadlocked = threads.findDeadlockedThreads();
        readings.add(Reading.of(Meter.JVM_THREADS_DEADLOCKED, deadlocked == null ? 0 : deadlocked.length));
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector.getCollectionCount() >= 0) {
                readings.add(Reading.of(Meter.JVM_GC_COLLECTIONS, collector.getCollectionCount(), collector.getName()));
            }
            if (collector.getCollectionTime() >= 0) {
                readings.add(Reading.of(
                        Meter.JVM_GC_COLLECTION_TIME, collector.getCollectionTime() / 1000.0, collector.getName()));
            }
        }
        readings.add(Reading.of(
                Meter.PROCESS_START_TIME, ManagementFactory.getRuntimeMXBean().getStartTime() / 1000.0));
        return readings;
    }

    private static void memory(List<Reading> readings, String area, MemoryUsage usage) {
        readings.add(Reading.of(Meter.JVM_MEMORY_USED, usage.getUsed(), area));
        readings.add(Reading.of(Meter.JVM_MEMORY_COMMITTED, usage.getCommitted(), area));
        readings.add(Reading.of(Meter.JVM_MEMORY_MAX, usage.getMax(), area));
    }
}
