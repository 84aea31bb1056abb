// The server's reasons are English, for the systems that read the API. In the Finnish view the
// console says them in Finnish: every validation reason of the API (ServerReasonsInFinnishTest keeps
// it so), the steps refused on cases and rule sets, and the guard's reasons for refusing rule code.
// Drools' own compiler messages stay as Drools wrote them.
import { lang } from './i18n.js';

// Reasons that end a clause of another reason ("… is not allowed in rules: <why>"), tried on the rest.
const GUARD = [
  [/^a fully qualified name can reach any class; import one of the allowed types instead$/, 'täydellä nimellä pääsee mihin tahansa luokkaan; tuo sen sijaan jokin sallituista tyypeistä'],
  [/^lambdas and method references can hide loops and recursion; rules run straight-line code$/, 'lambdat ja metodiviittaukset voivat kätkeä silmukoita ja rekursiota; säännöt ajavat suoraviivaista koodia'],
  [/^a large array can exhaust the server's memory$/, 'suuri taulukko voi kuluttaa palvelimen muistin loppuun'],
  [/^anonymous and local classes can declare methods that recurse.*$/, 'nimettömät ja paikalliset luokat voivat esitellä rekursiivisia metodeja'],
  [/^brackets must pair up within each part of a rule; an unmatched one could break out of the code Drools wraps around it$/, 'sulkeiden on oltava pareittain säännön kussakin osassa; pariton sulje voisi murtautua ulos koodista, jonka Drools kääri sen ympärille'],
  [/^imports belong at the top of a file, not inside rule code$/, 'tuonnit kuuluvat tiedoston alkuun, eivät säännön koodiin'],
  [/^the package statement must come first in a file$/, 'package-lauseen on oltava tiedoston ensimmäinen'],
  [/^the only annotations allowed are Drools' own: (.+)$/, 'vain Droolsin omat annotaatiot ovat sallittuja: $1'],
  [/^an index by name reaches properties and entries that the guard cannot check; call get\(…\) on a map$/, 'nimellä indeksoiden pääsee ominaisuuksiin ja alkioihin, joita vahti ei voi tarkistaa; kutsu mapille get(…)'],
  [/^a loop could run without end; rules run straight-line code, so that every firing ends quickly$/, 'silmukka voisi jatkua loputtomiin; säännöt ajavat suoraviivaista koodia, jotta jokainen laukeaminen päättyy nopeasti'],
  [/^a regular expression can take exponential time on a short text$/, 'säännöllinen lauseke voi viedä lyhyelläkin tekstillä eksponentiaalisen ajan'],
  [/^one call can exhaust the server's memory or time$/, 'yksi kutsu voi kuluttaa palvelimen muistin tai ajan loppuun'],
  [/^the engine gives rules no globals.*$/, 'moottori ei anna säännöille globaaleja muuttujia'],
  [/^must be a pure function of the rule set, the facts and the time.*$/, 'on oltava puhdas funktio sääntöjoukosta, faktoista ja ajasta'],
  [/^its value changes from one run of the server to the next.*$/, 'sen arvo muuttuu palvelimen ajosta toiseen, eikä päätöstä voisi toistaa samana'],
  [/^no type offers it to rules: a misspelt field, or a method or property.*$/, 'mikään tyyppi ei tarjoa sitä säännöille: kirjoitusvirhe kentän nimessä tai metodi tai ominaisuus, jota säännöt eivät saa käyttää'],
  [/^a declared type may not take the name of a java\.lang type$/, 'esitellyllä tyypillä ei saa olla java.lang-tyypin nimeä'],
  [/^a type may be declared only in the file's own package$/, 'tyypin saa esitellä vain tiedoston omassa paketissa'],
  [/^a rule package must not be one that holds library or engine .*$/, 'sääntöjen paketti ei saa olla kirjaston tai moottorin paketti'],
  [/^the Java compiler decodes unicode escapes before it reads .*$/, 'Java-kääntäjä purkaa unicode-koodinvaihdot ennen kuin lukee koodin; kirjoita merkit sellaisinaan'],
  [/^(.*)its text shows a hash set, whose order changes from one run of the server.*$/, '$1sen tekstinä näkyy hajautusjoukko, jonka järjestys muuttuu palvelimen ajosta toiseen'],
  [/^the order of a hash set changes from one run of the server to the next.*$/, 'hajautusjoukon järjestys muuttuu palvelimen ajosta toiseen'],
  [/^a query that calls itself, directly or through other queries, can .*$/, 'itseään suoraan tai muiden kyselyjen kautta kutsuva kysely voi jatkua loputtomiin'],
  [/^a declared field may not take the name of a method that the .*$/, 'esitellyllä kentällä ei saa olla sellaisen metodin nimeä, jota sääntö voisi kutsua'],
  [/^a whole 'this' can be turned into text that changes from one run of the .*$/, 'koko this-olion teksti muuttuu palvelimen ajosta toiseen'],
  [/^invisible and control characters can make code read differently from how it runs$/, 'näkymättömät merkit ja ohjausmerkit voivat saada koodin näyttämään erilaiselta kuin miten se toimii'],
  [/^strings must end on the line they start on, and comments must end.*$/, 'merkkijonon on päätyttävä samalla rivillä, jolla se alkaa, ja kommentin on päätyttävä: muuten ne voivat kätkeä koodia tältä tarkistukselta'],
  [/^text blocks can be read in more than one way; use ordinary strings$/, 'tekstilohkot voi lukea useammalla tavalla; käytä tavallisia merkkijonoja'],
  [/^imported functions run Java code outside the rules$/, 'tuodut funktiot ajavat Java-koodia sääntöjen ulkopuolella'],
  [/^static imports may name only members of the allowed types$/, 'staattinen tuonti saa nimetä vain sallittujen tyyppien jäseniä'],
  [/^custom accumulate functions run Java code outside the rules$/, 'omat accumulate-funktiot ajavat Java-koodia sääntöjen ulkopuolella'],
  [/^functions allow recursion and unbounded loops$/, 'funktiot sallivat rekursion ja rajattomat silmukat'],
  [/^promise and escalation metadata belong to rules$/, 'lupaus- ja eskalaatiotiedot kuuluvat sääntöihin'],
  [/^rule metadata must be two or more key = "text" pairs .*?(e\.g\. .*)?$/, 'säännön metatietojen on oltava kaksi tai useampia avain = "teksti" -pareja (teksti ilman lainausmerkkejä ja kenoviivoja), esim. $1'],
  [/^wildcard imports may name only (.+)$/, 'jokerituonti saa nimetä vain paketit $1'],
  [/^only the (\w+) dialect is allowed: .*$/, 'vain $1-murre on sallittu: vahti lukee koodin kuten Java-kääntäjä, eivätkä MVEL:n omat silmukat, funktiot ja tuonnit tulisi tarkistetuiksi'],
  [/^rules may use only the fact and action types and safe value types$/, 'säännöt saavat käyttää vain fakta- ja toimenpidetyyppejä sekä turvallisia arvotyyppejä'],
  [/^it gives access to classes and reflection$/, 'sillä pääsee luokkiin ja reflektioon'],
  [/^it loads classes or native code$/, 'se lataa luokkia tai natiivikoodia'],
  [/^it ends or controls the server process$/, 'se lopettaa tai ohjaa palvelimen prosessia'],
  [/^it blocks or controls threads$/, 'se pysäyttää tai ohjaa säikeitä'],
  [/^it gives access to the rule session and the engine behind it$/, 'sillä pääsee sääntöistuntoon ja sen takana olevaan moottoriin'],
  [/^it reads files from the class path$/, 'se lukee tiedostoja luokkapolulta'],
  [/^it reads the server's system properties$/, 'se lukee palvelimen järjestelmäominaisuuksia'],
  [/^decisions must not depend on the wall clock or chance; use (.+)$/, 'päätökset eivät saa riippua kellosta tai sattumasta; käytä $1'],
  [/^bind the pattern \(.+\) rather than this, .*$/, 'sido hahmo ($x : Type( … )) this-sanan sijaan, jotta vahti tietää, mitä muuttuja sisältää'],
  [/^streams and iterators walk values without a bound, and in hash order$/, 'virrat ja iteraattorit käyvät arvot läpi rajatta ja hajautusjärjestyksessä'],
  [/^it inserts, modifies or deletes facts of a type that rules of this cycle match, .*$/, 'se lisää, muuttaa tai poistaa faktoja, joihin tämän kierroksen säännöt tarttuvat, joten säännöt voivat ruokkia itseään loputtomiin'],
  [/^MVEL's inline maps are hash maps, .*$/, 'MVEL:n suorat mapit ovat hajautustauluja, joiden järjestys muuttuu palvelimen ajosta toiseen'],
  [/^BigDecimal and BigInteger literals can have exponents that build a billion digits$/, 'BigDecimal- ja BigInteger-literaalien eksponentit voivat rakentaa miljardin numeron luvun'],
  [/^rules may create only fact, action and declared types with new$/, 'säännöt saavat luoda new-sanalla vain fakta-, toimenpide- ja esiteltyjä tyyppejä'],
  [/^rules may not declare classes; use declare for new fact types$/, 'säännöt eivät saa esitellä luokkia; käytä declare-lausetta uusille faktatyypeille'],
  [/^rules must not handle exceptions: .*$/, 'säännöt eivät saa käsitellä poikkeuksia: epäonnistuva sääntö pysäyttää päätöksen eikä jatka'],
  [/^its consequence could not be read$/, 'sen seurausosaa ei voitu lukea'],
];

const FINNISH = [
  // Validation of requests (the API's 400s).
  [/^is required: one of (.+)$/, 'puuttuu: jokin näistä: $1'],
  [/^is required: a string$/, 'puuttuu: teksti'],
  [/^is required: an object$/, 'puuttuu: olio'],
  [/^is required: a name of at most (\d+) characters$/, 'puuttuu: enintään $1 merkin nimi'],
  [/^is required: contacted, compensated, no-answer or other$/, 'puuttuu: tavoitettu, hyvitetty, ei vastausta tai muu'],
  [/^is required: 1–(\d+) characters on one line$/, 'puuttuu: 1–$1 merkkiä yhdellä rivillä'],
  [/^is required: a list of at most (\d+)(.*)$/, 'puuttuu: enintään $1 kohdan luettelo$2'],
  [/^is required: the feedback the scenario gives, as POST \/api\/feedback takes it$/, 'puuttuu: testitapauksen palaute samassa muodossa kuin POST /api/feedback sen ottaa'],
  [/^is required: the feedback to decide, as POST \/api\/feedback takes it$/, 'puuttuu: päätettävä palaute samassa muodossa kuin POST /api/feedback sen ottaa'],
  [/^is required: \[(.+)\]$/, 'puuttuu: [$1]'],
  [/^is empty; send a JSON object$/, 'on tyhjä; lähetä JSON-olio'],
  [/^is empty; send one JSON document$/, 'on tyhjä; lähetä yksi JSON-dokumentti'],
  [/^is not a JSON object$/, 'ei ole JSON-olio'],
  [/^is not valid UTF-8 JSON$/, 'ei ole kelvollista UTF-8-JSONia'],
  [/^is not valid JSON(.*)$/, 'ei ole kelvollista JSONia$1'],
  [/^holds more after its JSON document(.*)$/, 'jatkuu vielä JSON-dokumentin jälkeen$1'],
  [/^is given twice in one object(.*); give each field once$/, 'on annettu kahdesti samassa oliossa$1; anna kukin kenttä kerran'],
  [/^is missing; send Content-Type: application\/json$/, 'puuttuu; lähetä Content-Type: application/json'],
  [/^send application\/json$/, 'lähetä application/json'],
  [/^is not a field of feedback; the fields are (.+)$/, 'ei ole palautteen kenttä; kentät ovat $1'],
  [/^'(.+)' is not a field of feedback(.*)$/, '”$1” ei ole palautteen kenttä$2'],
  [/^'(.+)' is not field:value$/, '”$1” ei ole muotoa kenttä:arvo'],
  [/^'(.+)' is not an ISO-8601 time with an offset, e\.g\. (.+)$/, '”$1” ei ole ISO-8601-aika aikavyöhykkeineen, esim. $2'],
  [/^must be an ISO-8601 time with an offset, e\.g\. (.+)$/, 'on oltava ISO-8601-aika aikavyöhykkeineen, esim. $1'],
  [/^must be an ISO-8601 time with an offset$/, 'on oltava ISO-8601-aika aikavyöhykkeineen'],
  [/^must be between (.+) and a day from now$/, 'on oltava välillä $1 – vuorokausi tästä hetkestä'],
  [/^must be at most (\d+) characters, not (\d+)$/, 'saa olla enintään $1 merkkiä, ei $2'],
  [/^must be a string of at most (\d+) characters$/, 'on oltava enintään $1 merkin teksti'],
  [/^must be text of at most (\d+) characters$/, 'on oltava enintään $1 merkin teksti'],
  [/^must be a string$/, 'on oltava teksti'],
  [/^must not be blank$/, 'ei saa olla tyhjä'],
  [/^must not contain control characters$/, 'ei saa sisältää ohjausmerkkejä'],
  [/^must not contain (.+)$/, 'ei saa sisältää: $1'],
  [/^must not start with '(.+)'(.*)$/, 'ei saa alkaa ”$1”$2'],
  [/^must not have the form of an id the server makes \((.+)\)$/, 'ei saa olla palvelimen tekemän tunnisteen muotoinen ($1)'],
  [/^must be a whole number of hours from 1 to (\d+), without overdue=true$/, 'on oltava kokonainen tuntimäärä 1–$1, ilman overdue=true'],
  [/^must be a whole number from (-?\d+) to (-?\d+)$/, 'on oltava kokonaisluku $1–$2'],
  [/^must be a whole number from (-?\d+) to (-?\d+) for (NPS|CSAT)$/, 'on oltava kokonaisluku $1–$2 ($3)'],
  [/^must be a whole number$/, 'on oltava kokonaisluku'],
  [/^must be a score from 0 to 10$/, 'on oltava arvosana 0–10'],
  [/^must be true or false$/, 'on oltava true tai false'],
  [/^must be after '(.+)'$/, 'on oltava myöhempi kuin ”$1”'],
  [/^must be the 'next' cursor of a previous page of the same sort$/, 'on oltava saman järjestyksen edellisen sivun ”next”'],
  [/^must be the 'next' cursor of a previous page$/, 'on oltava edellisen sivun ”next”'],
  [/^must be the 'next' of a previous page$/, 'on oltava edellisen sivun ”next”'],
  [/^must be open, acknowledged, resolved or cancelled$/, 'on oltava open, acknowledged, resolved tai cancelled (avoin, kuitattu, ratkaistu tai peruttu)'],
  [/^must be opened, due or -due$/, 'on oltava opened, due tai -due'],
  [/^must be kept, broken or on-time$/, 'on oltava kept, broken tai on-time (pidetty, rikottu tai ajallaan)'],
  [/^must be touchpoint, phase or week$/, 'on oltava touchpoint, phase tai week'],
  [/^must be jsonl or csv$/, 'on oltava jsonl tai csv'],
  [/^must be one character$/, 'on oltava yksi merkki'],
  [/^must be one of (.+)$/, 'on oltava jokin näistä: $1'],
  [/^must be a JSON array of feedback$/, 'on oltava JSON-taulukko palautteita'],
  [/^must be a JSON object with the feedback's fields$/, 'on oltava JSON-olio palautteen kentin'],
  [/^must be feedback as POST \/api\/feedback takes it$/, 'on oltava palaute samassa muodossa kuin POST /api/feedback sen ottaa'],
  [/^must hold 1–(\d+) sources$/, 'on oltava 1–$1 lähdetiedostoa'],
  [/^must hold from (\d+) to (\d+) items, not (\d+)$/, 'on oltava $1–$2 kohtaa, ei $3'],
  [/^must hold from (\d+) to any number of items, not (\d+)$/, 'on oltava vähintään $1 kohtaa, ei $2'],
  [/^must hold from 1 to (\d+) feedback, not (\d+)$/, 'on oltava 1–$1 palautetta, ei $2'],
  [/^must be \{(.+)\}$/, 'on oltava {$1}'],
  [/^must be an object \{(.+)\}$/, 'on oltava olio {$1}'],
  [/^must be a relative path of letters, digits, '_' and '-' (.*)$/, 'on oltava suhteellinen polku kirjaimista, numeroista, merkeistä ”_” ja ”-” $1'],
  [/^another source has the same name$/, 'toisella lähdetiedostolla on sama nimi'],
  [/^is taken already$/, 'on jo käytössä'],
  [/^use 1–100 letters, digits, '\.', '_', '@' or '-'$/, 'käytä 1–100 kirjainta, numeroa tai merkkiä ”.”, ”_”, ”@” tai ”-”'],
  [/^ingest is for API tokens of backend systems, not for people$/, 'ingest-rooli on taustajärjestelmien API-avaimille, ei ihmisille'],
  [/^give a new role, a new password, or both$/, 'anna uusi rooli, uusi salasana tai molemmat'],
  [/^give either a kept ruleSetVersion or draft sources$/, 'anna joko tallessa oleva ruleSetVersion tai luonnoksen lähteet'],
  [/^no rule set (.+) is kept in the log$/, 'sääntöjoukkoa $1 ei ole tallessa lokissa'],
  [/^its rule was changed by hand since the form wrote it: edit it as DRL$/, 'sen sääntöä on muokattu käsin lomakkeen kirjoittamisen jälkeen: muokkaa sitä DRL:nä'],
  [/^the file has no column '(.+)' for (.+)$/, 'tiedostossa ei ole saraketta ”$1” kentälle $2'],
  [/^U\+([0-9A-F]{4}) cannot separate columns(.*)$/, 'U+$1 ei voi erottaa sarakkeita'],
  [/^the body is larger than the limit of (\d+) bytes$/, 'sisältö on suurempi kuin $1 tavun raja'],
  [/^an import may be at most (.+)$/, 'tuonti saa olla enintään $1'],
  [/^'(.+)' is the id of other feedback already; nothing of this feedback was stored\..*$/, '”$1” on jo toisen palautteen tunniste; tästä palautteesta ei tallennettu mitään. Sama tunniste palauttaa alkuperäisen päätöksen vain samalle palautteelle: lähetä uusi palaute uudella tunnisteella'],
  // Steps refused: on cases, rule sets and sign-in (409, 404, 429).
  [/^case (\S+) is (\w+): it cannot be (\w+); nothing more can be done with it$/,
    (all, id, state) => `tapaus on ${CASE_STATE[state] ?? state}: sille ei voi tehdä enää mitään`],
  [/^case (\S+) is (\w+): it cannot be (\w+); it can be (.+)$/, (all, id, state, step, allowed) => `tapaus on ${CASE_STATE[state] ?? state}: `
    + `sitä ei voi ${CASE_DONE[step] ?? step}; sen voi ${allowed.split(', ').map((a) => CASE_STEP[a] ?? a).join(', ')}`],
  [/^rule set (.+) has never been live, so there is nothing to roll back to; deploy it instead$/, 'sääntöjoukko $1 ei ole koskaan ollut käytössä, joten siihen ei voi palata; ota se käyttöön'],
  [/^rule set (.+) has no scenario '(.+)'$/, 'sääntöjoukolla $1 ei ole testitapausta ”$2”'],
  [/^the version has no promise (.+)$/, 'versiossa ei ole lupausta $1'],
  [/^no rule set runs in the shadow$/, 'varjoajoa ei ole käynnissä'],
  [/^no rule set is live$/, 'yksikään sääntöjoukko ei ole käytössä'],
  [/^too many sign-in attempts (.+); try again in (\d+) s$/, 'liian monta kirjautumisyritystä; yritä uudelleen $2 s kuluttua'],
  [/^the username or the password is wrong$/, 'käyttäjätunnus tai salasana on väärin'],
  [/^the token is unknown or revoked$/, 'API-avain on tuntematon tai peruttu'],
  [/^not allowed: your role may not do this(.*)$/, 'ei sallittu: roolisi ei saa tehdä tätä'],
  [/^the server is too busy to check who is calling; try again shortly$/, 'palvelin on liian kuormittunut tarkistamaan kutsujan; yritä hetken päästä uudelleen'],
  [/^the server holds as many request bodies as it may; try again shortly$/, 'palvelin pitää jo niin monta pyyntöä kuin voi; yritä hetken päästä uudelleen'],
  [/^the server failed to handle this request; nothing was stored; reference (.+)$/, 'palvelin ei pystynyt käsittelemään pyyntöä, eikä mitään tallennettu; viite $1'],
  [/^the HTTP request is malformed(.*)$/, 'HTTP-pyyntö on virheellinen'],
  [/^the request could not be handled \(HTTP (\d+)\)$/, 'pyyntöä ei voitu käsitellä (HTTP $1)'],
  [/^sign in, or send Authorization: Bearer <token>$/, 'kirjaudu sisään tai lähetä Authorization: Bearer <avain>'],
  [/^(\w+) is not allowed on (.+)$/, '$1 ei ole sallittu osoitteelle $2'],
  [/^delivery (\S+) is (\w+), not dead$/, 'toimitus $1 ei ole kuollut vaan tilassa $2'],
  [/^the rules could not be read(: .*)?$/, 'sääntöjä ei voitu lukea$1'],
  [/^the rules could not be checked: (.+)$/, 'sääntöjä ei voitu tarkistaa: $1'],
  [/^must be (\d+)–(\d+) hours$/, 'on oltava $1–$2 tuntia'],
  [/^must be a whole number of hours$/, 'on oltava kokonainen tuntimäärä'],
  [/^must be lower-case letters and digits joined by '-', e\.g\. (.+)$/, 'saa sisältää vain pieniä kirjaimia ja numeroita väliviivoin yhdistettyinä, esim. $1'],
  [/^must be 1–(\d+) characters without quotes, backslashes or line breaks$/, 'on oltava 1–$1 merkkiä ilman lainausmerkkejä, kenoviivoja ja rivinvaihtoja'],
  [/^must be a team name of lower-case letters and digits joined by '-'$/, 'on oltava tiimin nimi pienin kirjaimin ja numeroin, väliviivoin yhdistettynä'],
  [/^must be 1–(\d+) letters, digits, spaces or '-'$/, 'saa olla 1–$1 kirjainta, numeroa, välilyöntiä tai väliviivaa'],
  [/^must be at least (\d+) characters$/, 'on oltava vähintään $1 merkkiä'],
  [/^must be at most (\d+) characters$/, 'saa olla enintään $1 merkkiä'],
  [/^is required: why the case is cancelled$/, 'puuttuu: kirjoita, miksi tapaus perutaan'],
  [/^scenario '(.+)' expects (.+) but the rules give (.+)$/, 'testitapaus ”$1” odottaa: $2, mutta säännöt antavat: $3'],
  [/^'(.+)' is not allowed in rules: (.+)$/, (all, what, why) => `”${what}” ei ole sallittu säännöissä: ${guardText(why)}`],
  [/^(.+) is outside from (-?\d+) to (-?\d+) for (NPS|CSAT)$/, '$1 ei ole välillä $2–$3 ($4)'],
  [/^'(.*)' is not one of (.+)$/, '”$1” ei ole mikään näistä: $2'],
  [/^there is no case (.+)$/, 'tapausta $1 ei löydy'],
  [/^there is no decision (.+?)( whose rule set is kept)?$/, (all, id, kept) => (kept ? `päätöstä ${id} ei löydy tai sen sääntöjoukkoa ei ole tallessa` : `päätöstä ${id} ei löydy`)],
  [/^there is no delivery (.+)$/, 'toimitusta $1 ei löydy'],
  [/^there is no live token (.+)$/, 'voimassa olevaa API-avainta $1 ei löydy'],
  [/^there is no rule set (.+)$/, 'sääntöjoukkoa $1 ei löydy'],
  [/^there is no user (.+)$/, 'käyttäjää $1 ei löydy'],
  [/^there is no (.+)$/, 'ei löydy: $1'],
  // The run-time check of bodies against the OpenAPI document's schemas (RequestSchemas), in its words.
  [/^is not a field here; the fields are (.+)$/, 'ei ole tämän kohdan kenttä; kentät ovat $1'],
  [/^(-?[\d.]+) is outside from (-?[\d.]+) to (-?[\d.]+)$/, '$1 ei ole välillä $2–$3'],
  [/^must be at least (-?[\d.]+)$/, 'on oltava vähintään $1'],
  [/^must be at most (-?[\d.]+)$/, 'saa olla enintään $1'],
  [/^must match (.+)$/, 'on oltava muotoa $1'],
  [/^must be ((?:a string|a whole number|a number|true or false|a JSON object|a JSON array)(?: or (?:a string|a whole number|a number|true or false|a JSON object|a JSON array))*)$/,
    (all, types) => `on oltava ${types.split(' or ').map((type) => TYPE[type]).join(' tai ')}`],
  [/^must be a ([\w-]+)$/, 'on oltava muotoa $1'],
  [/^must not be an id of the server's own making: (.+)$/, 'ei saa olla palvelimen itse tekemä tunniste: $1'],
  [/^Instance does not match any subschemas$/, 'ei vastaa mitään sallituista muodoista'],
  [/^does not match the operation's schema in the OpenAPI document$/, 'ei vastaa OpenAPI-kuvauksen skeemaa tälle pyynnölle'],
  // Verify's problems with the decision log.
  [/^replay differs: (.+)$/, (all, how) => `uudelleen päätettynä tulos eroaa: ${how.split('; ').map(replayDifference).join('; ')}`],
  [/^fired rules were (.*), now (.*)$/, 'lauenneet säännöt olivat $1, nyt $2'],
  [/^actions were (.*), now (.*)$/, 'toimenpiteet olivat $1, nyt $2'],
  [/^records (\d+) to (\d+) of the chain are missing$/, 'ketjusta puuttuvat tietueet $1–$2'],
  [/^records (\d+) to (\d+) are not signed with LUPAUS_CHAIN_KEY: .*$/, 'tietueita $1–$2 ei ole allekirjoitettu LUPAUS_CHAIN_KEY-avaimella: ne kirjoitti palvelin ilman avainta, tai ne on kirjoitettu uudelleen ja niiden tarkistuspiste poistettu'],
  [/^the record's format (.+) is unknown: it was changed after it was written$/, 'tietueen muoto $1 on tuntematon: sitä on muutettu kirjoittamisen jälkeen'],
  [/^the record's feedback was changed after it was written.*$/, 'tietueen palautetta (tai sen kontekstia, asiakastunnusta tai avainta) on muutettu kirjoittamisen jälkeen: ne eivät enää vastaa tiivistettään'],
  [/^the record was changed after it was written.*$/, 'tietuetta on muutettu kirjoittamisen jälkeen (sen päätöstä tai vastauksen aikaa, arvosanaa, kyselyä, kohtaamispistettä, vaihetta tai reklamaatiota): sen sisältö ei enää vastaa tiivistettään'],
  [/^the chain does not link to the record before: .*$/, 'ketju ei liity edelliseen tietueeseen: tietuetta on muutettu, se on poistettu tai järjestystä on muutettu'],
  [/^the stored (.+) no longer match the record's feedback: changed after it was written$/, (all, what) => `tallennetut ${what.replace("the answer's columns", 'vastauksen sarakkeet')} eivät enää vastaa tietueen palautetta: muutettu kirjoittamisen jälkeen`],
  [/^the record is erased, but its customer id, key or context was written after the erasure$/, 'tietue on poistettu, mutta sen asiakastunnus, avain tai konteksti on kirjoitettu poiston jälkeen'],
  [/^the checkpoint at record (\d+) is not signed with this LUPAUS_CHAIN_KEY: .*$/, 'tietueen $1 tarkistuspistettä ei ole allekirjoitettu tällä LUPAUS_CHAIN_KEY-avaimella: se on väärennetty tai muutettu (tai avain on toinen)'],
  [/^record (\d+) was signed as the chain's head, but the log no longer holds it: .*$/, 'tietue $1 allekirjoitettiin ketjun viimeisenä, mutta lokissa ei enää ole sitä: lokia on katkaistu'],
  [/^record (\d+) is not the one signed at its checkpoint: .*$/, 'tietue $1 ei ole se, joka tarkistuspisteessä allekirjoitettiin: ketju on kirjoitettu uudelleen tästä tai aiemmasta kohdasta'],
  [/^case (\S+) was opened by a decision the log does not hold$/, 'tapauksen $1 avasi päätös, jota lokissa ei ole'],
  [/^case (\S+) no longer says what the decision that opened it says .*$/, 'tapaus $1 ei enää vastaa päätöstä, joka sen avasi (asiakas, lupaus, määräaika, vastaanotto- tai avausaika): muutettu kirjoittamisen jälkeen'],
  [/^a (\S+) contact no longer says what its decision says .*$/, 'yhteydenotto $1 ei enää vastaa päätöstään (asiakas tai laji), tai sen päätös puuttuu: muutettu kirjoittamisen jälkeen'],
  [/^the customer's personal data was erased, so this decision cannot be replayed$/, 'asiakkaan henkilötiedot on poistettu, joten päätöstä ei voi toistaa'],
  [/^is required(: .*)?$/, 'puuttuu$1'],
];

// The types the schema check names, as "must be a string or a whole number" says them.
const TYPE = {
  'a string': 'teksti', 'a whole number': 'kokonaisluku', 'a number': 'luku', 'true or false': 'true tai false',
  'a JSON object': 'JSON-olio', 'a JSON array': 'JSON-taulukko',
};

/** One difference of a replay: "fired rules were [A], now [B]", "actions were […], now […]". */
function replayDifference(difference) {
  return difference
    .replace(/^fired rules were (.*), now (.*)$/, 'lauenneet säännöt olivat $1, nyt $2')
    .replace(/^actions were (.*), now (.*)$/, 'toimenpiteet olivat $1, nyt $2');
}

// A case's states and steps as the server names them in its reasons.
const CASE_STATE = { open: 'avoin', acknowledged: 'kuitattu', resolved: 'ratkaistu', cancelled: 'peruttu' };
const CASE_DONE = { acknowledged: 'kuitata', resolved: 'ratkaista', reassigned: 'siirtää', cancelled: 'perua' };
const CASE_STEP = { acknowledge: 'kuitata', resolve: 'ratkaista', reassign: 'siirtää', cancel: 'perua' };

/** A reason from the server in the user's language, where it is known; else as it came. */
export function reasonText(reason) {
  if (lang() !== 'fi' || typeof reason !== 'string') return reason;
  for (const [pattern, finnish] of FINNISH) {
    // Where in a body a JSON error is, as the server says it.
    if (pattern.test(reason)) return reason.replace(pattern, finnish).replace(/ at line (\d+), column (\d+)/, ' (rivi $1, sarake $2)');
  }
  return reason;
}

function guardText(why) {
  for (const [pattern, finnish] of GUARD) {
    if (pattern.test(why)) return why.replace(pattern, finnish);
  }
  return why;
}

// Drools' and the Java compiler's own messages stay as they wrote them (they name the code); the
// Finnish view says beside them what they mean, first to match.
const COMPILER = [
  [/no viable alternative at input '(.*?)'/, 'Drools ei ymmärrä koodia kohdassa ”$1”: tarkista sulkeet, operaattorit ja lainausmerkit'],
  [/mismatched input '(.*?)' expecting (.+?)( in rule|$)/, 'Drools odotti tässä kohdassa $2 eikä ”$1”'],
  [/mismatched input '(.*?)'/, 'Drools ei odottanut tässä kohdassa ”$1”: jotakin puuttuu sen edeltä, esimerkiksi sulje'],
  [/missing (.+?) at '(.*?)'/, 'kohdasta ”$2” puuttuu edeltä $1'],
  [/extraneous input '(.*?)'/, 'ylimääräinen ”$1”: poista se'],
  [/trailing semi-colon not allowed/, 'puolipiste ei kuulu tähän: poista se'],
  [/^\[ERR \d+\]/, 'DRL-kielioppivirhe: Drools ei pystynyt lukemaan tätä kohtaa'],
  [/^Duplicate rule name: (.+)$/, 'kahdella säännöllä on sama nimi ”$1”: anna kullekin oma nimensä'],
  [/^Type mismatch: cannot convert from (.+) to (.+)$/, 'tyyppivirhe: tyypin $1 arvoa ei voi muuttaa tyypiksi $2'],
  [/^(\S+) cannot be resolved to a variable$/, 'muuttujaa $1 ei tunneta: kirjoitusvirhe, tai sitä ei ole sidottu ehdoissa ($1 : …)'],
  [/^(\S+) cannot be resolved to a type$/, 'tyyppiä $1 ei tunneta: kirjoitusvirhe, tai sitä ei ole tuotu import-lauseella'],
  [/^(\S+) cannot be resolved$/, 'nimeä $1 ei tunneta: kirjoitusvirhe, tai se puuttuu'],
  [/^The method (\S+) is undefined for the type (\S+)$/, 'tyypillä $2 ei ole metodia $1'],
  [/^The operator (.+) is undefined for the argument type\(s\) (.+)$/, 'operaattoria $1 ei voi käyttää tyypeille $2'],
  [/^Unable to resolve ObjectType '(.+?)'/, 'faktatyyppiä $1 ei löydy: tuo se import-lauseella tai tarkista nimi'],
  [/^Unable to Analyse Expression/, 'Drools ei pystynyt tulkitsemaan lauseketta: tarkista kenttien nimet ja tyypit'],
  [/^Syntax error/, 'Java-kielioppivirhe säännön then-osassa'],
  [/^Unreachable code|is never used|Dead code/, 'osa koodista ei koskaan suoriudu'],
];

/**
 * A message about rule code, as the editor lists it: a reason of Lupaus's own in the user's language;
 * one of Drools or the Java compiler as written, with what it means beside it in the Finnish view.
 */
export function compilerText(message) {
  const said = reasonText(message);
  if (lang() !== 'fi' || said !== message || typeof message !== 'string') return said;
  const known = COMPILER.find(([pattern]) => pattern.test(message));
  const meaning = known ? message.match(known[0])[0].replace(known[0], known[1]) : 'kääntäjä ei hyväksynyt tätä kohtaa';
  return `${meaning.charAt(0).toUpperCase()}${meaning.slice(1)}. Drools: ${message}`;
}
