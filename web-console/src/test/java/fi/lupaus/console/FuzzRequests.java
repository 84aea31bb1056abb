package fi.lupaus.console;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Fuzzed requests for the feedback API, drawn from a seeded {@link Random}: valid feedback, then
 * the same mutated member by member and byte by byte, batches small and huge, odd whole bodies,
 * random bytes, other encodings, content types and callers. Each request carries what the server
 * must answer, as far as that follows from the API's contract without a second implementation
 * of its checks; where a fair server could go either way it says so.
 */
final class FuzzRequests {

    /** What the server must answer a request with. */
    enum Expect {
        /** 201: valid feedback with new ids. */
        CREATED,
        /** Some 4xx. */
        REFUSED,
        /** 413: the body is over the limit. */
        TOO_LARGE,
        /** 415: not JSON by its content type. */
        UNSUPPORTED,
        /** A 2xx or a 4xx: fair either way, as long as it is not a 5xx. */
        EITHER;

        boolean allows(int status) {
            return switch (this) {
                case CREATED -> status == 201;
                case REFUSED -> status >= 400 && status < 500;
                case TOO_LARGE -> status == 413;
                case UNSUPPORTED -> status == 415;
                case EITHER -> status >= 200 && status < 300 || status >= 400 && status < 500;
            };
        }
    }

    /** Who sends a request. */
    enum Caller { INGEST, NO_TOKEN, WRONG_TOKEN, NOT_ALLOWED }

    /**
     * One fuzzed request.
     *
     * @param body       the bytes to send, or {@code null} to send no body at all
     * @param items      how many feedback a batch holds, 1 for a single feedback, -1 when unknown
     * @param customerId the one customer all its feedback is for, or {@code null} when mutation
     *                   may have changed it
     */
    record Request(int n, String kind, String path, Caller caller, String contentType, byte[] body, int items,
                   Expect expect, String customerId) {

        boolean batch() {
            return path.endsWith("/batch");
        }

        /** The request in one line, with its body shortened and its odd bytes escaped. */
        String describe() {
            return "#" + n + " " + kind + " POST " + path + " caller=" + caller + " content-type="
                    + (contentType == null ? "(none)" : "'" + contentType + "'") + " expect=" + expect + " body="
                    + (body == null ? "(none)" : body.length + " bytes " + preview(body));
        }
    }

    static final String SINGLE = "/api/feedback";
    static final String BATCH = "/api/feedback/batch";
    /** The body limit of {@link TestServer#config}: 64 KiB. */
    static final int BODY_LIMIT = 64 * 1024;
    static final int MAX_BATCH = 10;

    private enum Validity {
        VALID, UNSURE, INVALID;

        Validity and(Validity other) {
            return values()[Math.max(ordinal(), other.ordinal())];
        }
    }

    private static final List<String> REQUIRED = List.of("customerId", "touchpoint", "phase", "survey", "score");
    private static final Set<String> FIELDS = Set.of("id", "customerId", "receivedAt", "touchpoint", "phase",
            "survey", "score", "comment", "complaint", "orderId", "loyaltyTier");
    private static final List<String> TEXTS = List.of("id", "customerId", "comment", "orderId");
    /** The choices of each enum field; Map.of's order differs from run to run, so always sort its keys. */
    private static final Map<String, List<String>> CHOICES = Map.of(
            "touchpoint", List.of("store", "web", "app", "phone", "chat", "email", "social"),
            "phase", List.of("pre", "core", "after"),
            "survey", List.of("NPS", "CSAT"),
            "loyaltyTier", List.of("none", "bronze", "silver", "gold"));
    private static final Map<String, Integer> MAX_LENGTH = Map.of("id", 200, "customerId", 200, "comment", 4000,
            "orderId", 200);
    private static final List<String> OFFSETS = List.of("Z", "+02:00", "-05:30", "+14:00", "-12:00");
    private static final List<String> COMMENTS = List.of("Jono oli pitkä", "Kiitos!", "Great service 👍🏽",
            "店員さんが親切でした", "Ça va.", "Не работает", "مرحبا", "a\tb\nc\r\n", "<b>bold</b>", "\"quoted\" \\ back");

    /** Score tokens other than plain integers, with how a fair server may take them for NPS and for CSAT. */
    private static final Map<String, Validity[]> SCORE_TOKENS = new HashMap<>();
    private static final List<String> SCORES;

    static {
        scoreToken("1e400", Validity.INVALID, Validity.INVALID);
        scoreToken("-1e400", Validity.INVALID, Validity.INVALID);
        scoreToken("1e-400", Validity.UNSURE, Validity.INVALID);
        scoreToken("-0", Validity.UNSURE, Validity.INVALID);
        scoreToken("-0.0", Validity.UNSURE, Validity.INVALID);
        scoreToken("5.0", Validity.UNSURE, Validity.UNSURE);
        scoreToken("5E0", Validity.UNSURE, Validity.UNSURE);
        scoreToken("50e-1", Validity.UNSURE, Validity.UNSURE);
        scoreToken("1e1", Validity.UNSURE, Validity.INVALID);
        scoreToken("4.999999999999999999999", Validity.UNSURE, Validity.UNSURE);
        scoreToken("5.5", Validity.INVALID, Validity.INVALID);
        scoreToken("9999999999999999999", Validity.INVALID, Validity.INVALID);
        scoreToken("-9999999999999999999", Validity.INVALID, Validity.INVALID);
        scoreToken("2147483648", Validity.INVALID, Validity.INVALID);
        scoreToken("-2147483649", Validity.INVALID, Validity.INVALID);
        scoreToken("4294967301", Validity.INVALID, Validity.INVALID);
        scoreToken("1" + "0".repeat(1200), Validity.INVALID, Validity.INVALID);
        for (String notJson : List.of("NaN", "-NaN", "Infinity", "-Infinity", "+5", "05", ".5", "5.", "0x5", "5 5",
                "five", "'5'", "5,", "1e", "--1", "\"5\"", "\"NaN\"", "true", "[5]", "{\"value\":5}", "\"\"")) {
            scoreToken(notJson, Validity.INVALID, Validity.INVALID);
        }
        List<String> scores = new ArrayList<>(SCORE_TOKENS.keySet());
        Collections.sort(scores);
        scores.addAll(List.of("-1", "0", "1", "5", "6", "9", "10", "11", "100", "-2147483648", "2147483647"));
        SCORES = List.copyOf(scores);
    }

    private static void scoreToken(String raw, Validity nps, Validity csat) {
        SCORE_TOKENS.put(raw, new Validity[] {nps, csat});
    }

    /** receivedAt values and how a fair server may take them. */
    private static final Map<String, Validity> TIMES = Map.ofEntries(
            Map.entry("2026-11-20T10:15:00Z", Validity.VALID),
            Map.entry("2026-11-20T10:15:00.123456789+02:00", Validity.VALID),
            Map.entry("2026-11-20T10:15:00-18:00", Validity.VALID),
            Map.entry("2026-11-20T10:15:00+18:00", Validity.VALID),
            Map.entry("2026-11-20T10:15Z", Validity.VALID),
            // The edges of the calendar: a fair server may take them or refuse them, but not fail.
            Map.entry("+999999999-12-31T23:59:59-18:00", Validity.UNSURE),
            Map.entry("-999999999-01-01T00:00:00+18:00", Validity.UNSURE),
            Map.entry("+999999999-12-31T23:59:59.999999999Z", Validity.UNSURE),
            Map.entry("-999999999-01-01T00:00:00Z", Validity.UNSURE),
            Map.entry("+10000-01-01T00:00:00Z", Validity.UNSURE),
            Map.entry("0000-01-01T00:00:00Z", Validity.UNSURE),
            Map.entry("1970-01-01T00:00:00Z", Validity.UNSURE),
            Map.entry("2026-11-20t10:15:00z", Validity.UNSURE),
            Map.entry("2026-02-30T10:00:00Z", Validity.INVALID),
            Map.entry("2026-11-20T24:00:00Z", Validity.INVALID),
            Map.entry("2026-11-20T10:15:00", Validity.INVALID),
            Map.entry("2026-11-20", Validity.INVALID),
            Map.entry("", Validity.INVALID),
            Map.entry("now", Validity.INVALID),
            Map.entry("2026-11-20T10:15:00+25:00", Validity.INVALID),
            Map.entry("2026-11-20T10:15:00.1234567891Z", Validity.INVALID),
            Map.entry("+1000000000-01-01T00:00:00Z", Validity.INVALID),
            Map.entry("2026-11-20T10:15:00ZZ", Validity.INVALID),
            Map.entry("2026-11-20T10:15:00Z\u0000", Validity.INVALID),
            Map.entry("1e400", Validity.INVALID));
    private static final List<String> TIME_VALUES = TIMES.keySet().stream().sorted().toList();

    private static final List<String> UNICODE = List.of("😀👍🏽", "👨\u200D👩\u200D👧\u200D👦", "e\u0301\u0301\u0301",
            "\u202Eevil", "\u200F\u200E", "\u2028\u2029", "\uFEFF", "\uFFFF", "\uFFFE", "\uD800", "\uDFFF",
            "\uDC00\uD800", "\uD83D", "𝕏𝔂", "\uDBFF\uDFFF", "\u0000", "\u001B[31m", "\u007F", "\u0085", "\u009F",
            "\t\n\r", "\u00A0", "\u3000", "中文", "ﷺ", "\\\"'", "<script>alert(1)</script>",
            "'; DROP TABLE decision; --", "%00", "${jndi:ldap://x}", "\u0301", "   ", "", "ｃｕｓｔｏｍｅｒ");

    private static final List<String> UNSUPPORTED_TYPES = List.of("text/plain", "application/xml", "text/xml",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=fuzz", "text/json", "",
            "application/octet-stream", "application/vnd.api+json", "json", "text/plain; charset=utf-8");
    private static final List<String> JSON_TYPES = List.of("application/json; charset=utf-8", "Application/JSON",
            "APPLICATION/JSON;CHARSET=UTF-8");
    /** Content types that a strict server refuses and a lenient one reads as JSON. */
    private static final List<String> LOOSE_TYPES = List.of("application/jsonp", "application/json-patch+json",
            "application/json; charset=utf-16", "application/json; charset=iso-8859-1", "application/json;;;",
            "application/jsonx; q=0.1");

    private static final byte[][] BAD_UTF8 = {
            {(byte) 0xFF}, {(byte) 0xFE, (byte) 0xFF}, {(byte) 0x80}, {(byte) 0xBF, (byte) 0x80},
            {(byte) 0xC3, 0x28}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98},
            {(byte) 0xC0, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xED, (byte) 0xBF, (byte) 0xBF},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80,
            (byte) 0x80}, {(byte) 0xFC, (byte) 0x84, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80}};

    private FuzzRequests() {
    }

    static String customerId(int n) {
        return "C-fuzz-" + n;
    }

    /** The n-th request of the run drawn from {@code random}. */
    static Request next(Random random, int n) {
        Body body = body(random, n);
        String path = body.path;
        if (random.nextInt(100) < 3) {
            // The other endpoint: an object where an array is expected, or the other way round.
            path = path.equals(SINGLE) ? BATCH : SINGLE;
            body = new Body(body.kind + "+other-endpoint", path, body.bytes,
                    body.validity == Validity.UNSURE ? Validity.UNSURE : Validity.INVALID, -1, body.customerId);
        }
        Caller caller = caller(random);
        String contentType = "application/json";
        boolean loose = false;
        boolean unsupported = false;
        int typeDice = random.nextInt(100);
        if (typeDice < 3) {
            contentType = null;
            unsupported = true;
        } else if (typeDice < 10) {
            contentType = pick(random, UNSUPPORTED_TYPES);
            unsupported = true;
        } else if (typeDice < 13) {
            contentType = pick(random, JSON_TYPES);
        } else if (typeDice < 16) {
            contentType = pick(random, LOOSE_TYPES);
            loose = true;
        }
        Expect expect = expect(caller, unsupported, loose, body);
        return new Request(n, body.kind, path, caller, contentType, body.bytes, body.items, expect,
                body.customerId);
    }

    private static Expect expect(Caller caller, boolean unsupported, boolean loose, Body body) {
        if (caller != Caller.INGEST) {
            return Expect.REFUSED;
        }
        if (unsupported) {
            return Expect.UNSUPPORTED;
        }
        int length = body.bytes == null ? 0 : body.bytes.length;
        if (length > BODY_LIMIT) {
            return loose ? Expect.REFUSED : Expect.TOO_LARGE;
        }
        return switch (body.validity) {
            case VALID -> loose ? Expect.EITHER : Expect.CREATED;
            case INVALID -> Expect.REFUSED;
            case UNSURE -> Expect.EITHER;
        };
    }

    private static Caller caller(Random random) {
        int dice = random.nextInt(100);
        return dice < 96 ? Caller.INGEST : Caller.values()[1 + dice % 3];
    }

    /** A body with where it goes and what it is worth. */
    private record Body(String kind, String path, byte[] bytes, Validity validity, int items, String customerId) {
    }

    private static Body body(Random random, int n) {
        int dice = random.nextInt(100);
        if (dice < 10) {
            Feedback feedback = Feedback.valid(random, n, 0);
            return single("valid", feedback);
        } else if (dice < 43) {
            Feedback feedback = Feedback.valid(random, n, 0);
            String ops = feedback.mutate(random, 1 + random.nextInt(3));
            return single("mutated[" + ops + "]", feedback);
        } else if (dice < 60) {
            return batch(random, n);
        } else if (dice < 63) {
            return hugeBatch(random, n);
        } else if (dice < 78) {
            return bytesMutated(random, n);
        } else if (dice < 89) {
            return special(random, n);
        } else if (dice < 96) {
            return randomBytes(random);
        } else if (dice < 98) {
            return otherEncoding(random, n);
        } else {
            return atTheLimit(random, n);
        }
    }

    private static Body single(String kind, Feedback feedback) {
        return new Body(kind, SINGLE, utf8(feedback.json()), feedback.validity(), 1, feedback.intactCustomer());
    }

    private static Body batch(Random random, int n) {
        int dice = random.nextInt(100);
        int size = dice < 5 ? 0 : dice < 12 ? MAX_BATCH + 1 + random.nextInt(3) : 1 + random.nextInt(MAX_BATCH);
        List<String> items = new ArrayList<>();
        Validity validity = size >= 1 && size <= MAX_BATCH ? Validity.VALID : Validity.INVALID;
        String customer = customerId(n);
        StringBuilder ops = new StringBuilder();
        for (int i = 0; i < size; i++) {
            Feedback feedback = Feedback.valid(random, n, i);
            if (random.nextInt(10) < 3) {
                ops.append(i).append(':').append(feedback.mutate(random, 1 + random.nextInt(2))).append(' ');
            }
            if (feedback.intactCustomer() == null) {
                customer = null;
            }
            validity = validity.and(feedback.validity());
            items.add(feedback.json());
        }
        if (size > 0 && random.nextInt(10) == 0) {
            String notAnObject = pick(random, List.of("null", "1", "\"feedback\"", "[]", "[{}]", "true"));
            items.set(random.nextInt(size), notAnObject);
            validity = Validity.INVALID;
            ops.append("not-an-object");
        }
        if (size > 0 && size < MAX_BATCH && random.nextInt(10) == 0) {
            // The same feedback twice, id and all: decided once, answered twice.
            items.add(items.get(random.nextInt(size)));
            ops.append("repeated-item");
        }
        String kind = "batch[" + items.size() + (ops.length() == 0 ? "" : " " + ops.toString().trim()) + "]";
        return new Body(kind, BATCH, utf8("[" + String.join(",", items) + "]"), validity, items.size(), customer);
    }

    private static Body hugeBatch(Random random, int n) {
        return switch (random.nextInt(5)) {
            case 0 -> repeated("huge-batch[10000 x {}]", "{}", 10_000);
            case 1 -> repeated("huge-batch[20000 x null]", "null", 20_000);
            case 2 -> repeated("huge-batch[30000 x {}]", "{}", 30_000);
            case 3 -> {
                String one = Feedback.valid(random, n, 0).json();
                yield repeated("huge-batch[2000 x the same valid feedback]", one, 2_000);
            }
            default -> {
                List<String> items = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    items.add(Feedback.valid(random, n, i).json());
                }
                yield new Body("huge-batch[300 valid feedback]", BATCH, utf8("[" + String.join(",", items) + "]"),
                        Validity.INVALID, 300, customerId(n));
            }
        };
    }

    private static Body repeated(String kind, String item, int count) {
        return new Body(kind, BATCH, utf8("[" + String.join(",", Collections.nCopies(count, item)) + "]"),
                Validity.INVALID, count, null);
    }

    private static Body bytesMutated(Random random, int n) {
        Body original = random.nextBoolean() ? single("", Feedback.valid(random, n, 0)) : batch(random, n);
        byte[] bytes = original.bytes;
        String kind = original.path.equals(SINGLE) ? "bytes/single" : "bytes/" + original.kind;
        int at = random.nextInt(bytes.length);
        switch (random.nextInt(9)) {
            case 0 -> {
                // Every proper prefix of a JSON object or array is unclosed.
                return new Body(kind + "/truncated-at-" + at, original.path, slice(bytes, 0, at), Validity.INVALID,
                        -1, null);
            }
            case 1 -> {
                byte[] flipped = bytes.clone();
                int flips = 1 + random.nextInt(3);
                for (int i = 0; i < flips; i++) {
                    flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return new Body(kind + "/" + flips + "-bits-flipped", original.path, flipped, Validity.UNSURE, -1,
                        null);
            }
            case 2 -> {
                int length = 1 + random.nextInt(Math.min(20, bytes.length - at));
                return new Body(kind + "/deleted-" + length + "-at-" + at, original.path,
                        concat(slice(bytes, 0, at), slice(bytes, at + length, bytes.length)), Validity.UNSURE, -1,
                        null);
            }
            case 3 -> {
                String junk = pick(random, List.of(",", "}", "]", "\"", ":", "\\", "{", "[", "null", ",,", "\u0000"));
                return new Body(kind + "/inserted-" + junk.replace("\u0000", "NUL") + "-at-" + at, original.path,
                        concat(slice(bytes, 0, at), utf8(junk), slice(bytes, at, bytes.length)), Validity.UNSURE,
                        -1, null);
            }
            case 4 -> {
                // Bad UTF-8 inside the first string value after a key, or anywhere.
                byte[] bad = BAD_UTF8[random.nextInt(BAD_UTF8.length)];
                int inString = indexOf(bytes, utf8(":\""), at);
                int where = inString < 0 ? at : inString + 2;
                return new Body(kind + "/bad-utf8-" + hex(bad) + "-at-" + where, original.path,
                        concat(slice(bytes, 0, where), bad, slice(bytes, where, bytes.length)), Validity.UNSURE, -1,
                        null);
            }
            case 5 -> {
                return new Body(kind + "/utf8-bom", original.path,
                        concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, bytes),
                        original.validity.and(Validity.UNSURE), original.items, original.customerId);
            }
            case 6 -> {
                String tail = pick(random, List.of(" ", "\n", "\r\n\t "));
                return new Body(kind + "/trailing-whitespace", original.path, concat(bytes, utf8(tail)),
                        original.validity, original.items, original.customerId);
            }
            case 7 -> {
                String tail = pick(random, List.of("x", "}", "]", ",", "{}", "[]", "// done", "\u0000", "garbage"));
                return new Body(kind + "/trailing-" + tail.replace("\u0000", "NUL"), original.path,
                        concat(bytes, utf8(tail)), Validity.UNSURE, -1, null);
            }
            default -> {
                // Not JSON but what people type: single quotes, or a comment in front.
                String text = new String(bytes, StandardCharsets.UTF_8);
                String lenient = random.nextBoolean() ? text.replace('"', '\'') : "// feedback\n" + text;
                return new Body(kind + "/lenient-syntax", original.path, utf8(lenient), Validity.UNSURE, -1, null);
            }
        }
    }

    private static Body special(Random random, int n) {
        String path = random.nextBoolean() ? SINGLE : BATCH;
        int dice = random.nextInt(24);
        String text = switch (dice) {
            case 0 -> null;
            case 1 -> "";
            case 2 -> " ";
            case 3 -> "\r\n\t ";
            case 4 -> "null";
            case 5 -> "true";
            case 6 -> "0";
            case 7 -> "-0";
            case 8 -> "1e400";
            case 9 -> "9999999999999999999";
            case 10 -> "NaN";
            case 11 -> "\"feedback\"";
            case 12 -> pick(random, List.of("[]", "{}", "[{}]", "[null]", "[[]]", "{\"\":null}", "\uFEFF{}"));
            case 13 -> "[".repeat(10_000) + "]".repeat(10_000);
            case 14 -> "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
            case 15 -> "[".repeat(10_000);
            case 16 -> "{".repeat(5_000);
            case 17 -> "\"" + "x".repeat(60_000) + "\"";
            case 18 -> "1".repeat(60_000);
            case 19 -> "1".repeat(70_000);
            case 20 -> "[" + "{\"customerId\":".repeat(4_000) + "\"" + customerId(n) + "\"" + "}".repeat(4_000) + "]";
            case 21 -> "{\"customerId\":\"" + customerId(n) + "\",\"touchpoint\":\"store\",\"phase\":\"core\","
                    + "\"survey\":\"NPS\",\"score\":" + "[".repeat(5_000) + "5" + "]".repeat(5_000) + "}";
            case 22 -> "\u0000";
            default -> "[" + "[".repeat(999) + "]".repeat(999) + "]";
        };
        String kind = text == null ? "special/no-body" : "special/" + shorten(text);
        return new Body(kind, path, text == null ? null : utf8(text), Validity.INVALID, -1, null);
    }

    private static Body randomBytes(Random random) {
        String path = random.nextBoolean() ? SINGLE : BATCH;
        int dice = random.nextInt(100);
        if (dice < 40) {
            byte[] bytes = new byte[random.nextInt(2_048)];
            random.nextBytes(bytes);
            return new Body("random-bytes[" + bytes.length + "]", path, bytes, Validity.INVALID, -1, null);
        } else if (dice < 42) {
            byte[] bytes = new byte[BODY_LIMIT + 1 + random.nextInt(10_000)];
            random.nextBytes(bytes);
            return new Body("random-bytes[" + bytes.length + "]", path, bytes, Validity.INVALID, -1, null);
        } else if (dice < 70) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(1_024);
            for (int i = 0; i < length; i++) {
                text.append((char) (32 + random.nextInt(95)));
            }
            return new Body("random-ascii[" + length + "]", path, utf8(text.toString()), Validity.INVALID, -1, null);
        } else {
            // Token soup: JSON's own tokens in random order, often almost JSON.
            List<String> tokens = List.of("{", "}", "[", "]", ":", ",", "\"customerId\"", "\"score\"", "\"a\"", "1",
                    "-0", "1e400", "null", "true", "\"C-fuzz\"", " ", "\"\\u0000\"", "\"\\ud800\"");
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(200);
            for (int i = 0; i < length; i++) {
                text.append(pick(random, tokens));
            }
            return new Body("token-soup[" + length + "]", path, utf8(text.toString()), Validity.INVALID, -1, null);
        }
    }

    private static Body otherEncoding(Random random, int n) {
        Feedback feedback = Feedback.valid(random, n, 0);
        String charset = pick(random, List.of("UTF-16", "UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE"));
        byte[] bytes = feedback.json().getBytes(Charset.forName(charset));
        return new Body("encoded-" + charset, SINGLE, bytes, Validity.UNSURE, 1, feedback.intactCustomer());
    }

    /** A valid feedback padded with trailing spaces to exactly the body limit, or one byte over. */
    private static Body atTheLimit(Random random, int n) {
        Feedback feedback = Feedback.valid(random, n, 0);
        byte[] json = utf8(feedback.json());
        int length = BODY_LIMIT + random.nextInt(2);
        byte[] padded = concat(json, utf8(" ".repeat(length - json.length)));
        return new Body("at-the-limit[" + length + "]", SINGLE, padded, Validity.VALID, 1, feedback.intactCustomer());
    }

    /** One feedback object as raw JSON members, so that keys may repeat and a value may be any text. */
    private static final class Feedback {

        private record Member(String key, String value, Validity validity) {
        }

        private final List<Member> members = new ArrayList<>();
        private final int n;
        private final int item;

        private Feedback(int n, int item) {
            this.n = n;
            this.item = item;
        }

        static Feedback valid(Random random, int n, int item) {
            Feedback feedback = new Feedback(n, item);
            boolean nps = random.nextBoolean();
            if (random.nextInt(5) > 0) {
                feedback.put("id", quote(feedbackId(n, item), false));
            }
            feedback.put("customerId", quote(customerId(n), false));
            if (random.nextInt(10) < 7) {
                // Up to mid-2026: the server refuses feedback from more than a day ahead.
                Instant at = Instant.parse("2020-01-01T00:00:00Z").plusSeconds(random.nextInt(200_000_000));
                ZoneOffset offset = ZoneOffset.of(pick(random, OFFSETS));
                feedback.put("receivedAt", quote(OffsetDateTime.ofInstant(at, offset)
                        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), false));
            }
            feedback.put("touchpoint", quote(pick(random, CHOICES.get("touchpoint")), false));
            feedback.put("phase", quote(pick(random, CHOICES.get("phase")), false));
            feedback.put("survey", quote(nps ? "NPS" : "CSAT", false));
            feedback.put("score", Integer.toString(nps ? random.nextInt(11) : 1 + random.nextInt(5)));
            if (random.nextInt(10) < 4) {
                feedback.put("comment", quote(pick(random, COMMENTS), random.nextBoolean()));
            }
            if (random.nextBoolean()) {
                feedback.put("complaint", Boolean.toString(random.nextBoolean()));
            }
            if (random.nextInt(10) < 3) {
                feedback.put("orderId", quote("ORD-" + random.nextInt(1_000_000), false));
            }
            if (random.nextInt(10) < 6) {
                feedback.put("loyaltyTier", quote(pick(random, CHOICES.get("loyaltyTier")), false));
            }
            Collections.shuffle(feedback.members, random);
            return feedback;
        }

        private static String feedbackId(int n, int item) {
            return "fb-fuzz-" + n + "-" + item;
        }

        private void put(String name, String value) {
            put(name, value, Validity.VALID);
        }

        private void put(String name, String value, Validity validity) {
            String key = quote(name, false);
            for (int i = 0; i < members.size(); i++) {
                if (members.get(i).key.equals(key)) {
                    members.set(i, new Member(key, value, validity));
                    return;
                }
            }
            members.add(new Member(key, value, validity));
        }

        /** Applies {@code count} mutations and names them. */
        String mutate(Random random, int count) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                names.add(mutateOnce(random));
            }
            return String.join(",", names);
        }

        private String mutateOnce(Random random) {
            String field = pick(random, FIELDS.stream().sorted().toList());
            switch (random.nextInt(14)) {
                case 0 -> {
                    members.removeIf(member -> member.key.equals(quote(field, false)));
                    return "drop " + field;
                }
                case 1 -> {
                    String renamed = rename(random, field);
                    for (int i = 0; i < members.size(); i++) {
                        if (members.get(i).key.equals(quote(field, false))) {
                            members.set(i, new Member(quote(renamed, false), members.get(i).value, Validity.INVALID));
                        }
                    }
                    return "rename " + field + " to " + shorten(renamed);
                }
                case 2 -> {
                    String unknown = pick(random, List.of("colour", "__proto__", "", "score ", "customerid", "Score",
                            "id\u0000", "$where", "feedback"));
                    String value = pick(random, List.of("\"blue\"", "{}", "1", "null", "[]"));
                    members.add(new Member(quote(unknown, false), value, Validity.INVALID));
                    return "add " + shorten(unknown);
                }
                case 3 -> {
                    put(field, "null");
                    return "null " + field;
                }
                case 4 -> {
                    List<String> wrong = new ArrayList<>(List.of("0", "-1", "true", "false", "[]", "{}", "[1,2]",
                            "{\"a\":1}", "[\"store\"]", "1e400", "-0"));
                    if (!TEXTS.contains(field)) {
                        wrong.addAll(List.of("\"x\"", "\"5\"", "\"true\"", "\"null\"", "\"\""));
                    }
                    String value = pick(random, wrong);
                    // The score is judged with the survey; a boolean is no wrong type for complaint.
                    boolean judgedLater = field.equals("score")
                            || field.equals("complaint") && (value.equals("true") || value.equals("false"));
                    put(field, value, judgedLater ? Validity.VALID : Validity.INVALID);
                    return "wrong-type " + field + "=" + value;
                }
                case 5 -> {
                    String score = pick(random, SCORES);
                    put("score", score);
                    return "score=" + shorten(score);
                }
                case 6 -> {
                    String time = pick(random, TIME_VALUES);
                    put("receivedAt", quote(time, random.nextBoolean()), TIMES.get(time));
                    return "receivedAt=" + shorten(time);
                }
                case 7 -> {
                    String choice = pick(random, CHOICES.keySet().stream().sorted().toList());
                    String variant = variant(random, pick(random, CHOICES.get(choice)));
                    put(choice, quote(variant, random.nextBoolean()), choiceValidity(variant, CHOICES.get(choice)));
                    return choice + "=" + shorten(variant);
                }
                case 8 -> {
                    String text = pick(random, TEXTS);
                    int length = pick(random, List.of(MAX_LENGTH.get(text), MAX_LENGTH.get(text) + 1, 60_000, 70_000));
                    String value = longText(random, text, length);
                    put(text, quote(value, random.nextBoolean()), textValidity(value, MAX_LENGTH.get(text)));
                    return "long " + text + "(" + value.length() + ")";
                }
                case 9 -> {
                    String text = pick(random, TEXTS);
                    String odd = pick(random, UNICODE);
                    String value = withText(text, odd);
                    put(text, quote(value, random.nextBoolean()), textValidity(value, MAX_LENGTH.get(text)));
                    return "unicode " + text + "=" + escape(odd);
                }
                case 10 -> {
                    // A raw control character inside a string, which JSON does not allow unescaped.
                    String text = pick(random, TEXTS);
                    char control = pick(random, List.of('\u0000', '\u0001', '\t', '\n', '\u001F'));
                    put(text, "\"" + withText(text, "a" + control + "b") + "\"", Validity.INVALID);
                    return "raw-control " + text + "=" + escape(String.valueOf(control));
                }
                case 11 -> {
                    if (members.isEmpty()) {
                        return "nothing to repeat";
                    }
                    Member repeated = members.get(random.nextInt(members.size()));
                    String value = random.nextBoolean() ? repeated.value
                            : pick(random, List.of("null", quote("other-" + n, false), "7", "true",
                                    quote(customerId(n) + "-again", false)));
                    members.add(random.nextInt(members.size() + 1), new Member(repeated.key, value, Validity.UNSURE));
                    return "repeat key " + repeated.key + "=" + shorten(value);
                }
                case 12 -> {
                    int depth = pick(random, List.of(3, 999, 1_000, 1_001, 10_000));
                    String nested = random.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth)
                            : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
                    put(field, nested, Validity.INVALID);
                    return "nested " + field + " " + depth + " deep";
                }
                default -> {
                    String value = Boolean.toString(random.nextBoolean());
                    put("complaint", value);
                    return "complaint=" + value;
                }
            }
        }

        private static String rename(Random random, String field) {
            List<String> renames = new ArrayList<>(List.of(field.toUpperCase(Locale.ROOT),
                    Character.toUpperCase(field.charAt(0)) + field.substring(1), field + " ", " " + field, "_" + field,
                    field + "\u0000", field.substring(1), field + field, "", field.replace('o', 'о').replace('e', 'е')));
            renames.removeIf(FIELDS::contains);
            return pick(random, renames);
        }

        private static String variant(Random random, String value) {
            return pick(random, List.of(value.toUpperCase(Locale.ROOT),
                    Character.toUpperCase(value.charAt(0)) + value.substring(1), " " + value, value + " ", "",
                    value + "\u0000", value.replace('s', 'ſ').replace('k', '\u212A').replace('i', 'ı'), value + "s",
                    value.substring(1), "\uFEFF" + value));
        }

        private String longText(Random random, String text, int length) {
            String start = withText(text, "");
            String fill = pick(random, List.of("x", "ä", "😀"));
            StringBuilder value = new StringBuilder(start);
            while (value.length() + fill.length() <= length) {
                value.append(fill);
            }
            while (value.length() < length) {
                value.append('x');
            }
            return value.toString();
        }

        /** A text field's value with {@code odd} in it; ids keep what makes them unique. */
        private String withText(String text, String odd) {
            return switch (text) {
                case "id" -> feedbackId(n, item) + "-" + members.size() + odd;
                case "customerId" -> customerId(n) + odd;
                case "orderId" -> "ORD-" + odd;
                default -> odd;
            };
        }

        String json() {
            StringBuilder json = new StringBuilder("{");
            for (Member member : members) {
                if (json.length() > 1) {
                    json.append(',');
                }
                json.append(member.key).append(':').append(member.value);
            }
            return json.append('}').toString();
        }

        /** The last member of each key, as a parser that lets the last one win reads them. */
        private Map<String, Member> effective() {
            Map<String, Member> last = new HashMap<>();
            members.forEach(member -> last.put(member.key, member));
            return last;
        }

        Validity validity() {
            Map<String, Member> effective = effective();
            Validity validity = Validity.VALID;
            for (Member member : effective.values()) {
                validity = validity.and(member.validity);
            }
            for (String required : REQUIRED) {
                Member member = effective.get(quote(required, false));
                if (member == null || member.value.equals("null")) {
                    validity = Validity.INVALID;
                }
            }
            validity = validity.and(scoreValidity(effective));
            if (effective.size() < members.size() && validity == Validity.VALID) {
                validity = Validity.UNSURE;
            }
            return validity;
        }

        private static Validity scoreValidity(Map<String, Member> effective) {
            Member score = effective.get(quote("score", false));
            Member survey = effective.get(quote("survey", false));
            if (score == null || survey == null) {
                return Validity.INVALID;
            }
            boolean nps = survey.value.equalsIgnoreCase("\"NPS\"");
            boolean csat = survey.value.equalsIgnoreCase("\"CSAT\"");
            if (!nps && !csat) {
                return survey.validity == Validity.INVALID ? Validity.INVALID : Validity.UNSURE;
            }
            if (score.value.matches("(0|-?[1-9][0-9]{0,8})")) {
                int value = Integer.parseInt(score.value);
                return (nps ? value >= 0 && value <= 10 : value >= 1 && value <= 5) ? Validity.VALID : Validity.INVALID;
            }
            Validity[] token = SCORE_TOKENS.get(score.value);
            return token == null ? Validity.INVALID : token[nps ? 0 : 1];
        }

        /** The customer id when mutation left it as it was generated, else null. */
        String intactCustomer() {
            String key = quote("customerId", false);
            long count = members.stream().filter(member -> member.key.equals(key)).count();
            Member member = effective().get(key);
            return count == 1 && member.value.equals(quote(customerId(n), false)) ? customerId(n) : null;
        }
    }

    private static Validity textValidity(String value, int maxLength) {
        if (value.chars().allMatch(c -> c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
            return Validity.INVALID;
        }
        if (value.length() > maxLength) {
            return Validity.INVALID;
        }
        if (value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r')) {
            return Validity.INVALID;
        }
        if (value.isBlank() || hasLoneSurrogate(value) || value.indexOf('\uFFFF') >= 0
                || value.indexOf('\uFFFE') >= 0 || value.indexOf('\uFEFF') >= 0) {
            return Validity.UNSURE;
        }
        return Validity.VALID;
    }

    private static Validity choiceValidity(String value, List<String> choices) {
        for (String choice : choices) {
            if (choice.toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT))
                    && value.chars().allMatch(c -> c < 128)) {
                return Validity.VALID;
            }
        }
        // Java's equalsIgnoreCase takes 'ſ' for 's' and the Kelvin sign for 'k': fair to take or refuse.
        return choices.stream().anyMatch(value::equalsIgnoreCase) ? Validity.UNSURE : Validity.INVALID;
    }

    private static boolean hasLoneSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && (i + 1 == value.length() || !Character.isLowSurrogate(value.charAt(i + 1)))) {
                return true;
            }
            if (Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(value.charAt(i - 1)))) {
                return true;
            }
            if (Character.isHighSurrogate(c)) {
                i++;
            }
        }
        return false;
    }

    /**
     * A JSON string. Control characters and lone surrogates are always escaped (UTF-8 cannot carry a
     * lone surrogate); other non-ASCII characters are escaped too, or with {@code raw} sent as UTF-8.
     */
    static String quote(String value, boolean raw) {
        StringBuilder json = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (raw && Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                json.append(c).append(value.charAt(++i));
            } else if (c < 0x20 || Character.isSurrogate(c) || c >= 0x7F && !raw) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        byte[] slice = new byte[to - from];
        System.arraycopy(bytes, from, slice, 0, slice.length);
        return slice;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, byte[] part, int from) {
        outer:
        for (int i = Math.max(0, from); i <= bytes.length - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String hex(byte[] bytes) {
        StringBuilder hex = new StringBuilder();
        for (byte b : bytes) {
            hex.append(String.format("%02X", b & 0xFF));
        }
        return hex.toString();
    }

    /** Printable ASCII as it is, everything else escaped: safe in a failure message. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder();
        text.chars().forEach(c -> escaped.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c)
                : String.format("\\u%04X", c)));
        return escaped.toString();
    }

    private static String shorten(String text) {
        String escaped = escape(text);
        return escaped.length() <= 40 ? escaped : escaped.substring(0, 30) + "…(" + text.length() + " chars)";
    }

    /** The start and end of a body, with bytes that are not printable ASCII as \xNN. */
    static String preview(byte[] body) {
        IntFunction<String> show = i -> {
            int b = body[i] & 0xFF;
            return b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : String.format("\\x%02X", b);
        };
        StringBuilder preview = new StringBuilder();
        if (body.length <= 400) {
            for (int i = 0; i < body.length; i++) {
                preview.append(show.apply(i));
            }
        } else {
            for (int i = 0; i < 300; i++) {
                preview.append(show.apply(i));
            }
            preview.append(" …(").append(body.length - 380).append(" bytes)… ");
            for (int i = body.length - 80; i < body.length; i++) {
                preview.append(show.apply(i));
            }
        }
        return preview.toString();
    }
}
