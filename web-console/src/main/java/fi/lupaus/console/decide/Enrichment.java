package fi.lupaus.console.decide;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fi.lupaus.engine.fact.CustomerAttribute;
import fi.lupaus.engine.fact.Feedback;
import fi.lupaus.engine.plugin.FactEnricher;

/**
 * Asks every fact enricher about a feedback's customer before it is decided. What they answer is
 * given to the rules and recorded in the decision's context; replay reads it from there.
 *
 * <p>An enricher that throws, or answers a key outside its own namespace ({@code id.}), is left
 * out of that decision and logged: the feedback is still decided, on what the others told.
 */
public final class Enrichment {

    public static final Enrichment NONE = new Enrichment(List.of());
    /** Longer values are cut: attributes are short facts for rules, not documents. */
    static final int MAX_VALUE = 200;

    private static final Logger LOG = LoggerFactory.getLogger(Enrichment.class);

    private final List<FactEnricher> enrichers;

    public Enrichment(List<FactEnricher> enrichers) {
        this.enrichers = List.copyOf(enrichers);
    }

    /** What the enrichers tell about the feedback's customer, by name. */
    public List<CustomerAttribute> of(Feedback feedback) {
        if (enrichers.isEmpty()) {
            return List.of();
        }
        List<CustomerAttribute> attributes = new ArrayList<>();
        for (FactEnricher enricher : enrichers) {
            try {
                Map<String, String> answer = enricher.enrich(feedback);
                if (answer != null) {
                    answer.forEach((name, value) -> add(attributes, enricher, name, value));
                }
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("fact enricher {} failed for feedback {}; decided without it: {}", enricher.id(),
                        feedback.id(), e.toString());
            }
        }
        // Sorted, so that the same answers are recorded the same way whatever the enrichers' order.
        attributes.sort(Comparator.comparing(CustomerAttribute::name));
        return attributes;
    }

    private static void add(List<CustomerAttribute> attributes, FactEnricher enricher, String name, String value) {
        if (name == null || !name.startsWith(enricher.id() + ".") || value == null) {
            LOG.warn("fact enricher {} answered {} = {}; names must start with '{}.' and values be given; left out",
                    enricher.id(), name, value, enricher.id());
            return;
        }
        attributes.add(new CustomerAttribute(name, value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE) : value));
    }
}
