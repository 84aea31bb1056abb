package fi.lupaus.engine.fact;

/** The customer's loyalty-programme tier. */
public enum LoyaltyTier {
    NONE, BRONZE, SILVER, GOLD
}
