package fi.lupaus.engine.ruleset;

import java.util.ArrayList;
import java.util.List;

/**
 * A DRL text, or a part of one, that knows the line and column each of its offsets has in the
 * rule source it came from.
 */
final class SourceText {

    private final String text;
    private final int firstLine;
    private final int firstColumn;
    private final List<Integer> lineStarts = new ArrayList<>();

    /**
     * @param firstLine   the 1-based line of the text's first character in its source
     * @param firstColumn the 1-based column of the text's first character in its source
     */
    SourceText(String text, int firstLine, int firstColumn) {
        this.text = text;
        this.firstLine = firstLine;
        this.firstColumn = firstColumn;
        lineStarts.add(0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                lineStarts.add(i + 1);
            }
        }
    }

    static SourceText whole(String text) {
        return new SourceText(text, 1, 1);
    }

    /** The part of this text from {@code start} to {@code end}, keeping its place in the source. */
    SourceText part(int start, int end) {
        return new SourceText(text.substring(start, end), line(start), column(start));
    }

    String text() {
        return text;
    }

    int length() {
        return text.length();
    }

    int line(int offset) {
        return firstLine + lineIndex(offset);
    }

    int column(int offset) {
        int index = lineIndex(offset);
        int column = offset - lineStarts.get(index) + 1;
        return index == 0 ? column + firstColumn - 1 : column;
    }

    private int lineIndex(int offset) {
        int low = 0;
        int high = lineStarts.size() - 1;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (lineStarts.get(mid) <= offset) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return low;
    }
}
