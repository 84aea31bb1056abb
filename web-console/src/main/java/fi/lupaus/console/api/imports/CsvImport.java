package fi.lupaus.console.api.imports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import fi.lupaus.console.api.FieldError;
import fi.lupaus.console.api.feedback.FeedbackJson;
import fi.lupaus.console.decide.Posted;
import fi.lupaus.engine.fact.Feedback;

/**
 * Reads a survey tool's CSV export a batch of rows at a time: each row becomes a feedback, read
 * and checked exactly as the JSON API reads one, or a row error with its line and reason. A row
 * without an id column gets {@code csv-<file hash>-<line>}, so importing the same file again
 * decides nothing twice. The whole file is hashed before it is read: the caller hands it over
 * only once it is completely written. Blocking: each call on a worker, one at a time.
 */
final class CsvImport implements AutoCloseable {

    /** A row that could not be read. */
    record RowError(long line, String field, String reason) {
    }

    /** A row read as feedback, and its line. */
    record Row(long line, Posted posted) {
    }

    /** One batch: the good rows and the bad rows' errors. */
    record Batch(List<Row> rows, List<RowError> errors, boolean last) {

        List<Feedback> feedback() {
            return rows.stream().map(row -> row.posted().feedback()).toList();
        }

        List<Posted> posted() {
            return rows.stream().map(Row::posted).toList();
        }
    }

    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String fileHash;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final Map<String, String> columns;
    private final CsvMapping mapping;
    private final Instant arrival;
    private final int headerSize;

    private CsvImport(String fileHash, CSVParser parser, CsvMapping mapping, Instant arrival) {
        this.fileHash = fileHash;
        this.parser = parser;
        this.records = parser.iterator();
        this.mapping = mapping;
        this.columns = mapping.resolve(parser.getHeaderNames());
        this.headerSize = parser.getHeaderNames().size();
        this.arrival = arrival;
    }

    /**
     * Opens the file: hashes it, reads its header and resolves the mapping.
     *
     * @throws fi.lupaus.console.api.ApiException when a mapped column is missing
     */
    static CsvImport open(Path file, CsvMapping mapping, Instant arrival) throws IOException {
        String hash = sha256(file);
        Reader reader = new BufferedReader(Files.newBufferedReader(file, StandardCharsets.UTF_8), 64 * 1024);
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setDelimiter(mapping.delimiter())
                .setHeader()
                .setSkipHeaderRecord(true)
                .setTrim(true)
                .setIgnoreEmptyLines(true)
                .get();
        CSVParser parser = format.parse(reader);
        try {
            return new CsvImport(hash, parser, mapping, arrival);
        } catch (RuntimeException e) {
            parser.close();
            throw e;
        }
    }

    String fileHash() {
        return fileHash;
    }

    /** At most {@code size} rows more. */
    Batch next(int size) {
        List<Row> feedback = new ArrayList<>(size);
        List<RowError> errors = new ArrayList<>();
        try {
            while (feedback.size() + errors.size() < size && records.hasNext()) {
                CSVRecord record = records.next();
                read(record, feedback, errors);
            }
            return new Batch(feedback, errors, !records.hasNext());
        } catch (UncheckedIOException | IllegalStateException malformed) {
            // The parser cannot go on past malformed quoting: the rest of the file is not read.
            errors.add(new RowError(parser.getCurrentLineNumber(), null, "the CSV is malformed here, "
                    + "so the rest of the file was not read: " + rootMessage(malformed)));
            return new Batch(feedback, errors, true);
        }
    }

    private void read(CSVRecord record, List<Row> feedback, List<RowError> errors) {
        // The header is line 1; a quoted value that spans lines counts as one.
        long line = record.getRecordNumber() + 1;
        if (record.size() != headerSize) {
            errors.add(new RowError(line, null, "has " + record.size() + " columns; the header has " + headerSize));
            return;
        }
        ObjectNode node = NODES.objectNode();
        for (String field : CsvMapping.FIELDS) {
            String column = columns.get(field);
            String value = column == null ? null : record.get(column);
            if (value == null || value.isEmpty()) {
                value = mapping.defaults().get(field);
            }
            if (value != null && !value.isEmpty()) {
                put(node, field, value);
            }
        }
        List<FieldError> problems = new ArrayList<>();
        Posted read = FeedbackJson.readPosted(node, "", arrival, "csv-" + fileHash.substring(0, 16) + "-" + line,
                problems);
        if (read == null) {
            problems.forEach(problem -> errors.add(new RowError(line, columnOf(problem.field()), problem.reason())));
        } else {
            feedback.add(new Row(line, read));
        }
    }

    /** The column an error's field was read from, so that people find it in their file. */
    String columnOf(String field) {
        return field == null ? null : columns.getOrDefault(field, field);
    }

    private static void put(ObjectNode node, String field, String value) {
        switch (field) {
            case "score" -> {
                try {
                    node.put(field, Integer.parseInt(value));
                } catch (NumberFormatException notWhole) {
                    node.put(field, value);
                }
            }
            case "complaint" -> {
                String lower = value.toLowerCase(Locale.ROOT);
                switch (lower) {
                    case "true", "yes", "y", "1", "kyllä" -> node.put(field, true);
                    case "false", "no", "n", "0", "ei" -> node.put(field, false);
                    default -> node.put(field, value);
                }
            }
            case "receivedAt" -> node.put(field, DATE.matcher(value).matches() ? value + "T00:00:00Z"
                    : DATE_TIME.matcher(value).matches() ? value.replace(' ', 'T') + "Z" : value);
            case "touchpoint", "phase", "loyaltyTier" -> node.put(field, value.toLowerCase(Locale.ROOT));
            case "survey" -> node.put(field, value.toUpperCase(Locale.ROOT));
            default -> node.put(field, value);
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
