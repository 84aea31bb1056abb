package fi.lupaus.engine.plugin;

import java.util.Map;

import org.pf4j.ExtensionPoint;

import fi.lupaus.engine.fact.Feedback;

/**
 * Extension point {@value #EXTENSION_POINT}: adds context to a feedback before it is decided,
 * e.g. the customer's tier or open orders from a CRM.
 *
 * <p>Contract: {@link #enrich} is called on a worker thread, before the rules run, once per
 * feedback; it must answer quickly (a slow source is the enricher's to cache or time out) and
 * never throw for a customer it does not know (answer an empty map). What it answers is
 * <em>recorded with the decision</em>: replay and backtest read the recorded context and never
 * call an enricher again, so a decision stays a pure function of its recorded inputs. Keys are
 * namespaced by the enricher's id ({@code crm.tier}); values are short text.
 */
public interface FactEnricher extends ExtensionPoint {

    String EXTENSION_POINT = "fi.lupaus.fact-enricher/1";

    /** A stable identifier, e.g. {@code crm}; the prefix of every key it answers. */
    String id();

    /** Context about the feedback's customer, as name → value; empty when there is none. */
    Map<String, String> enrich(Feedback feedback);
}
