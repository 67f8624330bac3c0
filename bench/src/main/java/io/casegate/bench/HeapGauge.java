package io.casegate.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** A JVM's heap as the JDK's own tools see it from outside: jstat for the figures, jcmd for GC and the class histogram. */
final class HeapGauge {

    /** The heap in bytes: eden + survivors + old generation in use, and the old generation alone. */
    record Heap(double used, double oldUsed) {}

    private final long pid;
    private Process sampler;
    private Thread reader;
    private double peakUsed;
    private double peakOldUsed;

    HeapGauge(long pid) {
        this.pid = pid;
    }

    /** A full GC, so that what follows starts from the live heap. */
    void collect() throws Exception {
        run("jcmd", String.valueOf(pid), "GC.run");
    }

    Heap now() throws Exception {
        String out = run("jstat", "-gc", String.valueOf(pid));
        for (String line : out.split("\n")) {
            Heap heap = parse(line);
            if (heap != null) {
                return heap;
            }
        }
        throw new IllegalStateException("jstat: " + out);
    }

    /** Starts sampling every 50 ms ({@code jstat -gc <pid> 50}) and keeping the peaks, from none. */
    void startSampling() throws IOException {
        synchronized (this) {
            peakUsed = 0;
            peakOldUsed = 0;
        }
        sampler = new ProcessBuilder("jstat", "-gc", String.valueOf(pid), "50")
                .redirectErrorStream(true)
                .start();
        reader = new Thread(
                () -> {
                    try (BufferedReader lines = new BufferedReader(
                            new InputStreamReader(sampler.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                            Heap heap = parse(line);
                            if (heap != null) {
                                keepPeak(heap);
                            }
                        }
                    } catch (IOException stopped) {
                        // The sampler was stopped.
                    }
                },
                "jstat-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Stops sampling; answers the peaks seen. */
    Heap stopSampling() throws InterruptedException {
        sampler.destroy();
        reader.join(2000);
        synchronized (this) {
            return new Heap(peakUsed, peakOldUsed);
        }
    }

    /** The first lines of {@code jcmd <pid> GC.class_histogram}: the largest classes of the live heap. */
    List<String> largestClasses(int lines) throws Exception {
        return Arrays.stream(
                        run("jcmd", String.valueOf(pid), "GC.class_histogram").split("\n"))
                .limit(lines)
                .toList();
    }

    private synchronized void keepPeak(Heap heap) {
        peakUsed = Math.max(peakUsed, heap.used());
        peakOldUsed = Math.max(peakOldUsed, heap.oldUsed());
    }

    /** The heap from one line of jstat -gc (S0C S1C S0U S1U EC EU OC OU ..., in KB), or null for its header. */
    private static Heap parse(String line) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length < 10 || !Character.isDigit(fields[0].charAt(0))) {
            return null;
        }
        double survivors = Double.parseDouble(fields[2]) + Double.parseDouble(fields[3]);
        double old = Double.parseDouble(fields[7]);
        return new Heap((survivors + Double.parseDouble(fields[5]) + old) * 1024, old * 1024);
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return out;
    }
}
