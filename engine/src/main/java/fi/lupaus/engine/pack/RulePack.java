package fi.lupaus.engine.pack;

import java.util.List;

import fi.lupaus.engine.ruleset.RuleSource;

/**
 * Extension point {@value #EXTENSION_POINT}: a named, versioned set of DRL resources. The
 * engine holds no policy of its own; every rule comes from a pack. Packs are found with
 * {@link java.util.ServiceLoader}: a pack lists its class in
 * {@code META-INF/services/fi.lupaus.engine.pack.RulePack}.
 *
 * <p>Contract: {@link #sources()} returns the same sources every time it is called, and a
 * source's name is unique across all packs (prefix it with the pack's package path).
 */
public interface RulePack {

    String EXTENSION_POINT = "fi.lupaus.rule-pack/1";

    /** A stable identifier, e.g. {@code standard}. */
    String id();

    /** The pack's own version, e.g. {@code 1.0.0}. */
    String version();

    /** The DRL resources the pack contributes. */
    List<RuleSource> sources();
}
