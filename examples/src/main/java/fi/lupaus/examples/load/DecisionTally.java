package fi.lupaus.examples.load;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.vertx.core.buffer.Buffer;

/**
 * Counts the decisions in answers and their actions by type. Reads the JSON as a token stream
 * rather than building a tree, because it runs on every answer on the client's one event loop.
 */
final class DecisionTally {

    private static final JsonFactory JSON = new JsonFactory();

    private final Map<String, long[]> actions = new HashMap<>();
    private long decisions;
    private long unreadable;

    /** Reads a decision object, or an array of them from a batch. */
    void read(Buffer answer) {
        if (answer == null) {
            unreadable++;
            return;
        }
        try (JsonParser parser = JSON.createParser(answer.getBytes())) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_OBJECT) {
                decision(parser);
            } else if (first == JsonToken.START_ARRAY) {
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    decision(parser);
                }
            } else {
                unreadable++;
            }
        } catch (IOException e) {
            unreadable++;
        }
    }

    long decisions() {
        return decisions;
    }

    /** Answers that were 2xx but not decisions. */
    long unreadable() {
        return unreadable;
    }

    /** Actions by type, in name order. */
    Map<String, Long> actions() {
        Map<String, Long> counts = new TreeMap<>();
        actions.forEach((type, count) -> counts.put(type, count[0]));
        return counts;
    }

    private void decision(JsonParser parser) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("actions") && value == JsonToken.START_ARRAY) {
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    action(parser);
                }
            } else {
                parser.skipChildren();
            }
        }
        decisions++;
    }

    private void action(JsonParser parser) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("type") && value == JsonToken.VALUE_STRING) {
                actions.computeIfAbsent(parser.getText(), type -> new long[1])[0]++;
            } else {
                parser.skipChildren();
            }
        }
    }
}
