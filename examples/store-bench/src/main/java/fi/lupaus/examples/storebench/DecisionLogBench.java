package fi.lupaus.examples.storebench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * The decision log on H2 and on SQLite: decisions per second written in group commits of
 * {@value #GROUP} (the mean group of the server under 64 connections), alone ({@code append}) and
 * beside a decider's context reads ({@code log}: one writer thread and one reader thread, as on
 * the server, where deciding and writing share two cores). At the end of each run it prints the
 * store's files per decision written. docs/benchmark.md has the command and the figures.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 4, time = 10)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
public class DecisionLogBench {

    static final int GROUP = 32;

    /** The store of one benchmark run, and the connection of each of its threads. */
    @State(Scope.Group)
    public static class Store {
        @Param({"h2", "sqlite", "sqlite-full"})
        public String store;

        Path directory;
        EmbeddedStore engine;
        final AtomicLong written = new AtomicLong();
        long writtenBefore;
        long cpuBefore;
        /** The threads' workloads, whose connections close before the store. */
        final List<LogWorkload> workloads = new CopyOnWriteArrayList<>();

        @Setup(Level.Trial)
        public void open() throws IOException, SQLException {
            directory = Files.createTempDirectory("lupaus-store-bench-");
            engine = EmbeddedStore.open(store, directory);
            // A decision for each customer first, so that the readers find history from the start.
            try (LogWorkload workload = new LogWorkload(engine, engine.connect(true), GROUP, 1)) {
                for (int i = 0; i < LogWorkload.CUSTOMERS / GROUP; i++) {
                    written.set(workload.appendGroup());
                }
            }
            writtenBefore = written.get();
            cpuBefore = processCpuNanos();
        }

        @TearDown(Level.Trial)
        public void close() throws Exception {
            // The process's CPU (every thread: the benchmark's, the store's own, the JIT's and the GC's)
            // per decision written after the first one per customer, reads included in the log group.
            System.out.printf("%n%s: %,d decisions written, files %,d bytes (%.1f KB per decision), "
                            + "process CPU %.3f ms per decision written%n",
                    store, written.get(), engine.fileBytes(), engine.fileBytes() / 1000.0 / written.get(),
                    (processCpuNanos() - cpuBefore) / 1e6 / (written.get() - writtenBefore));
            for (LogWorkload workload : workloads) {
                workload.close();
            }
            engine.close();
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** A thread's workload, on its own connection. */
    abstract static class Session {
        LogWorkload workload;

        void connect(Store store, ThreadParams thread, boolean writes) throws SQLException {
            workload = new LogWorkload(store.engine, store.engine.connect(writes), GROUP, thread.getThreadIndex() + 2);
            store.workloads.add(workload);
        }
    }

    @State(Scope.Thread)
    public static class Writer extends Session {
        @Setup(Level.Trial)
        public void connect(Store store, ThreadParams thread) throws SQLException {
            connect(store, thread, true);
        }
    }

    @State(Scope.Thread)
    public static class Reader extends Session {
        @Setup(Level.Trial)
        public void connect(Store store, ThreadParams thread) throws SQLException {
            connect(store, thread, false);
        }
    }

    @Benchmark
    @Group("append")
    @GroupThreads(1)
    @OperationsPerInvocation(GROUP)
    public long append(Store store, Writer writer) throws SQLException {
        return write(store, writer);
    }

    @Benchmark
    @Group("log")
    @GroupThreads(1)
    @OperationsPerInvocation(GROUP)
    public long logWrites(Store store, Writer writer) throws SQLException {
        return write(store, writer);
    }

    /** A decider's reads for a group of {@value #GROUP} feedback: each customer's answers and last contact. */
    @Benchmark
    @Group("log")
    @GroupThreads(1)
    @OperationsPerInvocation(GROUP)
    public int logReads(Reader reader) throws SQLException {
        int rows = 0;
        for (int i = 0; i < GROUP; i++) {
            rows += reader.workload.readContext();
        }
        return rows;
    }

    private static long write(Store store, Writer writer) throws SQLException {
        long end = writer.workload.appendGroup();
        store.written.set(end);
        return end;
    }
}
