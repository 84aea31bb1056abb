package fi.lupaus.engine.sandbox;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import fi.lupaus.engine.audit.Explanation;
import fi.lupaus.engine.decision.Decision;
import fi.lupaus.engine.ruleset.CompileError;
import fi.lupaus.engine.ruleset.RuleSource;

/**
 * What the server and a sandbox worker say to each other: JSON frames, each a 4-byte length and
 * that many bytes, so that a frame's size is known before it is read.
 */
final class Frames {

    /** An answer larger than this is not read: it would cost the server's heap. */
    static final int MAX_FRAME = 32 * 1024 * 1024;

    /** The first frame a worker writes, once it is warm. */
    static final String READY = "ready";

    /** Facts and decisions as the log writes them: the records' components only. */
    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * @param op      {@code compile} or {@code decide}
     * @param explain whether to explain each decision too
     * @param guarded whether the rule guard checks the sources first; only tests of the sandbox
     *                itself turn it off
     */
    record Request(String op, List<RuleSource> sources, List<SandboxCase> cases, boolean explain, boolean guarded) {
    }

    /**
     * @param version      the compiled rule set's version, or {@code null}
     * @param errors       compile errors, or the guard's findings
     * @param decisions    one per case, in order
     * @param explanations one per case when asked, in order
     * @param refused      what limit the rules hit, in words, or {@code null}
     * @param firings      whether {@code refused} is the firing bound
     */
    record Response(String version, List<CompileError> errors, List<Decision> decisions,
                    List<Explanation> explanations, String refused, boolean firings) {
    }

    /** A worker's first words. */
    record Ready(String ready, Instant at) {
    }

    private Frames() {
    }

    static void write(DataOutputStream out, Object value) throws IOException {
        byte[] bytes = MAPPER.writeValueAsBytes(value);
        out.writeInt(bytes.length);
        out.write(bytes);
        out.flush();
    }

    /**
     * @return the next frame's bytes, or {@code null} at the end of the stream
     * @throws FrameTooLargeException when the frame is larger than {@link #MAX_FRAME}
     */
    static byte[] read(DataInputStream in) throws IOException {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException e) {
            return null;
        }
        if (length < 0 || length > MAX_FRAME) {
            throw new FrameTooLargeException(length);
        }
        byte[] bytes = new byte[length];
        try {
            in.readFully(bytes);
        } catch (EOFException e) {
            return null;
        }
        return bytes;
    }

    static DataInputStream input(InputStream in) {
        return new DataInputStream(new java.io.BufferedInputStream(in, 64 * 1024));
    }

    static DataOutputStream output(OutputStream out) {
        return new DataOutputStream(new java.io.BufferedOutputStream(out, 64 * 1024));
    }

    /** A frame longer than the server reads. */
    static final class FrameTooLargeException extends IOException {
        FrameTooLargeException(int length) {
            super("a frame of " + length + " bytes");
        }
    }
}
