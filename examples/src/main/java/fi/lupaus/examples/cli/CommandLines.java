package fi.lupaus.examples.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The picocli setup the example commands share: whole numbers may have underscores
 * ({@code 200_000}), and durations may be short ({@code 500ms}, {@code 30s}, {@code 2m},
 * {@code 1h}) as well as ISO ({@code PT30S}), and a bad value says what was expected.
 */
public final class CommandLines {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    private CommandLines() {
    }

    /**
     * A command line for an annotated command, with the converters above. A bad command line
     * prints what is wrong, any suggestions and the usage to standard error, and exits 2.
     */
    public static CommandLine of(Object command) {
        return new CommandLine(command)
                .setParameterExceptionHandler(CommandLines::badCommandLine)
                .registerConverter(Long.class, CommandLines::wholeNumber)
                .registerConverter(long.class, CommandLines::wholeNumber)
                .registerConverter(Integer.class, CommandLines::intNumber)
                .registerConverter(int.class, CommandLines::intNumber)
                .registerConverter(Duration.class, CommandLines::duration)
                .registerConverter(Instant.class, CommandLines::instant);
    }

    private static int badCommandLine(ParameterException e, String[] argv) {
        CommandLine commandLine = e.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println(e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        commandLine.usage(err);
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }

    static long wholeNumber(String value) {
        try {
            return Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a whole number");
        }
    }

    static int intNumber(String value) {
        long number = wholeNumber(value);
        if (number != (int) number) {
            throw new TypeConversionException("'" + value + "' is out of range");
        }
        return (int) number;
    }

    static Duration duration(String value) {
        Matcher m = DURATION.matcher(value);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not a duration like 30s or 2m");
        }
    }

    static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not an instant like 2026-11-20T00:00:00Z");
        }
    }

    /** The version in the runnable jar's manifest. */
    public static final class Version implements IVersionProvider {

        @Override
        public String[] getVersion() {
            String version = CommandLines.class.getPackage().getImplementationVersion();
            return new String[] {"lupaus-examples " + Objects.requireNonNullElse(version, "(not from the jar)")};
        }
    }
}
