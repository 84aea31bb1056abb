package fi.lupaus.console.api.imports;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fi.lupaus.console.access.Permission;
import fi.lupaus.console.api.Answers;
import fi.lupaus.console.api.ApiException;
import fi.lupaus.console.api.FieldError;
import fi.lupaus.console.api.RequestIds;
import fi.lupaus.console.decide.FeedbackDecider;
import fi.lupaus.console.decide.OverloadedException;
import fi.lupaus.engine.fact.Feedback;
import fi.lupaus.engine.log.Appended;
import fi.lupaus.engine.log.LogFullException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/imports/csv?mapping=…&defaults=…&delimiter=…}: imports a survey tool's CSV
 * export. The body is streamed to a temporary file (never held in memory), then read a batch
 * at a time; the good rows of each batch are decided through the same decider as the API, so
 * they are as durable and idempotent as posted feedback. Answers JSON Lines: a
 * {@code {"rows","decided","failed"}} line after each batch, then the report with every bad row's
 * line and reason (the first {@value #MAX_REPORTED_ERRORS}).
 */
public final class ImportRoutes {

    static final int BATCH = 500;
    /** About five million rows of a typical export: past it, split the file. */
    static final long MAX_BYTES = 512L * 1024 * 1024;
    /** Batches decided at once. */
    static final int WINDOW = 4;
    static final int MAX_REPORTED_ERRORS = 1_000;
    private static final int MAX_OVERLOAD_RETRIES = 100;
    private static final Logger LOG = LoggerFactory.getLogger(ImportRoutes.class);

    private final Vertx vertx;
    private final FeedbackDecider decider;

    public ImportRoutes(Vertx vertx, FeedbackDecider decider) {
        this.vertx = vertx;
        this.decider = decider;
    }

    public Router router() {
        Router router = Router.router(vertx);
        router.post("/csv").handler(Permission.FEEDBACK_IMPORT.required()).handler(this::csv);
        return router;
    }

    /** Counts as the import goes. */
    private static final class Tally {
        long rows;
        long decided;
        long alreadyDecided;
        long failed;
        final List<CsvImport.RowError> errors = new ArrayList<>();
        long errorsOmitted;

        void add(CsvImport.Batch batch, List<Appended> appended, String idColumn) {
            rows += batch.rows().size() + batch.errors().stream().map(CsvImport.RowError::line).distinct().count();
            List<Integer> conflicts = FeedbackDecider.conflicts(batch.posted(), appended);
            long created = appended.stream().filter(Appended::created).count();
            decided += created;
            alreadyDecided += appended.size() - created - conflicts.size();
            failed += batch.errors().stream().map(CsvImport.RowError::line).distinct().count() + conflicts.size();
            List<CsvImport.RowError> rowErrors = new ArrayList<>(batch.errors());
            for (int i : conflicts) {
                CsvImport.Row row = batch.rows().get(i);
                rowErrors.add(new CsvImport.RowError(row.line(), idColumn, "'" + row.posted().feedback().id()
                        + "' is the id of other feedback already, so this row was not decided"));
            }
            rowErrors.sort(Comparator.comparingLong(CsvImport.RowError::line));
            for (CsvImport.RowError error : rowErrors) {
                if (errors.size() < MAX_REPORTED_ERRORS) {
                    errors.add(error);
                } else {
                    errorsOmitted++;
                }
            }
        }

        Progress progress() {
            return new Progress(rows, decided, failed);
        }
    }

    private void csv(RoutingContext ctx) {
        // Held until the file to stream it into is open: the authorization handler let it flow.
        if (!ctx.request().isEnded()) {
            ctx.request().pause();
        }
        CsvMapping mapping = CsvMapping.parse(ctx.queryParams());
        Instant arrival = decider.now();
        vertx.fileSystem().createTempFile("lupaus-import-", ".csv")
                .compose(path -> receive(ctx, path)
                        .compose(v -> vertx.executeBlocking(() -> CsvImport.open(Path.of(path), mapping, arrival), false))
                        .compose(reader -> run(ctx, reader))
                        .andThen(done -> vertx.fileSystem().delete(path)))
                .onFailure(failure -> fail(ctx, failure));
    }

    /**
     * Streams the body to the file, with back-pressure, refusing it past {@value #MAX_BYTES}
     * bytes; the console's small bodies are already read.
     */
    private Future<Void> receive(RoutingContext ctx, String path) {
        if (ctx.body() != null && ctx.body().buffer() != null) {
            return vertx.fileSystem().writeFile(path, ctx.body().buffer());
        }
        HttpServerRequest request = ctx.request();
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && (!length.matches("\\d{1,18}") || Long.parseLong(length) > MAX_BYTES)) {
            return Future.failedFuture(tooLarge());
        }
        return vertx.fileSystem().open(path, new OpenOptions().setWrite(true).setTruncateExisting(true))
                .compose(file -> {
                    Promise<Void> received = Promise.promise();
                    long[] bytes = {0};
                    request.handler(chunk -> {
                        bytes[0] += chunk.length();
                        if (bytes[0] > MAX_BYTES) {
                            request.handler(null);
                            received.tryFail(tooLarge());
                            return;
                        }
                        file.write(chunk);
                        if (file.writeQueueFull()) {
                            request.pause();
                            file.drainHandler(v -> request.resume());
                        }
                    });
                    file.exceptionHandler(received::tryFail);
                    request.exceptionHandler(received::tryFail);
                    request.endHandler(v -> received.tryComplete());
                    request.resume();
                    // Writes finish after the request's end: the file is read only once its close,
                    // which waits for them, has completed, or it is read short (and hashed wrong).
                    return received.future().eventually(file::close);
                });
    }

    private static ApiException tooLarge() {
        return new ApiException(413, List.of(FieldError.of("an import may be at most " + MAX_BYTES + " bytes")));
    }

    private Future<Void> run(RoutingContext ctx, CsvImport reader) {
        HttpServerResponse response = ctx.response().setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/x-ndjson");
        Tally tally = new Tally();
        return next(reader, tally, response)
                .andThen(done -> vertx.executeBlocking(() -> {
                    reader.close();
                    return null;
                }, false))
                .map(v -> {
                    response.end(line(Report.of(reader.fileHash(), tally)));
                    RequestIds.log(ctx, () -> LOG.info(
                            "CSV import of file {}: {} rows, {} decided, {} already decided, {} failed",
                            reader.fileHash(), tally.rows, tally.decided, tally.alreadyDecided, tally.failed));
                    return null;
                });
    }

    /** Reads {@value #WINDOW} batches, decides them side by side (their appends commit together), and goes on. */
    private Future<Void> next(CsvImport reader, Tally tally, HttpServerResponse response) {
        return vertx.executeBlocking(() -> {
                    List<CsvImport.Batch> window = new ArrayList<>(WINDOW);
                    do {
                        window.add(reader.next(BATCH));
                    } while (window.size() < WINDOW && !window.get(window.size() - 1).last());
                    return window;
                }, false)
                .compose(window -> Future.all(window.stream().map(batch -> decide(batch.feedback(), 0)).toList())
                        .map(decided -> {
                            for (int i = 0; i < window.size(); i++) {
                                tally.add(window.get(i), decided.resultAt(i), reader.columnOf("id"));
                            }
                            if (!response.ended()) {
                                response.write(line(tally.progress()));
                            }
                            return window.get(window.size() - 1).last();
                        }))
                .compose(last -> last ? Future.succeededFuture() : next(reader, tally, response));
    }

    /** Decides a batch, waiting a little while the server has too much in hand. */
    private Future<List<Appended>> decide(List<Feedback> feedback, int retries) {
        if (feedback.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        return decider.decide(feedback, decider.now()).recover(failure ->
                (failure instanceof OverloadedException || failure instanceof LogFullException)
                        && retries < MAX_OVERLOAD_RETRIES
                        ? vertx.timer(100).compose(v -> decide(feedback, retries + 1))
                        : Future.failedFuture(failure));
    }

    /** One line of JSON Lines. */
    private static Buffer line(Object answer) {
        return Answers.encode(answer).appendString("\n");
    }

    /** A line every so many rows. */
    record Progress(long rows, long decided, long failed) {
    }

    /** The last line: the counts, and each bad row's line, column (when one is to blame) and reason. */
    record Report(String file, long rows, long decided, long alreadyDecided, long failed, List<RowProblem> errors,
                  long errorsOmitted) {
        static Report of(String fileHash, Tally tally) {
            return new Report(fileHash, tally.rows, tally.decided, tally.alreadyDecided, tally.failed,
                    tally.errors.stream().map(e -> new RowProblem(e.line(), e.field(), e.reason())).toList(),
                    tally.errorsOmitted);
        }
    }

    record RowProblem(long line, String column, String reason) {
    }

    /** Before the answer began, the usual error answer; after, a last line saying why it stopped. */
    private static void fail(RoutingContext ctx, Throwable failure) {
        if (!ctx.response().headWritten()) {
            ctx.fail(failure);
        } else if (!ctx.response().ended()) {
            RequestIds.log(ctx, () -> LOG.error("a CSV import stopped", failure));
            ctx.response().end(line(new Answers.Errors(List.of(FieldError.of("the import stopped: "
                    + failure.getMessage() + "; the rows before were decided, importing the file again decides the rest")))));
        }
    }
}
