package fi.lupaus.console.api.imports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import fi.lupaus.console.api.ApiException;
import fi.lupaus.console.api.FieldError;
import io.vertx.core.MultiMap;

/**
 * Which CSV column gives which feedback field, and the values of fields the file lacks.
 * {@code mapping=customerId:Respondent,receivedAt:Date} names columns; {@code defaults=survey:NPS}
 * gives values for fields that have no column or an empty cell. A field not mapped is read from
 * the column of its own name, case ignored. {@code delimiter} is one character, {@code ,} by
 * default.
 */
record CsvMapping(Map<String, String> columns, Map<String, String> defaults, char delimiter) {

    static final Set<String> FIELDS = Set.of("id", "customerId", "receivedAt", "touchpoint", "phase", "survey",
            "score", "comment", "complaint", "orderId", "loyaltyTier");

    static CsvMapping parse(MultiMap query) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, String> columns = pairs(query.get("mapping"), "mapping", errors);
        Map<String, String> defaults = pairs(query.get("defaults"), "defaults", errors);
        String delimiter = query.get("delimiter");
        if (delimiter != null && delimiter.length() != 1) {
            errors.add(new FieldError("delimiter", "must be one character"));
        } else if (delimiter != null && (delimiter.charAt(0) == '"' || delimiter.charAt(0) == '\n'
                || delimiter.charAt(0) == '\r' || Character.isISOControl(delimiter.charAt(0)) && delimiter.charAt(0) != '\t'
                || Character.isSurrogate(delimiter.charAt(0)))) {
            errors.add(new FieldError("delimiter", String.format("U+%04X cannot separate columns: the quote and line "
                    + "breaks have their own meaning in CSV; use a comma, semicolon, tab or another printable character",
                    (int) delimiter.charAt(0))));
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        return new CsvMapping(columns, defaults, delimiter == null ? ',' : delimiter.charAt(0));
    }

    private static Map<String, String> pairs(String text, String name, List<FieldError> errors) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return pairs;
        }
        for (String pair : text.split(",")) {
            int colon = pair.indexOf(':');
            String field = colon < 0 ? pair.strip() : pair.substring(0, colon).strip();
            if (colon < 0 || colon == pair.length() - 1) {
                errors.add(new FieldError(name, "'" + pair + "' is not field:value"));
            } else if (!FIELDS.contains(field)) {
                errors.add(new FieldError(name, "'" + field + "' is not a field of feedback; the fields are "
                        + String.join(", ", FIELDS.stream().sorted().toList())));
            } else {
                pairs.put(field, pair.substring(colon + 1).strip());
            }
        }
        return pairs;
    }

    /**
     * The column each field is read from in a file with these headers; fails naming the mapped
     * columns that the file lacks.
     */
    Map<String, String> resolve(List<String> headers) {
        Map<String, String> byLowerCase = new LinkedHashMap<>();
        headers.forEach(header -> byLowerCase.putIfAbsent(header.toLowerCase(Locale.ROOT), header));
        Map<String, String> resolved = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        for (String field : FIELDS) {
            String column = columns.get(field);
            if (column != null) {
                if (headers.contains(column)) {
                    resolved.put(field, column);
                } else {
                    errors.add(new FieldError("mapping", "the file has no column '" + column + "' for " + field
                            + "; its columns are " + String.join(", ", headers)));
                }
            } else if (byLowerCase.containsKey(field.toLowerCase(Locale.ROOT))) {
                resolved.put(field, byLowerCase.get(field.toLowerCase(Locale.ROOT)));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        return resolved;
    }
}
