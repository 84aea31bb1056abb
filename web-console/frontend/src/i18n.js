// Finnish and English. The choice is kept in localStorage; Finnish is the default.
const STORAGE_KEY = 'lupaus.lang';

const fi = {
  skip: 'Siirry sisältöön', 'nav.label': 'Päävalikko', 'lang.switch': 'Vaihda kieli englanniksi',
  'nav.rules': 'Säännöt', 'nav.decisions': 'Päätökset', 'nav.audit': 'Tarkastus', 'nav.cases': 'Tapaukset', 'nav.scoreboard': 'Tulostaulu',
  who: '{name} ({role})', signOut: 'Kirjaudu ulos', signedOut: 'Olet kirjautunut ulos.',
  sessionEnded: 'Istuntosi päättyi. Kirjaudu uudelleen sisään, niin jatkat samasta kohdasta.',
  'role.admin': 'ylläpitäjä', 'role.cx-manager': 'asiakaskokemuspäällikkö', 'role.auditor': 'tarkastaja', 'role.ingest': 'järjestelmä',
  'signIn.title': 'Kirjaudu sisään', 'signIn.lead': 'Lupaus muuttaa asiakaspalautteen pidetyiksi lupauksiksi. Kirjaudu käyttäjätunnuksellasi.',
  'signIn.username': 'Käyttäjätunnus', 'signIn.password': 'Salasana', 'signIn.submit': 'Kirjaudu', 'signIn.busy': 'Kirjaudutaan…',
  'signIn.wrong': 'Käyttäjätunnus tai salasana on väärin. Tarkista ne ja yritä uudelleen.',
  'common.yes': 'kyllä', 'common.no': 'ei', 'common.any': 'Mikä tahansa', 'common.anyTouchpoint': 'Kaikki kohtaamispisteet',
  'common.anyPhase': 'Kaikki vaiheet', 'common.anyTier': 'Kaikki kanta-asiakastasot', 'common.loading': 'Ladataan…', 'common.saving': 'Tallennetaan…',
  'common.searching': 'Haetaan…', 'common.comingSoon': 'Tämä sivu tulee käyttöön pian.', 'common.notFound': 'Sivua ei löydy',
  'common.toStart': 'Takaisin alkuun', 'common.notAllowed': 'Ei oikeutta', 'common.nothingForYou': 'Roolillasi ei ole konsolissa sivuja. Pyydä ylläpitäjältä oikeudet.',
  'error.network': 'Palvelimeen ei saada yhteyttä. Tarkista verkkoyhteys ja yritä hetken päästä uudelleen.',
  'error.400': 'Palvelin ei hyväksynyt pyyntöä. Korjaa alla mainitut kohdat ja yritä uudelleen.',
  'error.401': 'Et ole kirjautunut sisään. Kirjaudu sisään ja yritä uudelleen.',
  'error.403': 'Sinulla ei ole oikeutta tähän. Pyydä ylläpitäjältä oikeus, tai lataa sivu uudelleen, jos istuntosi on vanhentunut.',
  'error.404': 'Pyydettyä ei löytynyt. Se on ehkä poistettu; palaa edelliselle sivulle.',
  'error.409': 'Toimintoa ei voitu tehdä nykytilassa. Katso syyt alta.',
  'error.413': 'Lähetetty sisältö on liian suuri. Lyhennä sitä ja yritä uudelleen.',
  'error.422': 'Sääntöjä ei voitu kääntää. Korjaa alla mainitut rivit ja yritä uudelleen.',
  'error.429': 'Liian monta pyyntöä lyhyessä ajassa. Odota hetki ja yritä uudelleen.',
  'error.503': 'Palvelin on juuri nyt kuormittunut. Yritä muutaman sekunnin päästä uudelleen.',
  'error.500': 'Palvelimella tapahtui virhe, eikä mitään tallennettu. Yritä uudelleen; jos virhe toistuu, kerro ylläpitäjälle alla oleva viite.',
  'action.THANK': 'Kiitä asiakasta', 'action.OPEN_CASE': 'Avaa tapaus', 'action.RECOVERY': 'Tarjoa hyvitys', 'action.AFTERCARE': 'Jälkihoito',
  'action.promise': 'lupaus {promise}', 'action.owner': 'vastuu: {owner}', 'action.due': 'määräaika {time}', 'action.scheduled': 'ajoitettu {time}',
  'action.loyaltyBenefit': 'kanta-asiakasetu', 'priority.normal': 'tavallinen kiireellisyys', 'priority.high': 'kiireellinen',
  'touchpoint.store': 'myymälä', 'touchpoint.web': 'verkkokauppa', 'touchpoint.app': 'sovellus', 'touchpoint.phone': 'puhelin',
  'touchpoint.chat': 'chat', 'touchpoint.email': 'sähköposti', 'touchpoint.social': 'sosiaalinen media',
  'phase.pre': 'ennen ostoa', 'phase.core': 'palvelun aikana', 'phase.after': 'oston jälkeen',
  'tier.none': 'ei kanta-asiakas', 'tier.bronze': 'pronssi', 'tier.silver': 'hopea', 'tier.gold': 'kulta',
  'survey.NPS': 'NPS (suositteluhalukkuus 0–10)', 'survey.CSAT': 'CSAT (tyytyväisyys 1–5)', 'survey.npsHint': '0–10: 0–6 arvostelija, 9–10 suosittelija', 'survey.csatHint': '1–5: 1–2 on huono arvio',
  'fb.customerId': 'Asiakastunnus', 'fb.receivedAt': 'Vastaanotettu', 'fb.touchpoint': 'Kohtaamispiste', 'fb.phase': 'Asiakaspolun vaihe',
  'fb.score': 'Arvio', 'fb.scoreOnly': 'Arvosana', 'fb.survey': 'Kysely', 'fb.complaint': 'Asiakas tekee valituksen', 'fb.loyaltyTier': 'Kanta-asiakastaso',
  'fb.complaintFact': 'Valitus', 'fb.comment': 'Kommentti', 'fb.orderId': 'Tilausnumero', 'fb.feedbackId': 'Palautteen tunnus',
  'decisions.title': 'Päätökset', 'decisions.lead': 'Hae päätöksiä asiakkaan, ajan, säännön tai toimenpiteen mukaan. Avaa päätös nähdäksesi, miksi se tehtiin.',
  'decisions.from': 'Alkaen', 'decisions.to': 'Ennen', 'decisions.rule': 'Laukaissut sääntö', 'decisions.ruleHint': 'Osa säännön nimestä',
  'decisions.action': 'Toimenpide', 'decisions.search': 'Hae', 'decisions.when': 'Päätetty', 'decisions.fired': 'Lauenneet säännöt',
  'decisions.actions': 'Toimenpiteet', 'decisions.version': 'Sääntöversio', 'decisions.count': 'Löytyi {n} päätöstä.', 'decisions.more': 'Näytä lisää',
  'decisions.back': 'Takaisin hakuun',
  'decision.title': 'Päätös', 'decision.summary': 'Päätetty {time} asiakkaalle {customer} sääntöversiolla', 'decision.feedback': 'Palaute',
  'decision.firedRules': 'Lauenneet säännöt järjestyksessä', 'decision.actions': 'Toimenpiteet', 'decision.noRules': 'Yksikään sääntö ei lauennut.',
  'decision.noActions': 'Ei toimenpiteitä.', 'decision.erased': 'Asiakkaan henkilötiedot on poistettu.', 'decision.erasedShort': '(poistettu)',
  'decision.explain': 'Selitä päätös', 'decision.replay': 'Toista päätös', 'decision.replaying': 'Toistetaan…',
  'explain.title': 'Selitys', 'explain.lead': '{fired} sääntöä {all}:stä laukesi. Jokaisen säännön ehdot ja se, täyttyivätkö ne:',
  'explain.firedRules': 'Lauenneet säännöt', 'explain.notFiredRules': 'Säännöt, jotka eivät lauenneet', 'explain.fired': 'Laukesi', 'explain.notFired': 'Ei lauennut',
  'explain.fact': 'Tieto', 'explain.condition': 'Ehto', 'explain.held': 'Täyttyikö',
  'held.yes': 'täyttyi', 'held.no': 'ei täyttynyt', 'held.notReached': 'ei tarkistettu',
  'why.before': 'Ei lauennut, koska ehto ', 'why.after': ' ei täyttynyt', 'why.notDetailed': 'Tämän säännön ehtoja ei voi selittää yksitellen.', 'why.unknown': 'Ei lauennut.',
  'replay.title': 'Toisto', 'replay.identical': 'Sama päätös: sääntöversio, tiedot ja aika tuottavat tänään täsmälleen saman tuloksen.',
  'replay.different': 'Eri päätös! Toisto ei tuottanut tallennettua tulosta. Erot:', 'replay.erased': 'Tätä päätöstä ei voi toistaa, koska asiakkaan henkilötiedot on poistettu pyynnöstä.',
  'replay.recorded': 'Tallennettu', 'replay.replayed': 'Toistettu',
  'audit.title': 'Tarkastus', 'audit.lead': 'Varmista, ettei päätöslokia ole muutettu, ja katso, mitä sääntömuutos olisi tehnyt aiemmalle palautteelle.',
  'verify.title': 'Tarkista päätösloki', 'verify.lead': 'Tarkistaa ketjun eheyden ja toistaa jokaisen päätöksen valitulta ajalta. Tyhjä aika tarkistaa koko lokin.',
  'verify.start': 'Aloita tarkistus', 'verify.progress': 'Tarkistettu {n} päätöstä…', 'verify.clean': 'Loki on eheä: {n} päätöstä tarkistettu, kaikki toistuivat samoina.',
  'verify.problems': '{n} ongelmaa {checked} tarkistetussa päätöksessä:', 'verify.record': 'Tietue {seq}',
  'backtest.title': 'Koeajo historiaan', 'backtest.lead': 'Päättää valitun ajan palautteen uudelleen toisella sääntöversiolla ja näyttää, mitkä toimenpiteet olisivat muuttuneet.',
  'backtest.version': 'Sääntöversio', 'backtest.start': 'Aloita koeajo', 'backtest.progress': 'Päätetty {n} palautetta…',
  'backtest.summary': '{decided} palautetta päätetty uudelleen, {changed} päätöstä muuttuisi.', 'backtest.before': 'Nyt', 'backtest.after': 'Uudella versiolla',
  'backtest.byAction': 'Toimenpiteet', 'backtest.byRule': 'Lauenneet säännöt', 'backtest.chart': 'Toimenpiteiden määrät nyt ja uudella versiolla',
  'export.title': 'Vie päätökset', 'export.lead': 'Lataa valitun ajan päätökset tiedostona.', 'export.jsonl': 'Lataa JSON Lines', 'export.csv': 'Lataa CSV',
  'rules.title': 'Säännöt', 'rules.lead': 'Asiakaslupaukset ja jatkotoimet sääntöinä. Jokainen tallennus on oma versionsa; käytössä on aina yksi.',
  'rules.liveIs': 'Käytössä nyt:', 'rules.editLive': 'Avaa ja muokkaa', 'rules.open': 'Avaa', 'rules.openEdit': 'Avaa',
  'rules.versions': 'Versiot, uusin ensin', 'rules.version': 'Versio', 'rules.comment': 'Kommentti', 'rules.author': 'Tekijä', 'rules.created': 'Tallennettu',
  'rules.deployedAt': 'Otettu käyttöön', 'rules.scenarios': 'Testitapauksia', 'rules.do': 'Toiminnot', 'rules.live': 'käytössä', 'rules.wasLive': 'ollut käytössä',
  'rules.draft': 'luonnos', 'rules.deploy': 'Ota käyttöön', 'rules.rollback': 'Palauta tämä versio', 'rules.deploying': 'Otetaan käyttöön…',
  'rules.deployed': 'Versio {version} on nyt käytössä.', 'rules.rolledBack': 'Palautettu versioon {version}.', 'rules.rollbackComment': 'Palautus versioon {version}',
  'rules.compare': 'Vertaa kahta versiota', 'rules.compareFrom': 'Vanhempi', 'rules.compareTo': 'Uudempi', 'rules.showDiff': 'Näytä erot', 'rules.back': 'Kaikki versiot',
  'deploy.refused': 'Versiota ei otettu käyttöön, koska testitapaukset eivät mene läpi:',
  'deploy.refusedHelp': 'Korjaa säännöt tai testitapaukset, tallenna uusi luonnos ja yritä uudelleen. Käytössä oleva versio ei muuttunut.',
  'diff.title': 'Versioiden erot', 'diff.lead': 'Muutokset versiosta toiseen:', 'diff.none': 'Versioissa ei ole eroja.',
  'diff.added': 'lisätty', 'diff.removed': 'poistettu', 'diff.changed': 'muutettu', 'diff.same': 'ennallaan',
  'workspace.title': 'Sääntöversio {version}', 'workspace.meta': 'Tallentanut {author} {time}', 'workspace.basedOn': 'pohjana',
  'workspace.newPromise': 'Uusi lupaus lomakkeella', 'workspace.diffLive': 'Erot käytössä olevaan', 'workspace.files': 'Sääntötiedostot', 'workspace.sources': 'Säännöt',
  'workspace.save': 'Tallenna luonnokseksi', 'workspace.comment': 'Mitä muutit?', 'workspace.commentHint': 'Kommentti näkyy versiohistoriassa.',
  'workspace.commentNeeded': 'Kirjoita lyhyt kommentti siitä, mitä muutit.', 'workspace.saved': 'Tallennettu luonnokseksi {version}.',
  'workspace.unsaved': 'Sinulla on tallentamattomia muutoksia.', 'workspace.saveBeforeDeploy': 'Tallenna muutoksesi ensin luonnokseksi ja ota sitten se käyttöön.',
  'editor.label': 'Sääntöeditori: {name}', 'editor.checking': 'Tarkistetaan…', 'editor.valid': 'Säännöt kääntyvät: ei virheitä.',
  'editor.invalid': '{n} virhettä:', 'editor.errorAt': '{source}, rivi {line}:',
  'test.title': 'Kokeile', 'test.lead': 'Anna esimerkkipalaute ja katso, mitkä säännöt laukeavat tällä versiolla ja käytössä olevalla.',
  'test.example': 'Valmis esimerkki', 'test.pickExample': 'Valitse esimerkki…', 'test.run': 'Kokeile', 'test.running': 'Kokeillaan…',
  'test.thisVersion': 'Tämä versio', 'test.liveVersion': 'Käytössä oleva', 'test.firedInOrder': 'Lauenneet säännöt järjestyksessä',
  'test.notFired': 'Miksi muut säännöt eivät lauenneet', 'test.dirty': 'Huom: kokeilu käytti tallennettua versiota, ei tallentamattomia muutoksiasi.',
  'example.deliveryComplaint': 'Valitus myöhästyneestä toimituksesta verkkokaupassa', 'example.goldDetractor': 'Kulta-asiakas, joka ei suosittele',
  'example.promoter': 'Innokas suosittelija', 'example.lowCsat': 'Huono arvio puhelinpalvelusta',
  'scenario.title': 'Testitapaukset', 'scenario.lead': 'Tallennetut esimerkit ja niiden odotetut toimenpiteet. Versiota ei voi ottaa käyttöön, jos jokin epäonnistuu.',
  'scenario.saveTitle': 'Tallenna testitapaukseksi', 'scenario.saveLead': 'Tallentaa palautteen ja tämän version toimenpiteet odotetuksi tulokseksi.',
  'scenario.name': 'Testitapauksen nimi', 'scenario.save': 'Tallenna testitapaus', 'scenario.nameNeeded': 'Anna testitapaukselle nimi.',
  'scenario.saved': 'Testitapaus ”{name}” tallennettu.', 'scenario.runAll': 'Aja testitapaukset', 'scenario.running': 'Ajetaan…',
  'scenario.pass': 'läpi', 'scenario.fail': 'epäonnistui', 'scenario.notRun': 'ei ajettu', 'scenario.none': 'Ei testitapauksia vielä.',
  'scenario.nothingExpected': 'ei odoteta toimenpiteitä', 'scenario.delete': 'Poista', 'scenario.deleteNamed': 'Poista testitapaus {name}',
  'scenario.expected': 'Odotettiin:', 'scenario.actual': 'Tuli:', 'scenario.summary': '{passed} läpi, {failed} epäonnistui.',
  'promise.title': 'Uusi lupaus', 'promise.lead': 'Kuvaa lupaus lomakkeella. Lupaus kirjoittaa siitä säännön, jonka näet vieressä, ja tallentaa sen uuteen luonnokseen.',
  'promise.back': 'Takaisin versioon {version}', 'promise.form': 'Lupaus', 'promise.titleLabel': 'Lupaus omin sanoin',
  'promise.titleHint': 'Esim. ”Verkkokaupan toimitusvalituksiin vastataan 12 tunnissa”. Tästä tulee säännön nimi.',
  'promise.idLabel': 'Lupauksen tunnus', 'promise.idHint': 'Pienet kirjaimet ja numerot väliviivoin, esim. delivery-complaint-12h.',
  'promise.when': 'Kun', 'promise.kind': 'Palaute on', 'promise.mentions': 'Kommentissa mainitaan sana', 'promise.mentionsHint': 'Valinnainen, esim. toimitus',
  'promise.then': 'Niin', 'promise.action': 'Tehdään', 'promise.caseDetails': 'Tapauksen tiedot', 'promise.owner': 'Vastuutiimi',
  'promise.ownerHint': 'Esim. service-team tai team-lead', 'promise.priority': 'Kiireellisyys', 'promise.hours': 'Määräaika tunteina',
  'promise.do.OPEN_CASE': 'Avataan tapaus määräajalla', 'promise.do.THANK': 'Kiitetään asiakasta', 'promise.do.RECOVERY': 'Tarjotaan hyvitys',
  'promise.reads': 'Lupaus kuuluu', 'promise.drl': 'Sääntö', 'promise.drlLead': 'Lupaus kirjoittaa tämän säännön puolestasi.',
  'promise.fillTitle': 'Kirjoita lupaus ja sen tunnus, niin sääntö näkyy tässä.', 'promise.add': 'Lisää uuteen luonnokseen',
  'promise.added': 'Lupaus lisätty luonnokseen {version}. Kokeile sitä ennen käyttöönottoa.', 'promise.comment': 'Uusi lupaus: {title}',
  'kind.complaint': 'valitus', 'kind.detractor': 'arvostelija (NPS 0–6)', 'kind.promoter': 'suosittelija (NPS 9–10)', 'kind.low-csat': 'huono tyytyväisyysarvio (CSAT 1–2)', 'kind.any': 'mikä tahansa palaute',
  'sentence.kind.complaint': 'Kun asiakas tekee valituksen', 'sentence.kind.detractor': 'Kun asiakas on arvostelija', 'sentence.kind.promoter': 'Kun asiakas on suosittelija',
  'sentence.kind.low-csat': 'Kun asiakas antaa huonon arvion', 'sentence.kind.any': 'Kun asiakas antaa palautetta',
  'sentence.at': 'kohtaamispisteessä {touchpoint}', 'sentence.phase': '({phase})', 'sentence.tier': 'ja on kanta-asiakastasolla {tier}',
  'sentence.mentions': 'ja kommentissa mainitaan ”{word}”', 'sentence.case': 'avaa tiimille {owner} tapaus, määräaika {hours} tuntia ({priority})',
  'sentence.THANK': 'kiitä asiakasta', 'sentence.RECOVERY': 'tarjoa hyvitys',
};

const en = {
  skip: 'Skip to content', 'nav.label': 'Main menu', 'lang.switch': 'Switch the language to Finnish',
  'nav.rules': 'Rules', 'nav.decisions': 'Decisions', 'nav.audit': 'Audit', 'nav.cases': 'Cases', 'nav.scoreboard': 'Scoreboard',
  who: '{name} ({role})', signOut: 'Sign out', signedOut: 'You have signed out.',
  sessionEnded: 'Your session ended. Sign in again to carry on where you were.',
  'role.admin': 'admin', 'role.cx-manager': 'CX manager', 'role.auditor': 'auditor', 'role.ingest': 'system',
  'signIn.title': 'Sign in', 'signIn.lead': 'Lupaus turns customer feedback into kept promises. Sign in with your username.',
  'signIn.username': 'Username', 'signIn.password': 'Password', 'signIn.submit': 'Sign in', 'signIn.busy': 'Signing in…',
  'signIn.wrong': 'The username or the password is wrong. Check them and try again.',
  'common.yes': 'yes', 'common.no': 'no', 'common.any': 'Any', 'common.anyTouchpoint': 'All touchpoints',
  'common.anyPhase': 'All phases', 'common.anyTier': 'All loyalty tiers', 'common.loading': 'Loading…', 'common.saving': 'Saving…',
  'common.searching': 'Searching…', 'common.comingSoon': 'This page is coming soon.', 'common.notFound': 'Page not found',
  'common.toStart': 'Back to the start', 'common.notAllowed': 'Not allowed', 'common.nothingForYou': 'Your role has no pages in the console. Ask an admin for access.',
  'error.network': 'The server cannot be reached. Check your connection and try again in a moment.',
  'error.400': 'The server did not accept the request. Correct the points below and try again.',
  'error.401': 'You are not signed in. Sign in and try again.',
  'error.403': 'You may not do this. Ask an admin for access, or reload the page if your session is old.',
  'error.404': 'It was not found. It may have been removed; go back to the previous page.',
  'error.409': 'This cannot be done right now. See why below.',
  'error.413': 'What you sent is too large. Shorten it and try again.',
  'error.422': 'The rules do not compile. Correct the lines below and try again.',
  'error.429': 'Too many requests in a short time. Wait a moment and try again.',
  'error.503': 'The server is busy right now. Try again in a few seconds.',
  'error.500': 'The server failed, and nothing was stored. Try again; if it happens again, give the admin the reference below.',
  'action.THANK': 'Thank the customer', 'action.OPEN_CASE': 'Open a case', 'action.RECOVERY': 'Offer recovery', 'action.AFTERCARE': 'Aftercare',
  'action.promise': 'promise {promise}', 'action.owner': 'owner: {owner}', 'action.due': 'due {time}', 'action.scheduled': 'scheduled {time}',
  'action.loyaltyBenefit': 'loyalty benefit', 'priority.normal': 'normal priority', 'priority.high': 'high priority',
  'touchpoint.store': 'store', 'touchpoint.web': 'web shop', 'touchpoint.app': 'app', 'touchpoint.phone': 'phone',
  'touchpoint.chat': 'chat', 'touchpoint.email': 'email', 'touchpoint.social': 'social media',
  'phase.pre': 'before the purchase', 'phase.core': 'during the service', 'phase.after': 'after the purchase',
  'tier.none': 'not a member', 'tier.bronze': 'bronze', 'tier.silver': 'silver', 'tier.gold': 'gold',
  'survey.NPS': 'NPS (likely to recommend, 0–10)', 'survey.CSAT': 'CSAT (satisfaction, 1–5)', 'survey.npsHint': '0–10: 0–6 detractor, 9–10 promoter', 'survey.csatHint': '1–5: 1–2 is a poor rating',
  'fb.customerId': 'Customer id', 'fb.receivedAt': 'Received', 'fb.touchpoint': 'Touchpoint', 'fb.phase': 'Journey phase',
  'fb.score': 'Rating', 'fb.scoreOnly': 'Score', 'fb.survey': 'Survey', 'fb.complaint': 'The customer complains', 'fb.loyaltyTier': 'Loyalty tier',
  'fb.complaintFact': 'Complaint', 'fb.comment': 'Comment', 'fb.orderId': 'Order number', 'fb.feedbackId': 'Feedback id',
  'decisions.title': 'Decisions', 'decisions.lead': 'Search decisions by customer, time, rule or action. Open a decision to see why it was made.',
  'decisions.from': 'From', 'decisions.to': 'Before', 'decisions.rule': 'Rule that fired', 'decisions.ruleHint': 'Part of the rule name',
  'decisions.action': 'Action', 'decisions.search': 'Search', 'decisions.when': 'Decided', 'decisions.fired': 'Rules fired',
  'decisions.actions': 'Actions', 'decisions.version': 'Rule-set version', 'decisions.count': '{n} decisions found.', 'decisions.more': 'Show more',
  'decisions.back': 'Back to the search',
  'decision.title': 'Decision', 'decision.summary': 'Decided {time} for customer {customer} with rule-set version', 'decision.feedback': 'Feedback',
  'decision.firedRules': 'Rules fired, in order', 'decision.actions': 'Actions', 'decision.noRules': 'No rule fired.',
  'decision.noActions': 'No actions.', 'decision.erased': 'The customer’s personal data has been erased.', 'decision.erasedShort': '(erased)',
  'decision.explain': 'Explain the decision', 'decision.replay': 'Replay the decision', 'decision.replaying': 'Replaying…',
  'explain.title': 'Explanation', 'explain.lead': '{fired} of {all} rules fired. Each rule’s conditions and whether they held:',
  'explain.firedRules': 'Rules that fired', 'explain.notFiredRules': 'Rules that did not fire', 'explain.fired': 'Fired', 'explain.notFired': 'Did not fire',
  'explain.fact': 'Fact', 'explain.condition': 'Condition', 'explain.held': 'Held?',
  'held.yes': 'held', 'held.no': 'did not hold', 'held.notReached': 'not checked',
  'why.before': 'Did not fire: the condition ', 'why.after': ' did not hold', 'why.notDetailed': 'This rule’s conditions cannot be explained one by one.', 'why.unknown': 'Did not fire.',
  'replay.title': 'Replay', 'replay.identical': 'Identical: the rule-set version, facts and time give exactly the same decision today.',
  'replay.different': 'Different! The replay did not give the recorded decision. Differences:', 'replay.erased': 'This decision cannot be replayed: the customer’s personal data was erased on request.',
  'replay.recorded': 'Recorded', 'replay.replayed': 'Replayed',
  'audit.title': 'Audit', 'audit.lead': 'Check that the decision log has not been changed, and see what a rule change would have done to earlier feedback.',
  'verify.title': 'Verify the decision log', 'verify.lead': 'Checks the chain and replays every decision of the chosen time. Leave the times empty to check the whole log.',
  'verify.start': 'Start verifying', 'verify.progress': '{n} decisions checked…', 'verify.clean': 'The log is intact: {n} decisions checked, all replayed identically.',
  'verify.problems': '{n} problems in {checked} decisions checked:', 'verify.record': 'Record {seq}',
  'backtest.title': 'Backtest', 'backtest.lead': 'Decides the feedback of the chosen time again with another rule-set version and shows which actions would change.',
  'backtest.version': 'Rule-set version', 'backtest.start': 'Start the backtest', 'backtest.progress': '{n} feedback decided…',
  'backtest.summary': '{decided} feedback decided again; {changed} decisions would change.', 'backtest.before': 'Now', 'backtest.after': 'With the version',
  'backtest.byAction': 'Actions', 'backtest.byRule': 'Rules fired', 'backtest.chart': 'Action counts now and with the version',
  'export.title': 'Export decisions', 'export.lead': 'Download the decisions of the chosen time as a file.', 'export.jsonl': 'Download JSON Lines', 'export.csv': 'Download CSV',
  'rules.title': 'Rules', 'rules.lead': 'Customer promises and follow-up policies as rules. Every save is a version of its own; one is live at a time.',
  'rules.liveIs': 'Live now:', 'rules.editLive': 'Open and edit', 'rules.open': 'Open', 'rules.openEdit': 'Open',
  'rules.versions': 'Versions, newest first', 'rules.version': 'Version', 'rules.comment': 'Comment', 'rules.author': 'Author', 'rules.created': 'Saved',
  'rules.deployedAt': 'Deployed', 'rules.scenarios': 'Scenarios', 'rules.do': 'Actions', 'rules.live': 'live', 'rules.wasLive': 'was live',
  'rules.draft': 'draft', 'rules.deploy': 'Deploy', 'rules.rollback': 'Roll back to this', 'rules.deploying': 'Deploying…',
  'rules.deployed': 'Version {version} is now live.', 'rules.rolledBack': 'Rolled back to version {version}.', 'rules.rollbackComment': 'Roll back to {version}',
  'rules.compare': 'Compare two versions', 'rules.compareFrom': 'Older', 'rules.compareTo': 'Newer', 'rules.showDiff': 'Show the differences', 'rules.back': 'All versions',
  'deploy.refused': 'The version was not deployed, because its scenarios fail:',
  'deploy.refusedHelp': 'Correct the rules or the scenarios, save a new draft and try again. The live version did not change.',
  'diff.title': 'Differences between versions', 'diff.lead': 'Changes from one version to the other:', 'diff.none': 'The versions do not differ.',
  'diff.added': 'added', 'diff.removed': 'removed', 'diff.changed': 'changed', 'diff.same': 'unchanged',
  'workspace.title': 'Rule-set version {version}', 'workspace.meta': 'Saved by {author} {time}', 'workspace.basedOn': 'based on',
  'workspace.newPromise': 'New promise with a form', 'workspace.diffLive': 'Differences from live', 'workspace.files': 'Rule files', 'workspace.sources': 'Rules',
  'workspace.save': 'Save as a draft', 'workspace.comment': 'What did you change?', 'workspace.commentHint': 'The comment shows in the version history.',
  'workspace.commentNeeded': 'Write a short comment on what you changed.', 'workspace.saved': 'Saved as draft {version}.',
  'workspace.unsaved': 'You have unsaved changes.', 'workspace.saveBeforeDeploy': 'Save your changes as a draft first, then deploy that.',
  'editor.label': 'Rule editor: {name}', 'editor.checking': 'Checking…', 'editor.valid': 'The rules compile: no errors.',
  'editor.invalid': '{n} errors:', 'editor.errorAt': '{source}, line {line}:',
  'test.title': 'Try it', 'test.lead': 'Enter example feedback and see which rules fire in this version and in the live one.',
  'test.example': 'Ready example', 'test.pickExample': 'Pick an example…', 'test.run': 'Try it', 'test.running': 'Trying…',
  'test.thisVersion': 'This version', 'test.liveVersion': 'Live', 'test.firedInOrder': 'Rules fired, in order',
  'test.notFired': 'Why the other rules did not fire', 'test.dirty': 'Note: the test used the saved version, not your unsaved changes.',
  'example.deliveryComplaint': 'A complaint about a late delivery in the web shop', 'example.goldDetractor': 'A gold-tier customer who would not recommend us',
  'example.promoter': 'An enthusiastic promoter', 'example.lowCsat': 'A poor rating of the phone service',
  'scenario.title': 'Scenarios', 'scenario.lead': 'Saved examples and the actions they must give. A version whose scenarios fail cannot be deployed.',
  'scenario.saveTitle': 'Save as a scenario', 'scenario.saveLead': 'Keeps the feedback and this version’s actions as the expected outcome.',
  'scenario.name': 'Scenario name', 'scenario.save': 'Save the scenario', 'scenario.nameNeeded': 'Give the scenario a name.',
  'scenario.saved': 'Scenario “{name}” saved.', 'scenario.runAll': 'Run the scenarios', 'scenario.running': 'Running…',
  'scenario.pass': 'pass', 'scenario.fail': 'fail', 'scenario.notRun': 'not run', 'scenario.none': 'No scenarios yet.',
  'scenario.nothingExpected': 'no actions expected', 'scenario.delete': 'Delete', 'scenario.deleteNamed': 'Delete scenario {name}',
  'scenario.expected': 'Expected:', 'scenario.actual': 'Got:', 'scenario.summary': '{passed} passed, {failed} failed.',
  'promise.title': 'New promise', 'promise.lead': 'Describe the promise in the form. Lupaus writes its rule, shown beside, and saves it in a new draft.',
  'promise.back': 'Back to version {version}', 'promise.form': 'The promise', 'promise.titleLabel': 'The promise in your words',
  'promise.titleHint': 'E.g. “Delivery complaints in the web shop are answered within 12 hours”. This becomes the rule’s name.',
  'promise.idLabel': 'Promise id', 'promise.idHint': 'Lower-case letters and digits joined by dashes, e.g. delivery-complaint-12h.',
  'promise.when': 'When', 'promise.kind': 'The feedback is', 'promise.mentions': 'The comment mentions the word', 'promise.mentionsHint': 'Optional, e.g. delivery',
  'promise.then': 'Then', 'promise.action': 'Do', 'promise.caseDetails': 'The case', 'promise.owner': 'Owning team',
  'promise.ownerHint': 'E.g. service-team or team-lead', 'promise.priority': 'Priority', 'promise.hours': 'Deadline in hours',
  'promise.do.OPEN_CASE': 'Open a case with a deadline', 'promise.do.THANK': 'Thank the customer', 'promise.do.RECOVERY': 'Offer recovery',
  'promise.reads': 'The promise reads', 'promise.drl': 'The rule', 'promise.drlLead': 'Lupaus writes this rule for you.',
  'promise.fillTitle': 'Write the promise and its id, and the rule shows here.', 'promise.add': 'Add to a new draft',
  'promise.added': 'Promise added to draft {version}. Try it before you deploy.', 'promise.comment': 'New promise: {title}',
  'kind.complaint': 'a complaint', 'kind.detractor': 'a detractor (NPS 0–6)', 'kind.promoter': 'a promoter (NPS 9–10)', 'kind.low-csat': 'a poor satisfaction rating (CSAT 1–2)', 'kind.any': 'any feedback',
  'sentence.kind.complaint': 'When a customer complains', 'sentence.kind.detractor': 'When a customer is a detractor', 'sentence.kind.promoter': 'When a customer is a promoter',
  'sentence.kind.low-csat': 'When a customer gives a poor rating', 'sentence.kind.any': 'When a customer gives feedback',
  'sentence.at': 'at the {touchpoint}', 'sentence.phase': '({phase})', 'sentence.tier': 'and is a {tier}-tier customer',
  'sentence.mentions': 'and the comment mentions “{word}”', 'sentence.case': 'open a case for {owner}, due within {hours} hours ({priority})',
  'sentence.THANK': 'thank the customer', 'sentence.RECOVERY': 'offer recovery',
};

const dictionaries = { fi, en };
const listeners = [];

function initial() {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'fi' || saved === 'en') return saved;
  } catch (e) {
    // storage may be off: fall back to the browser's language
  }
  return (navigator.language || 'fi').toLowerCase().startsWith('en') ? 'en' : 'fi';
}

let current = initial();

export function lang() {
  return current;
}

export function setLang(next) {
  current = next === 'en' ? 'en' : 'fi';
  try {
    localStorage.setItem(STORAGE_KEY, current);
  } catch (e) {
    // not remembered, but switched
  }
  listeners.forEach((listener) => listener(current));
}

export function onLangChange(listener) {
  listeners.push(listener);
}

/** The text for key in the current language, with {name} placeholders filled from vars. */
export function t(key, vars = {}) {
  const text = dictionaries[current][key] ?? dictionaries.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (match, name) => {
    const value = vars[name];
    if (value === undefined) return match;
    return typeof value === 'number' ? value.toLocaleString(current === 'fi' ? 'fi-FI' : 'en-GB') : String(value);
  });
}

export const keysOf = (language) => Object.keys(dictionaries[language]);
