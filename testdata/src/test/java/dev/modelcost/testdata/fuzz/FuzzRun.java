package dev.modelcost.testdata.fuzz;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * A count-bounded fuzz loop: worker threads (each with its own scratch file and input stream) feed
 * inputs to a harness while the calling thread watches every one. Anything but a report or a typed
 * refusal is a finding, and so is an input that takes longer than the limit; each finding's input and
 * stack trace are saved under {@code target/fuzz-findings/} to become a regression test.
 */
final class FuzzRun {
    static final long LIMIT_MILLIS = 2_000;
    private static final long FIRST_INPUT_LIMIT_MILLIS = 60_000;
    private static final int MAX_FINDINGS = 25;
    private static final long PROGRESS_NANOS = 30_000_000_000L;

    /** {@code cpuNanos} is the workers' CPU time: on a shared machine a fairer speed than the wall clock. */
    record Result(
            String importer, long inputs, long reports, long nanos, long cpuNanos, int threads, List<String> findings) {
        String summary() {
            return String.format(
                    "%s: %,d fuzzed inputs (%,d reports, %,d typed refusals) on %d threads in %.1f s wall,"
                            + " %.1f s CPU (%,.0f inputs per CPU second), %d findings",
                    importer,
                    inputs,
                    reports,
                    inputs - reports,
                    threads,
                    nanos / 1e9,
                    cpuNanos / 1e9,
                    inputs / Math.max(cpuNanos / 1e9, 1e-9),
                    findings.size());
        }
    }

    /** One worker's state, read by the watching thread. */
    private static final class Worker {
        final AtomicLong cpu = new AtomicLong();
        volatile long startedAt = Long.MAX_VALUE;
        /** The first input of a worker also loads every class the importer and analyses use: minutes on a busy machine. */
        volatile long limitMillis = FIRST_INPUT_LIMIT_MILLIS;

        volatile byte[] current;
        Thread thread;
    }

    /** What a worker needs: a harness and its own stream of inputs. */
    record Lane(FuzzHarness harness, Supplier<byte[]> inputs) {}

    private FuzzRun() {}

    static Result run(String importer, int threads, IntFunction<Lane> lanes, long count) throws InterruptedException {
        List<String> findings = Collections.synchronizedList(new ArrayList<>());
        AtomicLong claimed = new AtomicLong();
        AtomicLong done = new AtomicLong();
        AtomicLong reports = new AtomicLong();
        List<Worker> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int w = 0; w < threads; w++) {
            Lane lane = lanes.apply(w);
            Worker worker = new Worker();
            worker.thread = new Thread(
                    () -> {
                        while (claimed.getAndIncrement() < count && findings.size() < MAX_FINDINGS) {
                            byte[] in = lane.inputs().get();
                            worker.current = in;
                            worker.startedAt = System.nanoTime();
                            try {
                                if (lane.harness().inspect(in)) {
                                    reports.incrementAndGet();
                                }
                            } catch (Throwable t) { // every kind of failure, errors included, is what the run looks for
                                findings.add(save(importer, in, t));
                            }
                            worker.startedAt = Long.MAX_VALUE;
                            worker.limitMillis = LIMIT_MILLIS;
                            if ((done.incrementAndGet() & 255) == 0) {
                                worker.cpu.set(
                                        ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
                            }
                        }
                        worker.cpu.set(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
                    },
                    "fuzz-" + importer + "-" + w);
            worker.thread.setDaemon(true);
            workers.add(worker);
        }
        workers.forEach(w -> w.thread.start());
        boolean hung = false;
        long nextProgress = System.nanoTime() + PROGRESS_NANOS;
        for (Worker w : workers) {
            while (w.thread.isAlive() && !hung) {
                w.thread.join(200);
                if (System.nanoTime() > nextProgress) { // a long run can be stopped at any time with its count known
                    nextProgress += PROGRESS_NANOS;
                    System.out.printf(
                            "%s: %,d inputs, %,d reports, %d findings, %.0f s%n",
                            importer, done.get(), reports.get(), findings.size(), (System.nanoTime() - start) / 1e9);
                }
                for (Worker other : workers) {
                    long began = other.startedAt;
                    byte[] in = other.current;
                    long limit = other.limitMillis;
                    if (began != Long.MAX_VALUE && (System.nanoTime() - began) / 1_000_000 > limit && in != null) {
                        IllegalStateException hang = new IllegalStateException("no answer within " + limit + " ms");
                        hang.setStackTrace(other.thread.getStackTrace()); // where the worker is, not where we watch
                        findings.add(save(importer, in, hang));
                        hung = true; // a hung worker may never return: leave the daemons behind and report
                    }
                }
            }
        }
        claimed.set(Long.MAX_VALUE);
        long cpu = workers.stream().mapToLong(w -> w.cpu.get()).sum();
        return new Result(
                importer, done.get(), reports.get(), System.nanoTime() - start, cpu, threads, List.copyOf(findings));
    }

    private static String save(String importer, byte[] input, Throwable t) {
        try {
            Path dir = Path.of("target", "fuzz-findings");
            Files.createDirectories(dir);
            String name = importer + "-"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-1").digest(input))
                            .substring(0, 16);
            Files.write(dir.resolve(name + ".bin"), input);
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            Files.writeString(dir.resolve(name + ".txt"), trace.toString());
            return name + ": " + t;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
