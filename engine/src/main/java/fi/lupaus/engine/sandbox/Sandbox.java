package fi.lupaus.engine.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fi.lupaus.engine.audit.Explanation;
import fi.lupaus.engine.decision.Decision;
import fi.lupaus.engine.ruleset.CompileError;
import fi.lupaus.engine.ruleset.InvalidRuleSetException;
import fi.lupaus.engine.ruleset.RuleSource;
import fi.lupaus.engine.sandbox.SandboxLimitException.Limit;

/**
 * Where rules that are not the deployed ones run: in child JVMs ({@link SandboxMain}) with their
 * own heap limit, each request under a deadline. A worker that hits a limit is killed, and the
 * next request starts a new one; the server's heap and threads are never the rules'. Workers are
 * started on demand and kept for the next request. Thread-safe; calls block, so make them from a
 * worker thread of their own, never an event loop.
 */
public final class Sandbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);
    /** A JVM that exits on OutOfMemoryError (-XX:+ExitOnOutOfMemoryError) exits with this code. */
    private static final int OUT_OF_MEMORY_EXIT = 3;
    /** Starting a worker (a JVM, and Drools warming up) may take this long on a busy machine. */
    private static final Duration START_DEADLINE = Duration.ofSeconds(120);
    /** How often a busy worker's CPU time is looked at. */
    private static final Duration CHECK_EVERY = Duration.ofMillis(100);
    /**
     * However little CPU a busy machine leaves a worker, it may not keep a request longer than
     * this many times its CPU deadline.
     */
    private static final int WALL_FACTOR = 6;

    /**
     * @param workers       how many workers at most run at once
     * @param heapMegabytes each worker's heap (-Xmx)
     * @param deadline      how much CPU time one request may take a worker, compiling and deciding; the
     *                      wall clock may run six times as long
     * @param queueWait     how long a request waits for a free worker before it is refused
     */
    public record Limits(int workers, int heapMegabytes, Duration deadline, Duration queueWait) {

        public Limits {
            if (workers < 1 || heapMegabytes < 32) {
                throw new IllegalArgumentException("a sandbox needs a worker and 32 MB of heap at least");
            }
            Objects.requireNonNull(deadline, "deadline");
            Objects.requireNonNull(queueWait, "queueWait");
        }

        /** Two workers of 192 MB, 10 s a request, 30 s in the queue. */
        public static Limits defaults() {
            return new Limits(2, 192, Duration.ofSeconds(10), Duration.ofSeconds(30));
        }
    }

    /** What compiling sources in the sandbox gave: a version, or errors. */
    public record Checked(String version, List<CompileError> errors) {

        public boolean succeeded() {
            return errors.isEmpty();
        }
    }

    /** A decision with why it came out so. */
    public record Explained(Decision decision, Explanation explanation) {
    }

    private final Limits limits;
    private final List<String> command;
    private final Semaphore free;
    private final LinkedBlockingDeque<Worker> idle = new LinkedBlockingDeque<>();
    private final Set<Worker> running = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "lupaus-sandbox-deadlines");
        thread.setDaemon(true);
        return thread;
    });
    /** Starts a worker in place of one that was killed, so that the next request need not wait for a JVM. */
    private final ExecutorService replacing = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "lupaus-sandbox-replace");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closed;

    /** A sandbox whose workers run on this JVM's own class path. */
    public Sandbox(Limits limits) {
        this(limits, System.getProperty("java.class.path"));
    }

    public Sandbox(Limits limits, String classPath) {
        this.limits = limits;
        this.free = new Semaphore(limits.workers(), true);
        this.command = command(limits, classPath);
    }

    public Limits limits() {
        return limits;
    }

    /** Compiles the sources with the rule guard, and keeps nothing. */
    public Checked compile(List<RuleSource> sources) {
        Frames.Response response = call(new Frames.Request("compile", sources, List.of(), false, true));
        return new Checked(response.version(), response.errors());
    }

    /**
     * Decides each case with the sources' rules, guarded as people's rules are.
     *
     * @throws InvalidRuleSetException when the sources do not compile
     * @throws SandboxLimitException   when the rules hit a limit of the sandbox or failed
     */
    public List<Decision> decide(List<RuleSource> sources, List<SandboxCase> cases) {
        return decided(call(new Frames.Request("decide", sources, cases, false, true)));
    }

    /** Decides without the rule guard: for tests that show the sandbox holds whatever the guard lets through. */
    List<Decision> decideUnguarded(List<RuleSource> sources, List<SandboxCase> cases) {
        return decided(call(new Frames.Request("decide", sources, cases, false, false)));
    }

    /** Decides each case and explains each decision, condition by condition. */
    public List<Explained> explain(List<RuleSource> sources, List<SandboxCase> cases) {
        Frames.Response response = call(new Frames.Request("decide", sources, cases, true, true));
        List<Decision> decisions = decided(response);
        List<Explained> explained = new ArrayList<>();
        for (int i = 0; i < decisions.size(); i++) {
            explained.add(new Explained(decisions.get(i), response.explanations().get(i)));
        }
        return explained;
    }

    private static List<Decision> decided(Frames.Response response) {
        if (!response.errors().isEmpty()) {
            throw new InvalidRuleSetException(response.errors());
        }
        return response.decisions();
    }

    private Frames.Response call(Frames.Request request) {
        if (closed) {
            throw new IllegalStateException("the sandbox is closed");
        }
        try {
            if (!free.tryAcquire(limits.queueWait().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SandboxLimitException(Limit.BUSY, "all " + limits.workers()
                        + " sandbox workers were busy for " + seconds(limits.queueWait()) + "; try again shortly");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a sandbox worker", e);
        }
        Worker worker = idle.pollFirst();
        try {
            if (worker == null || !worker.alive()) {
                if (worker != null) {
                    worker.kill();
                }
                worker = start();
            }
            Frames.Response response = worker.call(request, limits.deadline());
            idle.addFirst(worker);
            worker = null;
            if (response.refused() != null) {
                throw new SandboxLimitException(response.firings() ? Limit.FIRINGS : Limit.FAILURE, response.refused());
            }
            return response;
        } finally {
            if (worker != null) {
                worker.kill();
                replaceLater();
            }
            free.release();
        }
    }

    private void replaceLater() {
        try {
            replacing.execute(() -> {
                if (closed || idle.size() >= limits.workers()) {
                    return;
                }
                try {
                    Worker fresh = start();
                    if (closed || idle.size() >= limits.workers()) {
                        fresh.kill();
                    } else {
                        idle.addLast(fresh);
                    }
                } catch (RuntimeException e) {
                    if (!closed) {
                        LOG.warn("a sandbox worker could not be started in advance: {}", e.getMessage());
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    private Worker start() {
        try {
            Worker worker = new Worker(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start());
            running.add(worker);
            worker.awaitReady(START_DEADLINE);
            return worker;
        } catch (IOException e) {
            throw new IllegalStateException("the sandbox could not start a worker: " + e.getMessage(), e);
        }
    }

    private static List<String> command(Limits limits, String classPath) {
        List<String> command = new ArrayList<>();
        // Lower priority where the system has nice: the server answers first when a runaway spins.
        Path nice = Path.of("/usr/bin/nice");
        if (Files.isExecutable(nice)) {
            command.addAll(List.of(nice.toString(), "-n", "10"));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xmx" + limits.heapMegabytes() + "m", "-XX:MaxMetaspaceSize=128m",
                "-XX:MaxDirectMemorySize=16m", "-XX:+ExitOnOutOfMemoryError", "-XX:+DisplayVMOutputToStderr", "-XX:+UseSerialGC",
                "-XX:-UsePerfData", "-XX:ActiveProcessorCount=1", "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", classPath, SandboxMain.class.getName(), "--parent=" + ProcessHandle.current().pid()));
        return List.copyOf(command);
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** Kills every worker; calls in flight fail. */
    @Override
    public void close() {
        closed = true;
        replacing.shutdownNow();
        running.forEach(Worker::kill);
        deadlines.shutdownNow();
    }

    /** One child JVM and its pipes. */
    private final class Worker {

        private final Process process;
        private final java.io.DataOutputStream in;
        private final java.io.DataInputStream out;
        /** Why the worker was killed, or {@code null} while it was not. */
        private volatile SandboxLimitException overran;

        Worker(Process process) {
            this.process = process;
            this.in = Frames.output(process.getOutputStream());
            this.out = Frames.input(process.getInputStream());
            // Drained so that a worker never blocks on a full pipe; what it says is not the server's log.
            Thread drain = new Thread(() -> {
                try (var err = process.getErrorStream()) {
                    err.transferTo(java.io.OutputStream.nullOutputStream());
                } catch (IOException e) {
                    // the worker is gone
                }
            }, "lupaus-sandbox-stderr-" + process.pid());
            drain.setDaemon(true);
            drain.start();
        }

        boolean alive() {
            return process.isAlive();
        }

        void awaitReady(Duration deadline) {
            var timer = deadlines.schedule(() -> overrun(null), deadline.toMillis(), TimeUnit.MILLISECONDS);
            try {
                byte[] frame = Frames.read(out);
                timer.cancel(false);
                if (frame == null || !new String(frame, java.nio.charset.StandardCharsets.UTF_8).contains(Frames.READY)) {
                    kill();
                    throw new IllegalStateException("a sandbox worker did not start (exit code " + exitCode() + ")");
                }
            } catch (IOException e) {
                kill();
                throw new IllegalStateException("a sandbox worker did not start: " + e.getMessage(), e);
            }
        }

        /**
         * Sends the request and reads the answer, killing the worker when it computes longer than
         * the deadline, or when the wall clock passes {@value #WALL_FACTOR} times the deadline.
         */
        Frames.Response call(Frames.Request request, Duration deadline) {
            overran = null;
            long cpuAtStart = cpuNanos();
            long wallAtStart = System.nanoTime();
            var timer = deadlines.scheduleWithFixedDelay(() -> {
                long cpu = cpuNanos();
                long wall = System.nanoTime() - wallAtStart;
                boolean computedTooLong = cpuAtStart >= 0 && cpu >= 0 ? cpu - cpuAtStart > deadline.toNanos()
                        : wall > deadline.toNanos();
                if (computedTooLong) {
                    overrun(new SandboxLimitException(Limit.TIME, "the rules ran longer than " + seconds(deadline)
                            + " of CPU time and were stopped"));
                } else if (wall > deadline.toNanos() * WALL_FACTOR) {
                    overrun(new SandboxLimitException(Limit.TIME, "the rules did not finish within "
                            + seconds(deadline.multipliedBy(WALL_FACTOR)) + " and were stopped"));
                }
            }, CHECK_EVERY.toMillis(), CHECK_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            try {
                Frames.write(in, request);
                byte[] frame = Frames.read(out);
                timer.cancel(false);
                if (frame == null) {
                    throw stopped();
                }
                return Frames.MAPPER.readValue(frame, Frames.Response.class);
            } catch (Frames.FrameTooLargeException e) {
                timer.cancel(false);
                // Garbage where a length belongs: a dying JVM may have written there.
                if (exitCode() == OUT_OF_MEMORY_EXIT) {
                    throw stopped();
                }
                kill();
                throw new SandboxLimitException(Limit.OUTPUT, "the rules' answer was larger than "
                        + Frames.MAX_FRAME / (1024 * 1024) + " MB");
            } catch (IOException e) {
                timer.cancel(false);
                throw stopped();
            }
        }

        private void overrun(SandboxLimitException why) {
            overran = why;
            kill();
        }

        /** The worker's CPU time, all its threads, or -1 where the system does not tell. */
        private long cpuNanos() {
            return process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
        }

        /** Why the worker stopped, in words. */
        private SandboxLimitException stopped() {
            int exit = exitCode();
            kill();
            SandboxLimitException limit;
            if (overran != null) {
                limit = overran;
            } else if (exit == OUT_OF_MEMORY_EXIT) {
                limit = new SandboxLimitException(Limit.MEMORY, "the rules used more than "
                        + limits.heapMegabytes() + " MB of memory and were stopped");
            } else {
                limit = new SandboxLimitException(Limit.FAILURE, "the sandbox worker running the rules stopped"
                        + " (exit code " + exit + ")");
            }
            LOG.warn("sandbox worker {} ended: {}", process.pid(), limit.getMessage());
            return limit;
        }

        private int exitCode() {
            try {
                // A worker that ran out of memory is exiting by itself: its exit code says so.
                return process.waitFor(2, TimeUnit.SECONDS) ? process.exitValue() : -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }

        void kill() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            running.remove(this);
        }
    }
}
