package fi.lupaus.engine.fact;

/** Where the customer met the company. */
public enum Touchpoint {
    STORE, WEB, APP, PHONE, CHAT, EMAIL, SOCIAL
}
