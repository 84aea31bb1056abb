package fi.lupaus.examples.generator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

import fi.lupaus.examples.cli.CommandLines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes generated feedback as JSON Lines, one {@code POST /api/feedback} body a line:
 * {@code java -cp lupaus-examples.jar fi.lupaus.examples.generator.GenerateCommand --count 100 --seed 42}.
 * Exits 2 on a bad command line.
 */
@Command(name = "java -cp lupaus-examples.jar fi.lupaus.examples.generator.GenerateCommand",
        mixinStandardHelpOptions = true, versionProvider = CommandLines.Version.class, sortOptions = false,
        showDefaultValues = true, description = "Writes generated feedback as JSON Lines.")
public final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--count", paramLabel = "N", description = "how many")
    private long count = 1000;

    @Option(names = "--seed", paramLabel = "S", description = "picks the sequence")
    private long seed = 42;

    @Option(names = "--out", paramLabel = "FILE", description = "where to write (default: standard output)")
    private Path out;

    @Option(names = "--start", paramLabel = "T", description = "every receivedAt is in the 4 weeks before T")
    private Instant start = FeedbackGenerator.DEFAULT_START;

    public static void main(String[] argv) {
        System.exit(CommandLines.of(new GenerateCommand()).execute(argv));
    }

    @Override
    public Integer call() throws IOException {
        var generator = new FeedbackGenerator(seed, start,
                FeedbackGenerator.DEFAULT_PERIOD, FeedbackGenerator.DEFAULT_CUSTOMERS);
        if (out != null) {
            try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                write(generator, count, writer);
            }
        } else {
            Writer writer = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
            write(generator, count, writer);
            writer.flush();
        }
        return 0;
    }

    static void write(FeedbackGenerator generator, long count, Writer out) throws IOException {
        for (long i = 0; i < count; i++) {
            out.write(generator.next().encode());
            out.write('\n');
        }
    }
}
