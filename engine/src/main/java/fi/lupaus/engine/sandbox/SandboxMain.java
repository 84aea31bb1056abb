package fi.lupaus.engine.sandbox;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fi.lupaus.engine.audit.Explainer;
import fi.lupaus.engine.audit.Explanation;
import fi.lupaus.engine.decision.Decision;
import fi.lupaus.engine.fact.Feedback;
import fi.lupaus.engine.fact.LoyaltyTier;
import fi.lupaus.engine.fact.Phase;
import fi.lupaus.engine.fact.Survey;
import fi.lupaus.engine.fact.Touchpoint;
import fi.lupaus.engine.ruleset.Compilation;
import fi.lupaus.engine.ruleset.RuleLoopException;
import fi.lupaus.engine.ruleset.RuleSet;
import fi.lupaus.engine.ruleset.RuleSetCompiler;
import fi.lupaus.engine.ruleset.RuleSource;

/**
 * A sandbox worker: the child JVM that {@link Sandbox} starts with its own small heap. It reads
 * requests from stdin and answers on stdout, one at a time, until stdin closes or the server that
 * started it is gone. Rules run here as they run in the server, guard and all; what they do to
 * this JVM's heap or CPU is the server's to notice and end.
 */
public final class SandboxMain {

    /** Compiled rule sets kept for the next requests: a backtest sends the same sources chunk after chunk. */
    private static final int KEPT = 4;

    private final RuleSetCompiler compiler = new RuleSetCompiler();
    private final Map<List<RuleSource>, Compiled> compiled = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<RuleSource>, Compiled> eldest) {
            return size() > KEPT;
        }
    };

    private record Compiled(Compilation compilation, Explainer explainer) {
    }

    private SandboxMain() {
    }

    /** @param args {@code --parent=<pid>}: the server; the worker stops when it is gone */
    public static void main(String[] args) throws IOException {
        // The protocol owns stdout; anything else printed goes to stderr.
        DataOutputStream out = Frames.output(new FileOutputStream(FileDescriptor.out));
        System.setOut(System.err);
        for (String arg : args) {
            if (arg.startsWith("--parent=")) {
                watchParent(Long.parseLong(arg.substring("--parent=".length())));
            }
        }
        DataInputStream in = Frames.input(System.in);
        SandboxMain worker = new SandboxMain();
        worker.warmUp();
        Frames.write(out, new Frames.Ready(Frames.READY, Instant.now()));
        byte[] frame;
        while ((frame = Frames.read(in)) != null) {
            Frames.Request request = Frames.MAPPER.readValue(frame, Frames.Request.class);
            Frames.write(out, worker.answer(request));
        }
    }

    /** A worker busy with runaway rules reads no end of stdin: it watches for its server itself. */
    private static void watchParent(long pid) {
        Thread watch = new Thread(() -> {
            while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
            Runtime.getRuntime().halt(2);
        }, "lupaus-sandbox-parent-watch");
        watch.setDaemon(true);
        watch.start();
    }

    /** Drools is slow the first time: the worker says it is ready only once it has compiled and decided. */
    private void warmUp() {
        RuleSet ruleSet = compiler.compile(List.of(new RuleSource("warm/up.drl", """
                package warm.up
                import fi.lupaus.engine.fact.Feedback
                import fi.lupaus.engine.decision.Action
                rule "Thank a promoter"
                when
                    Feedback( promoter )
                then
                    insert(Action.thank());
                end
                """))).orElseThrow();
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        ruleSet.decide(List.of(new Feedback("warm", "warm", at, Touchpoint.WEB, Phase.CORE, Survey.NPS, 10, null,
                false, null, LoyaltyTier.NONE)), at);
    }

    Frames.Response answer(Frames.Request request) {
        String version = null;
        try {
            Compiled rules = compiled(request.sources(), request.guarded());
            Compilation compilation = rules.compilation();
            if (!compilation.succeeded()) {
                return new Frames.Response(null, compilation.errors(), List.of(), List.of(), null, false);
            }
            RuleSet ruleSet = compilation.ruleSet();
            version = ruleSet.version();
            List<Decision> decisions = new ArrayList<>();
            List<Explanation> explanations = new ArrayList<>();
            if ("decide".equals(request.op())) {
                for (SandboxCase one : request.cases()) {
                    List<Object> facts = one.facts();
                    Decision decision = ruleSet.decide(facts, one.decisionTime());
                    decisions.add(decision);
                    if (request.explain()) {
                        explanations.add(rules.explainer().explain(ruleSet, facts, decision));
                    }
                }
            }
            return new Frames.Response(version, List.of(), decisions, explanations, null, false);
        } catch (RuleLoopException e) {
            return new Frames.Response(version, List.of(), List.of(), List.of(), e.getMessage(), true);
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            return new Frames.Response(version, List.of(), List.of(), List.of(), "the rules failed: " + describe(e),
                    false);
        }
    }

    private Compiled compiled(List<RuleSource> sources, boolean guarded) {
        Compiled found = guarded ? compiled.get(sources) : null;
        if (found == null) {
            found = new Compiled(guarded ? compiler.compileUntrusted(sources) : compiler.compile(sources),
                    new Explainer(null, compiler));
            if (guarded) {
                compiled.put(sources, found);
            }
        }
        return found;
    }

    /** The innermost cause, which names what the rules did, on one short line. */
    static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String text = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        text = text.replaceAll("\\s+", " ").strip();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
