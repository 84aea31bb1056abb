package fi.lupaus.engine.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** The log's write queue is bounded: an append past it fails at once, and is never written. */
class GroupCommitWriterTest {

    @Test
    void anAppendPastAFullQueueFailsAtOnceWithLogFullAndIsNeverWritten() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch mayFinish = new CountDownLatch(1);
        List<String> written = new ArrayList<>();
        GroupCommitWriter<String, String> writer = new GroupCommitWriter<>("test-writer", 2, 100, group -> {
            writing.countDown();
            assertThat(mayFinish.await(1, TimeUnit.MINUTES)).isTrue();
            synchronized (written) {
                written.addAll(group);
            }
            return group;
        });
        try {
            CompletableFuture<String> first = writer.submit("a");
            assertThat(writing.await(1, TimeUnit.MINUTES)).as("the writer took the first append").isTrue();
            // The writer is busy with "a": the queue of 2 holds "b" and "c", and has no room for "d".
            CompletableFuture<String> second = writer.submit("b");
            CompletableFuture<String> third = writer.submit("c");
            CompletableFuture<String> refused = writer.submit("d");

            assertThat(refused).isCompletedExceptionally();
            Assertions.assertThatThrownBy(refused::get).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(LogFullException.class)
                    .hasMessageContaining("2 appends waiting to be written");

            mayFinish.countDown();
            assertThat(first.get(1, TimeUnit.MINUTES)).isEqualTo("a");
            assertThat(second.get(1, TimeUnit.MINUTES)).isEqualTo("b");
            assertThat(third.get(1, TimeUnit.MINUTES)).isEqualTo("c");
        } finally {
            mayFinish.countDown();
            writer.close();
        }
        synchronized (written) {
            assertThat(written).containsExactly("a", "b", "c");
        }
    }
}
