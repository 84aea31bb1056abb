package fi.lupaus.examples.generator;

import java.util.List;
import java.util.Random;

/**
 * Free-text comments as customers of a Finnish retail chain write them, in Finnish and English.
 * Store comments name one of the chain's stores; the rest fit the channel and journey phase.
 */
final class Comments {

    /** A store, as a Finnish inessive phrase and as English. */
    private record Store(String fi, String en) {
    }

    private record Phrases(List<String> fi, List<String> en) {

        String pick(Random random, boolean finnish) {
            List<String> pool = finnish ? fi : en;
            return pool.get(random.nextInt(pool.size()));
        }
    }

    private static final Weighted<Store> STORES = Weighted.<Store>builder()
            .add(new Store("Kampin myymälässä", "the Kamppi store in Helsinki"), 22)
            .add(new Store("Iso Omenan myymälässä", "the Iso Omena store in Espoo"), 14)
            .add(new Store("Ratinan myymälässä", "the Ratina store in Tampere"), 14)
            .add(new Store("Hansan myymälässä", "the Hansa store in Turku"), 12)
            .add(new Store("Valkean myymälässä", "the Valkea store in Oulu"), 10)
            .add(new Store("Forumin myymälässä", "the Forum store in Jyväskylä"), 10)
            .add(new Store("Matkuksen myymälässä", "the Matkus store in Kuopio"), 9)
            .add(new Store("Trion myymälässä", "the Trio store in Lahti"), 9)
            .build();

    private static final Phrases PRE_POSITIVE = new Phrases(List.of(
            "Sivuilta löytyi selkeästi aukioloajat ja tuotteiden saatavuus.",
            "Sain hyvät vinkit ennen ostopäätöstä.",
            "Tuotevertailu oli helppoa ja hinnat selkeästi esillä."), List.of(
            "Opening hours and stock levels were easy to find.",
            "Got good advice before deciding what to buy."));
    private static final Phrases PRE_NEUTRAL = new Phrases(List.of(
            "Tuotetiedoissa oli puutteita, jouduin kysymään erikseen.",
            "Ihan ok, mutta hintoja oli vaikea vertailla."), List.of(
            "Product details were thin, I had to ask separately."));
    private static final Phrases PRE_NEGATIVE = new Phrases(List.of(
            "Saatavuustieto oli väärin, tuotetta ei ollutkaan myymälässä.",
            "Kysymykseeni ei vastattu ennen kuin ostin muualta.",
            "Mainoksen hinta ei pitänyt paikkaansa."), List.of(
            "The stock information was wrong, the store did not have it.",
            "Nobody answered my question, so I bought elsewhere."));

    private static final Phrases STORE_POSITIVE = new Phrases(List.of(
            "Myyjä oli todella ystävällinen ja auttoi löytämään oikean koon %s.",
            "Nopea ja sujuva asiointi %s, kiitos!",
            "Hyvä valikoima ja siistit hyllyt %s.",
            "Kassalla ei tarvinnut jonottaa ja palvelu pelasi.",
            "Sain asiantuntevaa neuvontaa, tulen varmasti uudelleen."), List.of(
            "Friendly staff at %s, they helped me find the right size.",
            "Quick and easy visit to %s, thanks!",
            "Great selection and tidy shelves."));
    private static final Phrases STORE_NEUTRAL = new Phrases(List.of(
            "Ihan ok käynti %s, mutta kassajono oli pitkä.",
            "Tuotteet hyviä, mutta henkilökuntaa oli vaikea löytää.",
            "Hinnat vähän korkeat, muuten hyvä."), List.of(
            "Decent visit to %s, but the checkout queue was long.",
            "Good products, but hard to find anyone to ask."));
    private static final Phrases STORE_NEGATIVE = new Phrases(List.of(
            "Jono oli pitkä ja vain yksi kassa auki %s.",
            "Myyjä ei ehtinyt auttaa, lähdin tyhjin käsin.",
            "Mainostettu tuote oli loppu %s.",
            "Epäystävällinen palvelu kassalla."), List.of(
            "Long queue and only one till open at %s.",
            "The advertised product was sold out at %s.",
            "Nobody had time to help me."));

    private static final Phrases DIGITAL_POSITIVE = new Phrases(List.of(
            "Tilaus tuli perille seuraavana päivänä, kiitos!",
            "Sovellus toimii hyvin ja maksaminen oli helppoa.",
            "Verkkokaupasta löytyi helposti mitä etsin.",
            "Noutopisteestä sai paketin heti."), List.of(
            "Order arrived the next day, great service.",
            "The app is easy to use and checkout was smooth."));
    private static final Phrases DIGITAL_NEUTRAL = new Phrases(List.of(
            "Toimitus kesti odotettua kauemmin, mutta tuote oli hyvä.",
            "Sivusto oli välillä hidas.",
            "Sovelluksen haku ei löytänyt kaikkea."), List.of(
            "Delivery took a bit longer than promised.",
            "The site was slow at times."));
    private static final Phrases DIGITAL_NEGATIVE = new Phrases(List.of(
            "Sovellus kaatui maksuvaiheessa kaksi kertaa.",
            "Toimitus myöhästyi viikolla eikä kukaan ilmoittanut.",
            "Tuotteen kuvaus ei vastannut todellisuutta.",
            "Seurantakoodi ei toiminut lainkaan."), List.of(
            "The app crashed twice at checkout.",
            "Delivery was a week late and nobody told me.",
            "The product looked nothing like the pictures."));

    // The contact centre answers by phone, chat, email and social media alike, so no channel is named.
    private static final Phrases CONTACT_POSITIVE = new Phrases(List.of(
            "Asiakaspalvelu ratkaisi asian heti ensimmäisellä yhteydenotolla.",
            "Sain nopeasti vastauksen, kiitos.",
            "Kiitos ystävällisestä ja asiantuntevasta palvelusta.",
            "Palautus hoitui vaivattomasti."), List.of(
            "Customer service solved my issue on the first contact.",
            "Quick answer, thank you."));
    private static final Phrases CONTACT_NEUTRAL = new Phrases(List.of(
            "Vastaus tuli, mutta jouduin odottamaan pitkään.",
            "Asia hoitui, vaikka piti selittää se kahdesti."), List.of(
            "Got an answer, but the wait was long.",
            "Sorted in the end, but I had to explain it twice."));
    private static final Phrases CONTACT_NEGATIVE = new Phrases(List.of(
            "Jonotin 40 minuuttia eikä kukaan vastannut.",
            "Viestiini ei ole vastattu viikkoon.",
            "Sain kolme eri vastausta samaan kysymykseen."), List.of(
            "Waited 40 minutes and nobody answered.",
            "My message has gone unanswered for a week."));

    private static final Phrases COMPLAINT = new Phrases(List.of(
            "Tuote oli rikki pakkausta avattaessa, haluan hyvityksen.",
            "Minulta veloitettiin tilauksesta kahdesti.",
            "Palautukseni hyvitystä ei ole vieläkään tullut.",
            "Takuukorjaus on kestänyt jo kuukauden.",
            "Tilauksesta puuttui tuote, vaikka se veloitettiin."), List.of(
            "The product was broken when I opened it, I want a refund.",
            "I was charged twice for the order.",
            "My refund for the return still hasn't arrived."));

    /** Draws the store, then the phrase, so the number of draws never depends on the text. */
    String pick(Random random, boolean finnish, Sentiment sentiment, boolean complaint, String touchpoint,
            String phase) {
        Store store = STORES.pick(random);
        Phrases phrases = complaint ? COMPLAINT : phrases(sentiment, touchpoint, phase);
        String text = phrases.pick(random, finnish);
        return text.contains("%s") ? text.formatted(finnish ? store.fi() : store.en()) : text;
    }

    private static Phrases phrases(Sentiment sentiment, String touchpoint, String phase) {
        if (phase.equals("pre")) {
            return choose(sentiment, PRE_POSITIVE, PRE_NEUTRAL, PRE_NEGATIVE);
        }
        return switch (touchpoint) {
            case "store" -> choose(sentiment, STORE_POSITIVE, STORE_NEUTRAL, STORE_NEGATIVE);
            case "web", "app" -> choose(sentiment, DIGITAL_POSITIVE, DIGITAL_NEUTRAL, DIGITAL_NEGATIVE);
            default -> choose(sentiment, CONTACT_POSITIVE, CONTACT_NEUTRAL, CONTACT_NEGATIVE);
        };
    }

    private static Phrases choose(Sentiment sentiment, Phrases positive, Phrases neutral, Phrases negative) {
        return switch (sentiment) {
            case POSITIVE -> positive;
            case NEUTRAL -> neutral;
            case NEGATIVE -> negative;
        };
    }
}
