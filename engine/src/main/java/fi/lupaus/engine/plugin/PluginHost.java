package fi.lupaus.engine.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import org.pf4j.JarPluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fi.lupaus.engine.delivery.ActionHandler;
import fi.lupaus.engine.pack.RulePack;

/**
 * Finds what is contributed to Lupaus's extension points: on the class path through
 * {@link ServiceLoader} (the standard rule pack is one), and in plugin jars dropped into a
 * plugins directory through PF4J, each jar in a class loader of its own. A jar's manifest
 * declares {@code Plugin-Id}, {@code Plugin-Version} and {@code Plugin-Requires} (the Lupaus
 * versions it runs on, e.g. {@code >=0.1.0}); its contributions are listed in
 * {@code META-INF/extensions.idx}, which PF4J's annotation processor writes for every class
 * marked {@code @Extension}.
 *
 * <p>A plugin that cannot be loaded, does not fit this Lupaus, fails to start, or whose
 * contributions cannot be made is reported with the reason and contributes nothing; the others
 * go on. Blocking: build it on a worker.
 */
public final class PluginHost implements AutoCloseable {

    /** The Lupaus version that plugins' {@code Plugin-Requires} is checked against. */
    public static final String SYSTEM_VERSION = "0.1.0";

    /** An extension point: its interface and its versioned identifier. */
    public record Point(Class<?> type, String id) {
    }

    /** Every extension point of Lupaus. */
    public static final List<Point> POINTS = List.of(
            new Point(RulePack.class, RulePack.EXTENSION_POINT),
            new Point(ActionHandler.class, ActionHandler.EXTENSION_POINT),
            new Point(FactEnricher.class, FactEnricher.EXTENSION_POINT),
            new Point(FeedbackSource.class, FeedbackSource.EXTENSION_POINT));

    /**
     * One contribution to an extension point.
     *
     * @param pluginId the plugin it comes from, or {@code null} for the class path
     */
    public record Contribution<T>(String pluginId, String extensionPoint, T extension) {
    }

    /** What a plugin contributes, as listed: the extension point and the class. */
    public record Listed(String extensionPoint, String className) {
    }

    public enum State { STARTED, DISABLED, FAILED }

    /**
     * An installed plugin as reported.
     *
     * @param id            its {@code Plugin-Id}, or the jar's file name when it could not be read
     * @param problem       why it is disabled or failed, or {@code null}
     * @param contributions what it contributes; empty unless started
     */
    public record Report(String id, String version, String requires, String provider, String description,
                         String file, State state, String problem, List<Listed> contributions) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(PluginHost.class);

    private final Path directory;
    private final Manager manager;
    private final List<Contribution<?>> contributions = new ArrayList<>();
    private final Map<String, Report> reports = new LinkedHashMap<>();

    private PluginHost(Path directory, ClassLoader classPath) {
        this.directory = directory;
        for (Point point : POINTS) {
            ServiceLoader.load(point.type(), classPath).stream()
                    .map(ServiceLoader.Provider::get)
                    .forEach(extension -> contributions.add(new Contribution<>(null, point.id(), extension)));
        }
        if (directory != null && Files.isDirectory(directory)) {
            manager = new Manager(directory);
            manager.loadPlugins();
            manager.startPlugins();
            manager.getPlugins().forEach(this::admit);
            reportJarsNotLoaded();
        } else {
            manager = null;
            LOG.info("no plugins directory {}: only the class path contributes", directory);
        }
    }

    /**
     * Finds the contributions on the class path and starts the plugins in {@code directory}.
     *
     * @param directory where plugin jars are dropped; absent or {@code null} means none
     */
    public static PluginHost start(Path directory, ClassLoader classPath) {
        return new PluginHost(directory, classPath);
    }

    /** The contributions to an extension point, the class path's first, then by plugin id. */
    @SuppressWarnings("unchecked")
    public synchronized <T> List<Contribution<T>> contributions(Class<T> extensionPoint) {
        String id = pointOf(extensionPoint).id();
        return contributions.stream()
                .filter(contribution -> contribution.extensionPoint().equals(id))
                .sorted(Comparator.comparing(contribution -> contribution.pluginId() == null ? ""
                        : contribution.pluginId()))
                .map(contribution -> (Contribution<T>) contribution)
                .toList();
    }

    /** The installed plugins by id, each with its state and contributions. */
    public synchronized List<Report> plugins() {
        return reports.values().stream().sorted(Comparator.comparing(Report::id)).toList();
    }

    /** What the class path contributes, as listed. */
    public synchronized List<Listed> classPathContributions() {
        return contributions.stream().filter(contribution -> contribution.pluginId() == null)
                .map(contribution -> new Listed(contribution.extensionPoint(),
                        contribution.extension().getClass().getName()))
                .toList();
    }

    public Path directory() {
        return directory;
    }

    /**
     * Disables a plugin whose contribution turned out unusable (a rule pack that does not
     * compile, a source that does not start): it is stopped, its contributions withdrawn, and
     * it is reported as failed with the reason.
     */
    public synchronized void fail(String pluginId, String reason) {
        LOG.error("plugin {} is disabled: {}", pluginId, reason);
        contributions.removeIf(contribution -> pluginId.equals(contribution.pluginId()));
        Report report = reports.get(pluginId);
        if (report != null) {
            reports.put(pluginId, new Report(report.id(), report.version(), report.requires(), report.provider(),
                    report.description(), report.file(), State.FAILED, reason, List.of()));
        }
        if (manager != null && manager.getPlugin(pluginId) != null) {
            try {
                manager.stopPlugin(pluginId);
            } catch (RuntimeException e) {
                LOG.warn("plugin {} did not stop cleanly: {}", pluginId, e.toString());
            }
        }
    }

    /** Makes a started plugin's contributions, all or none; reports the plugin either way. */
    private void admit(PluginWrapper plugin) {
        String id = plugin.getPluginId();
        if (plugin.getPluginState() == PluginState.DISABLED) {
            String requires = plugin.getDescriptor().getRequires();
            report(plugin, State.DISABLED, plugin.getFailedException() != null
                    ? "it requires Lupaus " + requires + "; this is " + SYSTEM_VERSION
                    : "disabled in " + directory.resolve("disabled.txt"), List.of());
            return;
        }
        if (plugin.getPluginState() != PluginState.STARTED) {
            Throwable failure = plugin.getFailedException();
            report(plugin, State.FAILED, failure != null ? "it failed to start: " + describe(failure)
                    : "it did not start (state " + plugin.getPluginState() + ")", List.of());
            LOG.error("plugin {} is disabled: it did not start", id);
            return;
        }
        List<Contribution<?>> made = new ArrayList<>();
        try {
            for (Point point : POINTS) {
                for (Class<?> type : manager.getExtensionClasses(point.type(), id)) {
                    made.add(new Contribution<>(id, point.id(), manager.getExtensionFactory().create(type)));
                }
            }
        } catch (RuntimeException | LinkageError e) {
            report(plugin, State.FAILED, "a contribution could not be made: " + describe(e), List.of());
            LOG.error("plugin {} is disabled: a contribution could not be made", id, e);
            manager.stopPlugin(id);
            return;
        }
        contributions.addAll(made);
        report(plugin, State.STARTED, null, made.stream()
                .map(contribution -> new Listed(contribution.extensionPoint(),
                        contribution.extension().getClass().getName()))
                .toList());
        LOG.info("plugin {} {} started: {}", id, plugin.getDescriptor().getVersion(),
                made.stream().map(Contribution::extensionPoint).toList());
    }

    private void report(PluginWrapper plugin, State state, String problem, List<Listed> listed) {
        var descriptor = plugin.getDescriptor();
        reports.put(plugin.getPluginId(), new Report(plugin.getPluginId(), descriptor.getVersion(),
                blankToNull(descriptor.getRequires()), blankToNull(descriptor.getProvider()),
                blankToNull(descriptor.getPluginDescription()), plugin.getPluginPath().getFileName().toString(),
                state, problem, listed));
    }

    /** Jars PF4J left out without a word to us (their dependencies did not resolve). */
    private void reportJarsNotLoaded() {
        List<Path> loaded = manager.getPlugins().stream().map(PluginWrapper::getPluginPath).toList();
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(file -> file.getFileName().toString().endsWith(".jar"))
                    .filter(file -> !loaded.contains(file))
                    .forEach(file -> {
                        String name = file.getFileName().toString();
                        String reason = manager.loadFailures.getOrDefault(file,
                                "it was not loaded: its Plugin-Dependencies could not be resolved (see the server log)");
                        reports.put(name, new Report(name, null, null, null, null, name, State.FAILED, reason,
                                List.of()));
                        LOG.error("plugin jar {} is disabled: {}", name, reason);
                    });
        } catch (IOException e) {
            LOG.warn("cannot list the plugins directory {}: {}", directory, e.toString());
        }
    }

    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(failure.toString());
        for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append("; caused by ").append(cause);
        }
        return text.toString();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static Point pointOf(Class<?> type) {
        return POINTS.stream().filter(point -> point.type().equals(type)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(type.getName() + " is not an extension point"));
    }

    /** Stops the plugins and closes their class loaders. */
    @Override
    public void close() {
        if (manager != null) {
            // One by one: PF4J 3.15's stopPlugins() trips over its own list while it stops them.
            for (PluginWrapper plugin : List.copyOf(manager.getStartedPlugins())) {
                try {
                    manager.stopPlugin(plugin.getPluginId());
                } catch (RuntimeException e) {
                    LOG.warn("plugin {} did not stop cleanly: {}", plugin.getPluginId(), e.toString());
                }
            }
            manager.unloadPlugins();
        }
    }

    /** PF4J's jar plugin manager that keeps why a jar failed to load, and never lets one stop the rest. */
    private static final class Manager extends JarPluginManager {

        private final Map<Path, String> loadFailures = new LinkedHashMap<>();

        Manager(Path directory) {
            super(directory);
            setSystemVersion(SYSTEM_VERSION);
            setResolveRecoveryStrategy(ResolveRecoveryStrategy.IGNORE_PLUGIN_AND_CONTINUE);
        }

        @Override
        protected PluginWrapper loadPluginFromPath(Path pluginPath) {
            try {
                return super.loadPluginFromPath(pluginPath);
            } catch (RuntimeException | LinkageError e) {
                loadFailures.put(pluginPath, "it could not be loaded: " + describe(e));
                return null;
            }
        }
    }
}
