package fi.lupaus.engine.log;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that takes every append waiting in a bounded queue and writes them in one
 * transaction, so that many concurrent appends share one commit and one disk flush.
 */
public final class GroupCommitWriter<T, R> implements AutoCloseable {

    /** Writes one group in one transaction and returns each append's result, in order. */
    public interface GroupWrite<T, R> {
        List<R> write(List<T> group) throws Exception;
    }

    private record Pending<T, R>(T item, CompletableFuture<R> result) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);

    private final BlockingQueue<Pending<T, R>> queue;
    private final int capacity;
    private final int maxGroup;
    private final GroupWrite<T, R> write;
    private final Thread thread;
    private volatile boolean running = true;

    public GroupCommitWriter(String name, int capacity, int maxGroup, GroupWrite<T, R> write) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.capacity = capacity;
        this.maxGroup = maxGroup;
        this.write = write;
        this.thread = new Thread(this::run, name);
        this.thread.start();
    }

    public CompletableFuture<R> submit(T item) {
        CompletableFuture<R> result = new CompletableFuture<>();
        if (!running) {
            result.completeExceptionally(new IllegalStateException("the decision log is closed"));
        } else if (!queue.offer(new Pending<>(item, result))) {
            result.completeExceptionally(new LogFullException(capacity));
        }
        return result;
    }

    private void run() {
        List<Pending<T, R>> group = new ArrayList<>(maxGroup);
        while (running || !queue.isEmpty()) {
            try {
                Pending<T, R> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, maxGroup - 1);
                writeGroup(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                group.clear();
            }
        }
    }

    private void writeGroup(List<Pending<T, R>> group) {
        try {
            List<R> results = write.write(group.stream().map(Pending::item).toList());
            for (int i = 0; i < group.size(); i++) {
                group.get(i).result().complete(results.get(i));
            }
        } catch (Exception e) {
            if (group.size() == 1) {
                LOG.error("writing an append to the decision log failed; it was not stored", e);
                group.get(0).result().completeExceptionally(e);
            } else {
                // One bad append must not fail the others that happened to share its commit.
                group.forEach(pending -> writeGroup(List.of(pending)));
            }
        }
    }

    /** Writes what is queued, then stops. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
