package fi.lupaus.engine.ruleset;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits DRL or Java code into identifiers, numbers, strings and symbols, dropping comments, the
 * way the Java compiler and Drools read it. Where a text could be read two ways it refuses the
 * text rather than guess: whatever this tokenizer skips as a string or comment must be one for
 * every compiler too, or code would hide from the guard.
 */
final class DrlTokenizer {

    enum Kind { IDENTIFIER, NUMBER, STRING, SYMBOL }

    /** A token; a string's text is its content without the quotes. */
    record Token(Kind kind, String text, int start) {

        boolean isSymbol(String symbol) {
            return kind == Kind.SYMBOL && text.equals(symbol);
        }

        boolean isIdentifier(String name) {
            return kind == Kind.IDENTIFIER && text.equals(name);
        }
    }

    // Java literals, MVEL's BigDecimal/BigInteger suffixes (B, I) and Drools durations (1h30m, 500ms).
    private static final Pattern NUMBER = Pattern.compile(
            "(?:\\d+(?:ms|[dhms]))+"
                    + "|0[xX][0-9a-fA-F_]+[lL]?"
                    + "|0[bB][01_]+[lL]?"
                    + "|\\d[\\d_]*(?:\\.\\d[\\d_]*)?(?:[eE][+-]?\\d[\\d_]*)?[lLfFdDbBiI]?");

    private static final String UNICODE_ESCAPE = "the Java compiler decodes unicode escapes before it reads "
            + "anything else, so they can hide code from this check; write the character itself";
    private static final String INVISIBLE = "invisible and control characters can make code read "
            + "differently from how it runs";
    private static final String UNTERMINATED = "strings must end on the line they start on, and comments must "
            + "end: otherwise they can hide code from this check";
    private static final String TEXT_BLOCK = "text blocks can be read in more than one way; use ordinary strings";

    private final SourceText source;
    private final String text;
    private final Findings findings;
    private final List<Token> tokens = new ArrayList<>();

    private DrlTokenizer(SourceText source, Findings findings) {
        this.source = source;
        this.text = source.text();
        this.findings = findings;
    }

    /** The tokens of the text; characters and literals that could hide code are refused into the findings. */
    static List<Token> tokenize(SourceText source, Findings findings) {
        DrlTokenizer tokenizer = new DrlTokenizer(source, findings);
        tokenizer.checkCharacters();
        tokenizer.run();
        return tokenizer.tokens;
    }

    private void checkCharacters() {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == 'u' && startsUnicodeEscape(i)) {
                findings.refuse(source, i, text.substring(i, Math.min(text.length(), i + 6)), UNICODE_ESCAPE);
            } else if (isInvisible(c) && !(c == 0xFEFF && i == 0)) {
                findings.refuse(source, i, String.format("U+%04X", c), INVISIBLE);
            }
            i += Character.charCount(c);
        }
    }

    /** JLS 3.3: a backslash starts a unicode escape when an even number of backslashes precede it. */
    private boolean startsUnicodeEscape(int backslash) {
        int preceding = 0;
        for (int i = backslash - 1; i >= 0 && text.charAt(i) == '\\'; i--) {
            preceding++;
        }
        return preceding % 2 == 0;
    }

    private static boolean isInvisible(int c) {
        if (c == '\t' || c == '\n' || c == '\r' || c == '\f') {
            return false;
        }
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED -> true;
            default -> false;
        };
    }

    private void run() {
        int i = 0;
        while (i < text.length()) {
            int c = text.codePointAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                i += Character.charCount(c);
            } else if (text.startsWith("//", i)) {
                i = endOfLine(i);
            } else if (text.startsWith("/*", i)) {
                int close = text.indexOf("*/", i + 2);
                if (close < 0) {
                    findings.refuse(source, i, "/*", UNTERMINATED);
                    return;
                }
                i = close + 2;
            } else if (c == '"' || c == '\'') {
                if (text.startsWith("\"\"\"", i)) {
                    findings.refuse(source, i, "\"\"\"", TEXT_BLOCK);
                }
                int end = endOfString(i);
                if (end < 0) {
                    findings.refuse(source, i, String.valueOf((char) c), UNTERMINATED);
                    return;
                }
                tokens.add(new Token(Kind.STRING, text.substring(i + 1, end - 1), i));
                i = end;
            } else if (Character.isJavaIdentifierStart(c)) {
                int end = i + Character.charCount(c);
                while (end < text.length() && Character.isJavaIdentifierPart(text.codePointAt(end))) {
                    end += Character.charCount(text.codePointAt(end));
                }
                tokens.add(new Token(Kind.IDENTIFIER, text.substring(i, end), i));
                i = end;
            } else if (c >= '0' && c <= '9') {
                Matcher number = NUMBER.matcher(text).region(i, text.length());
                int end = number.lookingAt() ? number.end() : i + 1;
                tokens.add(new Token(Kind.NUMBER, text.substring(i, end), i));
                i = end;
            } else if (text.startsWith("->", i) || text.startsWith("::", i)) {
                tokens.add(new Token(Kind.SYMBOL, text.substring(i, i + 2), i));
                i += 2;
            } else {
                tokens.add(new Token(Kind.SYMBOL, new String(Character.toChars(c)), i));
                i += Character.charCount(c);
            }
        }
    }

    /** Ends a line comment at anything that any reader might take for a line end. */
    private int endOfLine(int start) {
        int i = start;
        while (i < text.length() && !isLineEnd(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isLineEnd(char c) {
        return c == '\n' || c == '\r' || c == '\u000B' || c == '\f' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    /**
     * The offset just past the string starting at {@code start}, or -1 when it does not end on its
     * line: Java strings cannot span lines, and a reader that ended one at the line end where
     * another read on would see code that the other takes for text.
     */
    private int endOfString(int start) {
        char quote = text.charAt(start);
        int i = start + 1;
        while (i < text.length() && !isLineEnd(text.charAt(i))) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                return i + 1;
            } else {
                i++;
            }
        }
        return -1;
    }
}
