package fi.lupaus.engine.pack;

import java.util.List;

import org.pf4j.ExtensionPoint;

import fi.lupaus.engine.ruleset.RuleSource;

/**
 * Extension point {@value #EXTENSION_POINT}: a named, versioned set of DRL resources. The
 * engine holds no policy of its own; every rule comes from a pack. Packs on the class path are
 * found with {@link java.util.ServiceLoader}: a pack lists its class in
 * {@code META-INF/services/fi.lupaus.engine.pack.RulePack}. Packs in plugin jars are found by
 * PF4J through their {@code @Extension} index (see {@code fi.lupaus.engine.plugin.PluginHost}).
 *
 * <p>Contract: {@link #sources()} returns the same sources every time it is called, and a
 * source's name is unique across all packs (prefix it with the pack's package path). The DRL
 * may name only the engine's fact and action types, never classes of the plugin: decisions are
 * replayed from the kept sources, with or without the plugin installed.
 */
public interface RulePack extends ExtensionPoint {

    String EXTENSION_POINT = "fi.lupaus.rule-pack/1";

    /** A stable identifier, e.g. {@code standard}. */
    String id();

    /** The pack's own version, e.g. {@code 1.0.0}. */
    String version();

    /** The DRL resources the pack contributes. */
    List<RuleSource> sources();
}
