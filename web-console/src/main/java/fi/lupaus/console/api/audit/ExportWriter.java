package fi.lupaus.console.api.audit;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

import fi.lupaus.console.api.Answers;
import fi.lupaus.console.api.decision.DecisionAnswers;
import fi.lupaus.engine.decision.Action;
import fi.lupaus.engine.fact.Feedback;
import fi.lupaus.engine.log.DecisionRecord;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * Writes exported records to a response from a worker thread, one record at a time, waiting
 * while the response's write queue is full: a range of any size streams in bounded memory.
 */
final class ExportWriter {

    static final String[] CSV_COLUMNS = {"decisionId", "feedbackId", "customerId", "receivedAt", "touchpoint",
        "phase", "survey", "score", "complaint", "orderId", "loyaltyTier", "comment", "ruleSetVersion",
        "decidedAt", "firedRules", "actions"};

    /** Every cell quoted, as OWASP advises; an empty cell is a value the record lacks. */
    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setQuoteMode(QuoteMode.ALL_NON_NULL).get();
    /**
     * What makes a spreadsheet read a cell as a formula when it comes first (OWASP's list, with
     * the full-width forms some locales read alike) and the quote that marks a cell neutralised.
     */
    private static final String FORMULA_STARTS = "=+-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20'";

    private final HttpServerResponse response;
    private final boolean csv;

    ExportWriter(HttpServerResponse response, boolean csv) {
        this.response = response;
        this.csv = csv;
    }

    void header() {
        if (csv) {
            write(csvLine((Object[]) CSV_COLUMNS));
        }
    }

    void record(DecisionRecord record) {
        write(csv ? csvLine(record) : Answers.encode(DecisionAnswers.decisionWithFeedback(record)) + "\n");
    }

    private static String csvLine(DecisionRecord record) {
        Feedback feedback = record.feedback();
        if (feedback == null) {
            // A decision on a case coming due: no feedback, the case's key in the feedback id column.
            return csvLine(record.decisionId(), record.key(), record.customerId(),
                    record.context().caseDue().receivedAt(), null, null, null, null, null, null, null, null,
                    record.decision().ruleSetVersion(), record.decision().decidedAt(),
                    String.join("|", record.decision().firedRules()),
                    String.join("|", record.decision().actions().stream().map(Action::type).map(Enum::name).toList()));
        }
        return csvLine(record.decisionId(), feedback.id(), feedback.customerId(), feedback.receivedAt(),
                lower(feedback.touchpoint()), lower(feedback.phase()), feedback.survey(), feedback.score(),
                feedback.complaint(), feedback.orderId(), lower(feedback.loyaltyTier()), feedback.comment(),
                record.decision().ruleSetVersion(), record.decision().decidedAt(),
                String.join("|", record.decision().firedRules()),
                String.join("|", record.decision().actions().stream().map(Action::type).map(Enum::name).toList()));
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static String csvLine(Object... values) {
        StringWriter line = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(line, CSV)) {
            for (Object value : values) {
                printer.print(value == null ? null : neutralised(value.toString()));
            }
            printer.println();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return line.toString();
    }

    /**
     * A cell that a spreadsheet would run as a formula ({@code =HYPERLINK(…)}, {@code +1+1},
     * {@code @SUM(…)}), prefixed with a single quote so that it shows as the text it is. A cell
     * that starts with a quote gets one more, so that dropping one leading quote from any cell
     * that has one always gives back the value as recorded.
     */
    static String neutralised(String cell) {
        return !cell.isEmpty() && FORMULA_STARTS.indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
    }

    private void write(String text) {
        if (response.writeQueueFull()) {
            CountDownLatch drained = new CountDownLatch(1);
            response.drainHandler(v -> drained.countDown());
            try {
                if (!response.writeQueueFull()) {
                    drained.countDown();
                }
                if (!drained.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the client stopped reading the export");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the export was interrupted", e);
            }
        }
        response.write(Buffer.buffer(text));
    }
}
