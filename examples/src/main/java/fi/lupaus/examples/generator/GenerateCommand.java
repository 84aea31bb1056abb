package fi.lupaus.examples.generator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;

import fi.lupaus.examples.cli.Args;

/**
 * Writes generated feedback as JSON Lines, one {@code POST /api/feedback} body a line:
 * {@code java -cp lupaus-examples.jar fi.lupaus.examples.generator.GenerateCommand --count 100 --seed 42}.
 */
public final class GenerateCommand {

    private static final String USAGE = """
            Writes generated feedback as JSON Lines.

              --count N      how many (default 1000)
              --seed S       picks the sequence (default 42)
              --out FILE     where to write (default: standard output)
              --start T      every receivedAt is in the 4 weeks before T (default %s)
            """.formatted(FeedbackGenerator.DEFAULT_START);

    private GenerateCommand() {
    }

    public static void main(String[] argv) throws IOException {
        Args args;
        long count;
        FeedbackGenerator generator;
        try {
            args = Args.parse(argv, Set.of("count", "seed", "out", "start"));
            if (args.help()) {
                System.out.print(USAGE);
                return;
            }
            count = args.longValue("count", 1000);
            Instant start = args.instant("start", FeedbackGenerator.DEFAULT_START);
            generator = new FeedbackGenerator(args.longValue("seed", 42), start,
                    FeedbackGenerator.DEFAULT_PERIOD, FeedbackGenerator.DEFAULT_CUSTOMERS);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (args.has("out")) {
            try (Writer out = Files.newBufferedWriter(Path.of(args.string("out", null)), StandardCharsets.UTF_8)) {
                write(generator, count, out);
            }
        } else {
            Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
            write(generator, count, out);
            out.flush();
        }
    }

    static void write(FeedbackGenerator generator, long count, Writer out) throws IOException {
        for (long i = 0; i < count; i++) {
            out.write(generator.next().encode());
            out.write('\n');
        }
    }
}
