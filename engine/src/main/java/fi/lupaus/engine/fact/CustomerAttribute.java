package fi.lupaus.engine.fact;

import java.util.Objects;

/**
 * Something a fact enricher told about the feedback's customer, e.g. {@code crm.tier = gold},
 * given to the rules beside the feedback and recorded with the decision:
 * {@code CustomerAttribute( name == "crm.tier", value == "gold" )}.
 */
public record CustomerAttribute(String name, String value) {

    public CustomerAttribute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
