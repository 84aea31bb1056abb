package fi.lupaus.console.plugin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fi.lupaus.engine.delivery.ActionHandler;
import fi.lupaus.engine.pack.RulePack;
import fi.lupaus.engine.plugin.FeedbackSink;
import fi.lupaus.engine.plugin.FactEnricher;
import fi.lupaus.engine.plugin.FeedbackSource;
import fi.lupaus.engine.plugin.PluginHost;
import fi.lupaus.engine.plugin.PluginHost.Contribution;
import fi.lupaus.engine.ruleset.Compilation;
import fi.lupaus.engine.ruleset.RuleSet;
import fi.lupaus.engine.ruleset.RuleSetCompiler;
import fi.lupaus.engine.ruleset.RuleSource;

/**
 * What the server takes from the extension points: the rule packs it compiles, the action
 * handlers the outbox delivers through, the feedback sources it starts. A plugin whose
 * contribution turns out unusable here is failed (reported, its contributions withdrawn); the
 * class path's contributions are the server's own, and their failure stops the start.
 * Blocking: call from a worker.
 */
public final class Extensions implements AutoCloseable {

    /** The rule packs' rule set and how to describe it. */
    public record Packs(RuleSet ruleSet, String description) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Extensions.class);

    private final PluginHost host;
    private final List<FeedbackSource> startedSources = new ArrayList<>();

    private Extensions(PluginHost host) {
        this.host = host;
    }

    public static Extensions start(Path pluginsDir, ClassLoader classPath) {
        return new Extensions(PluginHost.start(pluginsDir, classPath));
    }

    public PluginHost host() {
        return host;
    }

    /**
     * Compiles every rule pack into one rule set. A plugin's pack must pass the rule guard on
     * its own (so its DRL names only the engine's types and replays without the plugin); a
     * plugin whose pack does not, or that cannot live beside the others, is failed.
     */
    public Packs compileRulePacks(RuleSetCompiler compiler) {
        List<Contribution<RulePack>> packs = host.contributions(RulePack.class);
        List<RuleSource> base = new ArrayList<>();
        Map<String, List<RuleSource>> byPlugin = new LinkedHashMap<>();
        for (Contribution<RulePack> pack : packs) {
            if (pack.pluginId() == null) {
                base.addAll(pack.extension().sources());
                continue;
            }
            try {
                List<RuleSource> sources = pack.extension().sources();
                Compilation alone = compiler.compileUntrusted(sources);
                if (alone.succeeded()) {
                    byPlugin.computeIfAbsent(pack.pluginId(), id -> new ArrayList<>()).addAll(sources);
                } else {
                    host.fail(pack.pluginId(), "its rule pack " + pack.extension().id() + " does not compile: "
                            + alone.errors().stream().map(error -> error.source() + ":" + error.line() + ": "
                            + error.message()).collect(Collectors.joining("; ")));
                }
            } catch (RuntimeException e) {
                host.fail(pack.pluginId(), "its rule pack could not give its sources: " + e);
            }
        }
        byPlugin.keySet().removeIf(id -> !contributesRules(id));
        List<RuleSource> all = new ArrayList<>(base);
        byPlugin.values().forEach(all::addAll);
        Compilation together = compiler.compile(all);
        if (!together.succeeded()) {
            String reason = "its rule pack does not compile beside the others: " + together.errors().stream()
                    .map(error -> error.source() + ":" + error.line() + ": " + error.message())
                    .collect(Collectors.joining("; "));
            byPlugin.keySet().forEach(id -> host.fail(id, reason));
            together = compiler.compile(base);
        }
        String description = "rule packs: " + host.contributions(RulePack.class).stream()
                .map(pack -> pack.extension().id() + " " + pack.extension().version()
                        + (pack.pluginId() == null ? "" : " (plugin " + pack.pluginId() + ")"))
                .collect(Collectors.joining(", "));
        return new Packs(together.orElseThrow(), description);
    }

    private boolean contributesRules(String pluginId) {
        return host.contributions(RulePack.class).stream().anyMatch(pack -> pluginId.equals(pack.pluginId()));
    }

    /** The built-in handlers, then the plugins'; a plugin handler whose id is taken is left out. */
    public List<ActionHandler> handlers(List<ActionHandler> builtIn) {
        Map<String, ActionHandler> handlers = new LinkedHashMap<>();
        builtIn.forEach(handler -> handlers.put(handler.id(), handler));
        for (Contribution<ActionHandler> contribution : host.contributions(ActionHandler.class)) {
            ActionHandler handler = contribution.extension();
            if (handlers.putIfAbsent(handler.id(), handler) != null) {
                LOG.warn("action handler id {} of {} is taken; it is left out", handler.id(),
                        contribution.pluginId() == null ? "the class path" : "plugin " + contribution.pluginId());
            }
        }
        return List.copyOf(handlers.values());
    }

    /** The fact enrichers, from the class path and the plugins. */
    public List<FactEnricher> enrichers() {
        return host.contributions(FactEnricher.class).stream().map(Contribution::extension).toList();
    }

    /** Starts every feedback source; a plugin whose source does not start is failed. */
    public synchronized void startSources(FeedbackSink sink) {
        for (Contribution<FeedbackSource> contribution : host.contributions(FeedbackSource.class)) {
            try {
                contribution.extension().start(sink);
                startedSources.add(contribution.extension());
                LOG.info("feedback source {} started", contribution.extension().id());
            } catch (Exception | LinkageError e) {
                if (contribution.pluginId() == null) {
                    throw new IllegalStateException("feedback source " + contribution.extension().id()
                            + " did not start", e);
                }
                host.fail(contribution.pluginId(), "its feedback source " + contribution.extension().id()
                        + " did not start: " + e);
            }
        }
    }

    /** Stops the sources, then the plugins. */
    @Override
    public synchronized void close() {
        for (FeedbackSource source : startedSources) {
            try {
                source.stop();
            } catch (RuntimeException e) {
                LOG.warn("feedback source {} did not stop cleanly: {}", source.id(), e.toString());
            }
        }
        startedSources.clear();
        host.close();
    }
}
